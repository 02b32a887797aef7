"""Projects through the API: CRUD, validation (never charged), pagination, nested fields."""

from __future__ import annotations

from typing import Any

import pytest

from models import CreditUsage, Project, Task, Tenant, User
from tests.api.queries import CREATE_PROJECT, CREATE_TASK, SUMMARY
from tests.conftest import Api
from tests.factories import token_for

UPDATE_PROJECT = """
mutation($input: UpdateProjectInput!) {
  updateProject(input: $input) {
    __typename
    ... on UpdateProjectSuccess { project { id name description } }
    ... on Error { code message }
    ... on ValidationFailed { field }
  }
}
"""

DELETE_PROJECT = """
mutation($input: DeleteProjectInput!) {
  deleteProject(input: $input) {
    __typename
    ... on DeleteProjectSuccess { deletedId }
    ... on Error { code message }
    ... on ValidationFailed { field }
  }
}
"""

PROJECTS = """
query($first: Int, $after: String) {
  projects(first: $first, after: $after) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

PROJECT = """
query($id: ID!, $first: Int, $after: String) {
  project(id: $id) {
    id name description createdAt createdBy { id email } taskCount
    tasks(first: $first, after: $after) {
      edges { node { id title project { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""


class Member:
    def __init__(self, api: Api, tenant: Tenant, user: User) -> None:
        self.api, self.tenant, self.user = api, tenant, user
        self.token = token_for(user)

    async def gql(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.api.gql(document, variables, token=self.token, tenant=self.tenant.slug)

    async def errors(self, document: str, variables: dict[str, Any]) -> list[dict[str, Any]]:
        response = await self.api.post(
            document, variables, token=self.token, tenant=self.tenant.slug
        )
        errors: list[dict[str, Any]] = response.json()["errors"]
        return errors

    async def create_project(self, name: str = "Project", **extra: Any) -> dict[str, Any]:
        data = await self.gql(CREATE_PROJECT, {"input": {"name": name, **extra}})
        result: dict[str, Any] = data["createProject"]
        return result

    async def create_task(self, project_id: str, title: str = "Task") -> dict[str, Any]:
        data = await self.gql(CREATE_TASK, {"input": {"projectId": project_id, "title": title}})
        result: dict[str, Any] = data["createTask"]
        return result

    async def ledger(self) -> list[tuple[str, int]]:
        rows = await CreditUsage.filter(tenant_id=self.tenant.id).values_list("type", "amount")
        return sorted(rows)


async def test_create_project_charges_two_credits_and_records_the_creator(member: Member) -> None:
    # when a project is created
    created = await member.create_project("  Launch  ", description="Go live")

    # then it exists with a trimmed name, its creator, and one 2-credit ledger row for it
    assert created["__typename"] == "CreateProjectSuccess"
    project = created["project"]
    assert (project["name"], project["description"]) == ("Launch", "Go live")
    assert project["createdBy"]["email"] == member.user.email
    assert created["usage"]["objectId"] == project["id"]
    assert await member.ledger() == [("credit-project-creation", 2)]
    fetched = (await member.gql(PROJECT, {"id": project["id"]}))["project"]
    assert fetched["createdBy"] == {"id": str(member.user.id), "email": member.user.email}
    assert fetched["taskCount"] == 0


async def test_update_project_changes_only_given_fields_for_free(member: Member) -> None:
    # given a project
    project = (await member.create_project("Old", description="Keep me"))["project"]

    # when it is renamed
    updated = (await member.gql(UPDATE_PROJECT, {"input": {"id": project["id"], "name": "New"}}))[
        "updateProject"
    ]

    # then the name changed, the description did not, and nothing more was charged
    assert updated == {
        "__typename": "UpdateProjectSuccess",
        "project": {"id": project["id"], "name": "New", "description": "Keep me"},
    }
    assert await member.ledger() == [("credit-project-creation", 2)]


async def test_delete_project_removes_its_tasks_and_refunds_nothing(member: Member) -> None:
    # given a project with two tasks (4 credits spent)
    project_id = (await member.create_project())["project"]["id"]
    await member.create_task(project_id)
    await member.create_task(project_id)
    used_before = (await member.gql(SUMMARY))["usageSummary"]["used"]

    # when it is deleted
    deleted = (await member.gql(DELETE_PROJECT, {"input": {"id": project_id}}))["deleteProject"]

    # then project and tasks are gone, the ledger and the usage stay
    assert deleted == {"__typename": "DeleteProjectSuccess", "deletedId": project_id}
    assert (await member.gql(PROJECT, {"id": project_id}))["project"] is None
    assert not await Task.filter(project_id=project_id).exists()
    assert used_before == 4
    assert (await member.gql(SUMMARY))["usageSummary"]["used"] == 4
    assert len(await member.ledger()) == 3
    # and a second delete is NotFound
    again = (await member.gql(DELETE_PROJECT, {"input": {"id": project_id}}))["deleteProject"]
    assert again["__typename"] == "NotFound"


INVALID_NAMES = {
    "blank": ("   ", "name"),
    "empty": ("", "name"),
    "too long": ("x" * 201, "name"),
    "control char": ("bad\x00name", "name"),
    "newline": ("two\nlines", "name"),
}


@pytest.mark.parametrize("name, field", INVALID_NAMES.values(), ids=INVALID_NAMES.keys())
async def test_create_project_with_an_invalid_name_fails_without_charging(
    member: Member, name: str, field: str
) -> None:
    # when a project is created with an invalid name
    result = await member.create_project(name)

    # then it is ValidationFailed naming the field, and nothing was created or charged
    assert result["__typename"] == "ValidationFailed"
    assert (result["code"], result["field"]) == ("VALIDATION_FAILED", field)
    assert await member.ledger() == []
    assert not await Project.filter(tenant_id=member.tenant.id).exists()
    assert (await member.gql(SUMMARY))["usageSummary"]["used"] == 0


async def test_create_project_with_a_too_long_description_fails_without_charging(
    member: Member,
) -> None:
    result = await member.create_project("ok", description="d" * 5001)
    assert (result["__typename"], result["field"]) == ("ValidationFailed", "description")
    assert await member.ledger() == []


@pytest.mark.parametrize(
    "change, field",
    [({"name": " "}, "name"), ({"name": "n" * 201}, "name"), ({"id": "not-a-uuid"}, "id")],
)
async def test_update_project_validation(
    member: Member, change: dict[str, Any], field: str
) -> None:
    # given a project
    project = (await member.create_project("Stable"))["project"]

    # when it is updated with an invalid value
    result = (await member.gql(UPDATE_PROJECT, {"input": {"id": project["id"], **change}}))[
        "updateProject"
    ]

    # then it is ValidationFailed for that field and the project is unchanged
    assert (result["__typename"], result["field"]) == ("ValidationFailed", field)
    assert (await Project.get(id=project["id"])).name == "Stable"


async def test_delete_project_with_a_bad_uuid_is_validation_failed(member: Member) -> None:
    result = (await member.gql(DELETE_PROJECT, {"input": {"id": "42"}}))["deleteProject"]
    assert (result["__typename"], result["field"]) == ("ValidationFailed", "id")


async def test_project_query_with_a_bad_uuid_is_a_bad_request(member: Member) -> None:
    errors = await member.errors(PROJECT, {"id": "nope"})
    assert errors[0]["extensions"]["code"] == "BAD_REQUEST"


async def test_projects_paginate_oldest_first_with_cursors(member: Member) -> None:
    # given five projects
    ids = [(await member.create_project(f"P{n}"))["project"]["id"] for n in range(5)]

    # when they are read two at a time
    seen: list[str] = []
    pages = []
    after: str | None = None
    while True:
        page = (await member.gql(PROJECTS, {"first": 2, "after": after}))["projects"]
        pages.append(page["pageInfo"]["hasNextPage"])
        seen += [edge["node"]["id"] for edge in page["edges"]]
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        assert page["pageInfo"]["startCursor"] == page["edges"][0]["cursor"]
        # forward pagination: Relay lets such a page answer false, whatever came before
        assert page["pageInfo"]["hasPreviousPage"] is False
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    # then every project comes once, in creation order, over three pages
    assert seen == ids
    assert pages == [True, True, False]
    # and after the last cursor the page is empty
    last = page["pageInfo"]["endCursor"]
    empty = (await member.gql(PROJECTS, {"first": 2, "after": last}))["projects"]
    assert empty == {
        "edges": [],
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
    }


@pytest.mark.parametrize(
    "variables",
    [{"first": 101}, {"first": -1}, {"after": "not-a-cursor"}, {"after": "bm90fGEtY3Vyc29y"}],
    ids=["first>100", "first<0", "garbage cursor", "base64 but not a cursor"],
)
async def test_bad_page_arguments_are_top_level_bad_requests(
    member: Member, variables: dict[str, Any]
) -> None:
    # when a page is asked with a bad size or cursor
    errors = await member.errors(PROJECTS, variables)
    # then it is a top-level BAD_REQUEST
    assert errors[0]["extensions"]["code"] == "BAD_REQUEST"


async def test_first_100_is_allowed(member: Member) -> None:
    page = (await member.gql(PROJECTS, {"first": 100}))["projects"]
    assert page["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }


async def test_project_task_count_and_tasks_and_task_project(member: Member) -> None:
    # given a project with three tasks and another, empty project
    project = (await member.create_project("Home"))["project"]
    other = (await member.create_project("Other"))["project"]
    titles = ["a", "b", "c"]
    for title in titles:
        assert (await member.create_task(project["id"], title))["__typename"] == "CreateTaskSuccess"

    # when the project and a first page of its tasks are read
    fetched = (await member.gql(PROJECT, {"id": project["id"], "first": 2}))["project"]

    # then it counts three tasks, pages them oldest first, and each task points back
    assert fetched["taskCount"] == 3
    assert [edge["node"]["title"] for edge in fetched["tasks"]["edges"]] == ["a", "b"]
    assert fetched["tasks"]["pageInfo"]["hasNextPage"] is True
    assert {edge["node"]["project"]["id"] for edge in fetched["tasks"]["edges"]} == {project["id"]}
    rest = (
        await member.gql(
            PROJECT,
            {"id": project["id"], "first": 2, "after": fetched["tasks"]["pageInfo"]["endCursor"]},
        )
    )["project"]["tasks"]
    assert [edge["node"]["title"] for edge in rest["edges"]] == ["c"]
    assert rest["pageInfo"]["hasNextPage"] is False
    empty = (await member.gql(PROJECT, {"id": other["id"]}))["project"]
    assert (empty["taskCount"], empty["tasks"]["edges"]) == (0, [])


async def test_task_counts_of_many_projects_in_one_query(member: Member) -> None:
    # given three projects with 0, 1 and 2 tasks
    ids = [(await member.create_project(f"P{n}"))["project"]["id"] for n in range(3)]
    for index, project_id in enumerate(ids):
        for _ in range(index):
            await member.create_task(project_id)

    # when the list is read with counts
    page = await member.gql("{ projects { edges { node { id taskCount } } } }")

    # then each project has its own count
    assert [edge["node"]["taskCount"] for edge in page["projects"]["edges"]] == [0, 1, 2]


async def test_the_project_list_shows_each_project_as_project_does(member: Member) -> None:
    # given a described project and a plain one, the first with a task
    first = (await member.create_project("Described", description="déjà vu"))["project"]["id"]
    second = (await member.create_project("Plain"))["project"]["id"]
    await member.create_task(first, "only")
    fields = "id name description createdAt createdBy { id email } taskCount"

    # when the list is read with every field
    listed = (await member.gql(f"{{ projects {{ edges {{ node {{ {fields} }} }} }} }}"))[
        "projects"
    ]["edges"]

    # then each node is what `project(id)` says of it
    single = f"query($id: ID!) {{ project(id: $id) {{ {fields} }} }}"
    assert [edge["node"]["id"] for edge in listed] == [first, second]
    for edge in listed:
        assert edge["node"] == (await member.gql(single, {"id": edge["node"]["id"]}))["project"]
    assert listed[0]["node"]["description"] == "déjà vu"
    assert listed[0]["node"]["createdBy"]["email"] == member.user.email
    assert listed[0]["node"]["taskCount"] == 1
