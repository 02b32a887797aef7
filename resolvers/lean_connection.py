"""What uvicorn keeps per websocket connection, trimmed once the connection is accepted: an
idle live subscriber is mostly its server's per-connection state (issue 20 asks for <= 30 KiB
per idle subscriber).

Only uvicorn's websockets-sansio protocol (pinned exactly; tests/test_private_names.py) is
trimmed, and only when it looks as expected: any other server or protocol class is left alone.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.websockets import WebSocket

from resolvers.live_sockets import RAW_SEND


def lighten_connection(socket: WebSocket) -> None:
    """Once accepted: drops the handshake uvicorn keeps for the connection's life, and swaps
    its receive queue and writable event for lighter equivalents (`Inbox`, `Gate`)."""
    protocol: Any = getattr(socket.scope.get(RAW_SEND), "__self__", None)
    if type(protocol).__name__ != "WebSocketsSansIOProtocol":
        return
    if getattr(protocol, "handshake_complete", False) is not True:
        return
    _forget_handshake(protocol)
    queue = getattr(protocol, "queue", None)
    if type(queue) is asyncio.Queue:
        protocol.queue = Inbox(queue)
    writable = getattr(protocol, "writable", None)
    # Swapped only while set: nothing can be waiting on it then.
    if type(writable) is asyncio.Event and writable.is_set():
        protocol.writable = Gate()


def _forget_handshake(protocol: Any) -> None:
    """The handshake's request and response, with their headers (~3 KB): uvicorn reads them
    only to accept (both uses are behind its `handshake_complete`). The request's headers are
    emptied too: the websockets parser's generator holds the request for the connection's
    life (the ASGI scope has its own copy of the headers)."""
    request = getattr(protocol, "request", None)
    headers = getattr(request, "headers", None)
    if headers is not None and callable(getattr(headers, "clear", None)):
        headers.clear()
    if hasattr(protocol, "request") and hasattr(protocol, "response"):
        protocol.request = None
        protocol.response = None


Waiters = list[asyncio.Future[None]] | None


def _with_waiter(waiters: Waiters) -> tuple[asyncio.Future[None], list[asyncio.Future[None]]]:
    """A new future waiting its turn, and the waiters' list with it (made on first use: an idle
    connection keeps no list)."""
    waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    if waiters is None:
        return waiter, [waiter]
    waiters.append(waiter)
    return waiter, waiters


def _without(waiters: Waiters, waiter: asyncio.Future[None]) -> Waiters:
    """The waiters without `waiter`; None once none is left."""
    if waiters is not None and waiter in waiters:
        waiters.remove(waiter)
    return waiters or None


class Inbox:
    """The `asyncio.Queue` uvicorn reads incoming messages from (`put_nowait`, `get`, `empty`),
    without its four deques and its event (~3 KiB per connection while empty): a list made
    when a message arrives and dropped when the last one is taken, and a future only while a
    reader waits. Unbounded, as uvicorn's queue (uvicorn pauses reading instead)."""

    __slots__ = ("_items", "_waiters")

    def __init__(self, pending: asyncio.Queue[Any] | None = None) -> None:
        self._items: list[Any] | None = None
        self._waiters: Waiters = None
        while pending is not None and not pending.empty():
            self.put_nowait(pending.get_nowait())

    def put_nowait(self, item: Any) -> None:
        if self._items is None:
            self._items = [item]
        else:
            self._items.append(item)
        self._wake_one()

    async def get(self) -> Any:
        while not self._items:
            waiter, self._waiters = _with_waiter(self._waiters)
            try:
                await waiter
            except BaseException:
                self._waiters = _without(self._waiters, waiter)
                # Woken for an item, then cancelled: the item goes to the next reader.
                if waiter.done() and not waiter.cancelled() and self._items:
                    self._wake_one()
                raise
            self._waiters = _without(self._waiters, waiter)
        item = self._items.pop(0)
        if not self._items:
            self._items = None
        return item

    def get_nowait(self) -> Any:
        if not self._items:
            raise asyncio.QueueEmpty
        item = self._items.pop(0)
        if not self._items:
            self._items = None
        return item

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items) if self._items else 0

    def _wake_one(self) -> None:
        for waiter in self._waiters or ():
            if not waiter.done():
                waiter.set_result(None)
                return


class Gate:
    """The `asyncio.Event` uvicorn's send waits on while the transport is paused (`wait`,
    `set`, `clear`, `is_set`), without the event's deque of waiters (~0.8 KiB per connection):
    a list of futures only while a send waits."""

    __slots__ = ("_open", "_waiters")

    def __init__(self) -> None:
        self._open = True
        self._waiters: Waiters = None

    def is_set(self) -> bool:
        return self._open

    def set(self) -> None:
        self._open = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._open = False

    async def wait(self) -> bool:
        if self._open:
            return True
        waiter, self._waiters = _with_waiter(self._waiters)
        try:
            await waiter
        finally:
            self._waiters = _without(self._waiters, waiter)
        return True
