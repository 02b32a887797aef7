"""Credit grants: consumption order, expiry, voiding, the API, and no overspend under load."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from models import CreditGrant, CreditUsage, GrantSource, Project, Task, Tenant, User
from services import tasks
from services.auth import mint_token
from services.clock import utcnow
from services.errors import InsufficientCredits
from services.runtime import Runtime
from settings import Settings
from tests import backends
from tests.api.queries import FEATURE, SUMMARY
from tests.conftest import JWT_SECRET, Api
from tests.factories import make_project, make_tenant, make_user

GRANT = """
mutation($input: GrantCreditsInput!) {
  grantCredits(input: $input) {
    __typename
    ... on GrantCreditsSuccess { grant { id amount remaining priority expiresAt source reason active } }
    ... on Error { code message }
    ... on ValidationFailed { field }
  }
}
"""
VOID = """
mutation($id: ID!) {
  voidGrant(input: {id: $id}) {
    __typename
    ... on VoidGrantSuccess { grant { id remaining voidedAt active } }
    ... on Error { code message }
  }
}
"""
GRANTS = """
query($first: Int, $after: String) {
  creditGrants(first: $first, after: $after) {
    edges { cursor node { id amount remaining source active } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def _grant(
    tenant: Tenant, amount: int, *, priority: int = 0, expires_in: timedelta | None = None
) -> CreditGrant:
    return await CreditGrant.create(
        tenant=tenant,
        amount=amount,
        remaining=amount,
        priority=priority,
        expires_at=utcnow() + expires_in if expires_in is not None else None,
        source=GrantSource.PROMOTIONAL,
    )


async def _task(runtime: Runtime, tenant: Tenant, user: User, project: Project, title: str) -> None:
    await tasks.create_task(
        runtime=runtime,
        tenant_id=tenant.id,
        user_id=user.id,
        project_id=project.id,
        title=title,
        description=None,
        idempotency_key=None,
    )


async def _remaining(*grants: CreditGrant) -> list[int]:
    return [(await CreditGrant.get(id=grant.id)).remaining for grant in grants]


async def test_allowance_first_then_grants_by_priority_expiry_age_and_never_expired(
    runtime: Runtime,
) -> None:
    # given an allowance of 2 and grants: A (priority 1, no expiry), B (priority 0, expires in
    # 10 days), C (priority 0, expires in 5 days), D (priority 0, 10 days, newer than B), and
    # an expired grant E of priority -5 with plenty left
    tenant = await make_tenant(2)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)
    a = await _grant(tenant, 3, priority=1)
    b = await _grant(tenant, 2, priority=0, expires_in=timedelta(days=10))
    c = await _grant(tenant, 2, priority=0, expires_in=timedelta(days=5))
    d = await _grant(tenant, 1, priority=0, expires_in=timedelta(days=10))
    e = await _grant(tenant, 100, priority=-5, expires_in=timedelta(days=1))
    await CreditGrant.filter(id=e.id).update(expires_at=utcnow() - timedelta(seconds=1))
    await CreditGrant.filter(id=d.id).update(created_at=b.created_at + timedelta(seconds=1))

    # when tasks (1 credit each) are created one by one, noting what is left after each
    history = []
    for number in range(10):
        await _task(runtime, tenant, user, project, f"task {number}")
        history.append(await _remaining(a, b, c, d, e))

    # then the allowance goes first, then C, B, D, A; E is never touched
    assert history == [
        [3, 2, 2, 1, 100],  # allowance 1/2
        [3, 2, 2, 1, 100],  # allowance 2/2
        [3, 2, 1, 1, 100],  # C: priority 0, earliest expiry
        [3, 2, 0, 1, 100],
        [3, 1, 0, 1, 100],  # B: priority 0, later expiry, older than D
        [3, 0, 0, 1, 100],
        [3, 0, 0, 0, 100],  # D
        [2, 0, 0, 0, 100],  # A: priority 1, last
        [1, 0, 0, 0, 100],
        [0, 0, 0, 0, 100],
    ]
    usages = await CreditUsage.filter(tenant_id=tenant.id).order_by("sequence")
    assert [usage.from_allowance for usage in usages] == [1, 1] + [0] * 8

    # and the next charge is refused, the expired grant notwithstanding
    with pytest.raises(InsufficientCredits) as refused:
        await _task(runtime, tenant, user, project, "one too many")
    assert (refused.value.remaining, refused.value.limit) == (0, 10)


async def _concurrent_charges(runtimes: list[Runtime], total: int) -> tuple[Tenant, int]:
    """`total` concurrent task creations spread over `runtimes`; returns how many succeeded."""
    tenant = await make_tenant(5)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)
    await _grant(tenant, 7, priority=0)
    await _grant(tenant, 4, priority=1, expires_in=timedelta(days=1))
    await _grant(tenant, 50, priority=0, expires_in=timedelta(days=1))
    await CreditGrant.filter(tenant_id=tenant.id, amount=50).update(
        expires_at=utcnow() - timedelta(seconds=1)
    )
    outcomes = await asyncio.gather(
        *(
            _task(runtimes[number % len(runtimes)], tenant, user, project, f"t{number}")
            for number in range(total)
        ),
        return_exceptions=True,
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, InsufficientCredits):
            raise outcome
    return tenant, sum(1 for outcome in outcomes if outcome is None)


async def _assert_spent_exactly(tenant: Tenant, succeeded: int) -> None:
    # 5 allowance + 7 + 4 from live grants; the expired 50 never counts
    assert succeeded == 16
    assert await Task.filter(tenant_id=tenant.id).count() == 16
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 16
    grants = await CreditGrant.filter(tenant_id=tenant.id).order_by("amount")
    assert [(grant.amount, grant.remaining) for grant in grants] == [(4, 0), (7, 0), (50, 50)]


async def test_concurrent_charges_never_overspend_allowance_plus_grants(runtime: Runtime) -> None:
    # given a tenant with 5 allowance credits, grants of 7 and 4, and an expired grant of 50
    # when 60 tasks are created at once
    tenant, succeeded = await _concurrent_charges([runtime], 60)

    # then exactly the 16 live credits were spent
    await _assert_spent_exactly(tenant, succeeded)


async def test_concurrent_charges_from_two_processes_never_overspend_grants(
    db: object, settings: Settings
) -> None:
    backends.require_postgres(
        "needs PostgreSQL + Redis: two chargers only contend through the Redis lock"
    )
    # given two independent runtimes (as two processes) sharing PostgreSQL and Redis
    first, second = Runtime.build(settings), Runtime.build(settings)
    try:
        # when 80 tasks are created at once, spread over both
        tenant, succeeded = await _concurrent_charges([first, second], 80)
    finally:
        await first.close()
        await second.close()

    # then exactly the 16 live credits were spent
    await _assert_spent_exactly(tenant, succeeded)


async def test_admins_grant_list_and_void_credits_through_the_api(api: Api) -> None:
    # given a tenant with 2 allowance credits, its owner and a platform admin
    tenant = await make_tenant(2)
    owner = await make_user(tenant)
    admin = await make_user(admin=True)
    admin_token = mint_token(admin, secret=JWT_SECRET)
    owner_token = mint_token(owner, secret=JWT_SECRET)
    expires = (utcnow() + timedelta(days=30)).isoformat()

    # when the admin grants 10 promotional credits and 5 more
    granted = await api.gql(
        GRANT,
        {
            "input": {
                "tenantSlug": tenant.slug,
                "amount": 10,
                "priority": 1,
                "expiresAt": expires,
                "source": "PROMOTIONAL",
                "reason": "Launch promo",
            }
        },
        token=admin_token,
    )
    second = await api.gql(
        GRANT, {"input": {"tenantSlug": tenant.slug, "amount": 5}}, token=admin_token
    )

    # then the grants exist and the summary and the credits feature include them
    grant = granted["grantCredits"]["grant"]
    assert (grant["amount"], grant["remaining"], grant["source"], grant["active"]) == (
        10,
        10,
        "PROMOTIONAL",
        True,
    )
    assert second["grantCredits"]["grant"]["source"] == "ADJUSTMENT"
    summary = (await api.gql(SUMMARY, token=owner_token, tenant=tenant.slug))["usageSummary"]
    assert (summary["limit"], summary["remaining"]) == (17, 17)
    feature = (await api.gql(FEATURE, {"name": "credits"}, token=owner_token, tenant=tenant.slug))[
        "featureUsage"
    ]
    assert (feature["limit"], feature["remaining"], feature["enabled"]) == (17, 17, True)
    listed = (await api.gql(GRANTS, {"first": 1}, token=owner_token, tenant=tenant.slug))[
        "creditGrants"
    ]
    assert listed["pageInfo"]["hasNextPage"] is True
    rest = (
        await api.gql(
            GRANTS,
            {"first": 10, "after": listed["pageInfo"]["endCursor"]},
            token=owner_token,
            tenant=tenant.slug,
        )
    )["creditGrants"]
    assert {edge["node"]["amount"] for edge in listed["edges"] + rest["edges"]} == {10, 5}

    # when the admin voids the 10-credit grant (twice)
    voided = await api.gql(VOID, {"id": grant["id"]}, token=admin_token)
    again = await api.gql(VOID, {"id": grant["id"]}, token=admin_token)

    # then it is void with nothing left, and only 7 credits remain
    assert voided["voidGrant"]["grant"]["remaining"] == 0
    assert voided["voidGrant"]["grant"]["active"] is False
    assert again["voidGrant"]["grant"]["voidedAt"] == voided["voidGrant"]["grant"]["voidedAt"]
    summary = (await api.gql(SUMMARY, token=owner_token, tenant=tenant.slug))["usageSummary"]
    assert summary["remaining"] == 7


async def test_grant_input_is_validated_and_admin_only(api: Api) -> None:
    # given a tenant, its owner and a platform admin
    tenant = await make_tenant(2)
    owner = await make_user(tenant)
    admin = await make_user(admin=True)
    admin_token = mint_token(admin, secret=JWT_SECRET)

    # when bad grants are asked for, or by a non-admin
    past = (utcnow() - timedelta(days=1)).isoformat()
    zero = await api.gql(
        GRANT, {"input": {"tenantSlug": tenant.slug, "amount": 0}}, token=admin_token
    )
    expired = await api.gql(
        GRANT,
        {"input": {"tenantSlug": tenant.slug, "amount": 1, "expiresAt": past}},
        token=admin_token,
    )
    unknown = await api.gql(
        GRANT, {"input": {"tenantSlug": "no-such-tenant", "amount": 1}}, token=admin_token
    )
    forbidden = await api.post(
        GRANT,
        {"input": {"tenantSlug": tenant.slug, "amount": 1}},
        token=mint_token(owner, secret=JWT_SECRET),
    )

    # then each is refused and nothing is granted
    assert (zero["grantCredits"]["code"], zero["grantCredits"]["field"]) == (
        "VALIDATION_FAILED",
        "amount",
    )
    assert expired["grantCredits"]["field"] == "expiresAt"
    assert unknown["grantCredits"]["code"] == "NOT_FOUND"
    assert forbidden.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await CreditGrant.filter(tenant_id=tenant.id).count() == 0
