"""Usage alerts, pure: which thresholds an account's usage has reached, and what changes.

A tenant's thresholds are percents of its window's limit (`used` and `limit` as usageSummary
shows them: limit = charged + remaining, so a grant raises it). Threshold `t` is reached when
`used * 100 >= t * limit` and the limit is positive; an unlimited plan reaches none.

The account carries the tenant's thresholds and its alerts that matter now: every alert of
the current window, and REACHED ones of earlier windows. `alert_transitions` compares them
with the account's usage:
- a configured threshold reached with no alert in the window: a new REACHED alert;
- reached with a RESOLVED alert: that alert REACHED again (one alert per threshold per window);
- no longer reached with a REACHED alert (refund, grant, plan change): RESOLVED;
- a REACHED alert of an earlier window (a new period): RESOLVED;
- an alert of a threshold no longer configured is left as it is (it ends with its window).

The ledger calls it on the account as read (a new period, a grant that expired) and after
each accepted charge, under the tenant's lock, and writes what it returns in the transaction
of that change: so each transition happens once, whatever the concurrency.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from models import AlertState
from services.ledger.account import Account, AlertMark

DEFAULT_THRESHOLDS = (50, 80, 100)
MAX_THRESHOLDS = 10
MIN_THRESHOLD = 1
MAX_THRESHOLD = 100


@dataclass(frozen=True, slots=True)
class Transition:
    """An alert that changes state (or is created, REACHED) with the change that caused it."""

    tenant_id: UUID
    mark: AlertMark
    # Inserted (a new alert) rather than updated from the other state.
    created: bool
    # The tenant event sequence of the change that caused it.
    sequence: int

    def payload(self, resolved_at: datetime | None) -> dict[str, Any]:
        """The `UsageAlert` shape, as a live usage event carries it."""
        mark = self.mark
        return {
            "id": str(mark.id),
            "threshold": mark.threshold,
            "state": mark.state.value,
            "used": mark.used,
            "limit": mark.limit,
            "periodStart": mark.window_start.isoformat(),
            "createdAt": mark.created_at.isoformat(),
            "resolvedAt": resolved_at.isoformat() if resolved_at else None,
        }


def reached(threshold: int, used: int, limit: int | None) -> bool:
    return limit is not None and limit > 0 and used * 100 >= threshold * limit


def usage_of(account: Account) -> tuple[int, int | None]:
    """`used` and `limit` as usageSummary shows them (held credits are part of the limit, not
    of what is used: a hold moves no alert, its commit does)."""
    charged = account.balance.charged
    remaining = account.remaining
    return charged, None if remaining is None else charged + account.held + remaining


def alert_transitions(
    account: Account, now: datetime, *, new_id: Callable[[], UUID] = uuid4
) -> tuple[Account, tuple[Transition, ...]]:
    """The account with its alerts brought up to its usage, and the transitions that took
    (none, and the same account, in the common case). Each transition carries the account's
    event sequence. The account's thresholds are ascending."""
    thresholds = account.alert_thresholds
    marks = account.alerts
    if not thresholds and not marks:
        return account, ()
    used, limit = usage_of(account)
    if not marks and not reached(thresholds[0], used, limit):
        # The cheapest answer, for most charges: under the lowest threshold, no alert yet.
        return account, ()
    window = account.allowance.balance_start
    current = {mark.threshold: mark for mark in marks if mark.window_start == window}
    # The quick answer for the common case: nothing changes.
    stale = any(mark.window_start != window for mark in marks)
    if not stale and all(
        (current.get(threshold) is not None and current[threshold].state is AlertState.REACHED)
        == reached(threshold, used, limit)
        for threshold in thresholds
    ):
        return account, ()
    changes: list[tuple[AlertMark, bool]] = []
    for old in marks:
        if old.window_start != window and old.state is AlertState.REACHED:
            changes.append((replace(old, state=AlertState.RESOLVED), False))
    for threshold in thresholds:
        hit = reached(threshold, used, limit)
        mark = current.get(threshold)
        if hit and mark is None:
            mark = AlertMark(new_id(), threshold, window, AlertState.REACHED, used, limit, now)
            current[threshold] = mark
            changes.append((mark, True))
        elif mark is not None and hit != (mark.state is AlertState.REACHED):
            mark = replace(
                mark,
                state=AlertState.REACHED if hit else AlertState.RESOLVED,
                used=used,
                limit=limit,
            )
            current[threshold] = mark
            changes.append((mark, False))
    after = replace(account, alerts=tuple(sorted(current.values(), key=lambda m: m.threshold)))
    return after, tuple(
        Transition(account.tenant_id, mark, created, account.event_sequence)
        for mark, created in changes
    )


def headline(transitions: Iterable[Transition]) -> Transition | None:
    """The transition a live event shows in `alert`: the highest threshold reached, else the
    lowest one resolved."""
    reached_now = [t for t in transitions if t.mark.state is AlertState.REACHED]
    if reached_now:
        return max(reached_now, key=lambda t: t.mark.threshold)
    resolved = [t for t in transitions if t.mark.state is AlertState.RESOLVED]
    return min(resolved, key=lambda t: t.mark.threshold) if resolved else None


def alert_payloads(transitions: Iterable[Transition], now: datetime) -> tuple[dict[str, Any], ...]:
    """What a live usage event carries of its transitions: the `headline` first."""
    ordered = list(transitions)
    first = headline(ordered)
    if first is not None:
        ordered.remove(first)
        ordered.insert(0, first)
    return tuple(t.payload(now if t.mark.state is AlertState.RESOLVED else None) for t in ordered)


def clean_thresholds(thresholds: Iterable[int]) -> tuple[int, ...] | str:
    """The thresholds as stored (distinct, ascending), or why they cannot be."""
    distinct = sorted(set(thresholds))
    if any(not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD for threshold in distinct):
        return f"thresholds are percents of the period's limit, {MIN_THRESHOLD} to {MAX_THRESHOLD}."
    if len(distinct) > MAX_THRESHOLDS:
        return f"at most {MAX_THRESHOLDS} distinct thresholds."
    return tuple(distinct)


def stored_thresholds(value: Any) -> tuple[int, ...]:
    """A tenant row's `usage_alert_thresholds` as the ledger uses them (null: the defaults)."""
    if value is None:
        return DEFAULT_THRESHOLDS
    return tuple(sorted({int(threshold) for threshold in value}))
