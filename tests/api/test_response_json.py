"""The GraphQL response encoding: orjson (fast path `orjson-responses`, with the stdlib for what
orjson refuses) or the stdlib, writing the same text."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from resolvers.graphql_app import encode_with_orjson, encode_with_stdlib
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


@pytest.mark.parametrize("encode", [encode_with_orjson, encode_with_stdlib])
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
def test_the_encoders_say_what_the_stdlib_says(
    encode: Callable[[object], str], data: dict[Any, Any]
) -> None:
    encoded = encode(data)
    assert isinstance(encoded, str)  # bytes would be sent as binary websocket frames
    assert json.loads(encoded) == json.loads(json.dumps(data))
    encoded.encode()  # the body is UTF-8, even for a lone surrogate


def test_both_encoders_write_the_same_text() -> None:
    # given a response with nested objects, lists, non-ASCII and escaped characters
    data = {
        "data": {"items": [{"name": TITLE, "n": 3, "ok": True, "none": None, "ratio": 0.25}]},
        "errors": [{"message": "m", "path": ["items", 0], "extensions": {"code": "X"}}],
    }

    # when each encoder writes it, then the text is the same
    assert encode_with_orjson(data) == encode_with_stdlib(data)


@pytest.mark.parametrize(
    "encode", [encode_with_orjson, encode_with_stdlib], ids=["orjson", "stdlib"]
)
def test_json_text_of_a_page_is_written_as_it_is_by_either_encoder(
    encode: Callable[[Any], str],
) -> None:
    # given a response holding a page PostgreSQL wrote as JSON text (page-reads on), whichever
    # encoder the orjson-responses switch picked
    from resolvers.json_text import JsonText

    page = JsonText('{"edges":[{"node":{"name":"Ünï"}}],"pageInfo":{"hasNextPage":false}}')

    # when it is encoded
    text = encode({"data": {"projects": page}})

    # then the page is inside, as the same JSON
    assert json.loads(text) == {"data": {"projects": json.loads(page.text)}}
