"""The ledger's decisions on reservations, table by table, without a database (the tables of
`test_decide`, extended): a hold is decided like a charge and counted as spent; a commit lifts
its hold and charges at most what was held."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from models import ReservationStatus
from services.credit_types import TASK_CREATION, CreditType
from services.errors import Conflict, InsufficientCredits, NotFound
from services.ledger.account import Account, Hold
from services.ledger.decide import Accepted, Decisions, Replay, decide
from services.ledger.holds import HoldState, Recommit
from services.ledger.requests import ChargeRequest, CommitHold, NewHold, ObjectPath
from tests.services.test_decide import NOW, OTHER, TENANT, account, grant

UNIT = TASK_CREATION  # 1 credit a unit
LATER = NOW + timedelta(minutes=5)


def hold(quantity: int, *, key: str | None = None, fingerprint: str | None = None) -> Any:
    return ChargeRequest(
        tenant_id=TENANT,
        user_id=None,
        credit_type=UNIT,
        new=NewHold(uuid4(), LATER),
        quantity=quantity,
        idempotency_key=key,
        fingerprint=fingerprint,
    )


def commit(reservation_id: UUID, quantity: int, *, unit: int = 1) -> Any:
    credit_type: CreditType = replace(UNIT, amount=unit)
    return ChargeRequest(
        tenant_id=TENANT,
        user_id=None,
        credit_type=credit_type,
        new=CommitHold(reservation_id),
        quantity=quantity,
    )


def charge(quantity: int) -> Any:
    return ChargeRequest(
        tenant_id=TENANT, user_id=None, credit_type=UNIT, new=ObjectPath("/x"), quantity=quantity
    )


def holding(limit: int | None, *amounts: int, used: int = 0, grants: int = 0) -> Account:
    """An account with live holds of these amounts (ids 1, 2, ...)."""
    return replace(
        account(limit, used=used, grants=(grant(grants),) if grants else ()),
        holds=tuple(
            Hold(UUID(int=number), amount, LATER, None) for number, amount in enumerate(amounts, 1)
        ),
    )


def state(
    status: ReservationStatus = ReservationStatus.HELD,
    *,
    committed: int | None = None,
    tenant_id: UUID = TENANT,
) -> HoldState:
    return HoldState(tenant_id=tenant_id, status=status, committed_quantity=committed)


def run(
    before: Account, requests: list[Any], holds: dict[UUID, HoldState] | None = None
) -> Decisions:
    return decide(requests, {TENANT: before}, used_keys={}, parents=set(), holds=holds or {})


def outcome(decision: object) -> str | int:
    """An accepted request as its cost; anything else by its type."""
    return decision.cost if isinstance(decision, Accepted) else type(decision).__name__


@pytest.mark.parametrize(
    ("limit", "held", "requests", "expected", "remaining_after"),
    [
        # a hold that fits is held, and what it holds counts as spent for the next
        (10, (), [hold(6), hold(5), hold(4)], [6, "InsufficientCredits", 4], 0),
        # a charge is refused on held credits; one that fits beside them is charged
        (10, (8,), [charge(3), charge(2)], ["InsufficientCredits", 2], 0),
        # holds already read count as spent for new holds too
        (10, (4, 4), [hold(3), hold(2)], ["InsufficientCredits", 2], 0),
        # grants are counted with the allowance before the holds are taken off
        (2, (3,), [charge(2), charge(1)], [2, "InsufficientCredits"], 0),
        # an unlimited plan holds without limit
        (None, (50,), [hold(1_000), charge(1_000)], [1_000, 1_000], None),
    ],
)
def test_holds_count_as_spent_for_every_other_charge_and_hold(
    limit: int | None,
    held: tuple[int, ...],
    requests: list[Any],
    expected: list[object],
    remaining_after: int | None,
) -> None:
    # given an account with live holds (and, for the grant row, a grant of 3)
    before = holding(limit, *held, grants=3 if limit == 2 else 0)
    # when the batch is decided
    decisions = run(before, requests)
    # then each request got its answer, and the account holds and spent exactly the accepted
    assert [outcome(result) for result in decisions.results] == expected
    after = decisions.accounts[TENANT]
    assert after.remaining == remaining_after
    new_holds = [
        r
        for q, r in zip(requests, decisions.results, strict=True)
        if isinstance(q.new, NewHold) and isinstance(r, Accepted)
    ]
    assert after.held == sum(held) + sum(r.cost for r in new_holds)
    charged = sum(r.cost for r in decisions.results if isinstance(r, Accepted)) - sum(
        r.cost for r in new_holds
    )
    assert after.balance.charged == charged
    # and every accepted request moved the event sequence (other processes re-read)
    accepted = sum(1 for r in decisions.results if isinstance(r, Accepted))
    assert after.event_sequence == before.event_sequence + accepted


def test_a_refused_hold_tells_what_remains_and_the_limit_held_credits_included() -> None:
    decisions = run(holding(10, 7, used=1), [hold(3)])
    refused = decisions.results[0]
    assert isinstance(refused, InsufficientCredits)
    assert (refused.required, refused.remaining, refused.limit) == (3, 2, 10)
    assert decisions.accounts[TENANT].summary()["reserved"] == 7


@pytest.mark.parametrize(
    ("held", "quantity", "unit", "charged", "remaining_after"),
    [
        # committing less than held charges it and frees the rest
        (10, 4, 1, 4, 6),
        # committing all of it charges all of it
        (10, 10, 1, 10, 0),
        # the price per unit is the one fixed at reserve time (3 units of 2 held as 6)
        (6, 2, 2, 4, 6),
    ],
)
def test_a_commit_lifts_its_hold_and_charges_what_was_used(
    held: int, quantity: int, unit: int, charged: int, remaining_after: int
) -> None:
    # given a 10-credit tenant holding `held` credits in reservation 1
    before = holding(10, held)
    reservation = UUID(int=1)
    # when it is committed
    decisions = run(before, [commit(reservation, quantity, unit=unit)], {reservation: state()})
    # then what was used is charged from the allowance, the hold is gone, the rest is free
    result = decisions.results[0]
    assert isinstance(result, Accepted)
    assert (result.cost, result.from_allowance) == (charged, charged)
    after = decisions.accounts[TENANT]
    assert after.holds == ()
    assert (after.balance.charged, after.remaining) == (charged, remaining_after)


def test_a_commit_charges_within_what_its_hold_freed_even_when_nothing_else_remains() -> None:
    # given every credit either used or held (4 of them by reservation 1)
    before = holding(10, 4, 2, used=4)
    assert before.remaining == 0
    # when reservation 1 is committed in full, and a charge of 1 follows
    reservation = UUID(int=1)
    decisions = run(before, [commit(reservation, 4), charge(1)], {reservation: state()})
    # then the commit is charged on its own hold; the charge finds nothing left
    assert [outcome(r) for r in decisions.results] == [4, "InsufficientCredits"]
    assert decisions.accounts[TENANT].held == 2


@pytest.mark.parametrize(
    ("states", "live", "expected"),
    [
        # not read in this tenant: not found
        ({}, True, "NotFound"),
        ({UUID(int=1): state(tenant_id=OTHER)}, True, "NotFound"),
        # released: a conflict
        ({UUID(int=1): state(ReservationStatus.RELEASED)}, False, "Conflict"),
        # stored HELD but not among the live holds: it expired, a conflict
        ({UUID(int=1): state()}, False, "Conflict"),
        # committed before with the same quantity: that commit answers
        ({UUID(int=1): state(ReservationStatus.COMMITTED, committed=3)}, False, "Recommit"),
        # committed before with another quantity: a conflict
        ({UUID(int=1): state(ReservationStatus.COMMITTED, committed=2)}, False, "Conflict"),
    ],
)
def test_a_commit_of_a_reservation_not_held_charges_nothing(
    states: dict[UUID, HoldState], live: bool, expected: str
) -> None:
    before = holding(10, 3) if live else holding(10)
    decisions = run(before, [commit(UUID(int=1), 3)], states)
    result = decisions.results[0]
    assert outcome(result) == expected
    assert decisions.accounts[TENANT] == before
    if isinstance(result, NotFound):
        assert result.what == "Reservation"


def test_a_commit_repeated_in_one_batch_answers_the_first_or_conflicts() -> None:
    reservation = UUID(int=1)
    decisions = run(
        holding(10, 5),
        [commit(reservation, 3), commit(reservation, 3), commit(reservation, 4)],
        {reservation: state()},
    )
    assert [outcome(r) for r in decisions.results] == [3, "Recommit", "Conflict"]
    recommit = decisions.results[1]
    assert isinstance(recommit, Recommit) and recommit.reservation_id == reservation
    assert isinstance(decisions.results[2], Conflict)
    assert decisions.accounts[TENANT].balance.charged == 3


def test_a_reserve_with_a_used_key_replays_and_holds_nothing_more() -> None:
    decisions = decide(
        [hold(2, key="k", fingerprint="f"), hold(2, key="k", fingerprint="g")],
        {TENANT: holding(10)},
        used_keys={(TENANT, "k"): "f"},
        parents=set(),
    )
    assert [outcome(r) for r in decisions.results] == ["Replay", "Conflict"]
    assert isinstance(decisions.results[0], Replay)
    assert decisions.accounts[TENANT].held == 0


def test_an_account_is_current_only_while_its_holds_are_live() -> None:
    # a kept account with a hold becomes stale once the hold expires, so it is read again
    # (and the expired hold drops out)
    before = holding(10, 3)
    assert before.current_at(LATER - timedelta(seconds=1))
    assert not before.current_at(LATER)
    assert before.summary()["remaining"] == 7
    assert before.summary()["reserved"] == 3
    assert before.summary()["limit"] == 10
