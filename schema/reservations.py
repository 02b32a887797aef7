"""Reservations: credits held for work of unknown cost, then committed or released."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from schema.errors import (
    ChargeRefusal,
    Conflict,
    InsufficientCredits,
    NoActiveSubscription,
    NotFound,
    Unavailable,
    ValidationFailed,
)
from schema.scalars import described
from schema.types import CreditUsage


@strawberry.enum(description="Where a reservation stands.")
class ReservationStatus(Enum):
    HELD = described("HELD", description="Its credits are held: counted as spent until it ends.")
    COMMITTED = described(
        "COMMITTED", description="Committed: its `usage` charged what was used; the rest was freed."
    )
    RELEASED = described("RELEASED", description="Released: its credits were freed.")
    EXPIRED = described(
        "EXPIRED", description="Its time ran out before a commit: its credits were freed."
    )


@strawberry.type(description="Credits held for work of unknown cost, until committed or released.")
class Reservation:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    type: str = strawberry.field(description="The credit type's `value`.")
    quantity: int = strawberry.field(description="Units of the credit type held.")
    amount: int = strawberry.field(
        description="Credits held: the type's amount at reserve time, times `quantity`."
    )
    status: ReservationStatus = strawberry.field(description="Where it stands now.")
    expires_at: datetime = strawberry.field(
        description="When a hold not committed by then frees its credits by itself."
    )
    created_at: datetime = strawberry.field(description="When it was reserved.")
    object_id: str | None = strawberry.field(
        description="The object of your app the work is for, if given (a path or a UUID)."
    )
    usage_id: strawberry.Private[UUID | None]

    @classmethod
    def from_view(cls, view: Any) -> Reservation:
        """`view`: a services `Reservation` (its row, and its status now)."""
        row = view.row
        return cls(
            id=strawberry.ID(str(row.id)),
            type=row.type,
            quantity=row.quantity,
            amount=row.amount,
            status=ReservationStatus[view.status.value],
            expires_at=row.expires_at,
            created_at=row.created_at,
            object_id=row.object_path,
            usage_id=row.usage_id,
        )

    @strawberry.field(description="The ledger row its commit charged; null until committed.")
    async def usage(self, info: Info) -> CreditUsage | None:
        if self.usage_id is None:
            return None
        row = await info.context.loaders.usage.load(self.usage_id)
        return CreditUsage.from_row(row) if row else None


@strawberry.input(description="Credits to hold for work of unknown cost.")
class ReserveCreditsInput:
    type: str = strawberry.field(description="The credit type's `value`.")
    quantity: int = strawberry.field(
        default=1,
        description="Units held, 1 to 1,000: the hold is the type's amount now times this.",
    )
    ttl_seconds: int = strawberry.field(
        default=300,
        description="Seconds the hold lasts, 1 to 86,400; not committed by then, it frees "
        "its credits by itself.",
    )
    object_id: str | None = strawberry.field(
        default=None,
        description="The object of your app the work is for: a path starting with `/` or a "
        "UUID; its commit's ledger row names it.",
    )


@strawberry.input(description="A reservation to commit.")
class CommitReservationInput:
    id: strawberry.ID = strawberry.field(description="The reservation's id.")
    quantity: int | None = strawberry.field(
        default=None,
        description="Units used, 1 to 1,000 (null: all held); more than held charges what "
        "was held. The rest is freed.",
    )


@strawberry.input(description="A reservation to release.")
class ReleaseReservationInput:
    id: strawberry.ID = strawberry.field(description="The reservation's id.")


@strawberry.type(description="The credits are held.")
class ReserveCreditsSuccess:
    reservation: Reservation = strawberry.field(description="The reservation.")


@strawberry.type(description="The reservation was committed: what was used is charged.")
class CommitReservationSuccess:
    reservation: Reservation = strawberry.field(description="The reservation, committed.")
    usage: CreditUsage = strawberry.field(description="The ledger row of what was charged.")


@strawberry.type(description="The reservation's credits were freed.")
class ReleaseReservationSuccess:
    reservation: Reservation = strawberry.field(description="The reservation, released.")


ReserveCreditsResult = Annotated[
    ReserveCreditsSuccess | ChargeRefusal,
    strawberry.union("ReserveCreditsResult", description="Result of reserveCredits."),
]
CommitReservationResult = Annotated[
    CommitReservationSuccess
    | InsufficientCredits
    | NoActiveSubscription
    | NotFound
    | ValidationFailed
    | Conflict
    | Unavailable,
    strawberry.union("CommitReservationResult", description="Result of commitReservation."),
]
ReleaseReservationResult = Annotated[
    ReleaseReservationSuccess | NotFound | ValidationFailed | Conflict | Unavailable,
    strawberry.union("ReleaseReservationResult", description="Result of releaseReservation."),
]
