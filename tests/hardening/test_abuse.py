"""Hostile queries: each abuse class is refused before anything executes, with a clear error,
and the server keeps serving."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import CreditUsage, Task
from services import page_reads
from services import projects as project_service
from settings import Environment, Settings
from tests.conftest import Api, in_process
from tests.factories import make_project, make_tenant, make_user, token_for
from tests.waiting import eventually

HEALTHY = "{ creditTypes { value } }"


@dataclass
class Member:
    api: Api
    token: str
    tenant: str

    async def post(self, query: str, variables: dict | None = None) -> httpx.Response:
        return await self.api.post(query, variables, token=self.token, tenant=self.tenant)


@pytest.fixture
async def member(api: Api) -> Member:
    tenant = await make_tenant(credits=100)
    user = await make_user(tenant)
    return Member(api, token_for(user), tenant.slug)


@pytest.fixture
async def production_api(settings: Settings) -> AsyncIterator[Api]:
    async with in_process(
        settings.model_copy(update={"credits_env": Environment.PRODUCTION})
    ) as api:
        yield api


def refused(response: httpx.Response) -> list[dict]:
    """The request was answered with errors and without executing anything."""
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("data") is None, body
    assert body["errors"], body
    return body["errors"]


async def still_serving(api: Api) -> None:
    assert await api.gql(HEALTHY) == {"creditTypes": api_credit_types(await api.gql(HEALTHY))}


def api_credit_types(data: dict) -> list:
    assert data["creditTypes"], data
    return data["creditTypes"]


async def test_a_deep_query_is_refused(member: Member) -> None:
    # given a query nested 12 levels deep through project -> tasks -> project
    deep = """{ projects { edges { node { tasks { edges { node { project {
        tasks { edges { node { project { id } } } } } } } } } } } }"""

    # when it is sent
    errors = refused(await member.post(deep))

    # then the depth limit refuses it by name, and the server keeps serving
    assert "exceeds maximum operation depth of 10" in errors[0]["message"]
    await still_serving(member.api)


async def test_alias_overload_is_refused(member: Member) -> None:
    # given 16 aliases of one field (the limit is 15)
    aliased = "{ " + " ".join(f"a{n}: creditTypes {{ value }}" for n in range(16)) + " }"

    # when it is sent
    errors = refused(await member.post(aliased))

    # then it is refused for its aliases
    assert "aliases found" in errors[0]["message"]
    assert "15" in errors[0]["message"]
    await still_serving(member.api)


async def test_field_duplication_hits_the_token_limit(member: Member) -> None:
    # given one field repeated 3,000 times (no alias, no depth: only the token count catches it)
    duplicated = "{ creditTypes { " + "value " * 3_000 + "} }"

    # when it is sent
    errors = refused(await member.post(duplicated))

    # then the token limit stops it before validation or execution
    assert "more than 2000 tokens" in errors[0]["message"]
    await still_serving(member.api)


async def test_circular_fragments_are_refused(member: Member) -> None:
    # given two fragments that spread each other
    circular = """
    query { creditTypes { ...A } }
    fragment A on CreditType { value ...B }
    fragment B on CreditType { name ...A }
    """

    # when it is sent
    errors = refused(await member.post(circular))

    # then validation names the cycle instead of recursing forever
    assert any("Cannot spread fragment" in error["message"] for error in errors), errors
    await still_serving(member.api)


async def test_batching_is_off(member: Member) -> None:
    # given a JSON array of two operations (a batch)
    batch = [{"query": HEALTHY}, {"query": HEALTHY}]

    # when it is posted
    response = await member.api.client.post(
        "/graphql",
        content=json.dumps(batch),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {member.token}"},
    )

    # then it is a clear 400 and nothing ran
    assert response.status_code == 400
    assert "Batching is not enabled" in response.text
    await still_serving(member.api)


async def test_get_never_runs_a_mutation(member: Member) -> None:
    # given a project to create a task in
    tenant_task_count = await Task.all().count()
    mutation = 'mutation { createProject(input: {name: "via GET"}) { __typename } }'

    # when the mutation is sent as a GET
    response = await member.api.client.get(
        "/graphql",
        params={"query": mutation},
        headers={"Authorization": f"Bearer {member.token}", "X-Tenant": member.tenant},
    )

    # then it is refused and nothing is created or charged
    assert response.status_code == 400
    assert "mutations are not allowed when using get" in response.text.lower()
    assert await CreditUsage.all().count() == 0
    assert await Task.all().count() == tenant_task_count
    # while a query over GET still works
    ok = await member.api.client.get("/graphql", params={"query": HEALTHY})
    assert ok.status_code == 200
    assert ok.json()["data"]["creditTypes"]


async def test_an_oversize_body_gets_413(member: Member) -> None:
    # given a body over the 1 MB limit
    padding = "x" * 1_100_000
    body = json.dumps({"query": HEALTHY, "variables": {"pad": padding}})

    # when it is posted
    response = await member.api.client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )

    # then it is refused with 413 before anything parses it
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == "Request body too large."
    await still_serving(member.api)


async def test_a_huge_page_is_a_bad_request(member: Member) -> None:
    # given a page size far over the cap of 100
    query = "query($first: Int) { projects(first: $first) { edges { node { id } } } }"

    # when it is asked for
    response = await member.post(query, {"first": 1_000_000})

    # then it is a top-level BAD_REQUEST naming the argument
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "BAD_REQUEST"
    assert errors[0]["extensions"]["field"] == "first"
    assert "100" in errors[0]["message"]
    # and the cap itself is allowed
    ok = await member.post(query, {"first": 100})
    assert ok.json()["data"]["projects"]["edges"] == []


def break_project_reads(monkeypatch: pytest.MonkeyPatch, failure: Any) -> None:
    """Both services a page of projects can be read through: row by row, or as JSON built by
    PostgreSQL (which falls back to row by row when it fails)."""
    monkeypatch.setattr(project_service, "list_projects", failure)
    monkeypatch.setattr(page_reads, "read_pages", failure)


async def test_unexpected_errors_are_masked_and_carry_the_request_id(
    member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a service that fails with an internal detail
    async def broken(**_: object) -> None:
        raise RuntimeError("secret internal detail: password=hunter2")

    break_project_reads(monkeypatch, broken)

    # when it is queried
    response = await member.post("{ projects { edges { node { id } } } }")

    # then the client sees only "Unexpected error." and the request id it was given
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["message"] == "Unexpected error."
    assert error["extensions"]["code"] == "INTERNAL"
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    request_id = response.headers["X-Request-Id"]
    assert error["extensions"]["requestId"] == request_id
    await still_serving(member.api)


async def test_a_lost_database_connection_is_unavailable_not_a_crash(
    member: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a read whose database connection is refused
    async def refused(**_: object) -> None:
        raise ConnectionRefusedError(111, "Connect call failed ('10.0.0.7', 5432)")

    break_project_reads(monkeypatch, refused)

    # when it is queried
    response = await member.post("{ projects { edges { node { id } } } }")

    # then the client is told to retry, without any detail of the connection
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAVAILABLE"
    assert error["message"] == "The database is unreachable; retry shortly."
    assert "10.0.0.7" not in response.text
    await still_serving(member.api)


async def test_a_feature_name_that_no_plan_could_hold_is_a_bad_request(member: Member) -> None:
    # when features are asked for by names with a NUL, control characters, or nothing
    query = "query($n: String!) { featureUsage(name: $n) { enabled message } }"
    for name in ("credits\u0000", "\u0003\u007f", "   ", "x" * 65):
        response = await member.post(query, {"n": name})

        # then each is a BAD_REQUEST naming the argument, never a crash
        error = response.json()["errors"][0]
        assert (error["extensions"]["code"], error["extensions"]["field"]) == (
            "BAD_REQUEST",
            "name",
        ), name
    # and a name with surrounding spaces is the feature itself
    ok = await member.post(query, {"n": " credits "})
    assert ok.json()["data"]["featureUsage"]["enabled"] is True


async def test_a_callers_request_id_is_kept(member: Member) -> None:
    # when a request names its own id
    response = await member.api.client.post(
        "/graphql", json={"query": "{ nope }"}, headers={"X-Request-Id": "req-123.abc"}
    )

    # then the response and its errors carry it
    assert response.headers["X-Request-Id"] == "req-123.abc"
    assert response.json()["errors"][0]["extensions"]["requestId"] == "req-123.abc"


async def test_production_hides_introspection_suggestions_and_the_ide(
    production_api: Api,
) -> None:
    # when a prober asks for the schema, a misspelt field, and the IDE
    introspection = await production_api.post("{ __schema { types { name } } }")
    misspelt = await production_api.post("{ creditType { value } }")
    ide = await production_api.client.get("/graphql", headers={"Accept": "text/html"})

    # then introspection is refused, no "Did you mean" leaks, and there is no GraphiQL
    assert "introspection" in introspection.json()["errors"][0]["message"].lower()
    message = misspelt.json()["errors"][0]["message"]
    assert "Cannot query field 'creditType'" in message
    assert "Did you mean" not in message
    assert "graphiql" not in ide.text.lower()
    await still_serving(production_api)


async def test_development_still_suggests_fields(member: Member) -> None:
    # when a developer misspells a field
    response = await member.post("{ creditType { value } }")

    # then they get the suggestion (only production hides it)
    assert "Did you mean" in response.json()["errors"][0]["message"]


async def test_a_slow_request_times_out_and_the_charge_stays_whole(settings: Settings) -> None:
    # given a 0.3 s request budget and a tenant whose credit lock someone else holds
    async with in_process(settings.model_copy(update={"request_timeout_seconds": 0.3})) as api:
        tenant = await make_tenant(credits=10)
        user = await make_user(tenant)
        project = await make_project(tenant, by=user)
        create = (
            'mutation($p: ID!) { createTask(input: {projectId: $p, title: "t"}, '
            'idempotencyKey: "k1") { __typename } }'
        )
        async with api.runtime.locks.hold(tenant.id):
            # when a charge has to wait past the budget
            response = await api.post(
                create, {"p": str(project.id)}, token=token_for(user), tenant=tenant.slug
            )

        # then the client gets a TIMEOUT error instead of a hanging request
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "TIMEOUT"

        # and retrying with the same key (on a loaded machine a retry may time out too)
        # gets the one task, charged once
        async def retry() -> dict[str, Any]:
            body = (
                await api.post(
                    create, {"p": str(project.id)}, token=token_for(user), tenant=tenant.slug
                )
            ).json()
            if "errors" in body:
                assert body["errors"][0]["extensions"]["code"] == "TIMEOUT", body
            return body

        retried = await eventually(
            retry,
            until=lambda body: "errors" not in body,
            timeout=20,
            interval=0,
            what="a retry that is not timed out",
        )
        assert retried["data"]["createTask"]["__typename"] == "CreateTaskSuccess"
        assert await Task.filter(tenant_id=tenant.id).count() == 1
        assert await CreditUsage.filter(tenant_id=tenant.id).count() == 1


@pytest.mark.parametrize(
    "document",
    [
        "{ nope }",
        "{ creditTypes { value } } }",
        "query($n: Int!) { projects(first: $n) { edges { cursor } } }",
    ],
    ids=["unknown field", "syntax error", "missing variable"],
)
async def test_every_bad_request_error_carries_a_code(member: Member, document: str) -> None:
    # when the document cannot run
    response = await member.post(document)

    # then each top-level error says BAD_REQUEST in extensions.code
    errors = response.json()["errors"]
    assert errors
    assert {error["extensions"]["code"] for error in errors} == {"BAD_REQUEST"}
