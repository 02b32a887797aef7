"""Platform-admin mutations: plans, tenants, members, a tenant's plan."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from models import Membership, Role, TenantSubscription, User
from tests.api.queries import CREATE_PROJECT, SUMMARY
from tests.conftest import Api
from tests.factories import make_plan, make_tenant, make_user, token_for

PLAN_FIELDS = "plan { id name description features { name title type value } }"
ERROR_FIELDS = "... on Error { code message } ... on ValidationFailed { field }"
TENANT_FIELDS = """
tenant {
  id slug name
  plan { id name }
  subscription { status currentPeriodStart currentPeriodEnd }
}"""

CREATE_PLAN = f"""
mutation($input: CreatePlanInput!) {{
  createPlan(input: $input) {{
    __typename ... on CreatePlanSuccess {{ {PLAN_FIELDS} }} {ERROR_FIELDS}
  }}
}}"""

UPDATE_PLAN = f"""
mutation($input: UpdatePlanInput!) {{
  updatePlan(input: $input) {{
    __typename ... on UpdatePlanSuccess {{ {PLAN_FIELDS} }} {ERROR_FIELDS}
  }}
}}"""

CREATE_TENANT = f"""
mutation($input: CreateTenantInput!) {{
  createTenant(input: $input) {{
    __typename ... on CreateTenantSuccess {{ {TENANT_FIELDS} }} {ERROR_FIELDS}
  }}
}}"""

ADD_MEMBER = f"""
mutation($input: AddTenantMemberInput!) {{
  addTenantMember(input: $input) {{
    __typename
    ... on AddTenantMemberSuccess {{ membership {{ role tenant {{ slug }} user {{ email }} }} }}
    {ERROR_FIELDS}
  }}
}}"""

SET_PLAN = f"""
mutation($input: SetTenantPlanInput!) {{
  setTenantPlan(input: $input) {{
    __typename ... on SetTenantPlanSuccess {{ {TENANT_FIELDS} }} {ERROR_FIELDS}
  }}
}}"""

VIEWER = "{ viewer { id email isPlatformAdmin memberships { tenant { id slug name } role } } }"

FEATURES = [
    {"name": "credits", "title": "Credits", "type": "MONTHLY", "value": 5},
    {"name": "api", "title": "API access", "type": "INCLUDED"},
    {"name": "sso", "title": "SSO", "type": "NOT_INCLUDED"},
]


class Admin:
    def __init__(self, api: Api, token: str) -> None:
        self.api, self.token = api, token

    async def run(self, document: str, input: dict[str, Any]) -> dict[str, Any]:
        data = await self.api.gql(document, {"input": input}, token=self.token)
        (result,) = data.values()
        assert isinstance(result, dict)
        return result

    async def plan(self, name: str = "Gold", features: list[Any] | None = None) -> dict[str, Any]:
        created = await self.run(
            CREATE_PLAN, {"name": name, "features": FEATURES if features is None else features}
        )
        assert created["__typename"] == "CreatePlanSuccess", created
        plan: dict[str, Any] = created["plan"]
        return plan


@pytest.fixture
async def admin(api: Api) -> Admin:
    return Admin(api, token_for(await make_user(admin=True)))


async def test_create_plan_lists_it_publicly_with_its_features(api: Api, admin: Admin) -> None:
    # when an admin creates a plan
    created = await admin.run(
        CREATE_PLAN, {"name": "Gold", "description": "Shiny", "features": FEATURES}
    )

    # then it has its features in order, and the public plan list shows it
    assert created["__typename"] == "CreatePlanSuccess"
    plan = created["plan"]
    assert (plan["name"], plan["description"]) == ("Gold", "Shiny")
    assert plan["features"] == [{**feature, "value": None} | feature for feature in FEATURES]
    listed = (await api.gql("{ plans { id name features { name type value } } }"))["plans"]
    assert {
        "id": plan["id"],
        "name": "Gold",
        "features": [
            {"name": f["name"], "type": f["type"], "value": f.get("value")} for f in FEATURES
        ],
    } in listed


async def test_create_plan_with_a_taken_name_is_a_conflict(admin: Admin) -> None:
    await admin.plan("Gold")
    duplicate = await admin.run(CREATE_PLAN, {"name": "Gold", "features": []})
    assert (duplicate["__typename"], duplicate["code"]) == ("Conflict", "CONFLICT")


@pytest.mark.parametrize(
    "input, field",
    [
        ({"name": " ", "features": []}, "name"),
        (
            {"name": "X", "features": [{"name": "credits", "title": "C", "type": "MONTHLY"}]},
            "features.0.value",
        ),
        (
            {
                "name": "X",
                "features": [
                    {"name": "a", "title": "A", "type": "INCLUDED"},
                    {"name": "a", "title": "A", "type": "INCLUDED"},
                ],
            },
            "features.1.name",
        ),
        (
            {"name": "X", "features": [{"name": "c", "title": "C", "type": "TOTAL", "value": -1}]},
            "features.0.value",
        ),
    ],
    ids=["blank name", "monthly without value", "duplicate feature", "negative value"],
)
async def test_create_plan_validation(admin: Admin, input: dict[str, Any], field: str) -> None:
    result = await admin.run(CREATE_PLAN, input)
    assert (result["__typename"], result["field"]) == ("ValidationFailed", field)


async def test_update_plan_renames_and_replaces_features(admin: Admin) -> None:
    # given a plan
    plan = await admin.plan("Silver")

    # when it is renamed and its features replaced
    updated = await admin.run(
        UPDATE_PLAN,
        {
            "id": plan["id"],
            "name": "Silver 2",
            "features": [{"name": "credits", "title": "Credits", "type": "UNLIMITED"}],
        },
    )

    # then the plan has the new name and only the new features; the description stays
    assert updated["plan"] == {
        "id": plan["id"],
        "name": "Silver 2",
        "description": None,
        "features": [{"name": "credits", "title": "Credits", "type": "UNLIMITED", "value": None}],
    }
    # and omitting features keeps them
    renamed = await admin.run(UPDATE_PLAN, {"id": plan["id"], "description": "Now with more"})
    assert renamed["plan"]["features"] == updated["plan"]["features"]
    assert renamed["plan"]["description"] == "Now with more"


async def test_update_plan_errors(admin: Admin) -> None:
    taken = await admin.plan("Taken")
    plan = await admin.plan("Mine")
    conflict = await admin.run(UPDATE_PLAN, {"id": plan["id"], "name": taken["name"]})
    missing = await admin.run(
        UPDATE_PLAN, {"id": "7d1e0f8e-0000-4000-8000-000000000000", "name": "x"}
    )
    bad_id = await admin.run(UPDATE_PLAN, {"id": "x", "name": "y"})
    assert conflict["__typename"] == "Conflict"
    assert missing["__typename"] == "NotFound"
    assert (bad_id["__typename"], bad_id["field"]) == ("ValidationFailed", "id")


async def test_create_tenant_on_a_plan_starts_a_one_month_period(admin: Admin) -> None:
    # given a plan
    plan = await admin.plan()

    # when a tenant is created on it
    created = await admin.run(
        CREATE_TENANT, {"name": "Globex", "slug": "Globex-Corp", "planId": plan["id"]}
    )

    # then its slug is normalised and it has an active subscription of one month from now
    assert created["__typename"] == "CreateTenantSuccess", created
    tenant = created["tenant"]
    assert (tenant["slug"], tenant["name"]) == ("globex-corp", "Globex")
    assert tenant["plan"] == {"id": plan["id"], "name": "Gold"}
    subscription = tenant["subscription"]
    assert subscription["status"] == "ACTIVE"
    start = datetime.fromisoformat(subscription["currentPeriodStart"])
    end = datetime.fromisoformat(subscription["currentPeriodEnd"])
    assert timedelta(days=28) <= end - start <= timedelta(days=31)
    assert abs(start - datetime.now(start.tzinfo)) < timedelta(minutes=5)


async def test_create_tenant_without_a_plan_has_no_subscription(admin: Admin) -> None:
    created = await admin.run(CREATE_TENANT, {"name": "Bare", "slug": "bare"})
    assert (created["tenant"]["plan"], created["tenant"]["subscription"]) == (None, None)


@pytest.mark.parametrize(
    "slug", ["", "-leading", "trailing-", "has space", "ünïcode", "under_score", "x" * 65]
)
async def test_create_tenant_rejects_bad_slugs(admin: Admin, slug: str) -> None:
    result = await admin.run(CREATE_TENANT, {"name": "N", "slug": slug})
    assert (result["__typename"], result["field"]) == ("ValidationFailed", "slug")


async def test_create_tenant_errors(admin: Admin) -> None:
    await admin.run(CREATE_TENANT, {"name": "First", "slug": "dup"})
    duplicate = await admin.run(CREATE_TENANT, {"name": "Second", "slug": "DUP"})
    unknown_plan = await admin.run(
        CREATE_TENANT,
        {"name": "N", "slug": "n", "planId": "7d1e0f8e-0000-4000-8000-000000000000"},
    )
    assert duplicate["__typename"] == "Conflict"
    assert unknown_plan["__typename"] == "NotFound"


async def test_add_tenant_member_creates_the_user_and_changes_roles(api: Api, admin: Admin) -> None:
    # given a tenant
    tenant = await make_tenant(10)

    # when a new email is added as MEMBER
    added = await admin.run(
        ADD_MEMBER, {"tenantSlug": tenant.slug, "email": " New@Example.com ", "role": "MEMBER"}
    )

    # then the user exists and sees the tenant in viewer.memberships
    assert added["membership"] == {
        "role": "MEMBER",
        "tenant": {"slug": tenant.slug},
        "user": {"email": "new@example.com"},
    }
    user = await User.get(email="new@example.com")
    viewer = (await api.gql(VIEWER, token=token_for(user)))["viewer"]
    assert viewer == {
        "id": str(user.id),
        "email": "new@example.com",
        "isPlatformAdmin": False,
        "memberships": [
            {
                "tenant": {"id": str(tenant.id), "slug": tenant.slug, "name": "Tenant"},
                "role": "MEMBER",
            }
        ],
    }

    # when the same email is added again as ADMIN
    promoted = await admin.run(
        ADD_MEMBER, {"tenantSlug": tenant.slug, "email": "new@example.com", "role": "ADMIN"}
    )

    # then the role changed, with no second user or membership
    assert promoted["membership"]["role"] == "ADMIN"
    assert await User.filter(email="new@example.com").count() == 1
    memberships = await Membership.filter(user_id=user.id)
    assert [membership.role for membership in memberships] == [Role.ADMIN]


async def test_add_tenant_member_errors(admin: Admin) -> None:
    tenant = await make_tenant(10)
    missing = await admin.run(
        ADD_MEMBER, {"tenantSlug": "nowhere", "email": "a@example.com", "role": "OWNER"}
    )
    bad_email = await admin.run(
        ADD_MEMBER, {"tenantSlug": tenant.slug, "email": "not-an-email", "role": "OWNER"}
    )
    assert missing["__typename"] == "NotFound"
    assert (bad_email["__typename"], bad_email["field"]) == ("ValidationFailed", "email")


async def test_set_tenant_plan_starts_a_new_period_with_fresh_usage(api: Api, admin: Admin) -> None:
    # given a tenant that spent its 2 credits in the current period
    tenant = await make_tenant(2)
    owner = token_for(await make_user(tenant))
    spent = await api.gql(CREATE_PROJECT, {"input": {"name": "P"}}, token=owner, tenant=tenant.slug)
    assert spent["createProject"]["__typename"] == "CreateProjectSuccess"
    refused = await api.gql(
        CREATE_PROJECT, {"input": {"name": "Q"}}, token=owner, tenant=tenant.slug
    )
    assert refused["createProject"]["__typename"] == "InsufficientCredits"
    old = await TenantSubscription.get(tenant_id=tenant.id)

    # when an admin moves it to a 5-credit plan
    plan = await admin.plan()
    moved = await admin.run(SET_PLAN, {"tenantSlug": tenant.slug, "planId": plan["id"]})

    # then a new period started now, on the new plan, with nothing used yet
    assert moved["__typename"] == "SetTenantPlanSuccess", moved
    assert moved["tenant"]["plan"]["id"] == plan["id"]
    new_start = datetime.fromisoformat(moved["tenant"]["subscription"]["currentPeriodStart"])
    assert new_start > old.current_period_start
    summary = (await api.gql(SUMMARY, token=owner, tenant=tenant.slug))["usageSummary"]
    assert (summary["used"], summary["limit"], summary["remaining"]) == (0, 5, 5)
    assert datetime.fromisoformat(summary["periodStart"]) == new_start
    # and the tenant can spend again
    again = await api.gql(CREATE_PROJECT, {"input": {"name": "R"}}, token=owner, tenant=tenant.slug)
    assert again["createProject"]["__typename"] == "CreateProjectSuccess"
    tenant_view = (
        await api.gql(
            "{ tenant { plan { name } subscription { status } } }", token=owner, tenant=tenant.slug
        )
    )["tenant"]
    assert tenant_view == {"plan": {"name": "Gold"}, "subscription": {"status": "ACTIVE"}}


async def test_set_tenant_plan_gives_a_tenant_without_subscription_its_first_period(
    api: Api, admin: Admin
) -> None:
    # given a tenant without a subscription: it cannot spend
    tenant = await make_tenant(subscribed=False)
    owner = token_for(await make_user(tenant))
    refused = await api.gql(
        CREATE_PROJECT, {"input": {"name": "P"}}, token=owner, tenant=tenant.slug
    )
    assert refused["createProject"]["code"] == "NO_ACTIVE_SUBSCRIPTION"

    # when an admin puts it on a plan
    plan = await make_plan(3)
    moved = await admin.run(SET_PLAN, {"tenantSlug": tenant.slug, "planId": str(plan.id)})

    # then it can spend
    assert moved["tenant"]["subscription"]["status"] == "ACTIVE"
    allowed = await api.gql(
        CREATE_PROJECT, {"input": {"name": "P"}}, token=owner, tenant=tenant.slug
    )
    assert allowed["createProject"]["__typename"] == "CreateProjectSuccess"


async def test_set_tenant_plan_errors(admin: Admin) -> None:
    tenant = await make_tenant(1)
    missing_plan = await admin.run(
        SET_PLAN, {"tenantSlug": tenant.slug, "planId": "7d1e0f8e-0000-4000-8000-000000000000"}
    )
    missing_tenant = await admin.run(
        SET_PLAN, {"tenantSlug": "nowhere", "planId": str((await make_plan(1)).id)}
    )
    assert missing_plan["__typename"] == "NotFound"
    assert missing_tenant["__typename"] == "NotFound"


async def test_a_plan_rolls_over_unused_credits_up_to_rollover_max(api: Api, admin: Admin) -> None:
    # when an admin gives a plan's monthly credits a rollover cap
    features = [{"name": "credits", "title": "Credits", "type": "MONTHLY", "value": 100}]
    created = await admin.run(
        CREATE_PLAN, {"name": "Rolling", "features": [{**features[0], "rolloverMax": 25}]}
    )

    # then the plan shows it, publicly too
    assert created["__typename"] == "CreatePlanSuccess", created
    listed = (await api.gql("{ plans { name features { name rolloverMax } } }"))["plans"]
    assert {"name": "Rolling", "features": [{"name": "credits", "rolloverMax": 25}]} in listed


@pytest.mark.parametrize(
    "feature",
    [
        {"name": "api", "title": "API", "type": "INCLUDED", "rolloverMax": 5},
        {"name": "credits", "title": "Credits", "type": "UNLIMITED", "rolloverMax": 5},
        {"name": "credits", "title": "Credits", "type": "MONTHLY", "value": 9, "rolloverMax": -1},
    ],
    ids=["not the credits feature", "unlimited credits", "negative"],
)
async def test_a_rollover_cap_where_nothing_can_roll_over_is_refused(
    api: Api, admin: Admin, feature: dict[str, Any]
) -> None:
    refused = await admin.run(CREATE_PLAN, {"name": "Odd", "features": [feature]})
    assert (refused["__typename"], refused["field"]) == (
        "ValidationFailed",
        "features.0.rolloverMax",
    )
    listed = (await api.gql("{ plans { name } }"))["plans"]
    assert {"name": "Odd"} not in listed
