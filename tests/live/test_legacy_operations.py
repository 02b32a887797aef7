"""The legacy graphql-ws protocol carries subscriptions only: a query sent on it is refused."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from models import Project
from tests.live.client import LEGACY_WS, LiveClient
from tests.live.conftest import Member
from tests.servers import Server


@pytest.mark.parametrize(
    "document",
    ["{ __typename }", 'mutation { createProject(input: {name: "P"}) { __typename } }'],
    ids=["query", "mutation"],
)
async def test_a_query_or_mutation_on_the_legacy_protocol_is_a_bad_request(
    document: str, server: Server, make_member: Callable[..., Awaitable[Member]]
) -> None:
    # given a member connected over the legacy protocol
    member = await make_member()
    projects_before = await Project.filter(tenant__slug=member.slug).count()
    client = await LiveClient.connect(
        server.ws_url, LEGACY_WS, token=member.token, tenant=member.slug
    )
    try:
        # when a query is started as an operation on the socket
        await client.send({"type": "start", "id": "1", "payload": {"query": document}})
        message = await client.receive(wait=10)

        # then it is refused as the client's mistake, saying what to do instead
        assert message["type"] == "error", message
        assert message["payload"]["extensions"]["code"] == "BAD_REQUEST", message
        assert "subscriptions only" in message["payload"]["message"]
        # and the socket keeps serving its subscriptions
        await client.subscribe(op_id="2")
        first = await client.next_event()
        assert first["creditUsage"] is None
    finally:
        await client.close()
    # and nothing was logged as a server error, nor created
    assert "unexpected error" not in server.log_path.read_text()
    assert await Project.filter(tenant__slug=member.slug).count() == projects_before
