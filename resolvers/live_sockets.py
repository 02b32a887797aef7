"""A live connection's outgoing side: a bounded send buffer, and closing a subscriber that
fell behind with 4008."""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

import structlog
from starlette.types import Message
from starlette.websockets import WebSocket

from services import metrics

log = structlog.get_logger(__name__)

# The close code of a subscriber that reads too slowly (graphql-ws uses 4xxx for its own
# codes; 4008 mirrors HTTP 408: the client did not keep up).
TOO_SLOW = 4008
# Closes a connection whose credentials are refused (or, later, revoked).
FORBIDDEN = 4403
# Frames one socket may have waiting (written to the connection one at a time, as fast as
# the client reads them). More than this and the subscriber is closed with TOO_SLOW.
SEND_BUFFER_FRAMES = 256

_closing: set[asyncio.Task[None]] = set()


def close_connection(socket: Any, code: int, reason: str) -> None:
    """Closes `socket` without waiting: a stalled client's close frame waits behind what is
    already queued for it, and the caller must not wait with it."""
    if not isinstance(socket, WebSocket):
        return
    log.info("closing a live connection", code=code, reason=reason)

    async def close() -> None:
        with contextlib.suppress(Exception):
            await socket.close(code, reason)

    task = asyncio.create_task(close(), name="close-websocket")
    _closing.add(task)
    task.add_done_callback(_closing.discard)


# The scope key under which the observability (`observed_websocket`) keeps a websocket's ASGI
# `send` as the server gave it: the fan-out writes with it, past Starlette's per-message wrappers.
RAW_SEND = "credits.raw_send"


def raw_send(socket: WebSocket) -> Callable[[Message], Coroutine[Any, Any, None]]:
    send = socket.scope.get(RAW_SEND)
    return send if callable(send) else socket.send


class Wire(Protocol):
    """A connection's direct wire (fast path live-frames: resolvers.wire_frames.DirectWire)."""

    def write(self, frame: bytes) -> bool:
        """Writes a ready-made frame; False when it cannot now (the caller sends it as usual)."""
        ...


class SocketWriter:
    """Every frame of one websocket goes through here, in order: `offer()` never waits (the
    fan-out writes one frame to thousands of sockets without awaiting any), and a socket whose
    buffer is full is closed with TOO_SLOW instead of growing.

    A frame is written at once, in the caller's turn of the loop, by stepping the server's
    ASGI `send` by hand: it completes without suspending while the connection takes data (the
    server writes to its transport), so a frame costs no task and no trip through the loop
    (a task per socket and burst was a third of the fan-out's CPU). Only when the client stops
    reading does the send suspend: a task then finishes it and writes out what queued behind
    it, as fast as the client reads."""

    __slots__ = ("_frames", "_send", "_task", "closed", "limit", "socket", "wire")

    def __init__(
        self, socket: WebSocket, limit: int = SEND_BUFFER_FRAMES, wire: Wire | None = None
    ) -> None:
        self.socket = socket
        # Fast path live-frames (resolvers.wire_frames.DirectWire): fan-out frames made once.
        self.wire = wire
        self._send = raw_send(socket)
        # Made when a send first stalls: most sockets never need it (an empty deque is ~600 B
        # per idle subscriber).
        self._frames: collections.deque[str] | None = None
        self._task: asyncio.Task[None] | None = None
        self.limit = limit
        self.closed = False

    def offer(self, frame: str) -> None:
        if self.closed:
            return
        if self._task is not None:  # a frame is waiting for the client: queue behind it
            if self._frames is None:
                self._frames = collections.deque()
            elif len(self._frames) >= self.limit:
                self.too_slow()
                return
            self._frames.append(frame)
            return
        sending = self._send({"type": "websocket.send", "text": frame})
        try:
            waiting = sending.send(None)
        except StopIteration:
            return
        except Exception:  # the client went away: its handler's end cleans up
            self.closed = True
            return
        # One task per stall, not one per socket for its whole life nor per frame.
        self._task = asyncio.create_task(self._finish(sending, waiting))

    def offer_made(self, frame: str, wire: bytes) -> None:
        """`offer(frame)`, given as its websocket bytes too: written straight to the
        connection when its direct wire takes it, nothing being queued before it."""
        if self.closed:
            return
        if self._task is None and self.wire is not None and self.wire.write(wire):
            return
        self.offer(frame)

    async def send(self, frame: str) -> None:
        """The socket's own messages (an ack, a subscriber's first message or its replay):
        these wait while the buffer is half full, as a direct send waits for the client, so
        a long replay is paced by the client instead of overflowing the buffer."""
        while (
            not self.closed
            and self._task is not None
            and self._frames is not None
            and len(self._frames) >= self.limit // 2
        ):
            # Shielded: the operation that waits may be cancelled, the writer must go on.
            await asyncio.shield(self._task)
        self.offer(frame)

    def too_slow(self) -> None:
        self.closed = True
        self._frames = None
        metrics.EVENTS_DROPPED.inc()
        close_connection(self.socket, TOO_SLOW, "Subscriber too slow")

    async def _finish(self, sending: Coroutine[Any, Any, None], waiting: Any) -> None:
        """Completes a send that suspended (it waits for the connection to drain), then
        writes out the frames queued meanwhile."""
        if self._frames is None:
            self._frames = collections.deque()
        frames = self._frames
        try:
            while True:
                # Wait for what the send waits on, without taking its outcome: the send
                # itself reads it when stepped again (as a task would step it).
                if isinstance(waiting, asyncio.Future):
                    await asyncio.wait((waiting,))
                else:
                    await asyncio.sleep(0)
                try:
                    waiting = sending.send(None)
                except StopIteration:
                    break
            while frames and not self.closed:
                await self._send({"type": "websocket.send", "text": frames.popleft()})
        except Exception:  # the client went away: its handler's end cleans up
            self.closed = True
            frames.clear()
        finally:
            sending.close()
            self._task = None
            if not frames and self._frames is frames:
                self._frames = None

    def stop(self) -> None:
        """The connection ended: drop what is queued."""
        self.closed = True
        self._frames = None
        if self._task is not None:
            self._task.cancel()
