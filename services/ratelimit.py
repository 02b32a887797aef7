"""Rate limits on charged actions: a sliding window per tenant and per user.

Across processes the windows live in Redis (one Lua script checks both windows and records the
hit only when both have room, so a refused request costs nothing and counts for nothing);
without Redis they live in this process. A limiter that cannot reach Redis fails closed
(`Unavailable`): the charge behind it would fail the same way on the credit lock.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID, uuid4

from redis.asyncio import Redis
from redis.exceptions import RedisError

from services import metrics
from services.errors import RateLimited, Unavailable


@dataclass(frozen=True, slots=True)
class Limits:
    window_seconds: float
    per_tenant: int
    per_user: int


class RateLimiter(Protocol):
    async def hit(self, *, action: str, tenant_id: UUID, user_id: UUID | None) -> None:
        """Records one `action`, or raises `RateLimited` (recording nothing)."""
        ...


class NoRateLimits:
    """RATE_LIMITS=off: for load tests and benchmarks."""

    async def hit(self, *, action: str, tenant_id: UUID, user_id: UUID | None) -> None:
        return None


def _windows(limits: Limits, tenant_id: UUID, user_id: UUID | None) -> list[tuple[str, int]]:
    windows = [(f"tenant:{tenant_id}", limits.per_tenant)]
    if user_id is not None:
        windows.append((f"user:{tenant_id}:{user_id}", limits.per_user))
    return windows


def _refuse(retry_after: float) -> RateLimited:
    metrics.REJECTIONS.labels("rate_limited").inc()
    # Whole tenths, never zero: a client that waits this long gets a free slot.
    return RateLimited(max(math.ceil(retry_after * 10) / 10, 0.1))


class LocalRateLimiter:
    """One process only (REDIS_URL unset): the same sliding windows, in memory."""

    def __init__(self, limits: Limits, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = limits
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    async def hit(self, *, action: str, tenant_id: UUID, user_id: UUID | None) -> None:
        now = self._clock()
        window = self._limits.window_seconds
        retry_after = 0.0
        keys: list[str] = []
        for name, limit in _windows(self._limits, tenant_id, user_id):
            key = f"{action}:{name}"
            hits = self._hits.get(key)
            if hits is not None:
                while hits and hits[0] <= now - window:
                    hits.popleft()
                if not hits:
                    del self._hits[key]
                    hits = None
            if hits is not None and len(hits) >= limit:
                retry_after = max(retry_after, hits[0] + window - now)
            keys.append(key)
        if retry_after > 0:
            raise _refuse(retry_after)
        for key in keys:
            self._hits.setdefault(key, deque()).append(now)


# KEYS: the windows. ARGV[1]: window in ms, ARGV[2]: a unique member, ARGV[3..]: each key's
# limit. Returns 0 when recorded, else the ms until the fullest window has room again.
SLIDING_WINDOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[i + 2])
  if redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local until_free = tonumber(oldest[2]) + window - now
    if until_free < 1 then until_free = 1 end
    if until_free > wait then wait = until_free end
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return 0
"""


class RedisRateLimiter:
    """Across processes: sliding-window logs in Redis sorted sets, timed by Redis's clock."""

    def __init__(self, redis: Redis, limits: Limits, *, prefix: str) -> None:
        self._limits = limits
        self._prefix = prefix
        self._script = redis.register_script(SLIDING_WINDOW)

    async def hit(self, *, action: str, tenant_id: UUID, user_id: UUID | None) -> None:
        windows = _windows(self._limits, tenant_id, user_id)
        try:
            wait_ms = await self._script(
                keys=[f"{self._prefix}ratelimit:{action}:{name}" for name, _ in windows],
                args=[
                    int(self._limits.window_seconds * 1000),
                    uuid4().hex,
                    *(limit for _, limit in windows),
                ],
            )
        except (RedisError, OSError) as error:
            metrics.REJECTIONS.labels("unavailable").inc()
            raise Unavailable(
                "The rate limiter is unreachable; nothing was charged, retry."
            ) from error
        if int(wait_ms) > 0:
            raise _refuse(int(wait_ms) / 1000)


def build_limiter(
    *, enabled: bool, limits: Limits, redis: Redis | None, prefix: str
) -> RateLimiter:
    if not enabled:
        return NoRateLimits()
    if redis is not None:
        return RedisRateLimiter(redis, limits, prefix=prefix)
    return LocalRateLimiter(limits)
