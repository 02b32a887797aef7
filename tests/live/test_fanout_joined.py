"""Fast path live-fanout: once a subscriber joined its render group its strawberry operation
ends (the group writes its frames), and the protocols behave exactly as before: no `complete`
from the server on its own, the client's `complete` (graphql-transport-ws) or `stop` (legacy
graphql-ws) stops the delivery, and a live id cannot be reused (4409)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from settings import Settings
from tests.factories import Member
from tests.live.client import LEGACY_WS, PROTOCOLS, TRANSPORT_WS, LiveClient
from tests.live.test_live_fanout import require_fanout
from tests.remote import create_task
from tests.servers import Server


async def messages_until(client: LiveClient, op_id: str, count: int) -> list[dict[str, Any]]:
    """Every message the socket receives until operation `op_id` got `count` events."""
    received: list[dict[str, Any]] = []
    seen = 0
    while seen < count:
        message = await client.receive(wait=10)
        received.append(message)
        if message.get("id") == op_id and message["type"] in ("next", "data"):
            seen += 1
    return received


async def joined(
    server: Server, http: httpx.AsyncClient, member: Member, protocol: str
) -> LiveClient:
    """A client whose subscription "1" has joined its render group: it received a live event."""
    client = await LiveClient.connect(
        server.ws_url, protocol, token=member.token, tenant=member.slug
    )
    await client.subscribe(op_id="1")
    await client.next_event()
    await create_task(http, server, member, "Joined")
    await client.next_event()
    return client


def of(messages: list[dict[str, Any]], op_id: str) -> list[str]:
    return [message["type"] for message in messages if message.get("id") == op_id]


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_completing_or_stopping_a_joined_subscriber_stops_its_delivery_only(
    protocol: str,
    settings: Settings,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    require_fanout(settings)
    # given two subscriptions on one socket, both joined (each received a live event)
    member = await make_member(100)
    client = await LiveClient.connect(
        server.ws_url, protocol, token=member.token, tenant=member.slug
    )
    try:
        kind = "next" if protocol == TRANSPORT_WS else "data"
        await client.subscribe(op_id="1")
        await client.next_event()
        await client.subscribe(op_id="2")
        await client.next_event()
        await create_task(http, server, member, "Joined")
        joined = [await client.receive(wait=10) for _ in range(2)]
        assert sorted((m["id"], m["type"]) for m in joined) == [("1", kind), ("2", kind)]

        # when the client completes (or stops) the first one and a task is charged
        await client.send({"type": "complete" if protocol == TRANSPORT_WS else "stop", "id": "1"})
        await create_task(http, server, member, "After")
        after = await messages_until(client, "2", 1)
        # (a third operation started now answers after anything the charge sent)
        await client.subscribe(op_id="3")
        after += await messages_until(client, "3", 1)

        # then the first one received nothing more (legacy: the `complete` strawberry
        # answers a `stop` with; never one on its own), the second one still receives
        assert of(after, "1") == ([] if protocol == TRANSPORT_WS else ["complete"])
        events = [m for m in after if m.get("id") == "2" and m["type"] in ("next", "data")]
        assert events[0]["payload"]["data"]["usageUpdated"]["summary"]["used"] == 2
    finally:
        await client.close()


async def test_a_joined_subscribers_id_cannot_be_reused_until_completed(
    settings: Settings,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    require_fanout(settings)
    # given a joined graphql-transport-ws subscriber
    member = await make_member(100)
    client = await joined(server, http, member, TRANSPORT_WS)

    # when its id is completed, then reused: it is a new subscriber
    await client.send({"type": "complete", "id": "1"})
    await client.subscribe(op_id="1")
    first = await client.next_event()
    assert first["creditUsage"] is None
    await create_task(http, server, member, "Again")
    assert (await client.next_event())["summary"]["used"] == 2

    # when the live id is subscribed again
    await client.subscribe(op_id="1")

    # then the socket is closed with 4409, as strawberry refuses a live id
    assert await client.closing() == (4409, "Subscriber for 1 already exists")


async def test_a_legacy_start_reusing_a_joined_id_replaces_it(
    settings: Settings,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    require_fanout(settings)
    # given a joined legacy graphql-ws subscriber
    member = await make_member(100)
    client = await joined(server, http, member, LEGACY_WS)
    try:
        # when a `start` reuses its id (strawberry stops the old operation first)
        await client.subscribe(op_id="1")
        answered = await messages_until(client, "1", 1)
        await create_task(http, server, member, "Again")
        answered += await messages_until(client, "1", 1)
        # (an operation started now answers after anything the charge sent)
        await client.subscribe(op_id="2")
        answered += await messages_until(client, "2", 1)

        # then the old one is completed and the new one alone receives each event, once
        assert of(answered, "1") == ["complete", "data", "data"]
        used = [
            m["payload"]["data"]["usageUpdated"]["summary"]["used"]
            for m in answered
            if m.get("id") == "1" and m["type"] == "data"
        ]
        assert used == [1, 2]
    finally:
        await client.close()
