"""The websocket connections that authenticated with an API key, closed when the key is revoked.

A request with a revoked key is refused because every request looks its key up; a websocket's
subscriptions, once started, would otherwise go on receiving the tenant's usage. When a key is
revoked, every process hears of it (`KEYS_REVOKED_TOPIC` on the event bus), asks the database
which of the keys its connections use are revoked, and closes those connections with 4403.
"""

from __future__ import annotations

import asyncio
import weakref
from uuid import UUID

import structlog
from redis.exceptions import RedisError
from starlette.websockets import WebSocket

from resolvers.live_sockets import FORBIDDEN, close_connection
from services.api_keys import KEYS_REVOKED_TOPIC, revoked_among
from services.events import EventBus

log = structlog.get_logger(__name__)

REVOKED = "The API key was revoked."


class KeySockets:
    def __init__(self) -> None:
        # Weak: a connection that ended is forgotten with its socket.
        self._sockets: dict[UUID, weakref.WeakSet[WebSocket]] = {}
        self._watching: asyncio.Task[None] | None = None
        self._checks: set[asyncio.Task[None]] = set()

    async def track(self, key_id: UUID, socket: WebSocket, bus: EventBus) -> None:
        """`socket` authenticated with the key `key_id`: closed if the key is revoked."""
        self._sockets.setdefault(key_id, weakref.WeakSet()).add(socket)
        if self._watching is None:
            self._watching = asyncio.ensure_future(self._watch(bus))
        await asyncio.shield(self._watching)
        # The key was checked when the connection authenticated: a revocation announced since
        # then, before the socket was tracked here, closed nothing.
        if key_id in await revoked_among([key_id]):
            self._close({key_id})

    async def _watch(self, bus: EventBus) -> None:
        try:
            await bus.watch(KEYS_REVOKED_TOPIC, self._revoked)
        except (RedisError, OSError):
            # The connections' next operation is refused all the same; watch on a later one.
            self._watching = None
            log.warning("cannot watch API key revocations", exc_info=True)

    def _revoked(self) -> None:
        task = asyncio.create_task(self._close_revoked(), name="close-revoked-key-sockets")
        self._checks.add(task)
        task.add_done_callback(self._checks.discard)

    async def _close_revoked(self) -> None:
        for key_id in [key for key, sockets in self._sockets.items() if not sockets]:
            del self._sockets[key_id]
        try:
            revoked = await revoked_among(list(self._sockets))
        except Exception:
            log.warning("could not check which API keys were revoked", exc_info=True)
            return
        self._close(revoked)

    def _close(self, key_ids: set[UUID]) -> None:
        for key_id in key_ids:
            for socket in list(self._sockets.pop(key_id, ())):
                close_connection(socket, FORBIDDEN, REVOKED)
