"""Planned queries answer exactly what graphql-core answers, and run planned when they can.

Each test runs one document through two schemas built from the same types: one with our
execution context (plans) and one with strawberry's (graphql-core's generic path), and compares
the JSON of the two results, key order included.
"""

from __future__ import annotations

import asyncio
import gc
import json
import uuid
import warnings
from enum import Enum
from typing import Any

import hypothesis_graphql
import pytest
import strawberry
from graphql import REMOVE, DocumentNode, Visitor, print_ast, visit
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from strawberry.permission import BasePermission
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from resolvers.execution import CreditsExecutionContext
from resolvers.schema import schema as credits_schema
from schema.reads import PURE_READ
from settings import FastPath, Settings
from tests.api.plan_switch import PlanSwitch, outcomes, response_json
from tests.api.test_projects import Member
from tests.conftest import require_fast_paths

FUZZ_EXAMPLES = 300


@strawberry.enum
class Kind(Enum):
    PLAIN = "plain"
    SPECIAL = "special"


@strawberry.input
class Range:
    low: int
    high: int


class Allowed(BasePermission):
    message = "never refused"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return True


@strawberry.type
class Item:
    id: strawberry.ID
    name: str | None
    count: int
    kind: Kind
    required: str
    children: list[Item]

    @strawberry.field(metadata=PURE_READ)
    def scaled(self, by: int = 2) -> int:
        return self.count * by

    @strawberry.field(metadata=PURE_READ)
    async def later(self) -> str:
        await asyncio.sleep(0)
        return f"later {self.id}"

    @strawberry.field(metadata=PURE_READ)
    def within(self, range: Range) -> bool:
        return range.low <= self.count <= range.high

    @strawberry.field(metadata=PURE_READ)
    def described(root: Item, info: strawberry.Info, prefix: str = "") -> str:
        return f"{prefix}{info.field_name} of {root.id} at {info.path.as_list()}"

    @strawberry.field(permission_classes=[Allowed], metadata=PURE_READ)
    def guarded(self) -> int:
        return self.count

    @strawberry.field
    def undeclared(self) -> int:
        return self.count

    @strawberry.field(metadata=PURE_READ)
    def broken(self) -> str | None:
        raise ValueError(f"broken {self.id}")

    @strawberry.field(metadata=PURE_READ)
    def broken_required(self) -> str:
        raise ValueError(f"broken {self.id}")


@strawberry.type
class Left:
    left: int


@strawberry.type
class Right:
    right: int


def _item(number: int, **overrides: Any) -> Item:
    fields: dict[str, Any] = {
        "id": strawberry.ID(str(number)),
        "name": None if number % 2 else f"Item {number}",
        "count": number,
        "kind": Kind.SPECIAL if number % 3 == 0 else Kind.PLAIN,
        "required": f"r{number}",
        "children": [],
    }
    fields.update(overrides)
    return Item(**fields)


ITEMS = [
    _item(number, children=[_item(10 * number + child) for child in range(3)])
    for number in range(1, 5)
]
SPECIAL_ITEMS = {
    "no-required": _item(90, required=None),
    "too-big": _item(91, count=2**40),
}


@strawberry.type
class Query:
    @strawberry.field(metadata=PURE_READ)
    async def items(self, first: int = 10) -> list[Item]:
        await asyncio.sleep(0)
        return ITEMS[:first]

    @strawberry.field(metadata=PURE_READ)
    def item(self, id: strawberry.ID) -> Item | None:
        return SPECIAL_ITEMS.get(id) or next((item for item in ITEMS if item.id == id), None)

    @strawberry.field(metadata=PURE_READ)
    def either(self, left: bool) -> Left | Right:
        return Left(left=1) if left else Right(right=2)


@strawberry.interface
class Problem:
    message: str


@strawberry.type
class Refused(Problem):
    reason: str


@strawberry.type
class Made:
    item: Item | None


# What the mutations did, in order: a mutation runs once, whatever happens to its result.
MUTATIONS: list[str] = []


@strawberry.type
class Mutation:
    @strawberry.mutation
    def make(self, number: int) -> Made | Refused:
        MUTATIONS.append(f"make {number}")
        if number < 0:
            return Refused(message="negative", reason="below zero")
        return Made(item=_item(number, required=None if number == 90 else f"r{number}"))


PLANNED = strawberry.Schema(
    query=Query, mutation=Mutation, execution_context_class=CreditsExecutionContext
)
GENERIC = strawberry.Schema(
    query=Query, mutation=Mutation, execution_context_class=StrawberryGraphQLCoreExecutionContext
)


def as_json(result: Any) -> str:
    errors = [
        {"message": error.message, "path": error.path, "locations": error.locations}
        for error in result.errors or []
    ]
    return json.dumps({"data": result.data, "errors": errors}, default=str)


async def run_both(document: str, variables: dict[str, Any] | None = None) -> tuple[str, str]:
    """(how the planned schema ran it, its JSON); asserts the generic schema's JSON is equal."""
    before = outcomes()
    planned = await PLANNED.execute(document, variable_values=variables)
    after = outcomes()
    generic = await GENERIC.execute(document, variable_values=variables)
    assert as_json(planned) == as_json(generic)
    (outcome,) = [name for name in after if after[name] != before[name]]
    return outcome, as_json(planned)


async def test_a_query_of_fields_lists_arguments_and_fragments_runs_planned_and_equal() -> None:
    # given a query with aliases, a named and an inline fragment, __typename, nested lists,
    # arguments from a literal, a default and a variable, enums, nulls and async resolvers
    document = """
    query($first: Int!, $by: Int) {
      items(first: $first) {
        __typename id alias: name kind ...Counts
        children { id ... on Item { required later } scaled(by: 10) }
        within(range: {low: 2, high: 3}) described(prefix: "> ")
      }
      one: item(id: "2") { id later }
      missing: item(id: "nope") { id }
    }
    fragment Counts on Item { count scaled scaledBy: scaled(by: $by) }
    """

    # when it runs planned and generically
    outcome, result = await run_both(document, {"first": 3, "by": 5})

    # then the plan ran it, and the results are the same JSON
    assert outcome == "planned"
    data = json.loads(result)["data"]
    assert [item["id"] for item in data["items"]] == ["1", "2", "3"]
    assert data["items"][2] == {
        "__typename": "Item",
        "id": "3",
        "alias": None,
        "kind": "SPECIAL",
        "count": 3,
        "scaled": 6,
        "scaledBy": 15,
        "children": [
            {"id": str(30 + child), "required": f"r{30 + child}", "later": f"later {30 + child}"}
            | {"scaled": 10 * (30 + child)}
            for child in range(3)
        ],
        "within": True,
        "described": "> described of 3 at ['items', 2, 'described']",
    }
    assert [item["within"] for item in data["items"]] == [False, True, True]
    assert data["missing"] is None


async def test_an_error_in_a_nullable_field_gives_graphql_cores_partial_data() -> None:
    # when a resolver of a nullable field raises inside a list
    outcome, result = await run_both("{ items(first: 2) { id broken } }")

    # then the plan gave up and graphql-core answered: nulls where it failed, one error each
    assert outcome == "abandoned"
    body = json.loads(result)
    assert body["data"] == {"items": [{"id": "1", "broken": None}, {"id": "2", "broken": None}]}
    assert [error["path"] for error in body["errors"]] == [
        ["items", 0, "broken"],
        ["items", 1, "broken"],
    ]


async def test_a_null_or_an_error_in_a_non_null_field_nulls_its_parent_as_graphql_core_does() -> (
    None
):
    # when a non-null field's resolver raises, a non-null attribute is None, or an Int does not
    # fit 32 bits
    cases = [
        '{ item(id: "1") { id brokenRequired } }',
        '{ item(id: "no-required") { id required } }',
        '{ item(id: "too-big") { id count } }',
    ]
    for document in cases:
        outcome, result = await run_both(document)

        # then each time graphql-core's answer came back: the nullable parent is null, with
        # one located error
        assert outcome == "abandoned", document
        body = json.loads(result)
        assert body["data"] == {"item": None}, document
        assert len(body["errors"]) == 1, document


async def test_a_plan_given_up_leaves_no_coroutine_unawaited() -> None:
    # given a query whose first field starts a coroutine before the second raises synchronously
    gc.collect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        # when it runs
        outcome, _result = await run_both('{ item(id: "1") { later brokenRequired } }')
        gc.collect()

    # then the plan closed what it started
    assert outcome == "abandoned"
    assert [
        str(warning.message) for warning in caught if "never awaited" in str(warning.message)
    ] == []


async def test_unions_resolve_to_each_member_planned_and_equal() -> None:
    # when a field of a union type resolves to either member
    for left in (True, False):
        outcome, result = await run_both(
            f"{{ either(left: {str(left).lower()}) {{ __typename ... on Left {{ left }} "
            "... on Right { right } } }"
        )

        # then the plan completed it as the member it is
        assert outcome == "planned"
        expected = (
            {"__typename": "Left", "left": 1} if left else {"__typename": "Right", "right": 2}
        )
        assert json.loads(result)["data"] == {"either": expected}


MAKE = (
    "{ __typename ... on Made { item { id required later } } ... on Problem { message } "
    "... on Refused { reason } }"
)


async def test_a_mutations_results_are_completed_planned_and_each_mutation_runs_once() -> None:
    # given two mutations, one giving an object and one an error type behind an interface
    MUTATIONS.clear()

    # when they run
    outcome, result = await run_both(
        f"mutation {{ a: make(number: 1) {MAKE} b: make(number: -1) {MAKE} }}"
    )

    # then their results were completed from the plan, and each ran once per schema, in order
    assert outcome == "planned"
    assert json.loads(result)["data"] == {
        "a": {"__typename": "Made", "item": {"id": "1", "required": "r1", "later": "later 1"}},
        "b": {"__typename": "Refused", "message": "negative", "reason": "below zero"},
    }
    assert MUTATIONS == ["make 1", "make -1"] * 2


async def test_a_mutation_result_the_plan_gives_up_on_is_completed_by_graphql_core_not_rerun() -> (
    None
):
    # given a mutation whose result breaks a non-null field
    MUTATIONS.clear()

    # when it runs
    outcome, result = await run_both(f"mutation {{ make(number: 90) {MAKE} }}")

    # then graphql-core completed the same result (one error, the nullable parent null), and
    # the mutation itself ran only once per schema
    assert outcome == "abandoned"
    body = json.loads(result)
    assert body["data"] == {"make": {"__typename": "Made", "item": None}}
    assert [error["path"] for error in body["errors"]] == [["make", "item", "required"]]
    assert MUTATIONS == ["make 90"] * 2


async def test_what_plans_do_not_cover_runs_generically_and_equal() -> None:
    # given operations with directives, introspection, a field with a permission class and a
    # resolver not declared a read
    cases = [
        "query($skip: Boolean!) { items { id name @skip(if: $skip) } }",
        "{ __schema { queryType { name } } }",
        "{ items { id guarded } }",
        '{ item(id: "1") { undeclared } }',
    ]
    for document in cases:
        # when they run
        outcome, _result = await run_both(document, {"skip": True} if "$skip" in document else None)

        # then graphql-core ran them, with the same answer
        assert outcome == "generic", document


async def test_bad_variables_are_refused_before_any_plan_runs() -> None:
    # when a variable has the wrong type
    before = outcomes()
    result = await PLANNED.execute(
        "query($first: Int!) { items(first: $first) { id } }", {"first": "x"}
    )

    # then it is a request error, and neither path executed anything
    assert result.data is None
    assert result.errors and "$first" in result.errors[0].message
    assert outcomes() == before


@pytest.fixture
async def readable(member: Member) -> Member:
    """A member whose tenant has projects with tasks, a user and ledger rows to read."""
    for number in range(3):
        project = await member.create_project(f"Project {number}", description=f"About {number}")
        for task in range(number + 1):
            await member.create_task(project["project"]["id"], f"Task {number}.{task}")
    return member


async def test_a_page_of_projects_with_their_tasks_runs_planned_through_the_api(
    readable: Member, plan_switch: PlanSwitch
) -> None:
    # given the read a project list page makes
    query = (
        "{ projects(first: 50) { edges { cursor node { id name createdBy { email } taskCount "
        "tasks(first: 10) { edges { node { id title status } } pageInfo { hasNextPage } } } } } }"
    )
    before = outcomes()

    # when it runs planned, then generically
    planned = await response_json(readable, query)
    after = outcomes()
    plan_switch.enabled = False
    generic = await response_json(readable, query)

    # then the plan answered it, with the generic answer's text
    assert after["planned"] == before["planned"] + 1
    assert after["abandoned"] == before["abandoned"]
    assert planned == generic
    edges = json.loads(planned.split(" ", 1)[1])["data"]["projects"]["edges"]
    assert [len(edge["node"]["tasks"]["edges"]) for edge in edges] == [1, 2, 3]


def without_arguments(document: DocumentNode) -> str:
    """Generated arguments are mostly invalid (random IDs, cursors, sizes): without them, most
    generated queries are valid and run to the end."""

    class DropArguments(Visitor):
        def enter_argument(self, *_args: Any) -> Any:
            return REMOVE

    return print_ast(visit(document, DropArguments()))


SDL = str(credits_schema)
QUERY_FIELDS = sorted(credits_schema._schema.query_type.fields)  # type: ignore[union-attr]


def one_root_field_without_arguments(name: str) -> st.SearchStrategy[str]:
    return hypothesis_graphql.queries(SDL, fields=[name], print_ast=without_arguments)


@given(
    query=st.one_of(
        hypothesis_graphql.queries(SDL),
        st.sampled_from(QUERY_FIELDS).flatmap(one_root_field_without_arguments),
    )
)
@hypothesis_settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
async def test_generated_queries_answer_the_same_planned_and_generic(
    readable: Member, plan_switch: PlanSwitch, query: str
) -> None:
    # given a tenant with data, and a query generated from the schema (any root field, any
    # selection, arguments of every kind, valid or not)

    # when the API answers it planned, then generically
    plan_switch.enabled = True
    planned = await response_json(readable, query)
    plan_switch.enabled = False
    generic = await response_json(readable, query)

    # then the two answers are the same text
    assert planned == generic, query


async def test_charged_mutations_results_are_completed_planned_through_the_api(
    member: Member, settings: Settings
) -> None:
    require_fast_paths(settings, FastPath.QUERY_PLANS)
    # given a project
    project = await member.create_project("Planned")
    before = outcomes()

    # when a task is created, and another one is refused (the project does not exist)
    created = await member.create_task(project["project"]["id"], "Planned task")
    refused = await member.create_task(str(uuid.uuid4()), "Nowhere")

    # then both results (a success and a typed error) were completed from the plan
    after = outcomes()
    assert created["__typename"] == "CreateTaskSuccess"
    assert created["task"]["title"] == "Planned task"
    assert refused["__typename"] == "NotFound"
    assert (after["planned"] - before["planned"], after["abandoned"] - before["abandoned"]) == (
        2,
        0,
    )
