"""API keys: created and revoked by owners and admins, sent as `Authorization: Bearer ck_…`,
naming their tenant, acting as a MEMBER, refused when revoked or when the plan has no `api`."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from models import (
    ApiKey,
    CreditUsage,
    PlanFeature,
    PlanFeatureType,
    Role,
    Tenant,
    TenantSubscription,
)
from services import api_key_auth
from services.api_keys import hash_secret
from services.clock import utcnow
from tests.api.queries import CREATE_PROJECT
from tests.api.test_charge_credits import CHARGE
from tests.conftest import Api
from tests.factories import make_plan, make_tenant, make_user, token_for

CREATE_KEY = """
mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    __typename
    ... on CreateApiKeySuccess { secret apiKey { id name prefix createdAt lastUsedAt revokedAt } }
    ... on FeatureNotIncluded { code message feature }
    ... on Error { code message }
  }
}
"""
REVOKE_KEY = """
mutation($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) {
    __typename
    ... on RevokeApiKeySuccess { apiKey { id revokedAt } }
    ... on Error { code message }
  }
}
"""
LIST_KEYS = "{ apiKeys { id name prefix createdAt lastUsedAt revokedAt } }"
NO_API_ACCESS = "does not include API access"


async def key_owner(api: Api, *, api_access: bool = True) -> tuple[Tenant, str]:
    """A tenant (on a plan with or without `api`) and its owner's token."""
    tenant = await make_tenant(100, api=api_access)
    return tenant, token_for(await make_user(tenant))


async def create_key(api: Api, token: str, tenant: Tenant, name: str = "backend") -> Any:
    data = await api.gql(CREATE_KEY, {"input": {"name": name}}, token=token, tenant=tenant.slug)
    return data["createApiKey"]


def error_code(response: Any) -> str:
    body = response.json()
    assert "errors" in body, body
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def test_an_owner_creates_a_key_whose_secret_is_shown_once_and_stored_as_a_hash(
    api: Api,
) -> None:
    # given an owner of a tenant whose plan includes API access
    tenant, token = await key_owner(api)

    # when they create a key
    created = await create_key(api, token, tenant, "billing backend")

    # then the secret is shown, starts with ck_, and the key is listed without it
    assert created["__typename"] == "CreateApiKeySuccess"
    secret = created["secret"]
    assert secret.startswith("ck_") and len(secret) >= 3 + 43
    key = created["apiKey"]
    assert key["name"] == "billing backend"
    assert key["prefix"] == secret[:11]
    assert key["lastUsedAt"] is None and key["revokedAt"] is None
    listed = (await api.gql(LIST_KEYS, token=token, tenant=tenant.slug))["apiKeys"]
    assert listed == [key]
    # and the database holds its hash, not the secret
    row = await ApiKey.get(id=key["id"])
    assert row.secret_hash == hash_secret(secret) and secret not in str(row.__dict__)


async def test_a_key_names_its_tenant_and_acts_as_a_member(api: Api) -> None:
    # given a key of tenant A
    tenant, token = await key_owner(api)
    secret = (await create_key(api, token, tenant))["secret"]

    # when it is used without X-Tenant, and with A's own slug
    without = await api.gql("{ tenant { slug } usageSummary { used } }", token=secret)
    with_header = await api.gql("{ tenant { slug } }", token=secret, tenant=tenant.slug.upper())

    # then both read tenant A
    assert without["tenant"]["slug"] == tenant.slug
    assert with_header["tenant"]["slug"] == tenant.slug
    # and it may charge like a member: the project and its charge are made
    data = await api.gql(CREATE_PROJECT, {"input": {"name": "From the backend"}}, token=secret)
    assert data["createProject"]["__typename"] == "CreateProjectSuccess"


async def test_a_key_with_another_tenants_header_is_forbidden(api: Api) -> None:
    # given a key of tenant A and another tenant B
    tenant, token = await key_owner(api)
    other = await make_tenant(100, api=True)
    secret = (await create_key(api, token, tenant))["secret"]

    # when it names B in X-Tenant (a read, and a charge)
    read = await api.post("{ tenant { slug } }", token=secret, tenant=other.slug)
    charge = await api.post(
        CREATE_PROJECT, {"input": {"name": "P"}}, token=secret, tenant=other.slug
    )

    # then both are FORBIDDEN and nothing is made
    assert error_code(read) == "FORBIDDEN"
    assert error_code(charge) == "FORBIDDEN"
    assert charge.json()["data"] is None


async def test_members_and_keys_cannot_manage_keys(api: Api) -> None:
    # given a tenant with a key, a MEMBER, and the key itself
    tenant, token = await key_owner(api)
    created = await create_key(api, token, tenant)
    member = token_for(await make_user(tenant, role=Role.MEMBER))

    for caller in (member, created["secret"]):
        # when they list, create or revoke keys
        attempts = [
            await api.post(LIST_KEYS, token=caller, tenant=tenant.slug),
            await api.post(CREATE_KEY, {"input": {"name": "x"}}, token=caller, tenant=tenant.slug),
            await api.post(
                REVOKE_KEY,
                {"input": {"id": created["apiKey"]["id"]}},
                token=caller,
                tenant=tenant.slug,
            ),
        ]

        # then each is FORBIDDEN, and nothing changed
        assert [error_code(response) for response in attempts] == ["FORBIDDEN"] * 3
    assert await ApiKey.filter(tenant_id=tenant.id).count() == 1
    assert (await ApiKey.get(id=created["apiKey"]["id"])).revoked_at is None


async def test_an_admin_manages_keys_too(api: Api) -> None:
    tenant = await make_tenant(100, api=True)
    admin = token_for(await make_user(tenant, role=Role.ADMIN))
    created = await create_key(api, admin, tenant)
    assert created["__typename"] == "CreateApiKeySuccess"


async def test_another_tenants_key_is_not_found_and_a_bad_id_is_a_validation_error(
    api: Api,
) -> None:
    # given tenant A's key, and the owner of tenant B
    tenant, token = await key_owner(api)
    created = await create_key(api, token, tenant)
    other, other_token = await key_owner(api)

    # when B revokes A's key, and an id that is not one
    theirs = await api.gql(
        REVOKE_KEY,
        {"input": {"id": created["apiKey"]["id"]}},
        token=other_token,
        tenant=other.slug,
    )
    bad = await api.gql(REVOKE_KEY, {"input": {"id": "nope"}}, token=token, tenant=tenant.slug)

    # then NotFound and ValidationFailed, and A's key still works
    assert theirs["revokeApiKey"]["__typename"] == "NotFound"
    assert bad["revokeApiKey"]["__typename"] == "ValidationFailed"
    assert (await api.gql("{ tenant { slug } }", token=created["secret"]))["tenant"]
    # and B does not see A's keys
    assert (await api.gql(LIST_KEYS, token=other_token, tenant=other.slug))["apiKeys"] == []


async def test_a_revoked_key_is_unauthenticated_and_revoking_again_changes_nothing(
    api: Api,
) -> None:
    # given a key that works
    tenant, token = await key_owner(api)
    created = await create_key(api, token, tenant)
    secret, key_id = created["secret"], created["apiKey"]["id"]
    assert (await api.gql("{ tenant { slug } }", token=secret))["tenant"]["slug"] == tenant.slug

    # when it is revoked (twice)
    first = await api.gql(REVOKE_KEY, {"input": {"id": key_id}}, token=token, tenant=tenant.slug)
    second = await api.gql(REVOKE_KEY, {"input": {"id": key_id}}, token=token, tenant=tenant.slug)

    # then the very next request with it is UNAUTHENTICATED, even for { __typename }
    assert error_code(await api.post("{ __typename }", token=secret)) == "UNAUTHENTICATED"
    response = await api.post(CREATE_PROJECT, {"input": {"name": "P"}}, token=secret)
    assert error_code(response) == "UNAUTHENTICATED"
    assert "revoked" in response.json()["errors"][0]["message"]
    # and revoking again is idempotent: the same revokedAt
    assert first["revokeApiKey"]["__typename"] == "RevokeApiKeySuccess"
    assert first["revokeApiKey"]["apiKey"]["revokedAt"] is not None
    assert second["revokeApiKey"] == first["revokeApiKey"]


async def test_an_unknown_or_malformed_key_is_unauthenticated(api: Api) -> None:
    for secret in ("ck_" + "A" * 43, "ck_", "ck_" + "x" * 500):
        assert error_code(await api.post("{ __typename }", token=secret)) == "UNAUTHENTICATED"


async def test_keys_may_not_run_platform_admin_operations_nor_read_viewer(api: Api) -> None:
    # given a key created by a platform admin who owns a tenant
    tenant = await make_tenant(100, api=True)
    admin = await make_user(tenant, admin=True)
    secret = (await create_key(api, token_for(admin), tenant))["secret"]

    # when the key creates a tenant, or asks for the viewer
    create = await api.post(
        'mutation { createTenant(input: {name: "X", slug: "x-by-key"}) { __typename } }',
        token=secret,
    )
    viewer = await api.post("{ viewer { email } }", token=secret)

    # then both are FORBIDDEN
    assert error_code(create) == "FORBIDDEN"
    assert "API keys" in create.json()["errors"][0]["message"]
    assert error_code(viewer) == "FORBIDDEN"


async def test_a_plan_without_api_access_cannot_create_keys(api: Api) -> None:
    # given the owner of a tenant on a plan like Free (api NOT_INCLUDED), and one with no api
    tenant, token = await key_owner(api, api_access=False)
    bare = await make_tenant(100)
    bare_token = token_for(await make_user(bare))

    # when they create a key
    for slug, caller in ((tenant.slug, token), (bare.slug, bare_token)):
        result = (await api.gql(CREATE_KEY, {"input": {"name": "k"}}, token=caller, tenant=slug))[
            "createApiKey"
        ]

        # then a typed FeatureNotIncluded names the feature, and no key is made
        assert result["__typename"] == "FeatureNotIncluded"
        assert result["code"] == "FEATURE_NOT_INCLUDED" and result["feature"] == "api"
        assert NO_API_ACCESS in result["message"]
    assert await ApiKey.all().count() == 0


async def test_keys_of_a_tenant_moved_to_a_plan_without_api_are_refused(api: Api) -> None:
    # given a working key of a tenant on a plan with API access
    tenant, token = await key_owner(api)
    secret = (await create_key(api, token, tenant))["secret"]
    assert (await api.gql("{ tenant { slug } }", token=secret))["tenant"]

    # when the tenant moves to a plan without it
    free = await make_plan(10, api=False)
    await TenantSubscription.filter(tenant_id=tenant.id).update(plan_id=free.id)

    # then the next request with the key is FORBIDDEN, saying why
    response = await api.post("{ tenant { slug } }", token=secret)
    assert error_code(response) == "FORBIDDEN"
    assert NO_API_ACCESS in response.json()["errors"][0]["message"]
    # and back on a plan with API access, the key works again (it was never revoked)
    await PlanFeature.filter(plan_id=free.id, name="api").update(type=PlanFeatureType.INCLUDED)
    assert (await api.gql("{ tenant { slug } }", token=secret))["tenant"]


async def test_fifty_requests_write_last_used_at_once(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a key, and every write of lastUsedAt counted
    tenant, token = await key_owner(api)
    created = await create_key(api, token, tenant)
    writes: list[object] = []
    original = api_key_auth.write_last_used

    async def counted(*args: Any) -> int:
        writes.append(args)
        return await original(*args)

    monkeypatch.setattr(api_key_auth, "write_last_used", counted)

    # when it makes 50 requests, 25 of them at once
    await asyncio.gather(
        *(api.gql("{ tenant { slug } }", token=created["secret"]) for _ in range(25))
    )
    for _ in range(25):
        await api.gql("{ tenant { slug } }", token=created["secret"])

    # then lastUsedAt was written once, and shows
    assert len(writes) == 1
    listed = (await api.gql(LIST_KEYS, token=token, tenant=tenant.slug))["apiKeys"][0]
    assert listed["lastUsedAt"] is not None

    # and a minute later (the authenticator's clock moved), the next request writes it again
    authenticator = api.shared["authenticator"].api_keys
    monkeypatch.setattr(authenticator, "_clock", lambda: utcnow() + timedelta(seconds=61))
    await api.gql("{ tenant { slug } }", token=created["secret"])
    assert len(writes) == 2


async def test_feature_usage_tells_a_ui_whether_the_plan_has_api_access(api: Api) -> None:
    # given tenants on plans like Free (api NOT_INCLUDED) and Pro (INCLUDED)
    for api_access, enabled in ((False, False), (True, True)):
        tenant, token = await key_owner(api, api_access=api_access)

        # when a UI asks for the `api` feature
        usage = (
            await api.gql(
                '{ featureUsage(name: "api") { name title type enabled message } }',
                token=token,
                tenant=tenant.slug,
            )
        )["featureUsage"]

        # then it says whether keys can be created, with the kit's title
        assert usage["title"] == "API access"
        assert usage["enabled"] is enabled
        assert usage["type"] == ("INCLUDED" if enabled else "NOT_INCLUDED")
        assert (usage["message"] is None) is enabled


async def test_a_key_charges_any_action_on_behalf_of_a_member_it_names(api: Api) -> None:
    # given a key of a tenant with a member, and a user of another tenant
    tenant, token = await key_owner(api)
    secret = (await create_key(api, token, tenant))["secret"]
    member = await make_user(tenant, role=Role.MEMBER)
    stranger = await make_user(await make_tenant(10))
    charge = {"type": "credit-task-creation", "quantity": 3, "objectId": "/app/x/exports/7"}

    # when the backend charges with the key on behalf of the member, and of the stranger
    named = await api.gql(CHARGE, {"input": {**charge, "userId": str(member.id)}}, token=secret)
    foreign = await api.gql(CHARGE, {"input": {**charge, "userId": str(stranger.id)}}, token=secret)

    # then the member is charged the 3 credits, and the stranger is not found (nothing charged)
    usage = named["chargeCredits"]["usage"]
    assert (usage["amount"], usage["user"]["id"]) == (3, str(member.id))
    assert foreign["chargeCredits"]["__typename"] == "NotFound"
    rows = await CreditUsage.filter(tenant_id=tenant.id)
    assert [(row.user_id, row.amount) for row in rows] == [(member.id, 3)]
