"""The GraphQL response encoding (orjson, with the stdlib for what orjson refuses)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from resolvers.graphql_app import CreditsGraphQL
from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_tenant, make_user

TITLE = 'Ünïcödé "quoted" \\ back/slash <tag> \U0001f680 日本'


@pytest.fixture
async def member(api: Api) -> Member:
    tenant = await make_tenant(100)
    return Member(api, tenant, await make_user(tenant))


async def test_a_response_is_utf8_json_with_the_text_unchanged(member: Member) -> None:
    # given a project and a task named with non-ASCII and escaped characters
    project = (await member.create_project(TITLE))["project"]
    assert (await member.create_task(project["id"], TITLE))["__typename"] == "CreateTaskSuccess"

    # when the project and its tasks are read
    response = await member.api.post(
        "{ projects { edges { node { name tasks { edges { node { title } } } } } } }",
        token=member.token,
        tenant=member.tenant.slug,
    )

    # then the body is JSON (UTF-8) and gives back the exact text
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = json.loads(response.content.decode("utf-8"))
    node = body["data"]["projects"]["edges"][0]["node"]
    assert node["name"] == TITLE
    assert node["tasks"]["edges"][0]["node"]["title"] == TITLE


@pytest.mark.parametrize(
    "data",
    [
        {"data": {"n": 2**70}},
        {"data": {"s": "lone \ud800 surrogate"}},
        {"data": {1: "non-string key"}},
        {"data": {"a": [1, 2.5, None, True, "é\u2028\t\x00"]}, "errors": [{"message": "m"}]},
    ],
    ids=["int beyond 64 bits", "lone surrogate", "non-string key", "ordinary"],
)
def test_the_encoder_says_what_the_stdlib_says(data: dict[Any, Any]) -> None:
    view = object.__new__(CreditsGraphQL)  # encode_json reads nothing of the view
    encoded = view.encode_json(data)
    assert isinstance(encoded, str)  # bytes would be sent as binary websocket frames
    assert json.loads(encoded) == json.loads(json.dumps(data))
