"""The `api` usage unit: calls made with API keys reach Stripe as one meter event per tenant per
minute, with the minute's count as its value, through the outbox, exactly once."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from models import BillingOutbox, Tenant
from services.api_metering import EVENT_NAME, UNIT, ApiMeter, minute_of
from services.clock import utcnow
from services.runtime import Runtime
from settings import Settings
from tests.billing.fake_stripe import FakeStripe
from tests.conftest import Api
from tests.factories import make_tenant, make_user, token_for
from tests.waiting import eventually

CREATE_KEY = """
mutation { createApiKey(input: {name: "backend"}) { ... on CreateApiKeySuccess { secret } } }
"""


class Clock:
    """A clock the test moves: starts 5 s into a minute, so a burst of calls stays in it."""

    def __init__(self) -> None:
        now = utcnow()
        self.now = now - timedelta(seconds=now.second % 60 - 5, microseconds=now.microsecond)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def api_events(fake_stripe: FakeStripe) -> list[dict[str, Any]]:
    return [e for e in fake_stripe.meter_events.values() if e["event_name"] == EVENT_NAME]


async def test_25_key_calls_in_a_minute_are_one_meter_event_of_25(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant with a Stripe customer and a key, and the meter on a clock we move
    tenant = await make_tenant(100, api=True)
    await Tenant.filter(id=tenant.id).update(stripe_customer_id="cus_api")
    owner = token_for(await make_user(tenant))
    secret = (await billing_api.gql(CREATE_KEY, token=owner, tenant=tenant.slug))["createApiKey"][
        "secret"
    ]
    meter: ApiMeter = billing_api.shared["api_meter"]
    clock = Clock()
    meter.clock = clock

    # when the key makes 25 calls in one minute (15 at once), and the owner's token 5 more
    await asyncio.gather(*(billing_api.gql("{ tenant { slug } }", token=secret) for _ in range(15)))
    for _ in range(10):
        await billing_api.gql("{ usageSummary { used } }", token=secret)
    for _ in range(5):
        await billing_api.gql("{ tenant { slug } }", token=owner, tenant=tenant.slug)
    # (nothing is settled while the minute runs)
    assert await meter.settle() == 0
    # and the minute ends (plus the grace for other processes' counts)
    clock.advance(60 + 15)
    written = await meter.settle()

    # then one outbox row holds the minute's 25 calls
    assert written == 1
    rows = await BillingOutbox.filter(tenant_id=tenant.id, unit=UNIT)
    assert [(row.event_name, row.value) for row in rows] == [(EVENT_NAME, 25)]
    # and Stripe receives one meter event of 25, for the tenant's customer, timed in that minute
    events = await eventually(lambda: api_events(fake_stripe), what="the api meter event")
    assert len(events) == 1
    assert events[0]["payload"] == {"stripe_customer_id": "cus_api", "value": "25"}
    assert int(events[0]["timestamp"]) == minute_of(clock.now - timedelta(seconds=75))
    # and settling again sends nothing more
    assert await meter.settle() == 0
    assert await BillingOutbox.filter(tenant_id=tenant.id, unit=UNIT).count() == 1


async def test_several_processes_settle_a_minute_exactly_once(
    runtime: Runtime, settings: Settings
) -> None:
    # given two meters (two processes; with Redis they share counts, without it one process
    # settles twice at once) and a tenant's calls counted by both
    tenant = await make_tenant(100, api=True)
    clock = Clock()
    first = ApiMeter(redis=runtime.redis, prefix=settings.redis_prefix, clock=clock)
    second = (
        ApiMeter(redis=runtime.redis, prefix=settings.redis_prefix, clock=clock)
        if runtime.redis is not None
        else first
    )
    for _ in range(10):
        first.record(tenant.id)
    for _ in range(15):
        second.record(tenant.id)
    await first.push()
    await second.push()

    # when the minute is over and both settle it at once, three times each
    clock.advance(90)
    written = await asyncio.gather(*(meter.settle() for meter in (first, second) * 3))

    # then exactly one row was written, with every call of the minute
    assert sum(written) == 1
    rows = await BillingOutbox.filter(tenant_id=tenant.id, unit=UNIT)
    assert [row.value for row in rows] == [25]


async def test_calls_of_two_minutes_and_two_tenants_are_four_events(
    runtime: Runtime, settings: Settings
) -> None:
    # given two tenants calling in two consecutive minutes
    a, b = await make_tenant(100, api=True), await make_tenant(100, api=True)
    clock = Clock()
    meter = ApiMeter(redis=runtime.redis, prefix=settings.redis_prefix, clock=clock)
    for tenant, calls in ((a, 3), (b, 4)):
        for _ in range(calls):
            meter.record(tenant.id)
    clock.advance(60)
    for tenant, calls in ((a, 5), (b, 6)):
        for _ in range(calls):
            meter.record(tenant.id)

    # when both minutes are over and settled
    clock.advance(75)
    assert await meter.settle() == 4

    # then each (tenant, minute) is one row with its own count
    values = {
        (row.tenant_id, row.created_at.timestamp()): row.value
        for row in await BillingOutbox.filter(unit=UNIT)
    }
    assert sorted(values.values()) == [3, 4, 5, 6]
    assert len({created for _, created in values}) == 2
