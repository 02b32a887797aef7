"""Fast path live-fanout: one render per (tenant, document, variables) for all its sockets, the
same frames as strawberry's own path, and a subscriber that stops reading closed with 4008
without slowing anyone else."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from websockets.client import ClientProtocol
from websockets.frames import Close, Frame, Opcode
from websockets.typing import Subprotocol
from websockets.uri import parse_uri

from services.events import UsageEvent, encode_events
from settings import FastPath, Settings
from tests import backends
from tests.factories import Member
from tests.live.client import PROTOCOLS, USAGE_UPDATED, LiveClient, subscribed
from tests.remote import create_task, metric
from tests.servers import Server, running_servers
from tests.waiting import eventually

# Aliases, a fragment, a variable and __typename: the group renders whatever was asked.
DOCUMENT = """
subscription Watch($after: Int) {
  usageUpdated(afterSequence: $after) {
    __typename
    seq: sequence
    summary { ...Totals byType { type used count } }
    creditUsage { id type amount objectId user { id email } createdAt }
  }
}
fragment Totals on UsageSummary { used limit remaining periodStart periodEnd }
"""

RENDERS = "credits_live_fanout_renders_total"


def require_fanout(settings: Settings) -> None:
    if FastPath.LIVE_FANOUT not in settings.graphql_fast_paths:
        pytest.skip("fast path live-fanout is off (GRAPHQL_FAST_PATHS)")


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_one_render_per_event_for_every_socket_with_the_same_document(
    protocol: str,
    settings: Settings,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    require_fanout(settings)
    # given eight subscribers of one tenant with the same document (resuming from different
    # sequences: where a socket starts is not part of what is rendered)
    member = await make_member(100)
    await create_task(http, server, member, "Before")
    clients = []
    for number in range(8):
        client = await LiveClient.connect(
            server.ws_url, protocol, token=member.token, tenant=member.slug
        )
        await client.subscribe(DOCUMENT, variables={"after": None if number % 2 else 0})
        clients.append(client)
    for client in clients:
        await client.next_event()
    renders = await metric(http, server, RENDERS)

    # when three tasks are charged
    for number in range(3):
        await create_task(http, server, member, f"Live {number}")

    # then every socket gets the three events, each rendered once for all of them
    for client in clients:
        events = [await client.next_event() for _ in range(3)]
        assert [event["creditUsage"]["type"] for event in events] == ["credit-task-creation"] * 3
        assert [event["summary"]["used"] for event in events] == [2, 3, 4]
        await client.close()
    assert await metric(http, server, RENDERS) - renders == 3


# live-fanout with and without its frames written as ready-made bytes (live-frames).
WITHOUT_LIVE_FRAMES = ",".join(path for path in FastPath if path is not FastPath.LIVE_FRAMES)


@pytest.fixture(params=["on", WITHOUT_LIVE_FRAMES], ids=["all", "without-live-frames"])
def fast_and_plain(
    server_env: dict[str, str], tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[list[Server]]:
    backends.require_postgres("the two servers share events through Redis")
    plain = {**server_env, "GRAPHQL_FAST_PATHS": "off"}
    fast = {**server_env, "GRAPHQL_FAST_PATHS": request.param}
    with running_servers([fast, plain], tmp_path) as servers:
        yield servers


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_the_fanned_out_frames_are_strawberrys_own_byte_for_byte(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    fast_and_plain: list[Server],
    http: httpx.AsyncClient,
) -> None:
    # given the same subscription on a server with live-fanout and on one without
    fast, plain = fast_and_plain
    member = await make_member(100)
    sockets = []
    for server in (fast, plain):
        client = await LiveClient.connect(
            server.ws_url, protocol, token=member.token, tenant=member.slug
        )
        await client.subscribe(DOCUMENT, op_id="watch-1", variables={"after": None})
        await client.next_event()
        sockets.append(client)

    # when tasks are charged
    for number in range(3):
        await create_task(http, fast, member, f"Task {number}")

    # then both servers sent exactly the same text for each event
    frames: list[list[str]] = [[], []]
    for client, texts in zip(sockets, frames, strict=True):
        while len(texts) < 3:
            raw = await asyncio.wait_for(client.ws.recv(), 10)
            if '"usageUpdated"' in str(raw):
                texts.append(str(raw))
        await client.close()
    assert frames[0] == frames[1]
    assert '"user":{"id"' in frames[0][0]


def big_events(tenant_id: uuid.UUID, start: int, count: int) -> bytes:
    """Events with a large summary, so that a few hundred fill every buffer on the way."""
    by_type = [{"type": f"type-{n:04d}-" + "x" * 200, "used": n, "count": 1} for n in range(40)]
    events = []
    for sequence in range(start, start + count):
        summary = {
            "periodStart": None,
            "periodEnd": None,
            "used": sequence,
            "limit": None,
            "remaining": None,
            "byType": by_type,
        }
        usage = {
            "id": str(uuid.uuid4()),
            "type": "credit-task-creation",
            "amount": 1,
            "objectId": None,
            "userId": None,
            "createdAt": "2026-01-01T00:00:00+00:00",
            "sequence": sequence,
        }
        events.append(UsageEvent(tenant_id, sequence, summary, usage))
    return encode_events(events)


class StalledClient:
    """A subscriber that reads nothing until told to: a blocking socket with a tiny receive
    buffer, spoken to through websockets' sans-I/O protocol (an asyncio client library would
    keep reading into its own buffers)."""

    def __init__(self, server: Server, protocol: str) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect(("127.0.0.1", server.port))
        self.sock.settimeout(10)
        self.protocol = protocol
        self.ws = ClientProtocol(parse_uri(server.ws_url), subprotocols=[Subprotocol(protocol)])
        self.ws.send_request(self.ws.connect())
        self._flush()
        self.close_code: int | None = None

    def _flush(self) -> None:
        for data in self.ws.data_to_send():
            self.sock.sendall(data)

    def send(self, message: dict[str, Any]) -> None:
        self.ws.send_text(json.dumps(message).encode())
        self._flush()

    def messages(self) -> list[dict[str, Any]]:
        """What one read of the socket brings; [] once the server closed it."""
        data = self.sock.recv(1 << 16)
        if not data:
            return []
        self.ws.receive_data(data)
        found = []
        for event in self.ws.events_received():
            if isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                found.append(json.loads(event.data))
            elif isinstance(event, Frame) and event.opcode is Opcode.CLOSE:
                self.close_code = Close.parse(event.data).code
        self._flush()
        return found

    def subscribe(self, member: Member) -> dict[str, Any]:
        while not self.ws.handshake_exc and self.ws.state.name == "CONNECTING":
            self.messages()
        init = {"authorization": f"Bearer {member.token}", "tenant": member.slug}
        self.send({"type": "connection_init", "payload": init})
        kind = "subscribe" if self.protocol == "graphql-transport-ws" else "start"
        self.send({"type": kind, "id": "1", "payload": {"query": USAGE_UPDATED}})
        while True:
            for message in self.messages():
                if message["type"] in ("next", "data"):
                    return message["payload"]["data"]["usageUpdated"]

    def read_to_the_end(self) -> list[int]:
        """The sequences of every event still coming, until the server closes."""
        sequences = []
        while self.close_code is None:
            messages = self.messages()
            sequences += [
                m["payload"]["data"]["usageUpdated"]["sequence"]
                for m in messages
                if m["type"] in ("next", "data")
            ]
            if not messages and self.close_code is None and not self.sock.recv(1, socket.MSG_PEEK):
                break
        self.sock.close()
        return sequences


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_subscriber_that_stops_reading_is_closed_with_4008_and_slows_nobody(
    protocol: str,
    settings_prefix: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    backends.require_postgres("the events are published into the server through Redis")
    # given a subscriber that stops reading, and one that reads
    member = await make_member(1000)
    stalled = StalledClient(server, protocol)
    await asyncio.to_thread(stalled.subscribe, member)
    reader, first = await subscribed(server.ws_url, protocol, member)
    tenant = member.tenant_id

    # when 3,000 large events (about 30 MB of frames) reach the server
    redis = Redis.from_url(backends.REDIS_URL)
    try:
        start = first["sequence"] + 1
        for offset in range(0, 3000, 100):
            message = big_events(tenant, start + offset, 100)
            await redis.publish(f"{settings_prefix}usage:{tenant}", message)
    finally:
        await redis.aclose()

    # then the reader receives all of them, in order
    received = [(await reader.next_event(wait=30))["sequence"] for _ in range(3000)]
    assert received == list(range(start, start + 3000))
    # and a charge is answered at once meanwhile
    assert (await create_task(http, server, member, "Still"))["__typename"] == "CreateTaskSuccess"

    # and the stalled one, once it reads again, finds a gap-free run of events, then 4008
    sequences = await asyncio.to_thread(stalled.read_to_the_end)
    assert stalled.close_code == 4008
    assert sequences == list(range(start, start + len(sequences)))
    assert len(sequences) < 3000
    await reader.close()


async def test_the_group_of_a_tenant_ends_with_its_last_socket(
    settings: Settings,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    require_fanout(settings)
    # given two subscribers of one tenant
    member = await make_member(100)
    first, _ = await subscribed(server.ws_url, "graphql-transport-ws", member)
    second, _ = await subscribed(server.ws_url, "graphql-ws", member)

    # when both leave
    await first.close()
    await second.close()

    # then no listener is left on the bus (the group's included)
    async def no_listener() -> bool:
        return await metric(http, server, "credits_event_listeners") == 0

    await eventually(no_listener)
