"""Usage alerts as `decide` changes them, table by table, without a database (the helpers of
test_decide.py; the alert rules are in services/ledger/alerts.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from uuid import uuid4

import pytest

from models import AlertState
from services.ledger.account import Account, AlertMark
from services.ledger.alerts import alert_transitions, clean_thresholds, headline, reached
from services.ledger.decide import Accepted
from tests.services.test_decide import CHARGE_OF_1, CHARGE_OF_2, NOW, account, charge, grant, run

R, S = AlertState.REACHED, AlertState.RESOLVED


def alerted(
    limit: int | None,
    *,
    used: int = 0,
    thresholds: tuple[int, ...] = (50, 80, 100),
    states: dict[int, AlertState] | None = None,
    **terms: object,
) -> Account:
    base = account(limit, used=used, **terms)  # type: ignore[arg-type]
    marks = tuple(
        AlertMark(uuid4(), threshold, NOW, state, used, limit, NOW)
        for threshold, state in (states or {}).items()
    )
    return replace(base, alert_thresholds=thresholds, alerts=marks)


def changes(transitions: object) -> list[tuple[int, str]]:
    return [(t.mark.threshold, t.mark.state.value) for t in transitions]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("threshold", "used", "limit", "expected"),
    [
        (50, 4, 10, False),
        (50, 5, 10, True),
        (80, 7, 9, False),  # 77.8 %
        (80, 8, 10, True),
        (100, 9, 10, False),
        (100, 10, 10, True),
        (1, 0, 10, False),
        (50, 0, 0, False),  # nothing to measure against
        (100, 5, None, False),  # unlimited: no alerts
    ],
)
def test_a_threshold_is_reached_at_its_percent_of_the_limit(
    threshold: int, used: int, limit: int | None, expected: bool
) -> None:
    assert reached(threshold, used, limit) is expected


@pytest.mark.parametrize(
    ("used", "states", "cost", "expected"),
    [
        # nothing crossed: no transition (the common charge)
        (0, {}, 1, []),
        (5, {50: R}, 1, []),
        # crossing one threshold upward reaches it, once
        (4, {}, 1, [(50, "REACHED")]),
        (7, {50: R}, 1, [(80, "REACHED")]),
        (9, {50: R, 80: R}, 1, [(100, "REACHED")]),
        # one charge across two thresholds reaches both
        (7, {50: R}, 2, [(80, "REACHED")]),
        (4, {}, 2, [(50, "REACHED")]),
        # a resolved alert crossed again is reached again (the same alert)
        (4, {50: S}, 1, [(50, "REACHED")]),
    ],
)
def test_a_charge_reaches_the_thresholds_it_crosses(
    used: int, states: dict[int, AlertState], cost: int, expected: list[tuple[int, str]]
) -> None:
    # given a tenant with 10 credits, `used` of them used, and alerts in `states`
    request = charge(CHARGE_OF_2 if cost == 2 else CHARGE_OF_1)
    # when it is charged
    decisions = run([alerted(10, used=used, states=states)], [request])
    # then the charge carries exactly the transitions of what it crossed
    (result,) = decisions.results
    assert isinstance(result, Accepted)
    assert changes(result.alerts) == expected
    # and each carries the charge's event sequence; the account knows the new states
    assert all(t.sequence == result.account.event_sequence for t in result.alerts)
    for t in result.alerts:
        assert (t.mark.threshold, t.mark.state) in {
            (m.threshold, m.state) for m in decisions.accounts[t.tenant_id].alerts
        }


def test_a_charge_over_two_thresholds_at_once_reaches_both_and_headlines_the_higher() -> None:
    # given 4 credits, 1 used (25 %), thresholds 50 and 75
    decisions = run([alerted(4, used=1, thresholds=(50, 75))], [charge(CHARGE_OF_2)])
    # when one charge of 2 takes it to 75 %
    (result,) = decisions.results
    assert isinstance(result, Accepted)
    # then both are reached by that charge, and a live event shows the higher one
    assert changes(result.alerts) == [(50, "REACHED"), (75, "REACHED")]
    top = headline(result.alerts)
    assert top is not None and top.mark.threshold == 75


def test_a_batch_reaches_each_threshold_once_whatever_its_size() -> None:
    # given 10 credits and the default thresholds
    decisions = run([alerted(10)], [charge() for _ in range(12)])
    # then the ten that fit reach 50, 80 and 100 once each, on the 5th, 8th and 10th charge
    reached_by = {
        t.mark.threshold: index
        for index, result in enumerate(decisions.results, 1)
        if isinstance(result, Accepted)
        for t in result.alerts
    }
    assert reached_by == {50: 5, 80: 8, 100: 10}
    assert [type(r).__name__ for r in decisions.results[10:]] == ["InsufficientCredits"] * 2


def test_a_refused_charge_changes_no_alert() -> None:
    decisions = run([alerted(10, used=9, states={50: R, 80: R})], [charge(CHARGE_OF_2)])
    assert type(decisions.results[0]).__name__ == "InsufficientCredits"
    assert decisions.alerts == {} and decisions.rolled == []


@pytest.mark.parametrize(
    ("account_", "expected"),
    [
        # a grant raised the limit: 8/20 is under 50 and 80 -> both resolved
        (
            alerted(10, used=8, grants=(grant(10),), states={50: R, 80: R}),
            [(50, "RESOLVED"), (80, "RESOLVED")],
        ),
        # a refund took usage down to 6/10: 80 and 100 resolve, 50 stays
        (
            alerted(10, used=6, states={50: R, 80: R, 100: R}),
            [(80, "RESOLVED"), (100, "RESOLVED")],
        ),
        # the plan became unlimited: every reached alert resolves
        (alerted(None, used=6, states={50: R}), [(50, "RESOLVED")]),
        # thresholds set with usage already past them: reached at once
        (alerted(10, used=9), [(50, "REACHED"), (80, "REACHED")]),
        # a threshold no longer configured keeps its alert as it is
        (alerted(10, used=1, thresholds=(80,), states={50: R}), []),
        # no thresholds at all: nothing
        (alerted(10, used=10, thresholds=()), []),
        # consistent already: nothing
        (alerted(10, used=8, states={50: R, 80: R, 100: S}), []),
    ],
)
def test_an_account_as_read_brings_its_alerts_up_to_its_usage(
    account_: Account, expected: list[tuple[int, str]]
) -> None:
    after, transitions = alert_transitions(account_, NOW)
    assert changes(transitions) == expected
    if not expected:
        assert after is account_


def test_a_new_period_resolves_the_last_periods_alerts_and_announces_them() -> None:
    # given a REACHED alert of the period that ended, and a read that renewed the period
    old = AlertMark(uuid4(), 80, NOW - timedelta(days=30), R, 8, 10, NOW - timedelta(days=3))
    renewed = replace(alerted(10, rolled=True), alerts=(old,))
    # when a batch decides on it
    decisions = run([renewed], [charge()])
    # then the period's announcement carries the resolution, with the announced sequence
    (announced,) = decisions.rolled
    assert announced.event_sequence == 8
    assert changes(decisions.alerts[announced.tenant_id]) == [(80, "RESOLVED")]
    assert decisions.alerts[announced.tenant_id][0].sequence == 8
    # and the old alert is no longer carried by the account
    assert decisions.accounts[announced.tenant_id].alerts == ()


def test_alerts_changed_as_read_are_announced_even_without_a_charge_that_fits() -> None:
    # given an account whose grant expired since: 9 used of 10 reaches 80 without a charge
    decisions = run([alerted(10, used=9, states={50: R})], [charge(CHARGE_OF_2)])
    # then the refusal stands and the announcement (sequence 8) carries the alert
    assert type(decisions.results[0]).__name__ == "InsufficientCredits"
    assert [a.event_sequence for a in decisions.rolled] == [8]
    assert changes(decisions.alerts[decisions.rolled[0].tenant_id]) == [(80, "REACHED")]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([80, 50, 80, 100], (50, 80, 100)),
        ([], ()),
        ([1, 100], (1, 100)),
        ([0], "percents"),
        ([101], "percents"),
        ([-5, 50], "percents"),
        (list(range(1, 12)), "at most 10"),
        ([5] * 20 + [10], (5, 10)),
    ],
)
def test_thresholds_are_cleaned_or_refused(given: list[int], expected: object) -> None:
    result = clean_thresholds(given)
    if isinstance(expected, tuple):
        assert result == expected
    else:
        assert isinstance(result, str) and str(expected) in result
