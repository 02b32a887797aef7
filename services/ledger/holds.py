"""Reservations in the ledger's decisions, pure: what a hold does to an account, and when a
commit is refused or answers an earlier commit. `decide` applies them under the tenant lock.

A hold is counted as spent by every other charge (`Account.remaining` excludes it) while it
is HELD and not expired. Committing it lifts the hold and charges the committed quantity (at
most what was held) at the price fixed at reserve time; the rest is freed. An expired hold
is not in the account at all: committing it is refused and charges nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from uuid import UUID

from models import ReservationStatus
from services.errors import Conflict, DomainError, NotFound
from services.ledger.account import Account, Hold


@dataclass(frozen=True, slots=True)
class HoldState:
    """A reservation a commit names, as read under the lock."""

    tenant_id: UUID
    # As stored: HELD, COMMITTED or RELEASED (an expired hold is stored HELD).
    status: ReservationStatus
    # The quantity its commit charged (COMMITTED only).
    committed_quantity: int | None = None


@dataclass(frozen=True, slots=True)
class Recommit:
    """The reservation was already committed with this quantity: that commit's ledger row
    answers this one (an idempotent retry); nothing is charged."""

    reservation_id: UUID


def with_hold(account: Account, hold: Hold) -> Account:
    return replace(account, holds=(*account.holds, hold), event_sequence=account.event_sequence + 1)


def without_hold(account: Account, reservation_id: UUID) -> Account:
    """The account with the hold lifted (the event sequence is the charge's to move on)."""
    return replace(account, holds=tuple(h for h in account.holds if h.id != reservation_id))


def commit_refusal(
    *,
    tenant_id: UUID,
    reservation_id: UUID,
    quantity: int,
    account: Account,
    states: Mapping[UUID, HoldState],
    committed: Mapping[UUID, int],
) -> DomainError | Recommit | None:
    """Why a commit of `quantity` units of the reservation is not charged now (None: it is).
    `committed`: the reservations committed earlier in this batch, with their quantity."""
    state = states.get(reservation_id)
    if state is None or state.tenant_id != tenant_id:
        return NotFound("Reservation")
    done = committed.get(reservation_id)
    if done is None and state.status is ReservationStatus.COMMITTED:
        done = state.committed_quantity
    if done is not None:
        if done == quantity:
            return Recommit(reservation_id)
        return Conflict(
            f"The reservation was already committed with quantity {done}; nothing was charged."
        )
    if state.status is ReservationStatus.RELEASED:
        return Conflict("The reservation was released; nothing was charged.")
    if not any(hold.id == reservation_id for hold in account.holds):
        return Conflict("The reservation expired and its credits were freed; nothing was charged.")
    return None
