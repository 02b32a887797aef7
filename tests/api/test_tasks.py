"""Tasks through the API: CRUD, validation (never charged), listing per project."""

from __future__ import annotations

from typing import Any

import pytest

from models import Task
from tests.api.test_projects import Member

UPDATE_TASK = """
mutation($input: UpdateTaskInput!) {
  updateTask(input: $input) {
    __typename
    ... on UpdateTaskSuccess { task { id title description status project { id } } }
    ... on Error { code message }
    ... on ValidationFailed { field }
  }
}
"""

DELETE_TASK = """
mutation($input: DeleteTaskInput!) {
  deleteTask(input: $input) {
    __typename
    ... on DeleteTaskSuccess { deletedId }
    ... on Error { code message }
    ... on ValidationFailed { field }
  }
}
"""

TASK = """
query($id: ID!) {
  task(id: $id) {
    id title description status createdAt createdBy { id email } project { id name taskCount }
  }
}
"""

TASKS = """
query($projectId: ID, $first: Int, $after: String) {
  tasks(projectId: $projectId, first: $first, after: $after) {
    edges { cursor node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


@pytest.fixture
async def project_id(member: Member) -> str:
    return str((await member.create_project("Home"))["project"]["id"])


async def test_create_task_charges_one_credit(member: Member, project_id: str) -> None:
    # when a task is created
    created = await member.create_task(project_id, " Write docs ")

    # then it is TODO in its project, created by the caller, charged 1 credit for its id
    assert created["__typename"] == "CreateTaskSuccess"
    task = created["task"]
    assert (task["title"], task["status"], task["project"]["id"]) == (
        "Write docs",
        "TODO",
        project_id,
    )
    assert created["usage"]["objectId"] == task["id"]
    assert created["usage"]["user"]["email"] == member.user.email
    assert await member.ledger() == [("credit-project-creation", 2), ("credit-task-creation", 1)]
    fetched = (await member.gql(TASK, {"id": task["id"]}))["task"]
    assert fetched["createdBy"] == {"id": str(member.user.id), "email": member.user.email}
    assert fetched["project"] == {"id": project_id, "name": "Home", "taskCount": 1}


async def test_update_task_changes_status_title_and_description(
    member: Member, project_id: str
) -> None:
    # given a task
    task_id = (await member.create_task(project_id, "Draft"))["task"]["id"]

    # when its status, then its title and description change
    first = (await member.gql(UPDATE_TASK, {"input": {"id": task_id, "status": "DOING"}}))[
        "updateTask"
    ]
    second = (
        await member.gql(
            UPDATE_TASK, {"input": {"id": task_id, "title": "Final", "description": "Done soon"}}
        )
    )["updateTask"]

    # then each update keeps the other fields, and nothing was charged
    assert first["task"] == {
        "id": task_id,
        "title": "Draft",
        "description": None,
        "status": "DOING",
        "project": {"id": project_id},
    }
    assert second["task"] == {
        "id": task_id,
        "title": "Final",
        "description": "Done soon",
        "status": "DOING",
        "project": {"id": project_id},
    }
    assert len(await member.ledger()) == 2


async def test_delete_task_refunds_nothing(member: Member, project_id: str) -> None:
    # given a task
    task_id = (await member.create_task(project_id))["task"]["id"]

    # when it is deleted
    deleted = (await member.gql(DELETE_TASK, {"input": {"id": task_id}}))["deleteTask"]

    # then it is gone, the charge stays, and the project counts no task
    assert deleted == {"__typename": "DeleteTaskSuccess", "deletedId": task_id}
    assert (await member.gql(TASK, {"id": task_id}))["task"] is None
    assert len(await member.ledger()) == 2
    summary = await member.gql("{ usageSummary { used } }")
    assert summary["usageSummary"]["used"] == 3
    again = (await member.gql(DELETE_TASK, {"input": {"id": task_id}}))["deleteTask"]
    assert again["__typename"] == "NotFound"


INVALID_TASKS = {
    "blank title": ({"title": "  "}, "title"),
    "too long title": ({"title": "t" * 201}, "title"),
    "control char": ({"title": "bell\x07"}, "title"),
    "too long description": ({"title": "ok", "description": "d" * 5001}, "description"),
    "bad project uuid": ({"title": "ok", "projectId": "123"}, "projectId"),
    "blank idempotency key": ({"title": "ok", "key": ""}, "idempotencyKey"),
}


@pytest.mark.parametrize("change, field", INVALID_TASKS.values(), ids=INVALID_TASKS.keys())
async def test_create_task_with_invalid_input_fails_without_charging(
    member: Member, project_id: str, change: dict[str, Any], field: str
) -> None:
    # given the ledger after the project was created
    ledger_before = await member.ledger()
    values = {"projectId": project_id, **change}
    key = values.pop("key", None)

    # when a task is created with an invalid input
    data = await member.gql(
        """mutation($input: CreateTaskInput!, $key: String) {
             createTask(input: $input, idempotencyKey: $key) {
               __typename ... on ValidationFailed { code field message }
             }
           }""",
        {"input": values, "key": key},
    )

    # then it is ValidationFailed for that field, and nothing was created or charged
    result = data["createTask"]
    assert (result["__typename"], result["code"], result["field"]) == (
        "ValidationFailed",
        "VALIDATION_FAILED",
        field,
    )
    assert await member.ledger() == ledger_before
    assert not await Task.filter(tenant_id=member.tenant.id).exists()


async def test_create_task_in_a_missing_project_is_not_found_and_free(member: Member) -> None:
    result = await member.create_task("5f1d7a52-0000-4000-8000-000000000000")
    assert result["__typename"] == "NotFound"
    assert await member.ledger() == []


@pytest.mark.parametrize(
    "change, field",
    [({"title": ""}, "title"), ({"description": "d" * 5001}, "description"), ({"id": "x"}, "id")],
)
async def test_update_task_validation(
    member: Member, project_id: str, change: dict[str, Any], field: str
) -> None:
    # given a task
    task_id = (await member.create_task(project_id, "Stable"))["task"]["id"]
    # when it is updated with an invalid value
    result = (await member.gql(UPDATE_TASK, {"input": {"id": task_id, **change}}))["updateTask"]
    # then it is ValidationFailed for that field and the task is unchanged
    assert (result["__typename"], result["field"]) == ("ValidationFailed", field)
    assert (await Task.get(id=task_id)).title == "Stable"


async def test_tasks_are_listed_per_project_and_paginated(member: Member, project_id: str) -> None:
    # given three tasks in one project and one in another
    other_id = (await member.create_project("Other"))["project"]["id"]
    ids = [(await member.create_task(project_id, f"T{n}"))["task"]["id"] for n in range(3)]
    other_task = (await member.create_task(other_id, "elsewhere"))["task"]["id"]

    # when the project's tasks are read two at a time, and all tasks at once
    first = (await member.gql(TASKS, {"projectId": project_id, "first": 2}))["tasks"]
    second = (
        await member.gql(
            TASKS, {"projectId": project_id, "first": 2, "after": first["pageInfo"]["endCursor"]}
        )
    )["tasks"]
    everything = (await member.gql(TASKS, {}))["tasks"]

    # then the pages split the project's tasks in order, and the unfiltered list has all four
    assert [edge["node"]["id"] for edge in first["edges"]] == ids[:2]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["id"] for edge in second["edges"]] == ids[2:]
    assert second["pageInfo"]["hasNextPage"] is False
    assert [edge["node"]["id"] for edge in everything["edges"]] == [*ids, other_task]


@pytest.mark.parametrize(
    "variables",
    [{"projectId": "nope"}, {"first": 1000}, {"after": "%%%"}],
    ids=["bad project id", "first too big", "bad cursor"],
)
async def test_bad_task_list_arguments_are_bad_requests(
    member: Member, variables: dict[str, Any]
) -> None:
    errors = await member.errors(TASKS, variables)
    assert errors[0]["extensions"]["code"] == "BAD_REQUEST"


NESTED_TASKS = """
query($first: Int) {
  projects {
    edges { node { id tasks(first: $first) {
      edges { cursor node { id title description status createdAt createdBy { email } project { id } } }
      pageInfo { hasNextPage endCursor }
    } } }
  }
}
"""

PROJECT_TASKS = """
query($projectId: ID, $first: Int, $after: String) {
  tasks(projectId: $projectId, first: $first, after: $after) {
    edges { cursor node { id title description status createdAt createdBy { email } project { id } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def test_nested_first_pages_match_the_task_list_cursors_included(member: Member) -> None:
    # given a project with three tasks (one described and done) and one with a single task
    home = (await member.create_project("Home"))["project"]["id"]
    away = (await member.create_project("Away"))["project"]["id"]
    ids = [(await member.create_task(home, f"T{n}"))["task"]["id"] for n in range(3)]
    await member.create_task(away, "alone")
    changed = await member.gql(
        UPDATE_TASK, {"input": {"id": ids[1], "description": "déjà vu", "status": "DONE"}}
    )
    assert changed["updateTask"]["__typename"] == "UpdateTaskSuccess"

    # when first pages of two are read nested under the projects (one windowed statement)
    nested = (await member.gql(NESTED_TASKS, {"first": 2}))["projects"]["edges"]

    # then each is the page the task list gives for that project: nodes, cursors and pageInfo
    for project in nested:
        listed = await member.gql(PROJECT_TASKS, {"projectId": project["node"]["id"], "first": 2})
        assert project["node"]["tasks"] == listed["tasks"]
    home_page = nested[0]["node"]["tasks"]
    assert [edge["node"]["id"] for edge in home_page["edges"]] == ids[:2]
    assert home_page["edges"][1]["node"]["description"] == "déjà vu"
    assert home_page["edges"][1]["node"]["status"] == "DONE"
    assert home_page["pageInfo"] == {
        "hasNextPage": True,
        "endCursor": home_page["edges"][-1]["cursor"],
    }
    assert nested[1]["node"]["tasks"]["pageInfo"]["hasNextPage"] is False
    # and every edge's cursor resumes right after its own task
    for position, edge in enumerate(home_page["edges"]):
        rest = (await member.gql(TASKS, {"projectId": home, "after": edge["cursor"]}))["tasks"]
        assert [later["node"]["id"] for later in rest["edges"]] == ids[position + 1 :]


async def test_cursors_are_unselected_unless_asked_and_the_page_is_the_same(
    member: Member, project_id: str
) -> None:
    # given three tasks
    ids = [(await member.create_task(project_id, f"T{n}"))["task"]["id"] for n in range(3)]

    # when a page is read without cursors, then with them
    bare = await member.gql(
        "query($p: ID) { tasks(projectId: $p, first: 2) { edges { node { id } } "
        "pageInfo { hasNextPage } } }",
        {"p": project_id},
    )
    full = (await member.gql(TASKS, {"projectId": project_id, "first": 2}))["tasks"]

    # then both list the same tasks; the cursors, when asked, page on to the last one
    assert [edge["node"]["id"] for edge in bare["tasks"]["edges"]] == ids[:2]
    assert [edge["node"]["id"] for edge in full["edges"]] == ids[:2]
    assert full["pageInfo"]["endCursor"] == full["edges"][-1]["cursor"]
    after = (
        await member.gql(TASKS, {"projectId": project_id, "after": full["pageInfo"]["endCursor"]})
    )["tasks"]
    assert [edge["node"]["id"] for edge in after["edges"]] == ids[2:]
