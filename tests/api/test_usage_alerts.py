"""Usage alerts over HTTP: setUsageAlertThresholds, usageAlerts, and the transitions that
charges, grants, refunds and new thresholds make, each with its webhook event."""

from __future__ import annotations

from typing import Any

from models import AlertState, Role, Tenant, UsageAlert, WebhookEvent
from schema.types import DEFAULT_ALERT_THRESHOLDS
from services.ledger.alerts import DEFAULT_THRESHOLDS
from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_tenant, make_user, token_for

SET = """
mutation($thresholds: [Int!]!) {
  setUsageAlertThresholds(input: {thresholds: $thresholds}) {
    __typename
    ... on SetUsageAlertThresholdsSuccess { tenant { slug usageAlertThresholds } }
    ... on ValidationFailed { field }
    ... on Error { code message }
  }
}
"""
TENANT = "{ tenant { usageAlertThresholds } }"
ALERTS = """
query($first: Int, $after: String) {
  usageAlerts(first: $first, after: $after) {
    edges { node { id threshold state used limit periodStart createdAt resolvedAt } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
CHARGE = """
mutation($quantity: Int!) {
  chargeCredits(input: {type: "credit-task-creation", quantity: $quantity, objectId: "/x"}) {
    __typename
    ... on ChargeCreditsSuccess { usage { id amount } }
    ... on Error { code }
  }
}
"""
REFUND = """
mutation($id: ID!) {
  refundCredits(input: {usageId: $id}) { __typename ... on Error { code message } }
}
"""
GRANT = """
mutation($slug: String!, $amount: Int!) {
  grantCredits(input: {tenantSlug: $slug, amount: $amount}) { __typename }
}
"""


async def _owner(api: Api, credits: int | None = 10, role: Role = Role.OWNER) -> Member:
    tenant = await make_tenant(credits)
    return Member(api, tenant, await make_user(tenant, role=role))


async def _charge(member: Member, quantity: int = 1) -> dict[str, Any]:
    result: dict[str, Any] = (await member.gql(CHARGE, {"quantity": quantity}))["chargeCredits"]
    assert result["__typename"] == "ChargeCreditsSuccess", result
    return result


async def _alerts(member: Member) -> list[tuple[int, str, int, int | None]]:
    edges = (await member.gql(ALERTS, {"first": 100}))["usageAlerts"]["edges"]
    return sorted(
        (e["node"]["threshold"], e["node"]["state"], e["node"]["used"], e["node"]["limit"])
        for e in edges
    )


async def _events(tenant: Tenant) -> list[tuple[str, int]]:
    rows = await WebhookEvent.filter(tenant_id=tenant.id).order_by("created_at")
    return [(row.type.value, row.data["threshold"]) for row in rows]


async def _grant(api: Api, tenant: Tenant, amount: int) -> None:
    admin = token_for(await make_user(admin=True))
    data = await api.gql(GRANT, {"slug": tenant.slug, "amount": amount}, token=admin)
    assert data["grantCredits"]["__typename"] == "GrantCreditsSuccess"


def test_the_schema_and_the_ledger_agree_on_the_default_thresholds() -> None:
    assert tuple(DEFAULT_ALERT_THRESHOLDS) == DEFAULT_THRESHOLDS == (50, 80, 100)


async def test_thresholds_default_to_50_80_100_and_are_set_cleaned(api: Api) -> None:
    # given a new tenant
    owner = await _owner(api)
    assert (await owner.gql(TENANT))["tenant"]["usageAlertThresholds"] == [50, 80, 100]
    # when its owner sets thresholds with duplicates, unsorted
    result = (await owner.gql(SET, {"thresholds": [90, 25, 90, 100]}))["setUsageAlertThresholds"]
    # then they are stored distinct and ascending
    assert result == {
        "__typename": "SetUsageAlertThresholdsSuccess",
        "tenant": {"slug": owner.tenant.slug, "usageAlertThresholds": [25, 90, 100]},
    }
    assert (await owner.gql(TENANT))["tenant"]["usageAlertThresholds"] == [25, 90, 100]
    # and an empty list turns alerts off
    await owner.gql(SET, {"thresholds": []})
    await _charge(owner, 10)
    assert await _alerts(owner) == []


async def test_bad_thresholds_are_refused_and_change_nothing(api: Api) -> None:
    owner = await _owner(api)
    await owner.gql(SET, {"thresholds": [10, 20]})
    for bad in ([0], [101], [-1, 50], list(range(1, 12))):
        result = (await owner.gql(SET, {"thresholds": bad}))["setUsageAlertThresholds"]
        assert (result["__typename"], result["field"]) == ("ValidationFailed", "thresholds"), bad
    assert (await owner.gql(TENANT))["tenant"]["usageAlertThresholds"] == [10, 20]


async def test_only_owners_and_admins_set_thresholds(api: Api) -> None:
    member = await _owner(api, role=Role.MEMBER)
    errors = await member.errors(SET, {"thresholds": [10]})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    admin = Member(api, member.tenant, await make_user(member.tenant, role=Role.ADMIN))
    result = (await admin.gql(SET, {"thresholds": [10]}))["setUsageAlertThresholds"]
    assert result["__typename"] == "SetUsageAlertThresholdsSuccess"
    assert (await Tenant.get(id=member.tenant.id)).usage_alert_thresholds == [10]


async def test_charges_reach_each_threshold_once_and_a_grant_resolves_what_it_undoes(
    api: Api,
) -> None:
    # given a tenant with 10 credits a month and the default thresholds
    owner = await _owner(api)
    # when it spends them one by one (and is refused once more)
    for _ in range(10):
        await _charge(owner)
    refused = (await owner.gql(CHARGE, {"quantity": 1}))["chargeCredits"]
    assert refused["__typename"] == "InsufficientCredits"
    # then 50, 80 and 100 % were each reached once, with the usage that reached them
    assert await _alerts(owner) == [
        (50, "REACHED", 5, 10),
        (80, "REACHED", 8, 10),
        (100, "REACHED", 10, 10),
    ]
    assert await _events(owner.tenant) == [
        ("usage.threshold.reached", 50),
        ("usage.threshold.reached", 80),
        ("usage.threshold.reached", 100),
    ]
    # when a grant of 5 brings usage to 10 of 15 (66 %)
    await _grant(api, owner.tenant, 5)
    # then 80 and 100 are resolved, once, and 50 stays reached
    assert await _alerts(owner) == [
        (50, "REACHED", 5, 10),
        (80, "RESOLVED", 10, 15),
        (100, "RESOLVED", 10, 15),
    ]
    assert sorted((await _events(owner.tenant))[3:]) == [
        ("usage.threshold.resolved", 80),
        ("usage.threshold.resolved", 100),
    ]
    # when usage crosses 80 % again (12 of 15)
    await _charge(owner, 2)
    # then the same 80 alert is reached again: still one alert per threshold in the period
    assert await _alerts(owner) == [
        (50, "REACHED", 5, 10),
        (80, "REACHED", 12, 15),
        (100, "RESOLVED", 10, 15),
    ]
    assert await UsageAlert.filter(tenant_id=owner.tenant.id).count() == 3
    event = await WebhookEvent.filter(tenant_id=owner.tenant.id).order_by("-created_at").first()
    assert event is not None
    alert = await UsageAlert.get(tenant_id=owner.tenant.id, threshold=80)
    assert event.data == {
        "threshold": 80,
        "used": 12,
        "limit": 15,
        "periodStart": alert.period_start.isoformat(),
        "alertId": str(alert.id),
        "state": "REACHED",
    }


async def test_a_refund_resolves_the_alerts_usage_falls_back_under(api: Api) -> None:
    # given a tenant at 8 of 10 credits, 50 and 80 reached
    owner = await _owner(api)
    await _charge(owner, 5)
    usage = (await _charge(owner, 3))["usage"]
    assert [state for _, state, *_ in await _alerts(owner)] == ["REACHED", "REACHED"]
    # when the charge of 3 is refunded (5 of 10 left)
    refunded = (await owner.gql(REFUND, {"id": usage["id"]}))["refundCredits"]
    assert refunded["__typename"] == "RefundCreditsSuccess", refunded
    # then 80 is resolved, 50 is not
    assert await _alerts(owner) == [(50, "REACHED", 5, 10), (80, "RESOLVED", 5, 10)]
    assert (await _events(owner.tenant))[-1] == ("usage.threshold.resolved", 80)


async def test_new_thresholds_already_passed_are_reached_at_once(api: Api) -> None:
    # given a tenant at 3 of 10 credits: no default threshold reached
    owner = await _owner(api)
    await _charge(owner, 3)
    assert await _alerts(owner) == []
    # when thresholds 20 and 30 are set
    await owner.gql(SET, {"thresholds": [20, 30, 90]})
    # then both are reached now, without waiting for a charge
    assert await _alerts(owner) == [(20, "REACHED", 3, 10), (30, "REACHED", 3, 10)]
    assert await _events(owner.tenant) == [
        ("usage.threshold.reached", 20),
        ("usage.threshold.reached", 30),
    ]


async def test_an_unlimited_tenant_gets_no_alerts(api: Api) -> None:
    owner = await _owner(api, credits=None)
    await _charge(owner, 50)
    assert await _alerts(owner) == []


async def test_usage_alerts_are_paginated_newest_first_and_scoped_to_the_tenant(
    api: Api,
) -> None:
    # given a tenant with three alerts, and another tenant with its own
    owner = await _owner(api)
    for _ in range(10):
        await _charge(owner)
    other = await _owner(api)
    await _charge(other, 10)
    # when the first tenant pages through its alerts two at a time
    page = (await owner.gql(ALERTS, {"first": 2}))["usageAlerts"]
    rest = (await owner.gql(ALERTS, {"first": 2, "after": page["pageInfo"]["endCursor"]}))[
        "usageAlerts"
    ]
    # then it sees its own three, newest first, and none of the other tenant's
    thresholds = [e["node"]["threshold"] for e in page["edges"] + rest["edges"]]
    assert thresholds == [100, 80, 50]
    assert (page["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasNextPage"]) == (True, False)
    own = {str(a.id) for a in await UsageAlert.filter(tenant_id=owner.tenant.id)}
    assert {e["node"]["id"] for e in page["edges"] + rest["edges"]} == own
    assert all(
        a.state is AlertState.REACHED for a in await UsageAlert.filter(tenant_id=other.tenant.id)
    )
