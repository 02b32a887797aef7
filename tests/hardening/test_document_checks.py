"""A document is validated and costed once per process, and every request is still held to the
limits with its own variables and operation (resolvers/document_checks.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import graphql
import pytest
import strawberry.schema.schema as strawberry_schema

from resolvers.document_checks import CheckedDocument, CheckedDocuments
from resolvers.query_cost import query_cost
from settings import FastPath, Settings
from tests.conftest import Api, require_fast_paths

SDL = graphql.build_schema((Path(__file__).resolve().parents[2] / "schema.graphql").read_text())
RULES = tuple(graphql.specified_rules)
PAGES = """query Pages($projects: Int, $tasks: Int = 7) {
  projects(first: $projects) { edges { node { tasks(first: $tasks) { edges { node { id } } } } } } }"""
TWO_OPERATIONS = """query Cheap { projects(first: 2) { edges { node { id } } } }
query Heavy { projects(first: 100) { edges { node {
  tasks(first: 100) { edges { node { id } } } } } } }"""


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every call of graphql-core's validate that strawberry's validate_document makes."""
    calls: list[Any] = []
    validate = strawberry_schema.validate

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1])
        return validate(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counting)
    return calls


async def test_a_repeated_document_is_validated_once(
    api: Api, member: tuple[str, str], validations: list[Any], settings: Settings
) -> None:
    require_fast_paths(settings, FastPath.DOCUMENT_CACHE)
    token, tenant = member

    # when the same text is sent three times, with other variables each time
    for first in (1, 2, 3):
        await api.gql(PAGES, {"projects": first}, token=token, tenant=tenant)

    # then it was validated once
    assert len(validations) == 1


async def test_the_limits_apply_to_a_document_seen_before(api: Api) -> None:
    # given a document deeper than the depth limit
    deep = "{ viewer " + "{ memberships { tenant " * 6 + "{ id }" + " }" * 12 + " }"
    for _ in range(2):
        # when it is sent (the second time, its checks are known)
        response = await api.post(deep)

        # then validation refuses it, every time
        errors = response.json()["errors"]
        assert any("exceeds maximum operation depth" in error["message"] for error in errors)


async def test_each_request_is_costed_with_its_own_variables(
    api: Api, member: tuple[str, str]
) -> None:
    token, tenant = member

    # cheap, then over the limit, then cheap again: one document, three costs
    assert (
        "errors" not in (await api.post(PAGES, {"projects": 10}, token=token, tenant=tenant)).json()
    )
    heavy = await api.post(PAGES, {"projects": 100, "tasks": 100}, token=token, tenant=tenant)
    [error] = heavy.json()["errors"]
    assert error["extensions"]["cost"] == 100 + 100 * 100
    assert (
        "errors" not in (await api.post(PAGES, {"projects": 10}, token=token, tenant=tenant)).json()
    )


async def test_each_operation_of_a_document_is_costed_on_its_own(
    api: Api, member: tuple[str, str]
) -> None:
    token, tenant = member

    async def run(operation: str) -> dict[str, Any]:
        response = await api.client.post(
            "/graphql",
            json={"query": TWO_OPERATIONS, "operationName": operation},
            headers={"Authorization": f"Bearer {token}", "X-Tenant": tenant},
        )
        return dict(response.json())

    for _ in range(2):
        assert (await run("Heavy"))["errors"][0]["extensions"]["cost"] == 100 + 100 * 100
        assert "errors" not in await run("Cheap")


def checked(text: str, documents: CheckedDocuments | None = None) -> CheckedDocument:
    entry = (documents or CheckedDocuments(maxsize=4)).parsed(text, {})
    assert entry is not None
    assert entry.validation_errors(SDL, RULES) == []
    return entry


def test_the_formula_gives_what_the_walk_gives_for_any_variables() -> None:
    formula = checked(PAGES).operation(None, default_page_size=20, max_page_size=100).formula

    for variables in (
        None,
        {},
        {"projects": 40},
        {"projects": 40, "tasks": 2},
        {"projects": "many"},
        {"projects": None, "tasks": None},
        {"projects": True},
        {"projects": -5, "tasks": 3},
        {"projects": 10**9, "tasks": 10**9},
    ):
        fresh = query_cost(
            SDL,
            graphql.parse(PAGES),
            operation_name=None,
            variables=variables,
            default_page_size=20,
            max_page_size=100,
        )
        assert formula.cost(variables) == fresh, variables


def test_each_operation_is_labelled_by_its_first_root_field() -> None:
    entry = checked(TWO_OPERATIONS + " mutation M { __typename }")

    labels = {
        name: entry.operation(name, default_page_size=20, max_page_size=100).label
        for name in ("Cheap", "M", "Nope")
    }

    assert labels == {"Cheap": "projects", "M": "__typename", "Nope": "none"}


def test_an_operation_name_the_document_does_not_define_is_not_kept() -> None:
    entry = checked(TWO_OPERATIONS)

    for name in ("Cheap", "Heavy", "Cheap", "Nope", "Other"):
        entry.operation(name, default_page_size=20, max_page_size=100)

    assert set(entry.operations) == {"Cheap", "Heavy"}


def test_the_least_recently_used_text_is_dropped(validations: list[Any]) -> None:
    documents = CheckedDocuments(maxsize=2)
    first, second, third = (f"{{ a{n}: __typename }}" for n in range(3))

    entries = [checked(text, documents) for text in (first, second, first, third)]
    assert entries[0] is entries[2]
    assert len(validations) == 3

    # the second was the least recently used: it is parsed and validated again, the first not
    assert checked(first, documents) is entries[0]
    assert checked(second, documents) is not entries[1]
    assert len(validations) == 4


def test_a_text_that_does_not_parse_is_not_kept() -> None:
    documents = CheckedDocuments(maxsize=2)

    assert documents.parsed("{ a", {}) is None
    assert documents.parsed("{ a }", {"max_tokens": 2}) is None
    assert documents.parsed("{ a }", {}) is not None


def test_another_schema_or_other_rules_validate_again(validations: list[Any]) -> None:
    entry = checked("{ __typename }")
    other = graphql.build_schema("type Query { a: Int }")

    entry.validation_errors(SDL, RULES)
    entry.validation_errors(SDL, RULES[:-1])
    entry.validation_errors(other, RULES)

    assert len(validations) == 3


async def test_a_syntax_error_is_reported_every_time(api: Api) -> None:
    for _ in range(2):
        response = await api.post("{ projects(first: ")

        [error] = response.json()["errors"]
        assert "Syntax Error" in error["message"]
        assert error["extensions"]["code"] == "BAD_REQUEST"


def test_without_the_document_cache_each_request_checks_its_own_document() -> None:
    # given the documents of a schema without fast path document-cache (maxsize 0)
    documents = CheckedDocuments(maxsize=0)

    # when one text is parsed twice
    first = documents.parsed("{ __typename }", {})
    second = documents.parsed("{ __typename }", {})

    # then each request got a document of its own, and none is kept
    assert first is not None and second is not None and first is not second
    assert first.document is not second.document
