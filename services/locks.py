"""Per-tenant mutual exclusion: a Redis lock across processes, or an asyncio lock in one.

Two ways in: `hold(tenant)` waits for one tenant's lock (plan and grant changes), and
`try_acquire(tenants)` takes, without waiting, whichever of many tenants' locks are free (the
charger, which commits the waiting charges of several tenants together).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol
from uuid import UUID

import structlog
from redis.asyncio import Redis
from redis.exceptions import LockNotOwnedError, RedisError

from services import metrics
from services.errors import Unavailable

log = structlog.get_logger(__name__)

UNREACHABLE = "The credit lock service is unreachable; nothing was charged."
EXPIRED = "credit lock expired while held"
BUSY = "The tenant's credit lock is busy; nothing was changed, retry."

# Takes each free key for the batch's token (ARGV[1]) for ARGV[2] ms; 1 where it did. One
# command for all of a batch's tenants: a pipeline of one SET per tenant cost redis-py about
# 55 us more of packing and parsing per tenant (a batch spans up to 64).
ACQUIRE_FREE = """
local acquired = {}
for i, key in ipairs(KEYS) do
  if redis.call('set', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
    acquired[i] = 1
  else
    acquired[i] = 0
  end
end
return acquired
"""

# First publishes ARGV[1 + i] on channel KEYS[i] for the first ARGV[1] keys (a batch's usage
# events, which must leave before its locks are free), then deletes each lock key after them
# only while it still holds our token (the ARGV after the messages): never frees someone
# else's lock. All of a batch's messages and locks in one call: one round trip, where a
# publish and a release were two (a pipeline of scripts would first ask SCRIPT EXISTS).
PUBLISH_THEN_RELEASE = """
local messages = tonumber(ARGV[1])
for i = 1, messages do
  redis.call('publish', KEYS[i], ARGV[i + 1])
end
local released = {}
for i = messages + 1, #KEYS do
  if redis.call('get', KEYS[i]) == ARGV[i + 1] then
    released[i - messages] = redis.call('del', KEYS[i])
  else
    released[i - messages] = 0
  end
end
return released
"""

# (channel, payload): a message to publish on Redis.
Message = tuple[str, bytes]


class TenantLocks(Protocol):
    def hold(self, tenant_id: UUID) -> AbstractAsyncContextManager[None]: ...

    async def try_acquire(self, tenant_ids: Sequence[UUID]) -> dict[UUID, str]:
        """Takes the free locks among `tenant_ids` without waiting: tenant → token."""
        ...

    async def release(self, held: dict[UUID, str], *, publish: Sequence[Message] = ()) -> None:
        """Frees the locks; `publish` (only where `publishes` is True): messages published
        first, in the same round trip."""
        ...

    # Whether `release` can publish Redis messages.
    publishes: bool


class RedisTenantLocks:
    publishes = True

    def __init__(
        self,
        redis: Redis,
        *,
        prefix: str,
        ttl_seconds: float,
        poll_seconds: float,
        wait_seconds: float,
    ) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl_seconds
        self._poll = poll_seconds
        self._wait = wait_seconds
        self._acquire_script = redis.register_script(ACQUIRE_FREE)
        self._release_script = redis.register_script(PUBLISH_THEN_RELEASE)
        self._queues = TenantQueues()

    def key(self, tenant_id: UUID) -> str:
        return f"{self._prefix}lock:tenant:{tenant_id}"

    @asynccontextmanager
    async def hold(self, tenant_id: UUID) -> AsyncIterator[None]:
        # This process's holders of one tenant queue here first (FIFO), so only one of them at
        # a time polls Redis: 40 refunds of one tenant polling every few ms each starved one
        # another past the wait (UNAVAILABLE), where a queue hands the lock over in turn.
        deadline = time.monotonic() + self._wait
        queue = self._queues.enter(tenant_id)
        try:
            try:
                await asyncio.wait_for(queue.acquire(), self._wait)
            except TimeoutError:
                raise Unavailable(BUSY) from None
            try:
                async with self._hold_in_redis(tenant_id, max(deadline - time.monotonic(), 0.0)):
                    yield
            finally:
                queue.release()
        finally:
            self._queues.leave(tenant_id)

    @asynccontextmanager
    async def _hold_in_redis(self, tenant_id: UUID, wait: float) -> AsyncIterator[None]:
        # One Lock object per acquisition: its token lives in thread-local storage shared by
        # every task of the loop.
        lock = self._redis.lock(
            self.key(tenant_id),
            timeout=self._ttl,
            sleep=self._poll,
            blocking_timeout=wait,
        )
        started = time.perf_counter()
        try:
            acquired = await lock.acquire()
        except RedisError as error:
            raise Unavailable(UNREACHABLE) from error
        finally:
            metrics.LOCK_WAIT.observe(time.perf_counter() - started)
        if not acquired:
            raise Unavailable(BUSY)
        try:
            yield
        finally:
            try:
                await lock.release()
            except LockNotOwnedError:
                # The TTL ran out while we held it; the database guard kept the change exact.
                log.warning(EXPIRED, tenant_id=str(tenant_id))
            except RedisError:
                log.warning("could not release credit lock", tenant_id=str(tenant_id))

    async def try_acquire(self, tenant_ids: Sequence[UUID]) -> dict[UUID, str]:
        # One token for the whole batch: it tells this holder's locks from anyone else's.
        token = uuid.uuid4().hex
        ttl_ms = max(int(self._ttl * 1000), 1)
        try:
            acquired = await self._acquire_script(
                keys=[self.key(tenant_id) for tenant_id in tenant_ids], args=[token, ttl_ms]
            )
        except (RedisError, OSError) as error:
            raise Unavailable(UNREACHABLE) from error
        return {tenant_id: token for tenant_id, ok in zip(tenant_ids, acquired, strict=True) if ok}

    async def release(self, held: dict[UUID, str], *, publish: Sequence[Message] = ()) -> None:
        if not held and not publish:
            return
        try:
            released = await self._release_script(
                keys=[channel for channel, _ in publish]
                + [self.key(tenant_id) for tenant_id in held],
                args=[len(publish), *(payload for _, payload in publish), *held.values()],
            )
        except (RedisError, OSError):
            # Unreleased locks expire by their TTL; nothing was left half-done. Committed
            # charges stand; subscribers see the gap in `sequence`.
            log.warning("could not release credit locks", tenants=len(held), messages=len(publish))
            return
        for tenant_id, ok in zip(held, released, strict=True):
            if not ok:
                # The TTL ran out while we held it; the database guard kept the charges exact.
                log.warning(EXPIRED, tenant_id=str(tenant_id))


class TenantQueues:
    """An asyncio lock per tenant, kept only while someone uses it."""

    def __init__(self) -> None:
        self.locks: dict[UUID, tuple[asyncio.Lock, int]] = {}

    def enter(self, tenant_id: UUID) -> asyncio.Lock:
        lock, users = self.locks.get(tenant_id, (asyncio.Lock(), 0))
        self.locks[tenant_id] = (lock, users + 1)
        return lock

    def leave(self, tenant_id: UUID) -> None:
        lock, users = self.locks[tenant_id]
        if users == 1:
            del self.locks[tenant_id]
        else:
            self.locks[tenant_id] = (lock, users - 1)


class LocalTenantLocks:
    """One process only: used when REDIS_URL is unset."""

    publishes = False

    def __init__(self) -> None:
        self._queues = TenantQueues()

    @asynccontextmanager
    async def hold(self, tenant_id: UUID) -> AsyncIterator[None]:
        lock = self._queues.enter(tenant_id)
        try:
            async with lock:
                yield
        finally:
            self._queues.leave(tenant_id)

    async def try_acquire(self, tenant_ids: Sequence[UUID]) -> dict[UUID, str]:
        held: dict[UUID, str] = {}
        for tenant_id in tenant_ids:
            entry = self._queues.locks.get(tenant_id)
            if entry is not None and entry[0].locked():
                continue
            lock = self._queues.enter(tenant_id)
            await lock.acquire()  # free, so this does not wait
            held[tenant_id] = "local"
        return held

    async def release(self, held: dict[UUID, str], *, publish: Sequence[Message] = ()) -> None:
        if publish:
            raise ValueError("in-process locks publish nothing")
        for tenant_id in held:
            self._queues.locks[tenant_id][0].release()
            self._queues.leave(tenant_id)
