"""Reservations, mounted on the root Query and Mutation: any member of the tenant (or its API
key), like chargeCredits."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from resolvers.context import Info
from resolvers.errors import as_result, for_query
from schema import reservations as r
from schema.types import Connection, CreditUsage
from services import reservations
from services.enums import ReservationStatus

IDEMPOTENCY_KEY = (
    "Makes a retry safe: a repeat with the same key returns the first reservation and holds "
    "nothing more; the same key with a different input is a CONFLICT."
)
PAGE_SIZE = "Page size, at most 100 (default 20)."
AFTER = "Cursor (an `endCursor`) to start after."


def _given(value: Any) -> Any:
    return None if value is strawberry.UNSET else value


@strawberry.type(description="Reservation queries.")
class ReservationQuery:
    @strawberry.field(description="The tenant's reservations, newest first.")
    async def reservations(
        self,
        info: Info,
        status: Annotated[
            r.ReservationStatus | None,
            strawberry.argument(description="Only reservations in this state now."),
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[r.Reservation]:
        tenant_id = await info.context.tenant_id()
        page = await for_query(
            reservations.list_reservations(
                tenant_id=tenant_id,
                status=ReservationStatus(status.value) if status is not None else None,
                first=first,
                after=after,
            )
        )
        return Connection.from_page(page, r.Reservation.from_view)


@strawberry.type(description="Reservation mutations.")
class ReservationMutation:
    @strawberry.mutation(
        description="Holds `amount * quantity` credits of a credit type for work of unknown "
        "cost, decided like a charge: held credits count as spent for every other charge until "
        "the reservation is committed, released or expires."
    )
    async def reserve_credits(
        self,
        info: Info,
        input: Annotated[
            r.ReserveCreditsInput, strawberry.argument(description="The credits to hold.")
        ],
        idempotency_key: Annotated[
            str | None, strawberry.argument(description=IDEMPOTENCY_KEY)
        ] = None,
    ) -> r.ReserveCreditsResult:
        access = await info.context.member()
        # An API key is nobody: its holds are no member's.
        caller_id = (
            None if access.api_key_id is not None else (await info.context.principal()).user_id
        )
        return await as_result(
            reservations.reserve_credits(
                runtime=info.context.runtime,
                tenant_id=access.tenant_id,
                caller_id=caller_id,
                type=input.type,
                quantity=input.quantity,
                ttl_seconds=input.ttl_seconds,
                object_id=_given(input.object_id),
                idempotency_key=idempotency_key,
            ),
            lambda view: r.ReserveCreditsSuccess(reservation=r.Reservation.from_view(view)),
        )

    @strawberry.mutation(
        description="Commits a held reservation: charges the quantity used (at most what was "
        "held, at the price fixed at reserve time) and frees the rest. A retry with the same "
        "quantity answers the same charge."
    )
    async def commit_reservation(
        self,
        info: Info,
        input: Annotated[
            r.CommitReservationInput, strawberry.argument(description="The reservation to commit.")
        ],
    ) -> r.CommitReservationResult:
        access = await info.context.member()
        return await as_result(
            reservations.commit_reservation(
                runtime=info.context.runtime,
                tenant_id=access.tenant_id,
                reservation_id=input.id,
                quantity=_given(input.quantity),
            ),
            lambda done: r.CommitReservationSuccess(
                reservation=r.Reservation.from_view(done[0]), usage=CreditUsage.from_row(done[1])
            ),
        )

    @strawberry.mutation(description="Releases a held reservation: frees its credits.")
    async def release_reservation(
        self,
        info: Info,
        input: Annotated[
            r.ReleaseReservationInput,
            strawberry.argument(description="The reservation to release."),
        ],
    ) -> r.ReleaseReservationResult:
        access = await info.context.member()
        return await as_result(
            reservations.release_reservation(
                runtime=info.context.runtime, tenant_id=access.tenant_id, reservation_id=input.id
            ),
            lambda view: r.ReleaseReservationSuccess(reservation=r.Reservation.from_view(view)),
        )
