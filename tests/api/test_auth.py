"""Who may call what: the bearer token, the X-Tenant header, platform admins."""

from __future__ import annotations

from models import Role
from tests.api.queries import CREATE_PROJECT
from tests.conftest import Api
from tests.factories import make_tenant, make_user, token_for


async def test_tenant_queries_without_x_tenant_are_bad_requests(api: Api) -> None:
    # given a signed-in member
    tenant = await make_tenant(5)
    token = token_for(await make_user(tenant))

    # when a tenant-scoped query and a charged mutation omit X-Tenant
    for document, variables in (
        ("{ usageSummary { used } }", {}),
        (CREATE_PROJECT, {"input": {"name": "P"}}),
    ):
        response = await api.post(document, variables, token=token)

        # then each is a top-level BAD_REQUEST
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_viewer_needs_a_token_but_no_tenant(api: Api) -> None:
    # given a user in two tenants
    first, second = await make_tenant(5), await make_tenant(5)
    user = await make_user(first)
    await user.memberships.create(tenant=second, role=Role.MEMBER)  # type: ignore[attr-defined]

    # when they ask who they are, without X-Tenant
    viewer = (
        await api.gql(
            "{ viewer { email memberships { tenant { slug } role } } }", token=token_for(user)
        )
    )["viewer"]

    # then they see both tenants and their roles
    assert viewer["email"] == user.email
    assert sorted((m["tenant"]["slug"], m["role"]) for m in viewer["memberships"]) == sorted(
        [(first.slug, "OWNER"), (second.slug, "MEMBER")]
    )


async def test_the_tenant_header_and_bearer_scheme_are_case_insensitive(api: Api) -> None:
    tenant = await make_tenant(5, slug="mixed-case")
    token = token_for(await make_user(tenant))
    response = await api.client.post(
        "/graphql",
        json={"query": "{ tenant { slug } }"},
        headers={"Authorization": f"bearer {token}", "X-Tenant": "Mixed-Case"},
    )
    assert response.json() == {"data": {"tenant": {"slug": "mixed-case"}}}


async def test_platform_admins_need_no_tenant_and_no_membership(api: Api) -> None:
    # given a platform admin who is a member of no tenant
    admin = token_for(await make_user(admin=True))

    # when they create a tenant without X-Tenant
    data = await api.gql(
        """mutation { createTenant(input: {name: "Initech", slug: "initech"}) {
             __typename ... on CreateTenantSuccess { tenant { slug } } } }""",
        token=admin,
    )

    # then it works
    assert data["createTenant"] == {
        "__typename": "CreateTenantSuccess",
        "tenant": {"slug": "initech"},
    }


async def test_a_platform_admin_is_not_a_member_of_every_tenant(api: Api) -> None:
    # given a tenant and a platform admin outside it
    tenant = await make_tenant(5)
    admin = token_for(await make_user(admin=True))
    # when the admin reads that tenant's data
    response = await api.post(
        "{ projects { edges { node { id } } } }", token=admin, tenant=tenant.slug
    )
    # then it is FORBIDDEN: admin rights cover the admin mutations, not tenants' data
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_member_with_the_member_role_can_spend(api: Api) -> None:
    tenant = await make_tenant(5)
    token = token_for(await make_user(tenant, role=Role.MEMBER))
    data = await api.gql(CREATE_PROJECT, {"input": {"name": "P"}}, token=token, tenant=tenant.slug)
    assert data["createProject"]["__typename"] == "CreateProjectSuccess"


async def test_credentials_are_checked_before_any_operation_runs(api: Api) -> None:
    # given a member of one tenant, another tenant, and a forged token
    tenant, other = await make_tenant(5), await make_tenant(5)
    token = token_for(await make_user(tenant))

    # when each sends an operation that selects nothing of any tenant
    anonymous = await api.post("{ __typename }")
    member = await api.post("{ __typename }", token=token, tenant=tenant.slug)
    forged = await api.post("{ __typename }", token=token + "x", tenant=tenant.slug)
    outsider = await api.post("{ __typename }", token=token, tenant=other.slug)

    # then no credentials and good ones are served, bad ones are refused before it runs
    assert anonymous.json() == {"data": {"__typename": "Query"}}
    assert member.json() == {"data": {"__typename": "Query"}}
    for refused, code in ((forged, "UNAUTHENTICATED"), (outsider, "FORBIDDEN")):
        body = refused.json()
        assert body["data"] is None
        assert [error["extensions"]["code"] for error in body["errors"]] == [code]
        assert body["errors"][0]["extensions"]["requestId"]
