"""Reservations in a batch: what is read for them under the lock, and the guarded write that
marks a committed one. The decisions are `holds`'; the rows a hold inserts are `records`'."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CreditReservation, CreditUsage, ReservationStatus
from services.ledger.account import Hold
from services.ledger.holds import HoldState
from services.ledger.requests import ChargeRequest, CommitHold, NewHold
from services.ledger.writes import StaleRead


@dataclass(frozen=True, slots=True)
class ReservationReads:
    """What a batch reads of the reservations its requests name."""

    # Reserves' idempotency keys already used: (tenant, key) -> the reservation they made.
    by_key: dict[tuple[UUID, str], CreditReservation] = field(default_factory=dict)
    # The reservations commits name, in their tenants.
    by_id: dict[UUID, CreditReservation] = field(default_factory=dict)
    # The ledger rows of those already committed, by reservation id.
    usages: dict[UUID, CreditUsage] = field(default_factory=dict)

    def used_keys(self) -> dict[tuple[UUID, str], str | None]:
        return {key: row.request_hash for key, row in self.by_key.items()}

    def states(self) -> dict[UUID, HoldState]:
        return {
            id_: HoldState(
                tenant_id=row.tenant_id,
                status=row.status,
                committed_quantity=usage.quantity if (usage := self.usages.get(id_)) else None,
            )
            for id_, row in self.by_id.items()
        }


NO_RESERVATIONS = ReservationReads()


def names_reservations(requests: Sequence[ChargeRequest[Any]]) -> bool:
    return any(isinstance(request.new, NewHold | CommitHold) for request in requests)


async def read_reservations(
    requests: Sequence[ChargeRequest[Any]], connection: BaseDBAsyncClient
) -> ReservationReads:
    """The reservations the requests' keys made before, and those their commits name (each
    in its request's tenant: another tenant's is not read, so it is NotFound)."""
    keyed = {
        (request.tenant_id, request.idempotency_key)
        for request in requests
        if isinstance(request.new, NewHold) and request.idempotency_key
    }
    named = {
        (request.tenant_id, request.new.reservation_id)
        for request in requests
        if isinstance(request.new, CommitHold)
    }
    if not keyed and not named:
        return NO_RESERVATIONS
    reads = ReservationReads()
    if keyed:
        rows = await CreditReservation.filter(
            tenant_id__in=list({tenant for tenant, _ in keyed}),
            idempotency_key__in=list({key for _, key in keyed}),
        ).using_db(connection)
        reads.by_key.update(
            ((row.tenant_id, row.idempotency_key), row) for row in rows if row.idempotency_key
        )
    if named:
        rows = await CreditReservation.filter(
            id__in=list({id_ for _, id_ in named}),
            tenant_id__in=list({tenant for tenant, _ in named}),
        ).using_db(connection)
        reads.by_id.update((row.id, row) for row in rows if (row.tenant_id, row.id) in named)
        committed = {row.usage_id: row.id for row in reads.by_id.values() if row.usage_id}
        if committed:
            usages = await CreditUsage.filter(id__in=list(committed)).using_db(connection)
            reads.usages.update((committed[usage.id], usage) for usage in usages)
    return reads


async def live_holds(
    tenant_ids: Sequence[UUID], now: datetime, connection: BaseDBAsyncClient | None
) -> dict[UUID, tuple[Hold, ...]]:
    """Each tenant's holds that count now: HELD and not expired, oldest first."""
    if not tenant_ids:
        return {}
    rows = await (
        CreditReservation.filter(
            tenant_id__in=list(tenant_ids), status=ReservationStatus.HELD, expires_at__gt=now
        )
        .using_db(connection)
        .order_by("created_at", "id")
        .values_list("tenant_id", "id", "amount", "expires_at", "user_id")
    )
    grouped: dict[UUID, list[Hold]] = defaultdict(list)
    for tenant_id, id_, amount, expires_at, user_id in rows:
        grouped[UUID(str(tenant_id))].append(
            Hold(
                id=UUID(str(id_)),
                amount=int(amount),
                expires_at=expires_at,
                user_id=UUID(str(user_id)) if user_id else None,
            )
        )
    return {tenant_id: tuple(holds) for tenant_id, holds in grouped.items()}


async def mark_committed(
    connection: BaseDBAsyncClient, committed: Sequence[tuple[UUID, UUID]]
) -> None:
    """Marks each (reservation, ledger row) committed, guarded: only a reservation still HELD
    (otherwise another writer got in: `StaleRead` rolls the batch back to be decided again)."""
    for reservation_id, usage_id in committed:
        changed = await (
            CreditReservation.filter(id=reservation_id, status=ReservationStatus.HELD)
            .using_db(connection)
            .update(status=ReservationStatus.COMMITTED, usage_id=usage_id)
        )
        if changed != 1:
            raise StaleRead
