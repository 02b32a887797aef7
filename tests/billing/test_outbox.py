"""The outbox relay: every charge reaches Stripe as exactly one meter event."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY
from tortoise.expressions import F

from models import BillingOutbox, CreditUsage, OutboxStatus, Tenant
from services import tasks
from services.auth import mint_token
from services.billing import start_relay
from services.billing.client import stripe_client
from services.billing.relay import OutboxRelay, idempotency_key
from services.clock import utcnow
from services.runtime import Runtime
from settings import Settings
from tests import backends
from tests.billing.fake_stripe import FakeStripe
from tests.conftest import JWT_SECRET, Api
from tests.factories import make_project, make_tenant, make_user
from tests.waiting import eventually

METER_EVENTS = "/v1/billing/meter_events"
OUTBOX = """
query($status: OutboxStatus) {
  billingOutbox(status: $status, first: 100) {
    edges { node { usageId eventName unit value status attempts lastError } }
  }
}
"""


async def _charge(runtime: Runtime, count: int) -> tuple[Tenant, set[str]]:
    """`count` task creations (1 credit each) for a tenant with a Stripe customer."""
    tenant = await make_tenant(None)
    await Tenant.filter(id=tenant.id).update(stripe_customer_id="cus_meter")
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)
    await asyncio.gather(
        *(
            tasks.create_task(
                runtime=runtime,
                tenant_id=tenant.id,
                user_id=user.id,
                project_id=project.id,
                title=f"task {number}",
                description=None,
                idempotency_key=None,
            )
            for number in range(count)
        )
    )
    usages = await CreditUsage.filter(tenant_id=tenant.id)
    return tenant, {str(usage.id) for usage in usages}


async def _all_sent(count: int) -> bool:
    return await BillingOutbox.filter(status=OutboxStatus.SENT).count() == count


@pytest.fixture
async def billing_runtime(db: object, billing_settings: Settings) -> Runtime:
    built = Runtime.build(billing_settings)
    yield built  # type: ignore[misc]
    await built.close()


async def test_100_charges_become_exactly_100_meter_events(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given a relay that only wakes on commits (its idle poll is an hour)
    settings = billing_settings.model_copy(update={"outbox_poll_seconds": 3600})
    relay = start_relay(settings, billing_runtime.charger)
    assert relay is not None
    try:
        await eventually(
            lambda: _no_pass_pending(relay), timeout=20, what="the relay's first idle pass"
        )
        # when 100 tasks are charged
        _, usage_ids = await _charge(billing_runtime, 100)
        # then all 100 outbox rows are sent
        await eventually(lambda: _all_sent(100), timeout=20, what="100 rows sent")
    finally:
        await relay.stop()

    # and Stripe got exactly 100 meter events, one per ledger row, each sent once
    assert set(fake_stripe.meter_events) == usage_ids
    assert fake_stripe.duplicate_identifiers == []
    assert set(fake_stripe.meter_event_requests_by_identifier().values()) == {1}
    request = fake_stripe.received(METER_EVENTS)[0]
    assert request.params["event_name"] == "task_credits"
    assert request.params["payload"] == {"stripe_customer_id": "cus_meter", "value": "1"}
    assert request.headers["idempotency-key"] == f"meter-event-{request.params['identifier']}"


async def _no_pass_pending(relay: OutboxRelay) -> bool:
    return relay._task is not None and not relay._wake.is_set()


async def test_failures_and_a_restart_still_send_each_row_exactly_once(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given 100 charged rows and a Stripe that fails the first attempts with 5xx and timeouts
    # (a timeout after Stripe did the work: the client cannot know it worked)
    _, usage_ids = await _charge(billing_runtime, 100)
    fake_stripe.fail(METER_EVENTS, *(["500", "timeout"] * 10))

    # when a relay sends part of them and is stopped mid-way, then a new relay takes over
    first = OutboxRelay(billing_settings.model_copy(update={"outbox_batch_size": 10}))
    first.start()
    await eventually(
        lambda: _sent_at_least(20), timeout=20, what="the first relay to send some rows"
    )
    await first.stop()
    # and a relay that crashed mid-way left rows claimed, three of them already sent to Stripe
    crashed = await BillingOutbox.filter(status=OutboxStatus.PENDING).limit(5)
    assert len(crashed) == 5
    for row in crashed[:3]:
        await stripe_client(billing_settings).v1.billing.meter_events.create_async(
            {
                "event_name": row.event_name,
                "identifier": str(row.usage_id),
                "payload": {"stripe_customer_id": "cus_meter", "value": str(row.value)},
            },
            {"idempotency_key": idempotency_key(row)},
        )
    await BillingOutbox.filter(id__in=[row.id for row in crashed]).update(
        attempts=F("attempts") + 1,
        next_attempt_at=utcnow() + timedelta(seconds=billing_settings.outbox_lease_seconds),
    )
    second = OutboxRelay(billing_settings)
    second.start()
    try:
        await eventually(lambda: _all_sent(100), timeout=60, what="all rows sent")
    finally:
        await second.stop()

    # then Stripe recorded exactly 100 distinct meter events, none lost, none twice
    assert set(fake_stripe.meter_events) == usage_ids
    assert len(fake_stripe.meter_events) == 100
    assert fake_stripe.duplicate_identifiers == []
    retried = [
        identifier
        for identifier, count in fake_stripe.meter_event_requests_by_identifier().items()
        if count > 1
    ]
    assert retried  # the injected failures really were retried
    assert await BillingOutbox.filter(status=OutboxStatus.SENT, attempts__gt=1).count() >= 10


async def _sent_at_least(count: int) -> bool:
    return await BillingOutbox.filter(status=OutboxStatus.SENT).count() >= count


async def test_two_relays_at_once_never_send_a_row_twice(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    backends.require_postgres(
        "needs PostgreSQL: SQLite serialises every statement, so it proves nothing"
    )
    # given 100 charged rows
    _, usage_ids = await _charge(billing_runtime, 100)

    # when three relays run at once, with a long lease so none may take over another's claim
    settings = billing_settings.model_copy(
        update={"outbox_lease_seconds": 60, "outbox_batch_size": 10}
    )
    relays = [OutboxRelay(settings) for _ in range(3)]
    for relay in relays:
        relay.start()
    try:
        await eventually(lambda: _all_sent(100), timeout=20, what="all rows sent")
    finally:
        for relay in relays:
            await relay.stop()

    # then each identifier was sent exactly once
    assert set(fake_stripe.meter_events) == usage_ids
    assert fake_stripe.meter_event_requests_by_identifier() == dict.fromkeys(usage_ids, 1)


async def test_rows_past_the_dedupe_window_go_to_reconcile_and_show_in_billing_outbox(
    billing_api: Api, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given two charges whose meter events could not be sent for 24 hours (the app's own
    # relay stopped, so only this test's relay acts)
    await billing_api.shared["relay"].stop()
    runtime = billing_api.runtime
    tenant, usage_ids = await _charge(runtime, 2)
    old = utcnow() - timedelta(hours=24)
    await BillingOutbox.filter(tenant_id=tenant.id).update(
        created_at=old, status=OutboxStatus.PENDING, attempts=30, last_error="503"
    )
    admin = await make_user(admin=True)
    token = mint_token(admin, secret=JWT_SECRET)

    # when the relay looks at them
    relay = OutboxRelay(billing_settings)
    await relay.run_once()

    # then they are marked RECONCILE, not sent, and the admin query lists them
    assert await BillingOutbox.filter(status=OutboxStatus.RECONCILE).count() == 2
    assert not set(fake_stripe.meter_events) & usage_ids
    listed = await billing_api.gql(OUTBOX, {"status": "RECONCILE"}, token=token)
    nodes = [edge["node"] for edge in listed["billingOutbox"]["edges"]]
    assert {node["usageId"] for node in nodes} == usage_ids
    assert {(node["eventName"], node["unit"], node["value"]) for node in nodes} == {
        ("task_credits", "task-credits", 1)
    }
    assert all("dedupe window" in node["lastError"] for node in nodes)


async def test_without_stripe_no_outbox_rows_and_billing_outbox_is_disabled(api: Api) -> None:
    # given a server without STRIPE_API_KEY and a platform admin
    admin = await make_user(admin=True)

    # when a charge is made and the admin asks for the outbox
    await _charge(api.runtime, 1)
    response = await api.post(OUTBOX, token=mint_token(admin, secret=JWT_SECRET))

    # then nothing was queued for Stripe and the query says BILLING_DISABLED
    assert await BillingOutbox.all().count() == 0
    assert response.json()["errors"][0]["extensions"]["code"] == "BILLING_DISABLED"


def _pending_gauge() -> float | None:
    return REGISTRY.get_sample_value("credits_outbox_pending")


async def test_the_pending_gauge_follows_the_outbox(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given 10 charged rows and a Stripe that answers every meter event with a 500
    await _charge(billing_runtime, 10)
    fake_stripe.fail(METER_EVENTS, *(["500"] * 1_000))
    relay = OutboxRelay(billing_settings)
    relay.start()
    try:
        # when the relay tries them, then the gauge counts the 10 waiting rows
        await eventually(lambda: _pending_gauge() == 10, timeout=20, what="the gauge at 10")
        # and when Stripe recovers and the rows are due again
        fake_stripe.failures.clear()
        await BillingOutbox.filter(status=OutboxStatus.PENDING).update(next_attempt_at=utcnow())
        relay.wake()
        await eventually(lambda: _all_sent(10), timeout=20, what="all rows sent")
        # then the gauge falls to 0 once they are sent
        await eventually(lambda: _pending_gauge() == 0, timeout=20, what="the gauge at 0")
    finally:
        await relay.stop()
