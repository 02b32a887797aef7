"""The usage ledger through the API: filters, newest-first pagination, the summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models import CreditUsage, Membership, Role
from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_tenant, make_user

USAGES = """
query($first: Int, $after: String, $type: String, $userId: ID, $since: DateTime, $until: DateTime) {
  creditUsages(first: $first, after: $after, type: $type, userId: $userId, since: $since, until: $until) {
    edges { cursor node { id type amount objectId user { id email } createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

T0 = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


class Ledger:
    """Two members of one tenant: alice made a project and two tasks, bob one task."""

    def __init__(self, alice: Member, bob: Member, rows: dict[str, str]) -> None:
        self.alice, self.bob, self.rows = alice, bob, rows

    async def ids(self, **variables: Any) -> list[str]:
        data = await self.alice.gql(USAGES, variables)
        return [edge["node"]["id"] for edge in data["creditUsages"]["edges"]]


@pytest.fixture
async def ledger(api: Api) -> Ledger:
    tenant = await make_tenant(100)
    alice = Member(api, tenant, await make_user(tenant))
    bob_user = await make_user()
    await Membership.create(tenant=tenant, user=bob_user, role=Role.MEMBER)
    bob = Member(api, tenant, bob_user)
    created = await alice.create_project("P")
    project_id = created["project"]["id"]
    rows = {"project": created["usage"]["id"]}
    rows["task1"] = (await alice.create_task(project_id, "one"))["usage"]["id"]
    rows["task2"] = (await alice.create_task(project_id, "two"))["usage"]["id"]
    rows["bob"] = (await bob.create_task(project_id, "bob's"))["usage"]["id"]
    # Spread the charges over known days so time filters are exact.
    for day, name in enumerate(["project", "task1", "task2", "bob"]):
        await CreditUsage.filter(id=rows[name]).update(created_at=T0 + timedelta(days=day))
    return Ledger(alice, bob, rows)


async def test_ledger_lists_every_charge_newest_first(ledger: Ledger) -> None:
    # when the whole ledger is read
    data = await ledger.alice.gql(USAGES)
    nodes = [edge["node"] for edge in data["creditUsages"]["edges"]]

    # then the four charges come newest first, each with its type, amount and user
    assert [node["id"] for node in nodes] == [
        ledger.rows[name] for name in ("bob", "task2", "task1", "project")
    ]
    assert [(node["type"], node["amount"]) for node in nodes] == [
        ("credit-task-creation", 1),
        ("credit-task-creation", 1),
        ("credit-task-creation", 1),
        ("credit-project-creation", 2),
    ]
    assert nodes[0]["user"] == {"id": str(ledger.bob.user.id), "email": ledger.bob.user.email}
    assert nodes[0]["createdAt"].startswith("2026-01-13T12:00:00")


async def test_ledger_filters_by_type(ledger: Ledger) -> None:
    assert await ledger.ids(type="credit-project-creation") == [ledger.rows["project"]]
    assert len(await ledger.ids(type="credit-task-creation")) == 3


async def test_ledger_filters_by_user(ledger: Ledger) -> None:
    assert await ledger.ids(userId=str(ledger.bob.user.id)) == [ledger.rows["bob"]]
    assert len(await ledger.ids(userId=str(ledger.alice.user.id))) == 3


async def test_ledger_filters_by_time_since_inclusive_until_exclusive(ledger: Ledger) -> None:
    # when filtered to [day 1, day 3)
    ids = await ledger.ids(
        since=(T0 + timedelta(days=1)).isoformat(), until=(T0 + timedelta(days=3)).isoformat()
    )
    # then only the charges of days 1 and 2 remain
    assert ids == [ledger.rows["task2"], ledger.rows["task1"]]
    assert await ledger.ids(since=(T0 + timedelta(days=3)).isoformat()) == [ledger.rows["bob"]]
    assert await ledger.ids(until=T0.isoformat()) == []


async def test_ledger_filters_combine(ledger: Ledger) -> None:
    ids = await ledger.ids(
        type="credit-task-creation",
        userId=str(ledger.alice.user.id),
        since=(T0 + timedelta(days=2)).isoformat(),
    )
    assert ids == [ledger.rows["task2"]]


async def test_ledger_paginates_with_cursors(ledger: Ledger) -> None:
    # when the ledger is read one row at a time
    seen: list[str] = []
    after: str | None = None
    has_next = True
    while has_next:
        page = (await ledger.alice.gql(USAGES, {"first": 1, "after": after}))["creditUsages"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        has_next = page["pageInfo"]["hasNextPage"]
        after = page["pageInfo"]["endCursor"]
    # then each row comes exactly once, newest first
    assert seen == [ledger.rows[name] for name in ("bob", "task2", "task1", "project")]


@pytest.mark.parametrize(
    "variables",
    [{"type": "credit-unknown"}, {"userId": "me"}, {"first": 101}, {"after": "zzz"}],
    ids=["unknown type", "bad user id", "first too big", "bad cursor"],
)
async def test_bad_ledger_arguments_are_bad_requests(
    ledger: Ledger, variables: dict[str, Any]
) -> None:
    errors = await ledger.alice.errors(USAGES, variables)
    assert errors[0]["extensions"]["code"] == "BAD_REQUEST"


async def test_usage_summary_groups_the_period_by_type(ledger: Ledger) -> None:
    # given the charges moved into the current period again
    await CreditUsage.filter(tenant_id=ledger.alice.tenant.id).update(created_at=datetime.now(UTC))
    # when the summary is read
    summary = (
        await ledger.alice.gql(
            "{ usageSummary { periodStart periodEnd used limit remaining "
            "byType { type used count } } }"
        )
    )["usageSummary"]
    # then it counts 5 of 100 credits, per type
    assert (summary["used"], summary["limit"], summary["remaining"]) == (5, 100, 95)
    assert sorted((row["type"], row["used"], row["count"]) for row in summary["byType"]) == [
        ("credit-project-creation", 2, 1),
        ("credit-task-creation", 3, 3),
    ]
    assert summary["periodStart"] < summary["periodEnd"]
