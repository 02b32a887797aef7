"""A tenant's spendable state: its period and allowance, its balance row, its grants. Pure data.

The ledger reads an account (`reads`), keeps the committed one between batches (`memory`),
decides charges on it in memory (`decide`), and writes the difference (`writes`): every one
of them speaks of these frozen values, so a decision can be tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple
from uuid import UUID

from models import AlertState, PlanFeatureType

# A TOTAL allowance never renews: one balance row spans the subscription's whole life.
LIFETIME_START = datetime(1970, 1, 1, tzinfo=UTC)
LIFETIME_END = datetime(9999, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Allowance:
    plan_id: UUID
    feature_type: PlanFeatureType | None
    # None: unlimited.
    limit: int | None
    # The billing period shown to users.
    period_start: datetime
    period_end: datetime
    # The window the allowance counts in (the period, or the subscription's lifetime for TOTAL).
    balance_start: datetime
    balance_end: datetime
    # This read renewed the period (persisted by the charger, which announces it).
    period_rolled: bool
    # The plan feature's own value, as read (the limit is derived from it).
    feature_value: int | None = None
    # The grant the period that just ended passed on (ROLLOVER), as this read found or built
    # it: readers show it before the charger persists the turn.
    rollover: Grant | None = None


def allowance_limit(feature_type: PlanFeatureType | None, value: int | None) -> int | None:
    """The credits a plan's credits feature gives per window; None: unlimited. A plan
    without the feature gives nothing."""
    if feature_type is None or feature_type is PlanFeatureType.NOT_INCLUDED:
        return 0
    if feature_type in (PlanFeatureType.UNLIMITED, PlanFeatureType.INCLUDED):
        return None
    return max(value or 0, 0)


@dataclass(frozen=True, slots=True)
class Balance:
    """The tenant's `credit_balance` row for the allowance's window."""

    # None: not written yet (a read-only summary of a window without charges).
    id: UUID | None
    tenant_id: UUID
    # Bumped by every write; the guard compares it.
    version: int
    # What the allowance guard counts.
    used: int
    # `used` plus what grants paid in the window.
    charged: int
    # credit type value -> (credits charged, charges)
    by_type: dict[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Grant:
    id: UUID
    remaining: int
    expires_at: datetime | None
    priority: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Hold:
    """A live reservation: `amount` credits held until `expires_at`, counted as spent."""

    id: UUID
    amount: int
    expires_at: datetime
    # Who reserved (None: an API key naming no one); for member limits.
    user_id: UUID | None = None


NEVER = datetime.max.replace(tzinfo=UTC)


def consumption_order(grants: Iterable[Grant]) -> tuple[Grant, ...]:
    """Grants in the order charges spend them: priority (lowest number first), then the
    earliest expiry (never-expiring last), then the oldest."""
    return tuple(
        sorted(
            grants, key=lambda grant: (grant.priority, grant.expires_at or NEVER, grant.created_at)
        )
    )


class MemberSpend(NamedTuple):
    """A member's own limit within the tenant's pool, and what they used of it in the
    allowance window (their charges not refunded). See `members`."""

    limit: int
    used: int

    @property
    def left(self) -> int:
        return max(self.limit - self.used, 0)


@dataclass(frozen=True, slots=True)
class AlertMark:
    """An alert as the account knows it."""

    id: UUID
    threshold: int
    # The start of the window it belongs to (the allowance's balance window).
    window_start: datetime
    state: AlertState
    used: int
    limit: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Account:
    """What a tenant may spend, as read or as a batch left it. Its grants are the ones that
    can pay, in `consumption_order`."""

    tenant_id: UUID
    allowance: Allowance
    balance: Balance
    grants: tuple[Grant, ...]
    event_sequence: int
    # The tenant's members that have a limit of their own: user id -> their spend. Empty for
    # a tenant without member limits.
    members: Mapping[UUID, MemberSpend] = field(default_factory=dict)
    # Auto top-up: a payment starts when a charge leaves `remaining` below this (None: off).
    auto_top_up_below: int | None = None
    # The live holds (reservations HELD and not expired when read), counted as spent.
    holds: tuple[Hold, ...] = ()
    # Usage alerts (`alerts`): the tenant's thresholds, and its alerts of the current window
    # plus the REACHED ones of earlier windows. Empty: no alerts (accounts built by hand).
    alert_thresholds: tuple[int, ...] = ()
    alerts: tuple[AlertMark, ...] = ()

    @property
    def held(self) -> int:
        return sum(hold.amount for hold in self.holds)

    @property
    def allowance_left(self) -> int | None:
        limit = self.allowance.limit
        return None if limit is None else max(limit - self.balance.used, 0)

    @property
    def grants_left(self) -> int:
        return sum(grant.remaining for grant in self.grants)

    @property
    def remaining(self) -> int | None:
        """What a charge may spend: the allowance and the grants left, less what is held."""
        left = self.allowance_left
        return None if left is None else max(left + self.grants_left - self.held, 0)

    def current_at(self, now: datetime) -> bool:
        """Time has not made it stale: the period runs and no grant or hold has expired."""
        return (
            now < self.allowance.period_end
            and all(grant.expires_at is None or grant.expires_at > now for grant in self.grants)
            and all(hold.expires_at > now for hold in self.holds)
        )

    def summary(self) -> dict[str, Any]:
        """The `usageSummary` shape, as a live usage event carries it."""
        remaining = self.remaining
        charged = self.balance.charged
        held = self.held
        return {
            "periodStart": self.allowance.period_start.isoformat(),
            "periodEnd": self.allowance.period_end.isoformat(),
            "used": charged,
            "limit": None if remaining is None else charged + held + remaining,
            "remaining": remaining,
            "byType": [
                {"type": type_, "used": used, "count": count}
                for type_, (used, count) in sorted(self.balance.by_type.items())
            ],
            "reserved": held,
        }


def no_subscription_summary() -> dict[str, Any]:
    return {
        "periodStart": None,
        "periodEnd": None,
        "used": 0,
        "limit": 0,
        "remaining": 0,
        "byType": [],
        "reserved": 0,
    }
