"""Slow subscribers, allowed origins and graceful shutdown, against a real server."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import InvalidStatus

from tests.factories import Member
from tests.live.client import PROTOCOLS, TRANSPORT_WS, LiveClient, subscribed
from tests.remote import create_task
from tests.servers import Server, running_server
from tests.waiting import eventually


async def test_a_subscriber_that_never_reads_does_not_block_mutations_or_others(
    make_member: Callable[..., Awaitable[Member]], server: Server, http: httpx.AsyncClient
) -> None:
    # given a subscriber that stops reading after subscribing (its socket buffers fill up,
    # then its bounded queue overflows) and a subscriber that keeps up
    member = await make_member(1000)
    stalled = await LiveClient.connect(
        server.ws_url, TRANSPORT_WS, token=member.token, tenant=member.slug, max_queue=1
    )
    await stalled.subscribe()
    reader, first = await subscribed(server.ws_url, TRANSPORT_WS, member)

    # when 400 tasks are created, more than the stalled subscriber's queue holds
    received: list[dict] = []

    async def keep_reading() -> None:
        while len(received) < 400:
            received.append(await reader.next_event(wait=30))

    reading = asyncio.create_task(keep_reading())
    results = []
    for batch in range(20):
        results += await asyncio.gather(
            *(create_task(http, server, member, f"T{batch}-{n}") for n in range(20))
        )
    await reading

    # then every mutation succeeded and the live reader got every event, in order
    assert [result["__typename"] for result in results] == ["CreateTaskSuccess"] * 400
    assert [event["sequence"] for event in received] == list(
        range(first["sequence"] + 1, first["sequence"] + 401)
    )
    stalled.ws.transport.abort()


async def test_only_allowed_origins_may_open_a_websocket(
    make_member: Callable[..., Awaitable[Member]], server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a server that allows one browser origin
    member = await make_member()
    with running_server(
        {**server_env, "ALLOWED_ORIGINS": "https://app.example.com"}, tmp_path
    ) as server:
        # then a page on that origin may connect
        client = await LiveClient.connect(
            server.ws_url,
            TRANSPORT_WS,
            token=member.token,
            tenant=member.slug,
            origin="https://app.example.com",
        )
        await client.close()
        # and a page on any other origin is refused at the handshake
        with pytest.raises(InvalidStatus) as refused:
            await LiveClient.connect(
                server.ws_url,
                TRANSPORT_WS,
                token=member.token,
                tenant=member.slug,
                origin="https://evil.example.com",
            )
        assert refused.value.response.status_code == 403


async def test_sigterm_closes_every_websocket_with_a_going_away_code(
    make_member: Callable[..., Awaitable[Member]], server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a server with a live subscriber on each protocol
    member = await make_member()
    with running_server(server_env, tmp_path) as server:
        clients = []
        for protocol in PROTOCOLS:
            client, _ = await subscribed(server.ws_url, protocol, member)
            clients.append(client)

        # when the server is asked to stop
        server.process.send_signal(signal.SIGTERM)

        # then each socket is closed with 1012 (service restart) or 1001 (going away) within
        # a bounded time, and the process finishes its shutdown
        for client in clients:
            code, _ = await client.closing(wait=15)
            assert code in (1001, 1012)

        returncode = await eventually(
            server.process.poll,
            until=lambda code: code is not None,
            timeout=15,
            what="the server process to exit",
        )
        assert returncode in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in server.log()
