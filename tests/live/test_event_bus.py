"""The event buses in-process: overflow policy, per-tenant fan-out, Redis subscription lifecycle."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from unittest.mock import ANY

import orjson
import pytest
from redis.asyncio import Redis

from services.events import (
    LISTENER_QUEUE_SIZE,
    EventBus,
    ListenerOverflowed,
    LocalEventBus,
    RedisEventBus,
    UsageEvent,
    decode_events,
    encode_events,
)
from services.ledger import no_subscription_summary
from services.locks import RedisTenantLocks
from tests import backends
from tests.waiting import eventually


def event(tenant_id: uuid.UUID, sequence: int) -> UsageEvent:
    return UsageEvent(tenant_id, sequence, {**no_subscription_summary(), "used": sequence})


@pytest.fixture(params=["local", "redis"])
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[EventBus]:
    if request.param == "local":
        built: EventBus = LocalEventBus()
        yield built
        await built.close()
        return
    backends.require_postgres("the Redis bus runs on the postgres backend (PostgreSQL + Redis)")
    redis = Redis.from_url(backends.REDIS_URL)
    built = RedisEventBus(redis, prefix=backends.new_redis_prefix())
    yield built
    await built.close()
    await redis.aclose()


async def test_a_full_queue_keeps_a_gap_free_run_says_so_and_never_blocks_the_publisher() -> None:
    # given a listener that reads nothing
    bus = LocalEventBus()
    tenant = uuid.uuid4()
    async with bus.listen(tenant) as listener:
        # when more events than its queue holds are published
        await bus.publish([event(tenant, n) for n in range(1, LISTENER_QUEUE_SIZE + 45)])

        # then publishing returned, the queue holds the oldest events without a gap, and the
        # listener says it overflowed instead of handing them out
        assert listener.dropped == 44
        assert listener.overflowed
        kept = [listener.queue.get_nowait().sequence for _ in range(listener.queue.qsize())]
        assert kept == list(range(1, LISTENER_QUEUE_SIZE + 1))
        with pytest.raises(ListenerOverflowed):
            await listener.next()

        # and once reset (its reader went back to the database) it queues again
        listener.reset()
        await bus.publish([event(tenant, 500)])
        assert (await listener.next()).sequence == 500


async def test_events_reach_every_listener_of_their_tenant_only(bus: EventBus) -> None:
    # given two listeners of tenant A and one of tenant B
    a, b = uuid.uuid4(), uuid.uuid4()
    async with bus.listen(a) as first, bus.listen(a) as second, bus.listen(b) as other:
        # when A and then B get an event
        await bus.publish([event(a, 1)])
        await bus.publish([event(b, 7)])

        # then both A listeners get A's, and B's listener gets only B's
        for listener in (first, second):
            received = await asyncio.wait_for(listener.queue.get(), 5)
            assert (received.tenant_id, received.sequence) == (a, 1)
        received = await asyncio.wait_for(other.queue.get(), 5)
        assert (received.tenant_id, received.sequence) == (b, 7)
        assert first.queue.empty() and second.queue.empty() and other.queue.empty()


async def test_a_batch_of_events_of_several_tenants_arrives_in_order_per_tenant(
    bus: EventBus,
) -> None:
    # given a listener on each of two tenants
    a, b = uuid.uuid4(), uuid.uuid4()
    async with bus.listen(a) as first, bus.listen(b) as second:
        # when one batch publishes both tenants' events, interleaved
        await bus.publish([event(a, 1), event(b, 1), event(a, 2), event(b, 2), event(a, 3)])

        # then each listener gets exactly its tenant's events, in sequence order
        for listener, tenant, count in ((first, a, 3), (second, b, 2)):
            received = [await asyncio.wait_for(listener.queue.get(), 5) for _ in range(count)]
            assert [(e.tenant_id, e.sequence) for e in received] == [
                (tenant, n) for n in range(1, count + 1)
            ]
            assert listener.queue.empty()


def test_a_message_is_a_list_of_events_or_one_event_from_an_older_process() -> None:
    tenant = uuid.uuid4()
    events = [event(tenant, 1), event(tenant, 2)]
    assert decode_events(encode_events(events)) == events
    assert decode_events(orjson.dumps(events[0].to_dict())) == [events[0]]
    with pytest.raises(TypeError):
        decode_events(b"42")


async def test_the_redis_bus_holds_one_channel_per_tenant_while_it_has_listeners() -> None:
    backends.require_postgres("the Redis bus runs on the postgres backend (PostgreSQL + Redis)")
    redis = Redis.from_url(backends.REDIS_URL)
    bus = RedisEventBus(redis, prefix=backends.new_redis_prefix())
    tenant = uuid.uuid4()
    channel = bus.channel(tenant)

    async def subscribers() -> int:
        return int(dict(await redis.pubsub_numsub(channel))[channel.encode()])

    try:
        for _round in range(2):
            # when ten listeners of one tenant come
            async with listeners(bus, tenant, 10):
                # then the process holds one Redis subscription for them
                assert await subscribers() == 1
                assert bus.channel_count == 1

            # and when they have all gone, none
            async def gone() -> bool:
                return await subscribers() == 0 and bus.channel_count == 0

            await eventually(gone)
        # and the reader, parked while nothing is subscribed, still delivers afterwards
        async with bus.listen(tenant) as listener:
            await bus.publish([event(tenant, 3)])
            assert (await asyncio.wait_for(listener.queue.get(), 5)).sequence == 3
    finally:
        await bus.close()
        await redis.aclose()


@contextlib.asynccontextmanager
async def listeners(bus: RedisEventBus, tenant: uuid.UUID, count: int) -> AsyncIterator[None]:
    async with contextlib.AsyncExitStack() as exits:
        for _ in range(count):
            await exits.enter_async_context(bus.listen(tenant))
        yield


async def test_a_release_publishes_the_batch_events_then_frees_only_the_locks_still_ours() -> None:
    backends.require_postgres("the Redis bus runs on the postgres backend (PostgreSQL + Redis)")
    # given the charger's bus and locks on one Redis, a listener on two tenants, and the
    # locks of both tenants held by a batch, one of which has since expired and been taken
    redis = Redis.from_url(backends.REDIS_URL)
    prefix = backends.new_redis_prefix()
    bus = RedisEventBus(redis, prefix=prefix)
    locks = RedisTenantLocks(
        redis, prefix=prefix, ttl_seconds=10, poll_seconds=0.002, wait_seconds=1
    )
    a, b = uuid.uuid4(), uuid.uuid4()
    try:
        async with bus.listen(a) as first, bus.listen(b) as second:
            held = await locks.try_acquire([a, b])
            assert set(held) == {a, b}
            await redis.set(locks.key(b), "someone-else")

            # when the batch's events go out with its release, in one call
            events = [event(a, 1), event(b, 1), event(a, 2)]
            await locks.release(held, publish=bus.messages(events))

            # then every event arrived, in order per tenant
            for listener, tenant, count in ((first, a, 2), (second, b, 1)):
                received = [await asyncio.wait_for(listener.queue.get(), 5) for _ in range(count)]
                assert [(e.tenant_id, e.sequence) for e in received] == [
                    (tenant, n) for n in range(1, count + 1)
                ]
            # and our lock is free while the one taken by someone else is still theirs
            assert await redis.get(locks.key(a)) is None
            assert await redis.get(locks.key(b)) == b"someone-else"
            assert await locks.try_acquire([a, b]) == {a: ANY}
    finally:
        await redis.delete(locks.key(a), locks.key(b))
        await bus.close()
        await redis.aclose()
