"""Tenant isolation: another tenant's ids behave as if they did not exist, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from models import CreditBalance, CreditUsage, Project, Task, Tenant, User
from services.auth import mint_token
from tests.api.queries import CREATE_PROJECT, CREATE_TASK
from tests.conftest import JWT_SECRET, Api
from tests.factories import make_tenant, make_user, token_for


@dataclass
class World:
    a_tenant: Tenant
    a_user: User
    a_token: str
    a_project: str
    a_task: str
    b_tenant: Tenant
    b_user: User
    b_project: str
    b_task: str


async def _charge_project_and_task(api: Api, token: str, slug: str) -> tuple[str, str]:
    created = await api.gql(CREATE_PROJECT, {"input": {"name": "P"}}, token=token, tenant=slug)
    project_id = created["createProject"]["project"]["id"]
    task = await api.gql(
        CREATE_TASK, {"input": {"projectId": project_id, "title": "T"}}, token=token, tenant=slug
    )
    return project_id, task["createTask"]["task"]["id"]


@pytest.fixture
async def world(api: Api) -> World:
    a_tenant, b_tenant = await make_tenant(50), await make_tenant(50)
    a_user, b_user = await make_user(a_tenant), await make_user(b_tenant)
    a_token = token_for(a_user)
    a_project, a_task = await _charge_project_and_task(api, a_token, a_tenant.slug)
    b_project, b_task = await _charge_project_and_task(api, token_for(b_user), b_tenant.slug)
    return World(a_tenant, a_user, a_token, a_project, a_task, b_tenant, b_user, b_project, b_task)


async def _snapshot(tenant: Tenant) -> dict[str, Any]:
    return {
        "projects": sorted(
            await Project.filter(tenant_id=tenant.id).values_list("id", "name", "description")
        ),
        "tasks": sorted(
            await Task.filter(tenant_id=tenant.id).values_list(
                "id", "project_id", "title", "status"
            )
        ),
        "usages": sorted(
            await CreditUsage.filter(tenant_id=tenant.id).values_list("id", "type", "amount")
        ),
        "used": sorted(await CreditBalance.filter(tenant_id=tenant.id).values_list("used")),
    }


def _edges(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


@dataclass
class Case:
    document: str
    variables: Callable[[World], dict[str, Any]]
    check: Callable[[World, dict[str, Any]], None]


def _not_found(field: str) -> Callable[[World, dict[str, Any]], None]:
    def check(_: World, data: dict[str, Any]) -> None:
        assert data[field]["__typename"] == "NotFound", data
        assert data[field]["code"] == "NOT_FOUND"

    return check


def _mutation(name: str, input_type: str) -> str:
    return f"""
    mutation($input: {input_type}!) {{
      {name}(input: $input) {{ __typename ... on Error {{ code message }} }}
    }}"""


CASES: dict[str, Case] = {
    "project": Case(
        "query($id: ID!) { project(id: $id) { id name } }",
        lambda w: {"id": w.b_project},
        lambda w, data: _assert_equal(data["project"], None),
    ),
    "task": Case(
        "query($id: ID!) { task(id: $id) { id title } }",
        lambda w: {"id": w.b_task},
        lambda w, data: _assert_equal(data["task"], None),
    ),
    "tasks(projectId)": Case(
        "query($p: ID) { tasks(projectId: $p) { edges { node { id } } } }",
        lambda w: {"p": w.b_project},
        lambda w, data: _assert_equal(_edges(data["tasks"]), []),
    ),
    "tasks": Case(
        "{ tasks { edges { node { id } } } }",
        lambda w: {},
        lambda w, data: _assert_equal([n["id"] for n in _edges(data["tasks"])], [w.a_task]),
    ),
    "projects": Case(
        "{ projects { edges { node { id taskCount } } } }",
        lambda w: {},
        lambda w, data: _assert_equal(
            _edges(data["projects"]), [{"id": w.a_project, "taskCount": 1}]
        ),
    ),
    "creditUsages": Case(
        "{ creditUsages { edges { node { objectId user { id } } } } }",
        lambda w: {},
        lambda w, data: _assert_equal(
            sorted(n["objectId"] for n in _edges(data["creditUsages"])),
            sorted([w.a_project, w.a_task]),
        ),
    ),
    "creditUsages(userId)": Case(
        "query($u: ID) { creditUsages(userId: $u) { edges { node { id } } } }",
        lambda w: {"u": str(w.b_user.id)},
        lambda w, data: _assert_equal(_edges(data["creditUsages"]), []),
    ),
    "usageSummary": Case(
        "{ usageSummary { used byType { type used count } } }",
        lambda w: {},
        lambda w, data: _assert_equal(data["usageSummary"]["used"], 3),
    ),
    "tenant": Case(
        "{ tenant { id slug } }",
        lambda w: {},
        lambda w, data: _assert_equal(data["tenant"]["slug"], w.a_tenant.slug),
    ),
    "updateProject": Case(
        _mutation("updateProject", "UpdateProjectInput"),
        lambda w: {"input": {"id": w.b_project, "name": "hijacked"}},
        _not_found("updateProject"),
    ),
    "deleteProject": Case(
        _mutation("deleteProject", "DeleteProjectInput"),
        lambda w: {"input": {"id": w.b_project}},
        _not_found("deleteProject"),
    ),
    "createTask(projectId)": Case(
        _mutation("createTask", "CreateTaskInput"),
        lambda w: {"input": {"projectId": w.b_project, "title": "intruder"}},
        _not_found("createTask"),
    ),
    "updateTask": Case(
        _mutation("updateTask", "UpdateTaskInput"),
        lambda w: {"input": {"id": w.b_task, "title": "hijacked", "status": "DONE"}},
        _not_found("updateTask"),
    ),
    "deleteTask": Case(
        _mutation("deleteTask", "DeleteTaskInput"),
        lambda w: {"input": {"id": w.b_task}},
        _not_found("deleteTask"),
    ),
}


def _assert_equal(actual: Any, expected: Any) -> None:
    assert actual == expected


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_another_tenants_ids_are_invisible_and_unchanged(
    api: Api, world: World, case: Case
) -> None:
    # given tenant B's state, and tenant A's
    before_b = await _snapshot(world.b_tenant)
    before_a_usages = await CreditUsage.filter(tenant_id=world.a_tenant.id).count()

    # when a user of A uses B's ids
    data = await api.gql(
        case.document, case.variables(world), token=world.a_token, tenant=world.a_tenant.slug
    )

    # then A sees nothing of B, and neither B nor A's ledger changed
    case.check(world, data)
    assert await _snapshot(world.b_tenant) == before_b
    assert await CreditUsage.filter(tenant_id=world.a_tenant.id).count() == before_a_usages


async def _error_code(
    api: Api, document: str, *, token: str | None, tenant: str | None = None
) -> str:
    response = await api.post(document, token=token, tenant=tenant)
    assert response.status_code == 200, response.text
    errors = response.json()["errors"]
    return str(errors[0]["extensions"]["code"])


async def test_naming_a_tenant_of_which_the_user_is_not_a_member_is_forbidden(
    api: Api, world: World
) -> None:
    # given a user of A
    # when they name B in X-Tenant, for a query and for a charged mutation
    query_code = await _error_code(
        api,
        "{ projects { edges { node { id } } } }",
        token=world.a_token,
        tenant=world.b_tenant.slug,
    )
    before_b = await _snapshot(world.b_tenant)
    response = await api.post(
        CREATE_PROJECT, {"input": {"name": "x"}}, token=world.a_token, tenant=world.b_tenant.slug
    )

    # then both are top-level FORBIDDEN errors and B is unchanged
    assert query_code == "FORBIDDEN"
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await _snapshot(world.b_tenant) == before_b


async def test_an_unknown_tenant_is_forbidden(api: Api, world: World) -> None:
    # when a user names a tenant that does not exist
    code = await _error_code(api, "{ tenant { id } }", token=world.a_token, tenant="no-such")
    # then the answer is the same as for somebody else's tenant
    assert code == "FORBIDDEN"


@pytest.mark.parametrize(
    "authorization",
    ["missing", "garbage", "expired", "wrong-secret", "not-bearer", "deleted-user"],
)
async def test_requests_without_a_valid_token_are_unauthenticated(
    api: Api, world: World, authorization: str
) -> None:
    # given a header that does not authenticate anybody
    ghost = await make_user(world.a_tenant)
    ghost_token = token_for(ghost)
    await ghost.delete()
    headers = {
        "missing": {},
        "garbage": {"Authorization": "Bearer not.a.jwt"},
        "expired": {
            "Authorization": "Bearer "
            + mint_token(world.a_user, secret=JWT_SECRET, ttl=timedelta(seconds=-5))
        },
        "wrong-secret": {
            "Authorization": "Bearer " + mint_token(world.a_user, secret="another-" + "y" * 32)
        },
        "not-bearer": {"Authorization": "Basic dXNlcjpwYXNz"},
        "deleted-user": {"Authorization": f"Bearer {ghost_token}"},
    }[authorization]

    # when it is used for a tenant query and for a charged mutation
    for document, variables in (
        ("{ viewer { id } }", {}),
        ("{ projects { edges { node { id } } } }", {}),
        (CREATE_PROJECT, {"input": {"name": "free ride"}}),
    ):
        response = await api.client.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers={**headers, "X-Tenant": world.a_tenant.slug},
        )

        # then each is a top-level UNAUTHENTICATED error
        assert response.status_code == 200, response.text
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # and nothing was charged
    assert await CreditUsage.filter(tenant_id=world.a_tenant.id).count() == 2


ADMIN_MUTATIONS = {
    "createPlan": (
        _mutation("createPlan", "CreatePlanInput"),
        {"input": {"name": "Stolen", "features": []}},
    ),
    "updatePlan": (
        _mutation("updatePlan", "UpdatePlanInput"),
        {"input": {"id": "00000000-0000-0000-0000-000000000000", "name": "x"}},
    ),
    "createTenant": (
        _mutation("createTenant", "CreateTenantInput"),
        {"input": {"name": "Evil", "slug": "evil"}},
    ),
    "addTenantMember": (
        _mutation("addTenantMember", "AddTenantMemberInput"),
        {"input": {"tenantSlug": "x", "email": "e@example.com", "role": "OWNER"}},
    ),
    "setTenantPlan": (
        _mutation("setTenantPlan", "SetTenantPlanInput"),
        {"input": {"tenantSlug": "x", "planId": "00000000-0000-0000-0000-000000000000"}},
    ),
}


@pytest.mark.parametrize("name", ADMIN_MUTATIONS)
async def test_admin_mutations_by_a_tenant_owner_are_forbidden(
    api: Api, world: World, name: str
) -> None:
    # given the owner of a tenant (not a platform admin)
    document, variables = ADMIN_MUTATIONS[name]
    tenants_before = await Tenant.all().count()

    # when they call a platform-admin mutation, with or without X-Tenant
    for tenant in (None, world.a_tenant.slug):
        response = await api.post(document, variables, token=world.a_token, tenant=tenant)

        # then it is a top-level FORBIDDEN error and nothing was created
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Tenant.all().count() == tenants_before
    assert not await User.filter(email="e@example.com").exists()


@pytest.mark.parametrize(
    "document", ["{ creditTypes { value name description amount } }", "{ plans { id name } }"]
)
async def test_public_queries_need_no_authentication(api: Api, document: str) -> None:
    # when an anonymous client asks for the catalog or the plans
    response = await api.post(document)
    # then it gets data, no errors
    body = response.json()
    assert "errors" not in body
    assert body["data"]
