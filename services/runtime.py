"""The process-wide parts every request shares: Redis, the tenant locks, the event bus, the
charger. Built once per process at startup, closed at shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
from dataclasses import dataclass

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from services.catalog import Catalog
from services.events import EventBus, LocalEventBus, RedisEventBus
from services.ledger.charger import Charger
from services.locks import LocalTenantLocks, RedisTenantLocks, TenantLocks
from services.ratelimit import Limits, NoRateLimits, RateLimiter, build_limiter
from services.redis_client import connect
from settings import Settings

log = structlog.get_logger(__name__)


@dataclass
class Runtime:
    settings: Settings
    redis: Redis | None
    locks: TenantLocks
    bus: EventBus
    charger: Charger
    catalog: Catalog
    limiter: RateLimiter = dataclasses.field(default_factory=NoRateLimits)

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        redis: Redis | None = None
        locks: TenantLocks
        bus: EventBus
        if settings.redis_url:
            redis = connect(settings.redis_url, timeout_seconds=settings.redis_timeout_seconds)
            locks = RedisTenantLocks(
                redis,
                prefix=settings.redis_prefix,
                ttl_seconds=settings.lock_ttl_seconds,
                poll_seconds=settings.lock_poll_seconds,
                wait_seconds=settings.charge_timeout_seconds,
            )
            bus = RedisEventBus(redis, prefix=settings.redis_prefix)
        else:
            log.warning(
                "REDIS_URL is unset: in-process credit lock and event bus; run ONE process only"
            )
            locks = LocalTenantLocks()
            bus = LocalEventBus()
        charger = Charger(
            locks=locks,
            bus=bus,
            batch_size=settings.charge_batch_size,
            timeout_seconds=settings.charge_timeout_seconds,
            poll_seconds=settings.lock_poll_seconds,
            concurrent_batches=(
                1
                if settings.database_url.startswith("sqlite")
                else settings.charge_concurrent_batches
            ),
            billing_enabled=lambda: bool(settings.stripe_api_key),
        )
        if settings.test_slow_charge_seconds > 0:
            # Tests only: holds every charge transaction open so a short lock TTL expires.
            log.warning(
                "TEST_SLOW_CHARGE_SECONDS is set: charges are slowed on purpose (tests only)",
                seconds=settings.test_slow_charge_seconds,
            )
            charger.batches.before_write = functools.partial(
                asyncio.sleep, settings.test_slow_charge_seconds
            )
        limiter = build_limiter(
            enabled=settings.rate_limits,
            limits=Limits(
                window_seconds=settings.rate_limit_window_seconds,
                per_tenant=settings.rate_limit_per_tenant,
                per_user=settings.rate_limit_per_user,
            ),
            redis=redis,
            prefix=settings.redis_prefix,
        )
        return cls(
            settings=settings,
            redis=redis,
            locks=locks,
            bus=bus,
            charger=charger,
            catalog=Catalog(bus),
            limiter=limiter,
        )

    async def redis_ok(self) -> bool:
        if self.redis is None:
            return True
        try:
            return bool(await self.redis.ping())
        except (RedisError, OSError):
            return False

    async def close(self) -> None:
        await self.charger.close()
        await self.bus.close()
        if self.redis is not None:
            with contextlib.suppress(RedisError, OSError):
                await self.redis.aclose()
