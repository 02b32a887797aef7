"""A small real websocket GraphQL client speaking both subscription protocols."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.factories import Member

TRANSPORT_WS = "graphql-transport-ws"
LEGACY_WS = "graphql-ws"
PROTOCOLS = (TRANSPORT_WS, LEGACY_WS)

USAGE_UPDATED = """
subscription {
  usageUpdated {
    sequence
    summary { used limit remaining periodStart periodEnd byType { type used count } }
    creditUsage { id type amount quantity objectId user { email } createdAt }
  }
}
"""


class Refused(Exception):
    def __init__(self, code: int | None) -> None:
        super().__init__(f"websocket closed with {code}")
        self.code = code


@dataclass
class LiveClient:
    ws: ClientConnection
    protocol: str

    @classmethod
    async def connect(
        cls,
        url: str,
        protocol: str,
        *,
        token: str | None,
        tenant: str | None,
        origin: str | None = None,
        **options: Any,
    ) -> LiveClient:
        """Opens the socket and sends `connection_init`; raises Refused when it is closed.
        Unless told otherwise the client buffers every frame it has not read yet: one that
        stopped reading with a full buffer could not read the server's close frame either, so
        its own close() would wait 10 s for it."""
        options.setdefault("max_queue", None)
        ws = await connect(
            url,
            subprotocols=[protocol],  # type: ignore[list-item]
            origin=origin,  # type: ignore[arg-type]
            open_timeout=10,
            **options,
        )
        client = cls(ws, protocol)
        payload: dict[str, str] = {}
        if token is not None:
            payload["authorization"] = f"Bearer {token}"
        if tenant is not None:
            payload["tenant"] = tenant
        await client.send({"type": "connection_init", "payload": payload})
        while True:
            message = await client.receive(wait=10)
            if message["type"] == "connection_ack":
                return client

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self, wait: float) -> dict[str, Any]:
        """The next protocol message, keep-alives answered and skipped."""
        while True:
            try:
                raw = await asyncio.wait_for(self.ws.recv(), wait)
            except ConnectionClosed as closed:
                raise Refused(closed.rcvd.code if closed.rcvd else None) from None
            message = json.loads(raw)
            if message["type"] == "ping":
                await self.send({"type": "pong"})
            elif message["type"] not in ("ka", "pong", "connection_error"):
                return message

    async def subscribe(
        self,
        query: str = USAGE_UPDATED,
        op_id: str = "1",
        variables: dict[str, Any] | None = None,
    ) -> None:
        kind = "subscribe" if self.protocol == TRANSPORT_WS else "start"
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        await self.send({"type": kind, "id": op_id, "payload": payload})

    async def next_event(self, wait: float = 10) -> dict[str, Any]:
        """The next `usageUpdated` payload; fails on an error or a completed operation."""
        message = await self.receive(wait)
        assert message["type"] in ("next", "data"), message
        assert "errors" not in message["payload"], message
        return message["payload"]["data"]["usageUpdated"]

    async def closing(self, wait: float = 10) -> tuple[int | None, str]:
        """Reads (and drops) what the server still sends until it closes the connection: the
        close code and reason. Fails if it is still open after `wait` seconds of silence."""
        while True:
            try:
                await self.receive(wait)
            except Refused as refused:
                return refused.code, self.ws.close_reason or ""

    async def close(self) -> None:
        await self.ws.close()


async def subscribed(url: str, protocol: str, member: Member) -> tuple[LiveClient, dict[str, Any]]:
    """A client connected as `member` and subscribed to `usageUpdated`, with its first event
    (the current summary)."""
    client = await LiveClient.connect(url, protocol, token=member.token, tenant=member.slug)
    await client.subscribe()
    return client, await client.next_event()


RESUME = """
subscription Resume($after: Int) {
  usageUpdated(afterSequence: $after) {
    sequence
    summary { used limit remaining periodStart periodEnd byType { type used count } }
    creditUsage { id type amount objectId user { email } createdAt }
  }
}
"""


async def resumed(url: str, protocol: str, member: Member, after: int | None) -> LiveClient:
    """A client connected as `member` and subscribed to `usageUpdated(afterSequence: after)`."""
    client = await LiveClient.connect(url, protocol, token=member.token, tenant=member.slug)
    await client.subscribe(RESUME, variables={"after": after})
    return client


async def refusal_code(url: str, protocol: str, *, token: str | None, tenant: str | None) -> int:
    """The close code the server answers a `connection_init` with (it must refuse)."""
    try:
        client = await LiveClient.connect(url, protocol, token=token, tenant=tenant)
    except Refused as refused:
        assert refused.code is not None
        return refused.code
    await client.close()
    raise AssertionError("the server acknowledged the connection")
