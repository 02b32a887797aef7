"""usageUpdated(afterSequence): a client that reconnects gets every later event exactly once, in
order, even while charges land during its reconnect (real server, both protocols)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.factories import Member
from tests.live.client import PROTOCOLS, LiveClient, resumed, subscribed
from tests.remote import create_task
from tests.servers import Server, running_server


@pytest.fixture
def busy_server(server_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    """A server without rate limits: these tests charge hundreds of times in a minute."""
    with running_server({**server_env, "RATE_LIMITS": "off"}, tmp_path) as started:
        yield started


async def charge(http: httpx.AsyncClient, server: Server, member: Member, count: int) -> list[str]:
    """`count` tasks, five at a time; returns their ledger rows' ids."""
    ids: list[str] = []
    for start in range(0, count, 5):
        results = await asyncio.gather(
            *(
                create_task(http, server, member, f"T{n}")
                for n in range(start, min(count, start + 5))
            )
        )
        assert {result["__typename"] for result in results} == {"CreateTaskSuccess"}
        ids += [result["usage"]["id"] for result in results]
    return ids


async def read_until(client: LiveClient, sequence: int) -> list[dict[str, Any]]:
    """Events until one at `sequence` or later."""
    events: list[dict[str, Any]] = []
    while not events or events[-1]["sequence"] < sequence:
        events.append(await client.next_event())
    return events


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_reconnect_after_a_sequence_replays_the_charges_missed_then_goes_on_live(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    busy_server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a subscriber that read three charges and went away
    member = await make_member(1000)
    client, first = await subscribed(busy_server.ws_url, protocol, member)
    await charge(http, busy_server, member, 3)
    seen = await read_until(client, first["sequence"] + 3)
    last = seen[-1]["sequence"]
    await client.close()

    # when five charges are made while it is away, and twenty more while it reconnects
    missed = await charge(http, busy_server, member, 5)
    during = asyncio.create_task(charge(http, busy_server, member, 20))
    client = await resumed(busy_server.ws_url, protocol, member, last)
    later = await during

    # then it receives each of the 25 exactly once, in sequence order, with its ledger row
    events = await read_until(client, last + 25)
    assert [event["sequence"] for event in events] == list(range(last + 1, last + 26))
    ids = [event["creditUsage"]["id"] for event in events]
    assert sorted(ids[:5]) == sorted(missed)
    assert sorted(ids[5:]) == sorted(later)
    # and every message's summary is complete; the last one is the current usage
    assert events[-1]["summary"]["used"] == 28
    assert all(event["summary"]["used"] >= 8 for event in events)

    # and nothing more is pending: the next event is the next charge
    await charge(http, busy_server, member, 1)
    assert (await client.next_event())["sequence"] == last + 26
    await client.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_resuming_at_the_current_sequence_sends_nothing_until_the_next_change(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    busy_server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a tenant with two charges, and a client that saw both
    member = await make_member(100)
    await charge(http, busy_server, member, 2)
    client, first = await subscribed(busy_server.ws_url, protocol, member)
    await client.close()

    # when it resumes after the current sequence
    client = await resumed(busy_server.ws_url, protocol, member, first["sequence"])

    # then nothing is repeated: the first message is the next charge
    with pytest.raises(TimeoutError):
        await client.next_event(wait=0.5)
    await charge(http, busy_server, member, 1)
    event = await client.next_event()
    assert event["sequence"] == first["sequence"] + 1
    assert event["creditUsage"] is not None
    assert event["summary"]["used"] == 3
    await client.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_subscriber_dropped_twenty_times_during_500_charges_gets_each_once_in_order(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    busy_server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a subscriber, and 500 charges being made
    member = await make_member(10_000)
    client, first = await subscribed(busy_server.ws_url, protocol, member)
    start = first["sequence"]
    charging = asyncio.create_task(charge(http, busy_server, member, 500))
    rng = random.Random(20)

    # when it drops its connection 20 times, each time after a few events, and resumes
    received: list[int] = []
    for _ in range(20):
        for _ in range(rng.randint(1, 25)):
            received.append((await client.next_event(wait=30))["sequence"])
        await client.close()
        client = await resumed(busy_server.ws_url, protocol, member, received[-1])
    await charging
    while received[-1] < start + 500:
        received.append((await client.next_event(wait=30))["sequence"])
    await client.close()

    # then it received every one of the 500 events exactly once, in order
    assert received == list(range(start + 1, start + 501))


async def test_a_negative_after_sequence_is_a_bad_request(
    make_member: Callable[..., Awaitable[Member]], busy_server: Server
) -> None:
    member = await make_member(10)
    client = await resumed(busy_server.ws_url, "graphql-transport-ws", member, -1)
    message = await client.receive(wait=10)
    assert message["type"] == "next" or message["type"] == "error", message
    errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
    assert errors[0]["extensions"]["code"] == "BAD_REQUEST"
    await client.close()
