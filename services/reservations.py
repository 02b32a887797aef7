"""Reservations: credits held for work of unknown cost, then committed (charged, at most what
was held) or released.

A reserve and a commit are requests of the charger like a charge (`NewHold`, `CommitHold`):
the same queue, tenant lock, row lock, transaction and pure `decide()`, so a hold can never
be raced into more than the tenant has, and a charge never spends held credits. A release
only frees credits: it is a change of the account (`change_account`), under the same lock.
An expired hold is a HELD row past its `expires_at`: not counted by any read, so it frees its
credits by itself, without a job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CreditReservation, CreditUsage, ReservationStatus
from services.charges import clean_object_id, clean_quantity
from services.clock import utcnow
from services.errors import Conflict, NotFound, ValidationFailed
from services.ledger.requests import Charged, ChargeRequest, CommitHold, NewHold
from services.pagination import Page, paginate
from services.validation import clean_idempotency_key, parse_id, request_fingerprint

if TYPE_CHECKING:
    from services.runtime import Runtime

DEFAULT_TTL_SECONDS = 300
MAX_TTL_SECONDS = 86_400


@dataclass(frozen=True, slots=True)
class Reservation:
    """A reservation as the API shows it: its row, and its status now (a HELD row past its
    expiry reads EXPIRED)."""

    row: CreditReservation
    status: ReservationStatus

    @classmethod
    def at(cls, row: CreditReservation, now: datetime) -> Reservation:
        return cls(row, status_at(row, now))

    # A page's cursor is its row's.
    @property
    def id(self) -> UUID:
        return self.row.id

    @property
    def created_at(self) -> datetime:
        return self.row.created_at


def status_at(row: CreditReservation, now: datetime) -> ReservationStatus:
    if row.status is ReservationStatus.HELD and row.expires_at <= now:
        return ReservationStatus.EXPIRED
    return ReservationStatus(row.status)


def clean_ttl(ttl_seconds: int) -> int:
    if not 1 <= ttl_seconds <= MAX_TTL_SECONDS:
        raise ValidationFailed(
            "ttlSeconds", f"ttlSeconds must be between 1 and {MAX_TTL_SECONDS:,}."
        )
    return ttl_seconds


async def reserve_credits(
    *,
    runtime: Runtime,
    tenant_id: UUID,
    caller_id: UUID | None,
    type: str,
    quantity: int,
    ttl_seconds: int,
    object_id: str | None,
    idempotency_key: str | None,
) -> Reservation:
    """Holds `quantity` units of the credit type `type` (at its price now) for `ttl_seconds`,
    for `caller_id` (None: an API key), or raises what refused it (nothing held)."""
    await runtime.limiter.hit(action="reserveCredits", tenant_id=tenant_id, user_id=caller_id)
    quantity = clean_quantity(quantity)
    ttl_seconds = clean_ttl(ttl_seconds)
    path = clean_object_id(object_id) if object_id is not None else None
    key = clean_idempotency_key(idempotency_key)
    credit_type = await runtime.catalog.credit_type(type)
    request: ChargeRequest[CreditReservation] = ChargeRequest(
        tenant_id=tenant_id,
        user_id=caller_id,
        credit_type=credit_type,
        new=NewHold(uuid4(), utcnow() + timedelta(seconds=ttl_seconds), path),
        quantity=quantity,
        idempotency_key=key,
        fingerprint=request_fingerprint(
            key,
            "reserveCredits",
            {
                "type": credit_type.value,
                "quantity": quantity,
                "ttlSeconds": ttl_seconds,
                "objectId": path,
                "userId": str(caller_id) if caller_id else None,
            },
        ),
    )
    held = await runtime.charger.hold(request)
    return Reservation.at(held.reservation, utcnow())


async def commit_reservation(
    *, runtime: Runtime, tenant_id: UUID, reservation_id: str, quantity: int | None
) -> tuple[Reservation, CreditUsage]:
    """Lifts the hold and charges `quantity` units (None: all held; more than held: what was
    held) at the price fixed at reserve time; the rest is freed. Committing again with the same
    quantity answers the same ledger row; with another, `Conflict`. An expired or released
    reservation is a `Conflict`; nothing is charged."""
    id_ = parse_id("id", reservation_id)
    if quantity is not None:
        clean_quantity(quantity)
    row = await _find(tenant_id, id_)
    credit_type = await runtime.catalog.credit_type(row.type)
    committed = row.quantity if quantity is None else min(quantity, row.quantity)
    request: ChargeRequest[CreditReservation] = ChargeRequest(
        tenant_id=tenant_id,
        # The ledger row is the reserver's, whoever commits it.
        user_id=row.user_id,
        credit_type=replace(credit_type, amount=row.amount // row.quantity),
        new=CommitHold(id_, row.object_path),
        quantity=committed,
    )
    outcome = await runtime.charger.charge(request)
    if isinstance(outcome, Charged) and outcome.obj is not None:
        row = outcome.obj
    else:
        row = await _find(tenant_id, id_)
    return Reservation.at(row, utcnow()), outcome.usage


async def release_reservation(
    *, runtime: Runtime, tenant_id: UUID, reservation_id: str
) -> Reservation:
    """Frees a held reservation's credits. A released (or expired) one is answered as it is; a
    committed one is a `Conflict`."""
    id_ = parse_id("id", reservation_id)
    row = await _find(tenant_id, id_)
    if status_at(row, utcnow()) is ReservationStatus.HELD:

        async def release(connection: BaseDBAsyncClient) -> CreditReservation:
            await (
                CreditReservation.filter(id=id_, tenant_id=tenant_id, status=ReservationStatus.HELD)
                .using_db(connection)
                .update(status=ReservationStatus.RELEASED)
            )
            return await CreditReservation.filter(id=id_).using_db(connection).get()

        row = await runtime.charger.change_account(tenant_id, release)
    if row.status is ReservationStatus.COMMITTED:
        raise Conflict("The reservation was committed; it cannot be released.")
    return Reservation.at(row, utcnow())


async def list_reservations(
    *,
    tenant_id: UUID,
    status: ReservationStatus | None,
    first: int | None,
    after: str | None,
) -> Page[Reservation]:
    """The tenant's reservations, newest first, optionally of one status (as it reads now)."""
    now = utcnow()
    query = CreditReservation.filter(tenant_id=tenant_id)
    if status is ReservationStatus.HELD:
        query = query.filter(status=ReservationStatus.HELD, expires_at__gt=now)
    elif status is ReservationStatus.EXPIRED:
        query = query.filter(status=ReservationStatus.HELD, expires_at__lte=now)
    elif status is not None:
        query = query.filter(status=status)
    page = await paginate(query, first=first, after=after, newest_first=True)
    return Page(
        items=[Reservation.at(row, now) for row in page.items],
        has_next_page=page.has_next_page,
    )


async def _find(tenant_id: UUID, id_: UUID) -> CreditReservation:
    row = await CreditReservation.get_or_none(id=id_, tenant_id=tenant_id)
    if row is None:
        raise NotFound("Reservation")
    return row
