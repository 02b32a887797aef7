"""MAX_QUERY_COST holds over websockets too: a costly operation is refused before it runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tests.hardening.test_query_cost import MILLION_TASKS, MILLION_TASKS_COST
from tests.live.client import TRANSPORT_WS, LiveClient
from tests.live.conftest import Member
from tests.servers import Server


async def test_the_million_task_document_is_refused_over_a_websocket(
    server: Server, make_member: Callable[..., Awaitable[Member]]
) -> None:
    # given a member connected over either protocol
    member = await make_member()
    # (the legacy graphql-ws protocol carries subscriptions only, and no subscription can
    # reach a paginated field)
    client = await LiveClient.connect(
        server.ws_url, TRANSPORT_WS, token=member.token, tenant=member.slug
    )
    try:
        # when the million-task query is sent as an operation on the socket
        await client.send({"type": "subscribe", "id": "1", "payload": {"query": MILLION_TASKS}})
        message = await client.receive(wait=10)

        # then it is answered with the cost error alone, and the socket keeps serving
        # (graphql-transport-ws answers an operation refused before it runs with `error`)
        assert message["type"] == "error", message
        errors = message["payload"]
        assert errors[0]["extensions"]["code"] == "BAD_REQUEST", errors
        assert f"{MILLION_TASKS_COST:,}" in errors[0]["message"]
        await client.subscribe(op_id="2")
        first = await client.next_event()
        assert first["creditUsage"] is None
    finally:
        await client.close()
