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


async def test_depth_and_token_limits_hold_for_subscriptions(
    server: Server, make_member: Callable[..., Awaitable[Member]]
) -> None:
    # given a member connected over graphql-transport-ws
    member = await make_member()
    client = await LiveClient.connect(
        server.ws_url, TRANSPORT_WS, token=member.token, tenant=member.slug
    )
    nested = "creditUsage { " * 11 + "id" + " }" * 11
    too_deep = "subscription { usageUpdated { " + nested + " } }"
    too_long = "subscription { usageUpdated { " + "__typename " * 2_100 + "} }"
    try:
        for op_id, document, expected in (
            ("deep", too_deep, "exceeds maximum operation depth"),
            ("long", too_long, "more than 2000 tokens"),
        ):
            # when a subscription over the depth or the token limit is sent
            await client.send({"type": "subscribe", "id": op_id, "payload": {"query": document}})
            message = await client.receive(wait=10)

            # then it is refused before it runs with a typed error naming the limit (a
            # document that does not parse was answered `complete` alone before)
            assert message["type"] == "error", message
            assert expected in message["payload"][0]["message"].lower(), message
            assert message["payload"][0]["extensions"]["code"] == "BAD_REQUEST", message
    finally:
        await client.close()
