"""The `api` usage unit: calls made with API keys, reported to Stripe as ONE meter event per
tenant per minute (value = that minute's calls), through the billing outbox.

No database write per call:
- each call is counted in memory (`record`, no I/O);
- every `push_seconds` the process adds its counts to Redis (`INCRBY` on a key per tenant and
  minute, and the pair in a set of open minutes), so all processes' calls add up in one place;
  without Redis (one process) the counts stay in memory;
- every `settle_seconds`, any process turns each minute that ended more than `grace` ago into
  one outbox row. The row's `usage_id` is derived from (tenant, minute) and is unique, so however
  many processes settle the same minute, exactly one row is written (the others' inserts fail
  and are ignored); the relay sends it with that id as the meter event's `identifier`.

A process that dies loses at most its last `push_seconds` of counts, and a process whose push is
more than `grace` late has it dropped (the minute is already billed): the meter may under-count,
never double-count.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid5

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError
from tortoise.exceptions import IntegrityError

from models import BillingOutbox, OutboxStatus
from services.background import BackgroundWorker
from services.billing.client import billing_enabled
from services.clock import utcnow
from settings import Settings

log = structlog.get_logger(__name__)

UNIT = "api"
EVENT_NAME = "api_calls"
# Names the outbox row of a (tenant, minute): the same in every process, so the row is unique.
NAMESPACE = UUID("6f3c1a52-7d0e-4c55-9a7e-2b8f4e1d9c30")
KEY_TTL_SECONDS = 2 * 24 * 3600

Minute = tuple[UUID, int]  # (tenant, minute as Unix seconds of its start)


def minute_of(moment: datetime) -> int:
    seconds = int(moment.timestamp())
    return seconds - seconds % 60


def outbox_id(tenant_id: UUID, minute: int) -> UUID:
    return uuid5(NAMESPACE, f"{UNIT}:{tenant_id}:{minute}")


class ApiMeter(BackgroundWorker):
    name = "api-meter"

    def __init__(
        self,
        *,
        redis: Redis | None,
        prefix: str,
        clock: Callable[[], datetime] = utcnow,
        push_seconds: float = 1.0,
        settle_seconds: float = 5.0,
        grace: timedelta = timedelta(seconds=10),
        on_written: Callable[[], None] | None = None,
    ) -> None:
        # The loop pushes every `push_seconds` (waiting first) and settles every `settle_seconds`.
        super().__init__(stop_grace_seconds=10, first_wait_seconds=push_seconds)
        self._redis = redis
        self._open_set = f"{prefix}api-calls:open"
        self._prefix = f"{prefix}api-calls:"
        self.clock = clock
        self._push_seconds = push_seconds
        self._settle_seconds = settle_seconds
        self._grace = grace
        self._on_written = on_written
        self._pending: Counter[Minute] = Counter()  # counted, not pushed yet
        self._local: Counter[Minute] = Counter()  # without Redis: pushed, not settled yet
        self._since_settle = 0.0

    def record(self, tenant_id: UUID) -> None:
        """One call made with a key of this tenant, now. No I/O."""
        self._pending[(tenant_id, minute_of(self.clock()))] += 1

    async def push(self) -> None:
        """Adds this process's counts to the shared ones."""
        pending, self._pending = self._pending, Counter()
        if not pending:
            return
        if self._redis is None:
            self._local.update(pending)
            return
        try:
            # MULTI/EXEC: a push is added whole or not at all, so a retry never counts twice.
            async with self._redis.pipeline(transaction=True) as pipe:
                for (tenant_id, minute), count in pending.items():
                    key = self._key(tenant_id, minute)
                    pipe.incrby(key, count)
                    pipe.expire(key, KEY_TTL_SECONDS)
                    pipe.sadd(self._open_set, f"{tenant_id}:{minute}")
                await pipe.execute()
        except (RedisError, OSError):
            # Kept for the next push.
            self._pending.update(pending)
            log.warning("could not push API call counts to Redis", minutes=len(pending))

    async def settle(self) -> int:
        """Writes one outbox row per (tenant, minute) that ended more than `grace` ago; returns
        how many rows this process wrote."""
        await self.push()
        closed_before = minute_of(self.clock() - self._grace) - 60
        written = 0
        for (tenant_id, minute), count in (await self._closed(closed_before)).items():
            if count > 0 and await self._write(tenant_id, minute, count):
                written += 1
            await self._forget(tenant_id, minute)
        if written and self._on_written is not None:
            self._on_written()
        return written

    async def _closed(self, closed_before: int) -> dict[Minute, int]:
        """The minutes that started at or before `closed_before`, with their counts."""
        if self._redis is None:
            return {item: count for item, count in self._local.items() if item[1] <= closed_before}
        closed: dict[Minute, int] = {}
        for member in await self._redis.smembers(self._open_set):
            tenant, _, minute = (
                member.decode() if isinstance(member, bytes) else str(member)
            ).partition(":")
            if int(minute) <= closed_before:
                value = await self._redis.get(self._key(UUID(tenant), int(minute)))
                closed[(UUID(tenant), int(minute))] = int(value or 0)
        return closed

    async def _write(self, tenant_id: UUID, minute: int, count: int) -> bool:
        start = datetime.fromtimestamp(minute, UTC)
        try:
            await BillingOutbox.create(
                tenant_id=tenant_id,
                usage_id=outbox_id(tenant_id, minute),
                event_name=EVENT_NAME,
                unit=UNIT,
                value=count,
                status=OutboxStatus.PENDING,
                next_attempt_at=utcnow(),
                created_at=start,
            )
        except IntegrityError:
            return False  # another process settled this minute (or the tenant is gone)
        return True

    async def _forget(self, tenant_id: UUID, minute: int) -> None:
        if self._redis is None:
            self._local.pop((tenant_id, minute), None)
            return
        await self._redis.srem(self._open_set, f"{tenant_id}:{minute}")
        await self._redis.delete(self._key(tenant_id, minute))

    def _key(self, tenant_id: UUID, minute: int) -> str:
        return f"{self._prefix}{tenant_id}:{minute}"

    async def stop(self) -> None:
        """Lets the current pass finish (a pass is never cut mid-query: that can wedge SQLite's
        one connection), then pushes what is counted so that another process can settle it."""
        await super().stop()
        with contextlib.suppress(Exception):
            await self.push()

    async def run_pass(self) -> float:
        self._since_settle += self._push_seconds
        if self._since_settle >= self._settle_seconds:
            self._since_settle = 0.0
            await self.settle()
        else:
            await self.push()
        return self._push_seconds

    def pass_failed(self, error: Exception) -> float:
        log.exception("API call metering pass failed")
        return self._push_seconds


def start_api_meter(
    settings: Settings, redis: Redis | None, on_written: Callable[[], None]
) -> ApiMeter | None:
    """This process's meter of API-key calls, when billing (Stripe) is on; else none."""
    if not billing_enabled(settings):
        return None
    meter = ApiMeter(redis=redis, prefix=settings.redis_prefix, on_written=on_written)
    meter.start()
    return meter
