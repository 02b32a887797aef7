"""bench.fanout's subscriber processes: many websocket subscribers per process, each a few
bytes of state, speaking graphql-transport-ws over a minimal asyncio protocol (a full
websocket library costs tens of microseconds per message, and at 5,000 subscribers the
client would measure itself).

A process is driven over a pipe: ("open", url, [(slug, token), ...]) opens one subscriber per
pair and answers their first sequences; ("collect",) answers, per subscriber, its tenant slug,
the {sequence: perf_counter at receipt} it saw, and its close code (None while open). The
receipt stamps use time.perf_counter(), CLOCK_MONOTONIC on Linux: comparable across the
processes of one machine.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import json
import os
import re
import resource
import struct
import time
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import urlsplit

SUBSCRIPTION = (
    "subscription { usageUpdated { sequence summary { used remaining } "
    "creditUsage { id type amount } } }"
)
SEQUENCE = re.compile(rb'"sequence":(\d+)')


def _frame(opcode: int, payload: bytes) -> bytes:
    """A masked client frame (a zero mask: the protocol requires one, not a random one)."""
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    return header + b"\0\0\0\0" + payload


class Subscriber(asyncio.Protocol):
    def __init__(self, host: str, path: str, slug: str, token: str) -> None:
        self.host, self.path, self.slug, self.token = host, path, slug, token
        self.transport: asyncio.Transport | None = None
        self.buffer = b""
        self.upgraded = False
        self.first: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.received: dict[int, float] = {}
        self.close_code: int | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        transport.write(
            (
                f"GET {self.path} HTTP/1.1\r\nHost: {self.host}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
            ).encode()
        )

    def send(self, message: dict[str, Any]) -> None:
        assert self.transport is not None
        self.transport.write(_frame(0x1, json.dumps(message).encode()))

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        buffer = self.buffer + data
        if not self.upgraded:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                self.buffer = buffer
                return
            if b" 101 " not in buffer[:end]:
                self._fail("handshake refused")
                return
            self.upgraded = True
            buffer = buffer[end + 4 :]
            init = {"authorization": f"Bearer {self.token}", "tenant": self.slug}
            self.send({"type": "connection_init", "payload": init})
        while len(buffer) >= 2:
            opcode = buffer[0] & 0x0F
            length = buffer[1] & 0x7F
            start = 2
            if length == 126:
                if len(buffer) < 4:
                    break
                (length,) = struct.unpack_from("!H", buffer, 2)
                start = 4
            elif length == 127:
                if len(buffer) < 10:
                    break
                (length,) = struct.unpack_from("!Q", buffer, 2)
                start = 10
            if len(buffer) < start + length:
                break
            payload = buffer[start : start + length]
            buffer = buffer[start + length :]
            self._handle(opcode, payload, now)
        self.buffer = buffer

    def _handle(self, opcode: int, payload: bytes, now: float) -> None:
        if opcode == 0x1:
            match = SEQUENCE.search(payload)
            if match is not None:
                sequence = int(match.group(1))
                if not self.first.done():
                    self.first.set_result(sequence)
                else:
                    self.received[sequence] = now
            elif b'"connection_ack"' in payload:
                self.send({"type": "subscribe", "id": "1", "payload": {"query": SUBSCRIPTION}})
            elif b'"ping"' in payload:
                self.send({"type": "pong"})
            elif b'"error"' in payload or b'"errors"' in payload:
                self._fail(payload.decode(errors="replace")[:200])
        elif opcode == 0x9:  # websocket ping (uvicorn's keepalive)
            assert self.transport is not None
            self.transport.write(_frame(0xA, payload))
        elif opcode == 0x8:
            self.close_code = struct.unpack_from("!H", payload)[0] if len(payload) >= 2 else 1005
            if self.transport is not None:
                self.transport.close()

    def _fail(self, reason: str) -> None:
        if not self.first.done():
            self.first.set_exception(RuntimeError(reason))

    def connection_lost(self, exc: Exception | None) -> None:
        if self.close_code is None:
            self.close_code = 1006
        self._fail("connection lost")


async def _serve(pipe: Connection) -> None:
    loop = asyncio.get_running_loop()
    subscribers: list[Subscriber] = []
    while True:
        command = await loop.run_in_executor(None, pipe.recv)
        if command[0] == "open":
            _, url, pairs = command
            parts = urlsplit(url)
            host, port = parts.hostname or "127.0.0.1", parts.port or 80
            address, path = f"{host}:{port}", parts.path
            opened: list[Subscriber] = []
            for start in range(0, len(pairs), 200):
                batch = []
                for slug, token in pairs[start : start + 200]:
                    _, subscriber = await loop.create_connection(
                        functools.partial(Subscriber, address, path, slug, token), host, port
                    )
                    batch.append(subscriber)
                await asyncio.gather(*(s.first for s in batch))
                opened += batch
            subscribers += opened
            pipe.send([s.first.result() for s in opened])
        elif command[0] == "collect":
            pipe.send([(s.slug, s.first.result(), s.received, s.close_code) for s in subscribers])
        elif command[0] == "close":
            for subscriber in subscribers:
                if subscriber.transport is not None:
                    subscriber.transport.close()
            pipe.send("closed")
            return


def run(pipe: Connection) -> None:
    """A client process's entry point."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(_serve(pipe))
