"""MAX_QUERY_COST: an operation that may ask for too many objects is refused before it runs."""

from __future__ import annotations

from pathlib import Path

import graphql
import httpx
import pytest

from models import CreditUsage, Project
from resolvers.query_cost import query_cost
from resolvers.schema import LIST_BOUNDS
from services.webhooks.endpoints import MAX_ENDPOINTS
from tests.conftest import Api

SDL = graphql.build_schema((Path(__file__).resolve().parents[2] / "schema.graphql").read_text())
DEFAULT_PAGE = 20
LIMIT = 5_000

MILLION_TASKS = """{ projects(first:100){edges{node{tasks(first:100){edges{node{project{
  tasks(first:100){edges{node{id}}}}}}}}}} }"""
# projects 100 + their tasks 100 x 100 + those tasks' project's tasks 100 x 100 x 100
MILLION_TASKS_COST = 100 + 10_000 + 1_000_000

MILLION_BY_FRAGMENTS = """
query { projects(first: 100) { ...Projects } }
fragment Projects on ProjectConnection { edges { node { ...WithTasks } } }
fragment WithTasks on Project { tasks(first: 100) { edges { node { ...Owner } } } }
fragment Owner on Task { project { ... on Project { tasks(first: 100) { edges { node { id } } } } } }
"""

# five aliases of a 100 x 10 page: each alone passes, together they ask for 5 x 1,100 objects
MANY_ALIASES = (
    "{ "
    + " ".join(
        f"a{n}: projects(first: 100) {{ edges {{ node {{ tasks(first: 10) {{ edges {{ node {{ id }} }} }} }} }} }}"
        for n in range(5)
    )
    + " }"
)

HEAVIEST_PAGE = """{ projects(first: 50) { edges { node { id name taskCount
  tasks(first: 10) { edges { node { id title } } pageInfo { hasNextPage endCursor } } } }
  pageInfo { hasNextPage endCursor } } }"""


def cost(
    document: str,
    variables: dict | None = None,
    operation: str | None = None,
    list_bounds: dict[str, int] | None = None,
) -> int:
    return query_cost(
        SDL,
        graphql.parse(document),
        operation_name=operation,
        variables=variables,
        default_page_size=DEFAULT_PAGE,
        max_page_size=100,
        list_bounds=list_bounds or {},
    )


def test_cost_is_the_product_of_first_along_each_path() -> None:
    assert cost(MILLION_TASKS) == MILLION_TASKS_COST
    assert cost(HEAVIEST_PAGE) == 50 + 50 * 10
    assert cost("{ __typename creditTypes { value } usageSummary { used } }") == 0


def test_fragments_and_aliases_count_like_inline_fields() -> None:
    assert cost(MILLION_BY_FRAGMENTS) == MILLION_TASKS_COST
    assert cost(MANY_ALIASES) == 5 * (100 + 100 * 10)


def test_an_omitted_first_counts_the_default_page_size() -> None:
    assert cost("{ projects { edges { node { tasks { edges { node { id } } } } } } }") == (
        DEFAULT_PAGE + DEFAULT_PAGE * DEFAULT_PAGE
    )


def test_variables_and_their_defaults_are_counted() -> None:
    document = """query Page($projects: Int, $tasks: Int = 7) {
      projects(first: $projects) { edges { node { tasks(first: $tasks) { edges { node { id } } } } } } }"""

    assert cost(document, {"projects": 40}) == 40 + 40 * 7
    assert cost(document, {"projects": 40, "tasks": 2}) == 40 + 40 * 2
    # missing or mistyped: the default page size (coercion refuses the bad value later)
    assert cost(document, {"projects": "many"}) == DEFAULT_PAGE + DEFAULT_PAGE * 7


def test_a_page_over_the_cap_counts_as_the_cap() -> None:
    # (the page itself is refused by the page-size check, which names the argument)
    assert cost("{ projects(first: 1000000) { edges { node { id } } } }") == 100


def test_only_the_selected_operation_counts() -> None:
    document = f"query Cheap {{ creditTypes {{ value }} }} query Heavy {MILLION_TASKS}"

    assert cost(document, operation="Cheap") == 0
    assert cost(document, operation="Heavy") == MILLION_TASKS_COST


def test_a_fragment_cycle_is_followed_once() -> None:
    # validation refuses the cycle; costing it must not recurse forever first
    document = """{ projects(first: 3) { ...A } }
      fragment A on ProjectConnection { edges { node { id } } ...A }"""

    assert cost(document) == 3


def refused_for_cost(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("data") is None, body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST", error
    return error


@pytest.mark.parametrize(
    ("document", "expected"),
    [(MILLION_TASKS, MILLION_TASKS_COST), (MILLION_BY_FRAGMENTS, MILLION_TASKS_COST)],
    ids=["inline", "fragments"],
)
async def test_the_million_task_document_is_refused_naming_cost_and_limit(
    api: Api, member: tuple[str, str], document: str, expected: int
) -> None:
    token, tenant = member

    # when the document is sent
    error = refused_for_cost(await api.post(document, token=token, tenant=tenant))

    # then the message names what it costs and what the limit is
    assert f"{expected:,}" in error["message"]
    assert f"{LIMIT:,}" in error["message"]
    assert error["extensions"]["cost"] == expected


async def test_aliases_add_up_past_the_limit(api: Api, member: tuple[str, str]) -> None:
    token, tenant = member

    error = refused_for_cost(await api.post(MANY_ALIASES, token=token, tenant=tenant))

    assert error["extensions"]["cost"] == 5_500


def endpoints_deliveries(aliases: int) -> str:
    """`aliases` copies of every endpoint's first 100 deliveries."""
    fields = (
        f"e{n}: webhookEndpoints {{ id deliveries(first: 100) {{ edges {{ node {{ id }} }} }} }}"
        for n in range(aliases)
    )
    return "{ " + " ".join(fields) + " }"


async def test_webhook_deliveries_count_for_every_endpoint_a_tenant_may_have(
    api: Api, member: tuple[str, str]
) -> None:
    # given an owner (the member fixture's user is one); each alias of the endpoints'
    # deliveries costs 16 endpoints (the most a tenant may have) x 100 deliveries
    token, tenant = member

    # when three aliases are asked for, they run; four are refused for what they may ask
    data = await api.gql(endpoints_deliveries(3), token=token, tenant=tenant)
    error = refused_for_cost(await api.post(endpoints_deliveries(4), token=token, tenant=tenant))

    # then
    assert data == {"e0": [], "e1": [], "e2": []}
    assert error["extensions"]["cost"] == 4 * 16 * 100


async def test_the_heaviest_legitimate_page_runs(api: Api, member: tuple[str, str]) -> None:
    token, tenant = member

    data = await api.gql(HEAVIEST_PAGE, token=token, tenant=tenant)

    assert len(data["projects"]["edges"]) == 1


async def test_a_refused_mutation_creates_and_charges_nothing(
    api: Api, member: tuple[str, str]
) -> None:
    # given a createProject whose result selection may ask for a million tasks
    token, tenant = member
    projects_before = await Project.all().count()
    usages_before = await CreditUsage.all().count()
    mutation = """mutation { createProject(input: {name: "Expensive"}) {
      ... on CreateProjectSuccess { project { tasks(first: 100) { edges { node {
        project { tasks(first: 100) { edges { node { project { tasks(first: 100) {
          edges { node { id } } } } } } } } } } } } } } }"""

    # when it is sent
    refused_for_cost(await api.post(mutation, token=token, tenant=tenant))

    # then it never ran: no project, no ledger row
    assert await Project.all().count() == projects_before
    assert await CreditUsage.all().count() == usages_before


async def test_a_variable_page_size_is_costed_with_its_value(
    api: Api, member: tuple[str, str]
) -> None:
    token, tenant = member
    document = """query($n: Int) { projects(first: $n) { edges { node {
      tasks(first: $n) { edges { node { id } } } } } } }"""

    cheap = await api.post(document, {"n": 10}, token=token, tenant=tenant)
    assert "errors" not in cheap.json(), cheap.json()

    error = refused_for_cost(await api.post(document, {"n": 100}, token=token, tenant=tenant))
    assert error["extensions"]["cost"] == 100 + 100 * 100


def test_a_list_without_first_multiplies_by_its_bound_or_by_a_full_page() -> None:
    # given a tenant's webhook endpoints (a list without `first`) and each one's deliveries
    document = "{ webhookEndpoints { id deliveries(first: 100) { edges { node { id } } } } }"

    # then each endpoint may bring 100 deliveries: 16 endpoints at most, where that is declared
    assert cost(document, list_bounds={"Query.webhookEndpoints": 16}) == 16 * 100
    # and a list that declares no bound counts as a full page of them
    assert cost(document) == 100 * 100
    # a connection's edges are the page its field counted, whatever the bounds say
    assert cost(HEAVIEST_PAGE) == 50 + 50 * 10


def test_the_served_schema_bounds_the_webhook_endpoints_it_costs() -> None:
    # given the bounds the server costs with, and every list without `first` in its schema that
    # leads to a paginated field
    def leads_to_pages(type_: graphql.GraphQLNamedType, seen: frozenset[str]) -> bool:
        if not isinstance(type_, graphql.GraphQLObjectType) or type_.name in seen:
            return False
        return any(
            "first" in field.args
            or leads_to_pages(graphql.get_named_type(field.type), seen | {type_.name})
            for field in type_.fields.values()
        )

    unpaged_lists = {
        f"{name}.{field_name}"
        for name, type_ in SDL.type_map.items()
        if isinstance(type_, graphql.GraphQLObjectType) and not name.endswith("Connection")
        for field_name, field in type_.fields.items()
        if "first" not in field.args
        and graphql.is_list_type(graphql.get_nullable_type(field.type))
        and leads_to_pages(graphql.get_named_type(field.type), frozenset())
    }

    # then each is bounded by what a tenant may have
    assert unpaged_lists == set(LIST_BOUNDS) == {"Query.webhookEndpoints"}
    assert LIST_BOUNDS["Query.webhookEndpoints"] == MAX_ENDPOINTS
