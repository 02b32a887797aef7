"""The ledger's decisions, pure: given the accounts and the waiting charges, what each charge
gets and what each account becomes. No I/O: the charger reads before and writes after.

Rules, in the order they apply to each request:
1. a tenant without a spending subscription is refused (`NoActiveSubscription`);
2. an idempotency key already used replays that charge, or is a `Conflict` if it came with
   another request (a key used earlier in the same batch counts);
3. a parent that does not exist in the tenant is `NotFound`;
4. a charge that does not fit what remains (held credits count as spent) is
   `InsufficientCredits`, refused alone: nothing of it is consumed and the requests after it
   are decided as if it had not come;
5. a charge (or hold) that fits the pool but not its member's own limit is
   `InsufficientCredits` with scope MEMBER (`members.member_refusal`; the member's holds count
   against it), refused alone in the same way;
6. otherwise it is charged: the allowance first, then the grants in the account's order,
   it counts against its member's limit, and the tenant's event sequence moves on by one.
   A hold (`NewHold`) is added to the account instead of being charged; a commit
   (`CommitHold`, see `holds.commit_refusal`) lifts its hold and is then charged like any
   other.
A period the read renewed is announced before the batch's charges (one event per tenant).
Usage alerts (`alerts`): the account as read may already change some (a new period, a grant
that expired); that is announced the same way (one event, with the renewed period if any).
Then each accepted charge carries the alerts it changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from services.errors import (
    Conflict,
    DomainError,
    InsufficientCredits,
    NoActiveSubscription,
    NotFound,
)
from services.ledger.account import Account, Hold
from services.ledger.alerts import Transition, alert_transitions
from services.ledger.holds import HoldState, Recommit, commit_refusal, with_hold, without_hold
from services.ledger.members import member_charged, member_refusal
from services.ledger.requests import ChargeRequest, CommitHold, NewHold, ParentRef

IdempotencyKey = tuple[UUID, str]


@dataclass(frozen=True, slots=True)
class Accepted:
    cost: int
    # The part the plan allowance paid; grants paid the rest.
    from_allowance: int
    # (grant id, credits) for each grant that paid part of it, so a refund can give them back.
    draws: tuple[tuple[UUID, int], ...]
    # The account once this charge is made; its event sequence is the charge's.
    account: Account
    # The usage alerts this charge changed (reached, or resolved).
    alerts: tuple[Transition, ...] = ()


@dataclass(frozen=True, slots=True)
class Replay:
    """The charge an earlier request with this key made stands for this one."""

    key: str


Decision = Accepted | Replay | Recommit | DomainError


@dataclass(frozen=True, slots=True)
class Decisions:
    # One per request, in order.
    results: list[Decision]
    # Every subscribed tenant's account once the batch is made (unchanged ones included).
    accounts: dict[UUID, Account]
    # The accounts whose renewed period (or alerts changed as read) the batch announces, as
    # announced.
    rolled: list[Account]
    # tenant -> the alerts the account as read changed (announced with it, in `rolled`).
    alerts: dict[UUID, tuple[Transition, ...]] = field(default_factory=dict)


def decide(
    requests: Sequence[ChargeRequest[Any]],
    accounts: Mapping[UUID, Account | NoActiveSubscription],
    *,
    used_keys: Mapping[IdempotencyKey, str | None],
    parents: Set[ParentRef],
    holds: Mapping[UUID, HoldState] | None = None,
    now: datetime | None = None,
) -> Decisions:
    """`accounts`: every requesting tenant's account as read; `used_keys`: the idempotency
    keys already charged (tenant, key -> the request's fingerprint); `parents`: the requested
    parents that exist in their request's tenant; `holds`: the reservations commits name;
    `now`: when new alerts are created."""
    moment = now or datetime.now(UTC)
    current: dict[UUID, Account] = {}
    rolled: list[Account] = []
    announced: dict[UUID, tuple[Transition, ...]] = {}
    for tenant_id, account in accounts.items():
        if isinstance(account, Account):
            after, alerts = alert_transitions(account, moment)
            if account.allowance.period_rolled or alerts:
                account = replace(after, event_sequence=account.event_sequence + 1)
                rolled.append(account)
                if alerts:
                    announced[tenant_id] = tuple(
                        replace(alert, sequence=account.event_sequence) for alert in alerts
                    )
            current[tenant_id] = account
    keys = dict(used_keys)
    commits = _Commits(holds or {}, {})
    results: list[Decision] = []
    for request in requests:
        results.append(_decide_one(request, accounts, current, keys, parents, commits, moment))
    return Decisions(results=results, accounts=current, rolled=rolled, alerts=announced)


def _decide_one(
    request: ChargeRequest[Any],
    read: Mapping[UUID, Account | NoActiveSubscription],
    current: dict[UUID, Account],
    keys: dict[IdempotencyKey, str | None],
    parents: Set[ParentRef],
    commits: _Commits,
    now: datetime,
) -> Decision:
    account = current.get(request.tenant_id)
    if account is None:
        refusal = read[request.tenant_id]
        assert isinstance(refusal, NoActiveSubscription)
        return refusal
    key = request.idempotency_key
    if key is not None and (request.tenant_id, key) in keys:
        if keys[(request.tenant_id, key)] != request.fingerprint:
            return Conflict("This idempotency key was used with a different request.")
        return Replay(key)
    parent = request.parent
    if parent is not None and parent not in parents:
        return missing_parent(parent)
    new = request.new
    if isinstance(new, CommitHold):
        declined = commit_refusal(
            tenant_id=request.tenant_id,
            reservation_id=new.reservation_id,
            quantity=request.quantity,
            account=account,
            states=commits.states,
            committed=commits.done,
        )
        if declined is not None:
            return declined
        account = without_hold(account, new.reservation_id)
    cost = request.cost
    remaining = account.remaining
    if remaining is not None and remaining < cost:
        return InsufficientCredits(
            credit_type=request.credit_type.value,
            required=cost,
            remaining=remaining,
            limit=account.balance.charged + account.held + remaining,
        )
    short = member_refusal(account, request.user_id, request.credit_type.value, cost)
    if short is not None:
        return short
    from_allowance, draws = 0, _NO_DRAWS
    if isinstance(new, NewHold):
        account = with_hold(account, Hold(new.id, cost, new.expires_at, request.user_id))
    else:
        account, from_allowance, draws = _take(account, request.credit_type.value, cost)
        account = member_charged(account, request.user_id, cost)
    if isinstance(new, CommitHold):
        commits.done[new.reservation_id] = request.quantity
    account, alerts = alert_transitions(account, now)
    current[request.tenant_id] = account
    if key is not None:
        keys[(request.tenant_id, key)] = request.fingerprint
    return Accepted(
        cost=cost, from_allowance=from_allowance, draws=draws, account=account, alerts=alerts
    )


@dataclass(frozen=True, slots=True)
class _Commits:
    # The reservations commits name, as read; those committed in this batch, and how much.
    states: Mapping[UUID, HoldState]
    done: dict[UUID, int]


_NO_DRAWS: tuple[tuple[UUID, int], ...] = ()


def missing_parent(parent: ParentRef) -> NotFound:
    return NotFound(parent.model.__name__)


def _take(
    account: Account, credit_type: str, cost: int
) -> tuple[Account, int, tuple[tuple[UUID, int], ...]]:
    """The account once `cost` (which fits) is consumed, the part the allowance paid and what
    each grant paid."""
    left = account.allowance_left
    from_allowance = cost if left is None else min(cost, left)
    grants = account.grants
    rest = cost - from_allowance
    draws: list[tuple[UUID, int]] = []
    if rest:
        taken = []
        for grant in grants:
            part = min(rest, grant.remaining)
            taken.append(replace(grant, remaining=grant.remaining - part) if part else grant)
            if part:
                draws.append((grant.id, part))
            rest -= part
        grants = tuple(taken)
    balance = account.balance
    used, count = balance.by_type.get(credit_type, (0, 0))
    return (
        replace(
            account,
            balance=replace(
                balance,
                used=balance.used + from_allowance,
                charged=balance.charged + cost,
                by_type={**balance.by_type, credit_type: (used + cost, count + 1)},
            ),
            grants=grants,
            event_sequence=account.event_sequence + 1,
        ),
        from_allowance,
        tuple(draws),
    )


def settled(before: Account, after: Account) -> Account:
    """`after` as the database holds it once written: the balance row's version moved on if
    it was written, spent grants gone, the period no longer new."""
    balance = after.balance
    if balance.charged != before.balance.charged:
        balance = replace(balance, version=balance.version + 1)
    allowance = after.allowance
    if allowance.period_rolled:
        allowance = replace(allowance, period_rolled=False)
    return replace(
        after,
        allowance=allowance,
        balance=balance,
        grants=tuple(grant for grant in after.grants if grant.remaining > 0),
    )
