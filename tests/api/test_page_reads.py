"""Pages of projects and tasks read as JSON built by PostgreSQL answer exactly what the
field-by-field path answers: the same text, key order, cursors, timestamps and errors.

Each test sends a document through the API twice, with plans (where `page_plans` reads the page
in one statement) and without (graphql-core's generic path over the DataLoaders), and compares
the response text. SQLite reads row by row, so these run on the PostgreSQL leg.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from prometheus_client import REGISTRY

from models import Project, Task, TaskStatus
from schema import types
from settings import FastPath, Settings
from tests import backends
from tests.api.plan_switch import PlanSwitch, outcomes, response_json
from tests.api.test_projects import Member
from tests.conftest import require_fast_paths
from tests.factories import make_tenant, make_user

POSTGRES = pytest.mark.skipif(
    not backends.is_postgres(),
    reason="pages are read as JSON on PostgreSQL (TEST_BACKEND=postgres); SQLite reads row by row",
)

FUZZ_EXAMPLES = 150
MAX_ALIASES = Settings.model_fields["max_query_aliases"].default
EPOCH = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _page_reads_on(settings: Settings) -> None:
    require_fast_paths(settings, FastPath.PAGE_READS)


def page_reads() -> float:
    return REGISTRY.get_sample_value("credits_page_reads_total") or 0.0


@pytest.fixture
async def shelves(member: Member) -> Member:
    """A tenant with five projects: 0 to 4 tasks each, of every status, with and without
    descriptions and creators; two projects created at the same instant (their ids break the
    tie) and timestamps with and without microseconds. Another tenant's project sits beside
    them."""
    moments = [
        EPOCH,
        EPOCH + timedelta(microseconds=120),
        EPOCH + timedelta(microseconds=120),
        EPOCH + timedelta(days=3, seconds=7),
        EPOCH + timedelta(days=40, microseconds=999_999),
    ]
    statuses = list(TaskStatus)
    for number, moment in enumerate(moments):
        project = await Project.create(
            tenant_id=member.tenant.id,
            name=f'Project {number} \u00e9\u00e8 "quoted" \\ back',
            description=None if number % 2 else f"About {number}",
            created_by_id=None if number == 3 else member.user.id,
            created_at=moment,
        )
        for task in range(number):
            await Task.create(
                tenant_id=member.tenant.id,
                project_id=project.id,
                title=f"Task {number}.{task}",
                description=f"Step {task}" if task % 2 else None,
                status=statuses[task % len(statuses)],
                created_by_id=None if task == 2 else member.user.id,
                created_at=moment + timedelta(seconds=task * (task % 2)),
            )
    other = await make_tenant(10)
    await Project.create(tenant_id=other.id, name="Elsewhere", created_at=EPOCH)
    await make_user(other)
    return member


async def both_ways(
    member: Member, switch: PlanSwitch, query: str, variables: dict[str, Any] | None = None
) -> tuple[str, float]:
    """The response text read as JSON by the database (asserted equal to the generic path's),
    and how many pages the database built for it."""
    switch.enabled = True
    before = page_reads()
    planned = await response_json(member, query, variables)
    read = page_reads() - before
    switch.enabled = False
    generic = await response_json(member, query, variables)
    assert planned == generic, query
    return planned, read


def data_of(text: str) -> Any:
    return json.loads(text.split(" ", 1)[1])["data"]


EVERYTHING = """
query($first: Int, $after: String, $tasks: Int) {
  __typename
  projects(first: $first, after: $after) {
    __typename
    pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      __typename cursor
      node {
        __typename id name description createdAt taskCount
        tasks(first: $tasks) {
          __typename
          edges { cursor node { __typename id title description status createdAt
                                project { id name createdAt } } }
          pageInfo { hasNextPage startCursor endCursor }
        }
      }
    }
  }
}
"""


@POSTGRES
async def test_a_page_of_projects_with_their_tasks_is_one_statement_with_the_generic_text(
    shelves: Member, plan_switch: PlanSwitch
) -> None:
    # given every field the database can build, at every level
    before = outcomes()

    # when the API answers it both ways
    text, pages = await both_ways(shelves, plan_switch, EVERYTHING, {"tasks": 3})

    # then the database built the whole page, the plan ran without giving up, and the tenant
    # sees its own five projects, oldest first, ties by id, with at most 3 tasks each
    assert pages == 1
    after = outcomes()
    assert (after["planned"] - before["planned"], after["abandoned"]) == (1, before["abandoned"])
    edges = data_of(text)["projects"]["edges"]
    counts = [edge["node"]["taskCount"] for edge in edges]
    assert counts in ([0, 1, 2, 3, 4], [0, 2, 1, 3, 4])  # 1 and 2 were created together
    assert [len(edge["node"]["tasks"]["edges"]) for edge in edges] == [min(n, 3) for n in counts]
    assert [edge["node"]["tasks"]["pageInfo"]["hasNextPage"] for edge in edges] == [
        n > 3 for n in counts
    ]
    assert "Elsewhere" not in text
    assert edges[0]["node"]["createdAt"] == "2026-03-01T09:30:00+00:00"
    assert edges[1]["node"]["createdAt"] == "2026-03-01T09:30:00.000120+00:00"


@POSTGRES
async def test_paging_with_cursors_gives_the_generic_pages_and_ends(
    shelves: Member, plan_switch: PlanSwitch
) -> None:
    # given pages of two projects, each asked for after the previous page's end cursor
    after: str | None = None
    seen: list[str] = []
    while True:
        # when each page is read both ways
        text, pages = await both_ways(
            shelves, plan_switch, EVERYTHING, {"first": 2, "after": after, "tasks": 1}
        )
        # then each is one statement, and the pages walk the projects once, in order
        assert pages == 1
        connection = data_of(text)["projects"]
        seen += [edge["node"]["id"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 5


@POSTGRES
async def test_tasks_of_one_project_and_of_the_tenant_read_as_the_generic_path_does(
    shelves: Member, plan_switch: PlanSwitch
) -> None:
    # given the tenant's tasks, all of them and one project's
    projects = data_of(await response_json(shelves, "{ projects { edges { node { id } } } }"))
    last = projects["projects"]["edges"][-1]["node"]["id"]
    query = """
    query($projectId: ID, $first: Int, $after: String) {
      tasks(projectId: $projectId, first: $first, after: $after) {
        edges { cursor node { id title status project { id taskCount } } }
        pageInfo { hasNextPage endCursor }
      }
    }
    """

    for variables in (
        {},
        {"projectId": last},
        {"projectId": last, "first": 2},
        {"projectId": last.upper(), "first": 0},
    ):
        # when they are read both ways, then they are the same, from one statement
        text, pages = await both_ways(shelves, plan_switch, query, variables)
        assert pages == 1, variables
    # and the tenant's tasks are its own ten
    assert len(data_of(text)["tasks"]["edges"]) == 0
    text, _pages = await both_ways(shelves, plan_switch, query, {"first": 100})
    assert len(data_of(text)["tasks"]["edges"]) == 10


@POSTGRES
@pytest.mark.parametrize(
    "variables",
    [
        {"first": 101},
        {"first": -1},
        {"after": "not a cursor"},
        {"after": "MjAyNi0wMy0wMVQwOTozMDowMHw"},
        {"projectId": "not-a-uuid"},
        {"tasks": 500},
    ],
)
async def test_bad_arguments_give_the_generic_errors_and_read_nothing(
    shelves: Member, plan_switch: PlanSwitch, variables: dict[str, Any]
) -> None:
    # given arguments the services refuse
    query = """
    query($first: Int, $after: String, $projectId: ID, $tasks: Int) {
      projects(first: $first, after: $after) { edges { node { id tasks(first: $tasks) {
        edges { node { id } } } } } }
      tasks(projectId: $projectId, first: $first, after: $after) { edges { node { id } } }
    }
    """

    # when they are read both ways
    text, pages = await both_ways(shelves, plan_switch, query, variables)

    # then the errors are the generic path's, and no page was built by the database
    assert pages == 0
    assert json.loads(text.split(" ", 1)[1])["errors"]


@POSTGRES
async def test_a_field_the_mapping_does_not_know_leaves_the_page_to_the_field_by_field_plan(
    shelves: Member, plan_switch: PlanSwitch, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a schema field that declares no column (as a new field would not)
    description = types.Project.__strawberry_definition__.get_field("description")
    assert description is not None
    monkeypatch.setattr(description, "metadata", {})
    query = (
        "{ projects { edges { node { notMapped: description tasks { edges { node { id } } } } } } }"
    )
    before = outcomes()

    # when a page selecting it is read both ways
    text, pages = await both_ways(shelves, plan_switch, query)

    # then the database built no page, the ordinary plan answered, and the answer is the same
    assert pages == 0
    assert outcomes()["planned"] == before["planned"] + 1
    assert "About 0" in text


@POSTGRES
async def test_creators_are_read_with_the_page_and_null_when_gone(
    shelves: Member, plan_switch: PlanSwitch
) -> None:
    # given pages asking who created each project and task (one of each has no creator)
    query = (
        "{ projects { edges { node { createdBy { __typename id email } tasks { edges { node { "
        "createdBy { email } } } } } } } }"
    )

    # when it is read both ways
    text, pages = await both_ways(shelves, plan_switch, query)

    # then the database built it, creators and nulls as the DataLoader path gives them
    assert pages == 1
    creators = [edge["node"]["createdBy"] for edge in data_of(text)["projects"]["edges"]]
    assert creators.count(None) == 1
    assert {creator["email"] for creator in creators if creator} == {shelves.user.email}


@POSTGRES
async def test_an_unauthenticated_read_gets_the_generic_error(
    shelves: Member, plan_switch: PlanSwitch
) -> None:
    # given a request without a token
    query = "{ projects { edges { node { id } } } }"
    answers = []
    for enabled in (True, False):
        plan_switch.enabled = enabled
        answers.append(await response_json(shelves, query, signed_in=False))

    # then both paths refuse it the same way
    assert answers[0] == answers[1]
    assert json.loads(answers[0].split(" ", 1)[1])["errors"]


ONE_PROJECT = """
query($id: ID!) {
  project(id: $id) {
    __typename id name description createdAt taskCount
    tasks(first: 2) { edges { cursor node { id status project { name } } } pageInfo { endCursor } }
  }
}
"""
ONE_TASK = "query($id: ID!) { task(id: $id) { id title createdAt project { id taskCount } } }"


@POSTGRES
async def test_one_project_or_task_by_id_reads_as_the_generic_path(
    shelves: Member, plan_switch: PlanSwitch
) -> None:
    # given a project, one of its tasks, an id no row has, and another tenant's project
    last = await Project.filter(tenant_id=shelves.tenant.id).order_by("-created_at").first()
    assert last is not None
    task = await Task.filter(project_id=last.id).first()
    assert task is not None
    elsewhere = await Project.filter(tenant_id__not=shelves.tenant.id).first()
    assert elsewhere is not None

    # when each is read both ways, then each is one statement with the generic text
    text, pages = await both_ways(shelves, plan_switch, ONE_PROJECT, {"id": str(last.id)})
    assert (pages, data_of(text)["project"]["taskCount"]) == (1, 4)
    text, pages = await both_ways(shelves, plan_switch, ONE_TASK, {"id": str(task.id)})
    assert (pages, data_of(text)["task"]["project"]["id"]) == (1, str(last.id))
    for missing in (str(uuid.uuid4()), str(elsewhere.id)):
        text, pages = await both_ways(shelves, plan_switch, ONE_PROJECT, {"id": missing})
        # and a row the tenant does not have is null, as the generic path says
        assert (pages, data_of(text)) == (1, {"project": None})

    # and an id that is no UUID gets the generic path's error, read by it alone
    text, pages = await both_ways(shelves, plan_switch, ONE_TASK, {"id": "nope"})
    assert pages == 0
    assert json.loads(text.split(" ", 1)[1])["errors"]


@pytest.mark.skipif(backends.is_postgres(), reason="the SQLite leg's own behaviour")
async def test_sqlite_reads_pages_row_by_row_with_the_same_answer(
    shelves: Member, plan_switch: PlanSwitch
) -> None:
    # given the read of every field the database could build

    # when SQLite answers it both ways
    text, pages = await both_ways(shelves, plan_switch, EVERYTHING, {"tasks": 3})

    # then no page was built as JSON, and the answer is the generic path's
    assert pages == 0
    assert len(data_of(text)["projects"]["edges"]) == 5


# --------------------------------------------------------------------------- generated


def pick(options: list[str]) -> st.SearchStrategy[list[str]]:
    """Some of `options` (at least one), in any order, some repeated (a repeated field's text is
    the same, so they merge), some under an alias of their own."""
    return st.lists(
        st.tuples(st.sampled_from(options), st.booleans()), min_size=1, max_size=len(options) + 1
    ).map(
        lambda chosen: [
            f"alias{index}: {field}" if aliased else field
            for index, (field, aliased) in enumerate(chosen)
        ]
    )


def selection(fields: st.SearchStrategy[list[str]], type_name: str) -> st.SearchStrategy[str]:
    def wrap(chosen: list[str], fragment: bool) -> str:
        body = " ".join(chosen)
        return f"{{ ... on {type_name} {{ {body} }} }}" if fragment else f"{{ {body} }}"

    return st.builds(wrap, fields, st.booleans())


FIRSTS = ["", "(first: 0)", "(first: 1)", "(first: 2)", "(first: 3)", "(first: 50)"]


def connection(node: st.SearchStrategy[str], type_name: str) -> st.SearchStrategy[str]:
    page_info = selection(
        pick(["hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"]),
        "PageInfo",
    )
    edge = st.builds(
        lambda node_selection, fields: fields.replace("NODE", node_selection),
        node,
        selection(pick(["cursor", "__typename", "node NODE"]), f"{type_name}Edge"),
    )
    return st.builds(
        lambda edges, info, fields: fields.replace("EDGES", edges).replace("INFO", info),
        edge,
        page_info,
        selection(pick(["__typename", "edges EDGES", "pageInfo INFO"]), f"{type_name}Connection"),
    )


def task_node(depth: int) -> st.SearchStrategy[str]:
    leaves = ["id", "title", "description", "status", "createdAt", "__typename", "createdBy USER"]
    if depth == 0:
        return with_users(selection(pick(leaves), "Task"))
    return with_users(
        st.builds(
            lambda project, fields: fields.replace("PROJECT", project),
            project_node(depth - 1),
            selection(pick([*leaves, "project PROJECT"]), "Task"),
        )
    )


def project_node(depth: int) -> st.SearchStrategy[str]:
    leaves = ["id", "name", "description", "createdAt", "taskCount", "__typename", "createdBy USER"]
    if depth == 0:
        return with_users(selection(pick(leaves), "Project"))
    return with_users(
        st.builds(
            lambda tasks, first, fields: fields.replace("TASKS", first + " " + tasks),
            connection(task_node(depth - 1), "Task"),
            st.sampled_from(FIRSTS),
            selection(pick([*leaves, "tasks TASKS"]), "Project"),
        )
    )


def with_users(node: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`node` with each `createdBy USER` given a selection of the user's fields."""
    return st.builds(
        lambda fields, user: fields.replace("USER", user),
        node,
        selection(pick(["id", "email", "__typename"]), "User"),
    )


QUERIES = st.one_of(
    st.builds(lambda node: f"query($id: ID!) {{ project(id: $id) {node} }}", project_node(2)),
    st.builds(lambda node: f"query($id: ID!) {{ task(id: $id) {node} }}", task_node(2)),
    st.builds(
        lambda first, page: f"{{ projects{first} {page} }}",
        st.sampled_from(FIRSTS),
        connection(project_node(2), "Project"),
    ),
    st.builds(
        lambda first, page: f"{{ tasks{first} {page} }}",
        st.sampled_from(FIRSTS),
        connection(task_node(2), "Task"),
    ),
)


@POSTGRES
@given(query=QUERIES)
@hypothesis_settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
async def test_generated_pages_read_by_the_database_answer_as_the_generic_path(
    shelves: Member, plan_switch: PlanSwitch, query: str
) -> None:
    # given any selection of the fields the database builds, nested, aliased, in fragments
    # (within the API's limit on aliases)
    assume(query.count("alias") <= MAX_ALIASES)

    # when it is read both ways (one project or task: the tenant's newest)
    variables = None
    if "$id" in query:
        table = Project if "project(id:" in query.split("{")[1] else Task
        newest = await table.filter(tenant_id=shelves.tenant.id).order_by("-created_at").first()
        assert newest is not None
        variables = {"id": str(newest.id)}
    text, pages = await both_ways(shelves, plan_switch, query, variables)

    # then the database built it, with the generic path's text
    assert pages == 1, (query, text)
