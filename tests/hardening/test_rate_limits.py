"""Rate limits per tenant and per user on charged mutations: over the limit answers a typed
RATE_LIMITED with a retry-after and charges nothing; under it nothing is refused."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest
from redis.asyncio import Redis

from models import CreditUsage, Project
from services.errors import RateLimited
from services.ratelimit import (
    Limits,
    LocalRateLimiter,
    NoRateLimits,
    RedisRateLimiter,
    build_limiter,
)
from settings import Settings
from tests import backends
from tests.conftest import Api, in_process
from tests.factories import make_tenant, make_user, token_for
from tests.waiting import eventually

CREATE_PROJECT = """
mutation($name: String!) {
  createProject(input: {name: $name}) {
    __typename
    ... on Error { code message }
    ... on RateLimited { retryAfterSeconds }
  }
}
"""


@pytest.fixture
async def limited_api(settings: Settings) -> AsyncIterator[Api]:
    """The app with rate limits on: 3 charged mutations per user, 5 per tenant, per minute."""
    async with in_process(
        settings.model_copy(
            update={
                "rate_limits": True,
                "rate_limit_per_user": 3,
                "rate_limit_per_tenant": 5,
                "rate_limit_window_seconds": 60.0,
            }
        )
    ) as api:
        yield api


async def create(api: Api, token: str, tenant: str, name: str = "P") -> dict:
    data = await api.gql(CREATE_PROJECT, {"name": name}, token=token, tenant=tenant)
    return data["createProject"]


async def test_over_the_user_limit_is_rate_limited_and_charges_nothing(limited_api: Api) -> None:
    # given a user with a limit of 3 charged mutations a minute
    tenant = await make_tenant(credits=100)
    user = await make_user(tenant)
    token = token_for(user)

    # when they create 3 projects, then a 4th
    results = [await create(limited_api, token, tenant.slug) for _ in range(3)]
    refused = await create(limited_api, token, tenant.slug)

    # then the first 3 succeed, the 4th is RATE_LIMITED with a retry-after within the window
    assert [result["__typename"] for result in results] == ["CreateProjectSuccess"] * 3
    assert refused["__typename"] == "RateLimited"
    assert refused["code"] == "RATE_LIMITED"
    assert 0 < refused["retryAfterSeconds"] <= 60
    # and nothing was created or charged for it
    assert await Project.filter(tenant_id=tenant.id).count() == 3
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 3


async def test_the_tenant_limit_covers_all_its_users(limited_api: Api) -> None:
    # given a tenant limited to 5 and two users limited to 3 each
    tenant = await make_tenant(credits=100)
    alice, bob = token_for(await make_user(tenant)), token_for(await make_user(tenant))

    # when alice uses 3 and bob 2, then bob tries again
    for _ in range(3):
        assert (await create(limited_api, alice, tenant.slug))["__typename"] == (
            "CreateProjectSuccess"
        )
    for _ in range(2):
        assert (await create(limited_api, bob, tenant.slug))["__typename"] == (
            "CreateProjectSuccess"
        )
    refused = await create(limited_api, bob, tenant.slug)

    # then bob is refused although under his own limit: the tenant's is spent
    assert refused["__typename"] == "RateLimited"
    # and another tenant is not affected
    other = await make_tenant(credits=100)
    carol = token_for(await make_user(other))
    assert (await create(limited_api, carol, other.slug))["__typename"] == "CreateProjectSuccess"


async def test_concurrent_requests_get_exactly_the_limit(limited_api: Api) -> None:
    # given a user limited to 3
    tenant = await make_tenant(credits=100)
    token = token_for(await make_user(tenant))

    # when 10 requests arrive at once
    results = await asyncio.gather(
        *(create(limited_api, token, tenant.slug, f"P{n}") for n in range(10))
    )

    # then exactly 3 get through and the others are refused without a charge
    kinds = sorted(result["__typename"] for result in results)
    assert kinds == ["CreateProjectSuccess"] * 3 + ["RateLimited"] * 7
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 3


async def test_under_the_limit_nothing_is_refused(settings: Settings) -> None:
    # given the default limits (rate limits on)
    defaults = Settings(jwt_secret="x")
    assert defaults.rate_limits is True
    assert defaults.rate_limit_per_user == 300
    async with in_process(settings.model_copy(update={"rate_limits": True})) as on:
        tenant = await make_tenant(credits=100)
        token = token_for(await make_user(tenant))

        # when a user creates 20 projects, 10 of them at once
        sequential = [await create(on, token, tenant.slug) for _ in range(10)]
        concurrent = await asyncio.gather(*(create(on, token, tenant.slug) for _ in range(10)))

    # then every one succeeds
    kinds = {result["__typename"] for result in [*sequential, *concurrent]}
    assert kinds == {"CreateProjectSuccess"}


def test_rate_limits_off_builds_no_limiter() -> None:
    # when RATE_LIMITS=off
    settings = Settings(rate_limits="off")  # type: ignore[arg-type]

    # then no limiter refuses anything
    assert settings.rate_limits is False
    limiter = build_limiter(
        enabled=settings.rate_limits, limits=Limits(60, 1, 1), redis=None, prefix="x:"
    )
    assert isinstance(limiter, NoRateLimits)


async def test_the_local_window_slides() -> None:
    # given a limit of 2 per 10 s and a clock we control
    now = [1000.0]
    limiter = LocalRateLimiter(Limits(10, 100, 2), clock=lambda: now[0])
    tenant, user = uuid4(), uuid4()
    await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)
    now[0] += 4
    await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)

    # when a third comes 1 s later
    now[0] += 1
    with pytest.raises(RateLimited) as refused:
        await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)

    # then it may retry when the oldest hit leaves the window (5 s later), not before
    assert refused.value.retry_after_seconds == 5.0
    now[0] += 4.9
    with pytest.raises(RateLimited):
        await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)
    now[0] += 0.2
    await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)
    # and another action has its own window
    await limiter.hit(action="createProject", tenant_id=tenant, user_id=user)


async def test_the_redis_window_slides_and_stays_under_its_prefix(settings: Settings) -> None:
    backends.require_postgres("the Redis limiter needs Redis")
    # given the Redis limiter with 2 per 0.5 s
    assert settings.redis_url
    redis = Redis.from_url(settings.redis_url)
    try:
        limiter = RedisRateLimiter(redis, Limits(0.5, 100, 2), prefix=settings.redis_prefix)
        tenant, user = uuid4(), uuid4()
        await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)
        await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)

        # when a third comes at once, it is refused with a retry-after within the window
        with pytest.raises(RateLimited) as refused:
            await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)
        assert 0 < refused.value.retry_after_seconds <= 0.5

        # then once the window has slid past, it is let through
        async def let_through() -> bool:
            try:
                await limiter.hit(action="createTask", tenant_id=tenant, user_id=user)
            except RateLimited:
                return False
            return True

        await eventually(let_through, timeout=5, what="the window to slide past")
        # and every key it wrote is under this deployment's prefix
        keys = [key.decode() async for key in redis.scan_iter(match="*ratelimit*")]
        mine = [key for key in keys if str(tenant) in key]
        assert mine
        assert all(key.startswith(settings.redis_prefix) for key in mine)
    finally:
        await redis.aclose()
