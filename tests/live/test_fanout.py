"""Fan-out across processes through Redis, and nothing left behind after a disconnect."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from redis.asyncio import Redis

from tests import backends
from tests.factories import Member
from tests.live.client import PROTOCOLS, subscribed
from tests.remote import create_task, metric
from tests.servers import Server, running_servers
from tests.waiting import eventually


@pytest.fixture
def two_servers(server_env: dict[str, str], tmp_path: Path) -> Iterator[list[Server]]:
    backends.require_postgres("two processes share state only through PostgreSQL + Redis")
    with running_servers([server_env, server_env], tmp_path) as servers:
        yield servers


async def numsub(prefix: str, tenant_id: UUID) -> int:
    redis = Redis.from_url(backends.REDIS_URL)
    try:
        channel = f"{prefix}usage:{tenant_id}"
        return int(dict(await redis.pubsub_numsub(channel))[channel.encode()])
    finally:
        await redis.aclose()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_subscriber_on_b_receives_every_charge_made_on_a_in_order(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    two_servers: list[Server],
    http: httpx.AsyncClient,
) -> None:
    # given two processes sharing PostgreSQL and Redis, and a subscriber on process B
    a, b = two_servers
    member = await make_member(1000)
    client, first = await subscribed(b.ws_url, protocol, member)

    # when 50 tasks are created on process A, ten at a time
    results = []
    for batch in range(5):
        results += await asyncio.gather(
            *(create_task(http, a, member, f"T{batch}-{n}") for n in range(10))
        )
    assert {result["__typename"] for result in results} == {"CreateTaskSuccess"}

    # then B's subscriber receives all 50, in sequence order, each ledger row once
    events = [await client.next_event() for _ in range(50)]
    assert [event["sequence"] for event in events] == list(
        range(first["sequence"] + 1, first["sequence"] + 51)
    )
    assert [event["summary"]["used"] for event in events] == list(range(1, 51))
    assert {event["creditUsage"]["id"] for event in events} == {
        result["usage"]["id"] for result in results
    }
    # and nothing else: the next event is the next charge, not a duplicate
    last = await create_task(http, a, member, "sentinel")
    sentinel = await client.next_event()
    assert sentinel["sequence"] == first["sequence"] + 51
    assert sentinel["creditUsage"]["id"] == last["usage"]["id"]
    await client.close()


async def test_one_redis_subscription_per_process_whatever_the_number_of_sockets(
    make_member: Callable[..., Awaitable[Member]],
    two_servers: list[Server],
    settings_prefix: str,
) -> None:
    # given 20 subscribers of one tenant on process B
    _, b = two_servers
    member = await make_member()
    clients = [(await subscribed(b.ws_url, PROTOCOLS[n % 2], member))[0] for n in range(20)]

    # then the tenant's channel has exactly one Redis subscriber: the process's own
    assert await numsub(settings_prefix, member.tenant_id) == 1

    # when they all leave, the process unsubscribes
    for client in clients:
        await client.close()

    async def unsubscribed() -> bool:
        return await numsub(settings_prefix, member.tenant_id) == 0

    await eventually(unsubscribed)


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("how", ["close", "abort"])
async def test_a_disconnect_mid_stream_leaves_nothing_behind(
    protocol: str,
    how: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
    settings_prefix: str,
) -> None:
    # given a server at rest, after one subscriber came and went (the process's Redis reader,
    # started by the first subscription, stays for the life of the process)
    member = await make_member(100)
    warm_up, _ = await subscribed(server.ws_url, protocol, member)
    await warm_up.close()

    async def state() -> dict[str, float]:
        values = {
            name: await metric(http, server, name)
            for name in (
                "credits_websockets",
                "credits_live_subscriptions",
                "credits_event_listeners",
                "credits_asyncio_tasks",
            )
        }
        if backends.is_postgres():
            values["numsub"] = await numsub(settings_prefix, member.tenant_id)
        return values

    at_rest = await state()

    async def back_at_rest() -> bool:
        nonlocal at_rest
        now = await state()
        if (
            now["credits_websockets"] == 0
            and now["credits_asyncio_tasks"] <= at_rest["credits_asyncio_tasks"]
        ):
            at_rest = now
        return now["credits_websockets"] == 0

    await eventually(back_at_rest)
    assert at_rest["credits_live_subscriptions"] == 0
    assert at_rest["credits_event_listeners"] == 0

    # and a subscriber in the middle of a stream
    client, _ = await subscribed(server.ws_url, protocol, member)
    await create_task(http, server, member)
    await client.next_event()
    during = await state()
    assert during["credits_websockets"] == 1
    assert during["credits_live_subscriptions"] == 1
    assert during["credits_event_listeners"] == 1
    assert during["credits_asyncio_tasks"] > at_rest["credits_asyncio_tasks"]
    if backends.is_postgres():
        assert during["numsub"] == 1

    # when it goes away (a clean close, or the TCP connection simply dropped) while events flow
    if how == "close":
        await client.close()
    else:
        client.ws.transport.abort()
    await create_task(http, server, member)

    # then no socket, subscription, listener, Redis subscription or task is left behind
    def released(now: dict[str, float]) -> bool:
        return (
            now["credits_websockets"] == 0
            and now["credits_live_subscriptions"] == 0
            and now["credits_event_listeners"] == 0
            and now["credits_asyncio_tasks"] <= at_rest["credits_asyncio_tasks"]
            and now.get("numsub", 0) == 0
        )

    await eventually(state, until=released, what=f"nothing left behind (at rest: {at_rest})")
