"""GRAPHQL_FAST_PATHS: the setting, the same bytes with every fast path off, and checks on root
resolvers that no fast path skips.

The apps below are built one after the other on the same database, one with the fast paths on
and one with them off, and answer the same requests.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import strawberry
from graphql import GraphQLError
from prometheus_client import REGISTRY
from pydantic import ValidationError
from strawberry.permission import BasePermission

import resolvers.schema
from models import Tenant, User
from resolvers.query import Query
from schema import reads
from schema.types import Connection, Project
from settings import FastPath, Settings
from tests.api.plan_switch import outcomes
from tests.api.test_projects import Member
from tests.conftest import in_process
from tests.factories import make_tenant, make_user

EVERY_PATH = frozenset(FastPath)
NO_PATH: frozenset[FastPath] = frozenset()
# Each error names its request; nothing else of a response may differ.
REQUEST_ID = re.compile(rb'"requestId":"[^"]*"')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("on", EVERY_PATH),
        ("off", NO_PATH),
        (" OFF ", NO_PATH),
        ("query-plans", frozenset({FastPath.QUERY_PLANS})),
        (
            "page-reads, orjson-responses",
            frozenset({FastPath.PAGE_READS, FastPath.ORJSON_RESPONSES}),
        ),
    ],
)
def test_the_setting_takes_on_off_or_a_list_of_fast_paths(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: frozenset[FastPath]
) -> None:
    monkeypatch.setenv("GRAPHQL_FAST_PATHS", value)
    assert Settings().graphql_fast_paths == expected


def test_an_unknown_fast_path_is_refused_at_startup_with_the_known_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a misspelt name
    monkeypatch.setenv("GRAPHQL_FAST_PATHS", "query-plans,page-read")

    # when the settings are read, then they are refused, naming it and every known name
    with pytest.raises(ValidationError) as refused:
        Settings()
    message = str(refused.value)
    assert "unknown fast path page-read" in message
    assert all(path.value in message for path in FastPath)


def with_fast_paths(settings: Settings, paths: frozenset[FastPath]) -> Settings:
    return settings.model_copy(update={"graphql_fast_paths": paths})


@pytest.fixture
async def people(settings: Settings) -> tuple[Tenant, User]:
    """A tenant with 100 credits and its owner, created with the ORM of a first app."""
    async with in_process(settings):
        tenant = await make_tenant(100)
        return tenant, await make_user(tenant)


async def answers(
    settings: Settings,
    people: tuple[Tenant, User],
    requests: list[tuple[str, dict[str, Any] | None]],
    *,
    before: Callable[[Member], Any] | None = None,
) -> list[bytes]:
    """The response bodies (without request ids) of an app built with `settings`."""
    bodies = []
    async with in_process(settings) as api:
        member = Member(api, *people)
        if before is not None:
            await before(member)
        for document, variables in requests:
            response = await api.post(
                document, variables, token=member.token, tenant=member.tenant.slug
            )
            bodies.append(f"{response.status_code} ".encode() + response.content)
    return [REQUEST_ID.sub(b'"requestId":""', body) for body in bodies]


WORK = """
query($first: Int, $after: String) {
  projects(first: $first, after: $after) {
    edges { cursor node { __typename id name description createdAt taskCount
      createdBy { email }
      tasks(first: 3) { edges { node { id title status project { name } } }
                        pageInfo { hasNextPage endCursor } } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
CREATE = """
mutation($input: CreateTaskInput!, $key: String) {
  createTask(input: $input, idempotencyKey: $key) {
    __typename
    ... on CreateTaskSuccess { task { id title status createdBy { email } project { name } }
                               usage { type amount user { email } } }
    ... on Error { code message }
  }
}
"""


async def test_with_every_fast_path_off_the_responses_are_the_same_bytes(
    settings: Settings, people: tuple[Tenant, User]
) -> None:
    # given projects and tasks, named with non-ASCII and escaped characters
    async def shelves(member: Member) -> None:
        for number in range(3):
            project = await member.create_project(f'Projekt {number} é "q" \\ 日本')
            for task in range(number + 1):
                await member.create_task(project["project"]["id"], f"Tâche {number}.{task}")

    project_id = str(uuid.uuid4())
    requests: list[tuple[str, dict[str, Any] | None]] = [
        (WORK, None),
        (WORK, {"first": 2}),
        (WORK, {"after": "not a cursor"}),
        ("{ tasks(first: 100) { edges { node { id title createdAt } } } }", None),
        ("{ viewer { email memberships { role tenant { slug plan { name } } } } }", None),
        ("{ tenant { name subscription { status } } usageSummary { used limit remaining } }", None),
        ("{ creditUsages(first: 10) { edges { node { type amount user { email } } } } }", None),
        ("{ plans { name features { name type value } } creditTypes { value amount } }", None),
        ('{ project(id: "nope") { id } }', None),
        ("{ projects { edges { node { nope } } } }", None),
        # charged once by the first app; the second gets the first result back
        (CREATE, {"input": {"projectId": project_id, "title": "Lost"}, "key": "k-missing"}),
    ]

    # when an app with every fast path on answers, then one with every fast path off
    fast = await answers(with_fast_paths(settings, EVERY_PATH), people, requests, before=shelves)
    slow = await answers(with_fast_paths(settings, NO_PATH), people, requests)

    # then every response is the same, byte for byte
    for (document, variables), fast_body, slow_body in zip(requests, fast, slow, strict=True):
        assert fast_body == slow_body, (document, variables)
    assert "日本".encode() in fast[0]


# --------------------------------------------------------------- checks on root resolvers


class NobodyMay(BasePermission):
    message = "Nobody may list projects."
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.type(name="Query")
class PermissionOnRoot(Query):
    """`projects` keeps its page declaration and gains a permission class."""

    @strawberry.field(permission_classes=[NobodyMay], metadata=reads.page())
    async def projects(
        self, info: strawberry.Info, first: int | None = None, after: str | None = None
    ) -> Connection[Project]:
        raise AssertionError("a refused read never runs")


@strawberry.type(name="Query")
class CheckInRoot(Query):
    """`projects` checks inside its resolver, which it does not declare a read."""

    @strawberry.field
    async def projects(
        self, info: strawberry.Info, first: int | None = None, after: str | None = None
    ) -> Connection[Project]:
        await info.context.tenant_id()
        raise GraphQLError("Only auditors may list projects.", extensions={"code": "FORBIDDEN"})


def page_reads() -> float:
    return REGISTRY.get_sample_value("credits_page_reads_total") or 0.0


@pytest.mark.parametrize("query", [PermissionOnRoot, CheckInRoot])
async def test_a_check_added_to_a_root_resolver_refuses_on_every_path(
    settings: Settings,
    people: tuple[Tenant, User],
    monkeypatch: pytest.MonkeyPatch,
    query: type[Query],
) -> None:
    # given the root query with an authorization check added to `projects`, and a project
    monkeypatch.setattr(resolvers.schema, "Query", query)

    async def one_project(member: Member) -> None:
        await member.create_project("Secret")

    await answers(settings, people, [], before=one_project)
    requests: list[tuple[str, dict[str, Any] | None]] = [
        ("{ projects { edges { node { id name taskCount } } } }", None),
        ("{ projects(first: 1) { pageInfo { hasNextPage } } }", None),
    ]
    reads_before, plans_before = page_reads(), outcomes()["planned"]

    # when it is read with every fast path on, then with every fast path off
    fast = await answers(with_fast_paths(settings, EVERY_PATH), people, requests)
    slow = await answers(with_fast_paths(settings, NO_PATH), people, requests)

    # then both refuse, with the same FORBIDDEN error and no data; no page was read by the
    # database and nothing was planned
    assert fast == slow
    for body in fast:
        assert body.startswith(b"200 ")
        assert b'"data":null' in body
        assert b'"code":"FORBIDDEN"' in body
        assert b"Secret" not in body
    assert page_reads() == reads_before
    assert outcomes()["planned"] == plans_before


async def test_an_undeclared_resolver_is_not_planned_but_still_answers(
    settings: Settings, people: tuple[Tenant, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the root query's `projects` without its page declaration (as a new field would be)
    field = Query.__strawberry_definition__.get_field("projects")
    assert field is not None
    monkeypatch.setattr(field, "metadata", {})
    before = outcomes()

    # when it is read with every fast path on
    (body,) = await answers(
        with_fast_paths(settings, EVERY_PATH),
        people,
        [("{ projects { edges { node { name } } } }", None)],
    )

    # then graphql-core answered it, not a plan
    assert body == b'200 {"data":{"projects":{"edges":[]}}}'
    after = outcomes()
    assert (after["planned"], after["generic"]) == (before["planned"], before["generic"] + 1)
