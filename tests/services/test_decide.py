"""The ledger's decisions, table by table, without a database: `decide` is pure."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from models import PlanFeatureType, Project, Task
from services.credit_types import PROJECT_CREATION, TASK_CREATION, CreditType
from services.errors import (
    Conflict,
    CreditScope,
    InsufficientCredits,
    NoActiveSubscription,
    NotFound,
)
from services.ledger import low_balance
from services.ledger.account import (
    Account,
    Allowance,
    Balance,
    Grant,
    MemberSpend,
    consumption_order,
)
from services.ledger.decide import Accepted, Decisions, Replay, decide, settled
from services.ledger.requests import ChargeRequest, NewObject, ParentRef

NOW = datetime(2026, 12, 1, tzinfo=UTC)
TENANT = UUID("00000000-0000-4000-8000-000000000001")
OTHER = UUID("00000000-0000-4000-8000-000000000002")
UNLIMITED = None
CHARGE_OF_2 = PROJECT_CREATION  # costs 2
CHARGE_OF_1 = TASK_CREATION  # costs 1


def grant(remaining: int, **terms: Any) -> Grant:
    return Grant(
        id=uuid4(),
        remaining=remaining,
        expires_at=terms.get("expires_at"),
        priority=terms.get("priority", 0),
        created_at=terms.get("created_at", NOW),
    )


def account(
    limit: int | None,
    *,
    used: int = 0,
    grants: tuple[Grant, ...] = (),
    tenant_id: UUID = TENANT,
    rolled: bool = False,
    members: dict[UUID, MemberSpend] | None = None,
) -> Account:
    return Account(
        tenant_id=tenant_id,
        allowance=Allowance(
            plan_id=uuid4(),
            feature_type=PlanFeatureType.MONTHLY
            if limit is not None
            else PlanFeatureType.UNLIMITED,
            limit=limit,
            period_start=NOW,
            period_end=NOW + timedelta(days=30),
            balance_start=NOW,
            balance_end=NOW + timedelta(days=30),
            period_rolled=rolled,
            feature_value=limit,
        ),
        balance=Balance(
            id=uuid4(), tenant_id=tenant_id, version=3, used=used, charged=used, by_type={}
        ),
        grants=grants,
        event_sequence=7,
        members=members or {},
    )


def charge(
    credit_type: CreditType = CHARGE_OF_1,
    *,
    tenant_id: UUID = TENANT,
    key: str | None = None,
    fingerprint: str | None = None,
    parent: ParentRef | None = None,
    user: UUID | None = None,
) -> ChargeRequest[Project]:
    return ChargeRequest(
        tenant_id=tenant_id,
        user_id=user,
        credit_type=credit_type,
        new=NewObject(Project, uuid4(), {}),
        idempotency_key=key,
        fingerprint=fingerprint,
        parent=parent,
    )


def run(
    accounts: list[Account | tuple[UUID, NoActiveSubscription]],
    requests: list[ChargeRequest[Any]],
    *,
    used_keys: dict[tuple[UUID, str], str | None] | None = None,
    parents: frozenset[ParentRef] = frozenset(),
) -> Decisions:
    read: dict[UUID, Account | NoActiveSubscription] = {}
    for item in accounts:
        if isinstance(item, Account):
            read[item.tenant_id] = item
        else:
            read[item[0]] = item[1]
    return decide(requests, read, used_keys=used_keys or {}, parents=parents)


def outcome(decision: object) -> str | tuple[int, int]:
    """An accepted charge as (cost, part paid by the allowance); anything else by its type."""
    if isinstance(decision, Accepted):
        return (decision.cost, decision.from_allowance)
    return type(decision).__name__


@pytest.mark.parametrize(
    ("limit", "used", "grants", "costs", "expected", "grants_after"),
    [
        # the allowance alone pays while it lasts
        (10, 0, (), [2, 2], [(2, 2), (2, 2)], []),
        # the allowance first, then the grants, in their order
        (3, 2, (3, 2), [2, 2, 2], [(2, 1), (2, 0), (2, 0)], [0, 0]),
        # a charge that does not fit is refused alone; a cheaper one after it still fits
        (2, 0, (1,), [2, 2, 1], [(2, 2), "InsufficientCredits", (1, 0)], [0]),
        # an unlimited plan never touches its grants
        (UNLIMITED, 0, (5,), [2, 2, 2], [(2, 2), (2, 2), (2, 2)], [5]),
        # a plan of zero credits spends grants only
        (0, 0, (2,), [1, 1, 1], [(1, 0), (1, 0), "InsufficientCredits"], [0]),
        # an allowance already overused (a plan cut) pays nothing
        (2, 5, (1,), [1, 1], [(1, 0), "InsufficientCredits"], [0]),
    ],
)
def test_charges_spend_the_allowance_then_the_grants_and_refuse_what_does_not_fit(
    limit: int | None,
    used: int,
    grants: tuple[int, ...],
    costs: list[int],
    expected: list[object],
    grants_after: list[int],
) -> None:
    # given an account and a batch of charges
    before = account(limit, used=used, grants=tuple(grant(left) for left in grants))
    types = {1: CHARGE_OF_1, 2: CHARGE_OF_2}

    # when the batch is decided
    decisions = run([before], [charge(types[cost]) for cost in costs])

    # then each charge got its own answer, and the account spent exactly the accepted ones
    assert [outcome(result) for result in decisions.results] == expected
    after = decisions.accounts[TENANT]
    accepted = [r for r in decisions.results if isinstance(r, Accepted)]
    assert after.balance.charged == used + sum(r.cost for r in accepted)
    assert after.balance.used == used + sum(r.from_allowance for r in accepted)
    assert [g.remaining for g in after.grants] == grants_after
    assert after.event_sequence == before.event_sequence + len(accepted)


def test_a_refusal_tells_what_remains_and_consumes_nothing() -> None:
    # given 1 allowance credit and a grant of 2 left
    before = account(4, used=3, grants=(grant(2),))

    # when a charge of 2 is accepted, then another of 2 does not fit
    decisions = run([before], [charge(CHARGE_OF_2), charge(CHARGE_OF_2)])

    # then the refusal carries what remained after the first, and the limit of the period
    refused = decisions.results[1]
    assert isinstance(refused, InsufficientCredits)
    assert (refused.required, refused.remaining, refused.limit) == (2, 1, 6)
    assert refused.credit_type == CHARGE_OF_2.value
    # and the account is as the first charge left it
    first = decisions.results[0]
    assert isinstance(first, Accepted)
    assert decisions.accounts[TENANT] == first.account


def test_grants_are_spent_by_priority_then_soonest_expiry_then_age_never_expiring_last() -> None:
    # given grants read in no particular order
    late = grant(1, expires_at=NOW + timedelta(days=10))
    soon = grant(1, expires_at=NOW + timedelta(days=5))
    late_newer = grant(1, expires_at=NOW + timedelta(days=10), created_at=NOW + timedelta(hours=1))
    never = grant(1)
    last = grant(1, priority=1, expires_at=NOW + timedelta(days=1))

    # when they are put in consumption order and spent one charge at a time
    ordered = consumption_order([last, never, late_newer, late, soon])
    decisions = run([account(0, grants=ordered)], [charge() for _ in range(5)])

    # then the order is priority, soonest expiry, oldest, never-expiring last
    assert ordered == (soon, late, late_newer, never, last)
    spent = [
        [g.remaining for g in result.account.grants]
        for result in decisions.results
        if isinstance(result, Accepted)
    ]
    assert spent == [[0, 1, 1, 1, 1], [0, 0, 1, 1, 1], [0, 0, 0, 1, 1], [0, 0, 0, 0, 1], [0] * 5]


def test_each_charge_of_a_batch_moves_the_event_sequence_and_records_its_type() -> None:
    # when three charges of two types are decided together
    decisions = run([account(10)], [charge(CHARGE_OF_2), charge(), charge()])

    # then each carries the account as it left it, one event sequence number apart
    accepted = [r for r in decisions.results if isinstance(r, Accepted)]
    assert [r.account.event_sequence for r in accepted] == [8, 9, 10]
    assert [r.account.balance.charged for r in accepted] == [2, 3, 4]
    assert accepted[-1].account.balance.by_type == {
        CHARGE_OF_2.value: (2, 1),
        CHARGE_OF_1.value: (2, 2),
    }
    assert accepted[-1].account.summary()["byType"] == [
        {"type": CHARGE_OF_2.value, "used": 2, "count": 1},
        {"type": CHARGE_OF_1.value, "used": 2, "count": 2},
    ]


@pytest.mark.parametrize(
    ("used_keys", "requests", "expected"),
    [
        # a key charged before replays that charge, with the same request
        ({(TENANT, "k"): "same"}, [("k", "same")], ["Replay"]),
        # the same key with another request is a conflict
        ({(TENANT, "k"): "same"}, [("k", "other")], ["Conflict"]),
        # a key first used in this batch counts for the requests after it
        ({}, [("k", "same"), ("k", "same"), ("k", "other")], [(1, 1), "Replay", "Conflict"]),
        # a key charged in another tenant is not this tenant's
        ({(OTHER, "k"): "same"}, [("k", "same")], [(1, 1)]),
        # no key, no replay
        ({}, [(None, None), (None, None)], [(1, 1), (1, 1)]),
    ],
)
def test_idempotency_keys_replay_or_conflict_and_charge_nothing_more(
    used_keys: dict[tuple[UUID, str], str | None],
    requests: list[tuple[str | None, str | None]],
    expected: list[object],
) -> None:
    decisions = run(
        [account(10)],
        [charge(key=key, fingerprint=fingerprint) for key, fingerprint in requests],
        used_keys=used_keys,
    )
    assert [outcome(result) for result in decisions.results] == expected
    replays = [r for r in decisions.results if isinstance(r, Replay)]
    assert all(r.key == "k" for r in replays)
    charged = sum(1 for r in decisions.results if isinstance(r, Accepted))
    assert decisions.accounts[TENANT].balance.charged == charged


def test_a_conflicting_key_is_refused_even_when_credits_have_run_out() -> None:
    # the key's check comes before the credits': a retry learns it reused a key
    decisions = run(
        [account(0)], [charge(key="k", fingerprint="b")], used_keys={(TENANT, "k"): "a"}
    )
    assert isinstance(decisions.results[0], Conflict)


def test_a_charge_whose_parent_does_not_exist_in_its_tenant_is_not_found() -> None:
    # given a project known in the tenant and one that is not
    known, unknown = ParentRef(Project, uuid4()), ParentRef(Project, uuid4())

    # when a task is charged in each
    decisions = run(
        [account(10)],
        [charge(parent=known), charge(parent=unknown)],
        parents=frozenset({known}),
    )

    # then only the one in the known project is charged
    assert outcome(decisions.results[0]) == (1, 1)
    missing = decisions.results[1]
    assert isinstance(missing, NotFound) and missing.what == "Project"
    assert decisions.accounts[TENANT].balance.charged == 1


def test_tenants_of_one_batch_are_decided_each_on_its_own_account() -> None:
    # given a tenant with room, one with 1 credit, and one without a subscription
    roomy = account(10)
    tight = account(1, tenant_id=OTHER)
    unsubscribed = uuid4()

    # when their charges are interleaved in one batch
    decisions = run(
        [roomy, tight, (unsubscribed, NoActiveSubscription())],
        [
            charge(),
            charge(tenant_id=OTHER),
            charge(tenant_id=unsubscribed),
            charge(tenant_id=OTHER),
            charge(),
        ],
    )

    # then each tenant got what it could pay for
    assert [outcome(result) for result in decisions.results] == [
        (1, 1),
        (1, 1),
        "NoActiveSubscription",
        "InsufficientCredits",
        (1, 1),
    ]
    assert decisions.accounts[TENANT].balance.charged == 2
    assert decisions.accounts[OTHER].balance.charged == 1
    assert unsubscribed not in decisions.accounts


def test_a_renewed_period_is_announced_before_the_batch_charges() -> None:
    # given an account whose read renewed its period
    decisions = run([account(10, rolled=True)], [charge()])

    # then the announcement takes the next sequence number, and the charge the one after
    assert [rolled.event_sequence for rolled in decisions.rolled] == [8]
    accepted = decisions.results[0]
    assert isinstance(accepted, Accepted) and accepted.account.event_sequence == 9


def test_an_account_settles_as_the_database_holds_it_after_the_write() -> None:
    # given an account whose only grant a batch spends
    before = account(1, grants=(grant(1),))
    decisions = run([before], [charge(CHARGE_OF_2)])
    after = decisions.accounts[TENANT]

    # when it is settled after the commit
    kept = settled(before, after)

    # then the balance row's version moved on, the spent grant is gone, the rest stands
    assert kept.balance.version == before.balance.version + 1
    assert kept.grants == ()
    assert (kept.balance.used, kept.balance.charged) == (1, 2)
    # and an account nothing was charged to keeps its version
    assert settled(before, before).balance.version == before.balance.version
    assert settled(before, replace(before, event_sequence=8)).balance.version == 3


def test_requests_carry_data_only() -> None:
    # the request a service builds: no callables, so it can be logged, compared and tested
    request = charge(CHARGE_OF_1, parent=ParentRef(Task, uuid4()))
    assert not any(callable(getattr(request, name)) for name in request.__dataclass_fields__)
    assert request == replace(request)


ALICE = UUID("00000000-0000-4000-8000-00000000000a")
BOB = UUID("00000000-0000-4000-8000-00000000000b")


def scoped(decision: object) -> object:
    """`outcome`, with a refusal for lack of credits named by its scope."""
    if isinstance(decision, InsufficientCredits):
        return f"Insufficient{decision.scope.value.title()}"
    return outcome(decision)


@pytest.mark.parametrize(
    ("pool", "spend", "costs", "expected", "used_after"),
    [
        # under the limit: charged, and counted against it
        (10, (5, 2), [2], [(2, 2)], 4),
        # exactly at the limit: still charged
        (10, (5, 3), [2], [(2, 2)], 5),
        # past the limit: refused alone, a cheaper charge after it still fits
        (10, (5, 4), [2, 1], ["InsufficientMember", (1, 1)], 5),
        # a limit of zero refuses every charge
        (10, (0, 0), [1], ["InsufficientMember"], 0),
        # the charges of one batch add up against the limit
        (10, (3, 0), [1, 1, 1, 1], [(1, 1), (1, 1), (1, 1), "InsufficientMember"], 3),
        # the pool first: a charge that fits neither is the tenant's refusal
        (1, (1, 0), [2], ["InsufficientTenant"], 0),
        # a member's limit above what the pool has left: the pool refuses
        (3, (50, 0), [2, 2], [(2, 2), "InsufficientTenant"], 2),
        # an unlimited pool: only the member's limit counts
        (UNLIMITED, (2, 0), [2, 1], [(2, 2), "InsufficientMember"], 2),
    ],
)
def test_a_members_limit_refuses_with_scope_member_what_the_pool_would_pay(
    pool: int | None,
    spend: tuple[int, int],
    costs: list[int],
    expected: list[object],
    used_after: int,
) -> None:
    # given a tenant's pool and a member with a limit of their own, part of it used
    before = account(pool, members={ALICE: MemberSpend(*spend)})
    types = {1: CHARGE_OF_1, 2: CHARGE_OF_2}

    # when the member's charges are decided
    decisions = run([before], [charge(types[cost], user=ALICE) for cost in costs])

    # then each gets its answer, with the scope of the credits that ran short
    assert [scoped(result) for result in decisions.results] == expected
    # and the member's use and the pool moved by the accepted charges only
    after = decisions.accounts[TENANT]
    accepted = sum(r.cost for r in decisions.results if isinstance(r, Accepted))
    assert after.members[ALICE] == MemberSpend(spend[0], used_after)
    assert used_after == spend[1] + accepted
    assert after.balance.charged == accepted


def test_a_member_refusal_tells_what_the_member_has_left_and_their_limit() -> None:
    # given a member who used 4 of their 5 in a pool with plenty left
    before = account(100, used=10, members={ALICE: MemberSpend(5, 4)})

    # when they charge 2
    refused = run([before], [charge(CHARGE_OF_2, user=ALICE)]).results[0]

    # then the refusal is theirs: 1 left of a limit of 5, nothing consumed
    assert isinstance(refused, InsufficientCredits)
    assert refused.scope is CreditScope.MEMBER
    assert (refused.required, refused.remaining, refused.limit) == (2, 1, 5)
    assert "member limit" in refused.message
    # and a pool refusal keeps the tenant's scope and figures
    short = run([account(1)], [charge(CHARGE_OF_2, user=ALICE)]).results[0]
    assert isinstance(short, InsufficientCredits)
    assert (short.scope, short.remaining, short.limit) == (CreditScope.TENANT, 1, 1)


def test_members_without_a_limit_and_charges_of_no_one_spend_only_the_pool() -> None:
    # given a limited member whose limit is used up, and a member without a limit
    before = account(10, members={ALICE: MemberSpend(1, 1)})

    # when the other member, an API key charging no one, and the limited member charge
    decisions = run(
        [before],
        [charge(CHARGE_OF_2, user=BOB), charge(CHARGE_OF_2), charge(user=ALICE)],
    )

    # then the first two are charged to the pool, the limited member is refused
    assert [scoped(result) for result in decisions.results] == [
        (2, 2),
        (2, 2),
        "InsufficientMember",
    ]
    after = decisions.accounts[TENANT]
    assert after.members == {ALICE: MemberSpend(1, 1)}
    assert after.balance.charged == 4


def test_a_replayed_charge_of_a_member_is_not_counted_twice() -> None:
    # given a member with 2 left of 3, and a charge of theirs already made with key "k"
    before = account(10, members={ALICE: MemberSpend(3, 1)})
    used_keys: dict[tuple[UUID, str], str | None] = {(TENANT, "k"): "f"}

    # when the charge is retried with its key, and a new one of 2 follows, then one of 1
    decisions = run(
        [before],
        [
            charge(CHARGE_OF_2, user=ALICE, key="k", fingerprint="f"),
            charge(CHARGE_OF_2, user=ALICE, key="n", fingerprint="g"),
            charge(CHARGE_OF_2, user=ALICE, key="n", fingerprint="g"),
            charge(user=ALICE),
        ],
        used_keys=used_keys,
    )

    # then the retry replays and costs nothing, the new charge counts once (its repeat in the
    # batch replays it), and the member's last credit is refused
    assert [scoped(result) for result in decisions.results] == [
        "Replay",
        (2, 2),
        "Replay",
        "InsufficientMember",
    ]
    assert decisions.accounts[TENANT].members[ALICE] == MemberSpend(3, 3)


def test_limited_members_of_two_tenants_are_each_their_own_tenants() -> None:
    # given the same user limited in one tenant and not in the other
    limited = account(10, members={ALICE: MemberSpend(1, 0)})
    free = account(10, tenant_id=OTHER)

    # when they charge 2 in each
    decisions = run(
        [limited, free],
        [charge(CHARGE_OF_2, user=ALICE), charge(CHARGE_OF_2, tenant_id=OTHER, user=ALICE)],
    )

    # then only the tenant that limits them refuses
    assert [scoped(result) for result in decisions.results] == ["InsufficientMember", (2, 2)]
    assert decisions.accounts[OTHER].members == {}


def test_a_member_kept_account_settles_with_what_the_member_used() -> None:
    # given a member's charge decided on a kept account
    before = account(10, members={ALICE: MemberSpend(5, 1)})
    after = run([before], [charge(CHARGE_OF_2, user=ALICE)]).accounts[TENANT]

    # then the account kept after the commit carries the member's new use
    assert settled(before, after).members == {ALICE: MemberSpend(5, 3)}


@pytest.mark.parametrize(
    ("limit", "below", "costs", "low_after"),
    [
        # no auto top-up: never low
        (10, None, [1] * 9, [False] * 9),
        # low once a charge leaves fewer than `below` remaining (7 left is not below 7)
        (10, 7, [1, 1, 1, 1], [False, False, False, True]),
        # a refused charge leaves the account as it was
        (3, 2, [1, 5, 1], [False, False, True]),
        # below 0 is never reached; unlimited is never low
        (2, 0, [1, 1], [False, False]),
        (UNLIMITED, 5, [2, 2], [False, False]),
    ],
)
def test_a_committed_account_is_low_for_auto_top_up_below_its_threshold(
    limit: int | None, below: int | None, costs: list[int], low_after: list[bool]
) -> None:
    # given an account carrying its auto top-up threshold
    start = replace(account(limit), auto_top_up_below=below)
    low = []
    current = start
    for cost in costs:
        # when each charge is decided in turn (a cost of n is n units of 1)
        request = replace(charge(CHARGE_OF_1), quantity=cost)
        decisions = run([current], [request])
        current = decisions.accounts[TENANT]
        # then the threshold travels with the account, and is_low says what the trigger sees
        assert current.auto_top_up_below == below
        low.append(low_balance.is_low(current))
    assert low == low_after
