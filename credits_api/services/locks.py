"""Per-tenant mutual exclusion: a Redis lock across processes, or an asyncio lock in one."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol
from uuid import UUID

import structlog
from redis.asyncio import Redis
from redis.exceptions import LockNotOwnedError, RedisError

from credits_api.services import metrics
from credits_api.services.errors import Unavailable

log = structlog.get_logger(__name__)


class TenantLocks(Protocol):
    def hold(self, tenant_id: UUID) -> AbstractAsyncContextManager[None]: ...


class RedisTenantLocks:
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

    def key(self, tenant_id: UUID) -> str:
        return f"{self._prefix}lock:tenant:{tenant_id}"

    @asynccontextmanager
    async def hold(self, tenant_id: UUID) -> AsyncIterator[None]:
        # One Lock object per acquisition: its token lives in thread-local storage shared by
        # every task of the loop.
        lock = self._redis.lock(
            self.key(tenant_id),
            timeout=self._ttl,
            sleep=self._poll,
            blocking_timeout=self._wait,
        )
        started = time.perf_counter()
        try:
            acquired = await lock.acquire()
        except RedisError as error:
            raise Unavailable(
                "The credit lock service is unreachable; nothing was charged."
            ) from error
        finally:
            metrics.LOCK_WAIT.observe(time.perf_counter() - started)
        if not acquired:
            raise Unavailable("The tenant's credit lock is busy; nothing was charged, retry.")
        try:
            yield
        finally:
            try:
                await lock.release()
            except LockNotOwnedError:
                # The TTL ran out while we held it; the database guard kept the charge exact.
                log.warning("credit lock expired while held", tenant_id=str(tenant_id))
            except RedisError:
                log.warning("could not release credit lock", tenant_id=str(tenant_id))


class LocalTenantLocks:
    """One process only: used when REDIS_URL is unset."""

    def __init__(self) -> None:
        self._locks: dict[UUID, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, tenant_id: UUID) -> AsyncIterator[None]:
        lock, users = self._locks.get(tenant_id, (asyncio.Lock(), 0))
        self._locks[tenant_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[tenant_id]
            if users == 1:
                del self._locks[tenant_id]
            else:
                self._locks[tenant_id] = (lock, users - 1)
