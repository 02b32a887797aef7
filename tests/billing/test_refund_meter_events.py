"""A refunded charge's meter event: never sent if still queued; cancelled through a meter event
adjustment (the real stripe library against the fake Stripe) once sent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from models import BillingOutbox, CreditUsage, OutboxStatus, Tenant
from services import refunds, tasks
from services.billing.relay import OutboxRelay
from services.clock import utcnow
from services.runtime import Runtime
from settings import Settings
from tests.billing.fake_stripe import FakeStripe
from tests.factories import make_project, make_tenant, make_user

METER_EVENTS = "/v1/billing/meter_events"
ADJUSTMENTS = "/v1/billing/meter_event_adjustments"


@pytest.fixture
async def billing_runtime(db: object, billing_settings: Settings) -> AsyncIterator[Runtime]:
    built = Runtime.build(billing_settings)
    yield built
    await built.close()


async def _charge(runtime: Runtime) -> tuple[Tenant, CreditUsage]:
    """One task creation (1 credit) for a tenant with a Stripe customer: its ledger row."""
    tenant = await make_tenant(10)
    await Tenant.filter(id=tenant.id).update(stripe_customer_id="cus_refunds")
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)
    created = await tasks.create_task(
        runtime=runtime,
        tenant_id=tenant.id,
        user_id=user.id,
        project_id=project.id,
        title="billed",
        description=None,
        idempotency_key=None,
    )
    return tenant, created.usage


async def _refund(runtime: Runtime, tenant: Tenant, usage: CreditUsage) -> CreditUsage:
    return await refunds.refund_credits(
        runtime=runtime,
        tenant_id=tenant.id,
        user_id=usage.user_id,
        usage_id=str(usage.id),
        reason=None,
    )


async def test_a_charge_refunded_before_its_event_left_is_never_sent(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given a charge whose meter event is queued, not tried yet
    tenant, usage = await _charge(billing_runtime)
    assert await BillingOutbox.filter(usage_id=usage.id).count() == 1

    # when it is refunded, then the relay runs
    await _refund(billing_runtime, tenant, usage)
    stats = await OutboxRelay(billing_settings).run_once()

    # then Stripe heard of neither the event nor an adjustment, and nothing is left to send
    assert stats.sent == 0
    assert fake_stripe.received(METER_EVENTS) == []
    assert fake_stripe.received(ADJUSTMENTS) == []
    assert await BillingOutbox.filter(tenant_id=tenant.id).count() == 0


async def test_a_charge_refunded_after_its_event_was_sent_is_cancelled_at_stripe(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given a charge whose meter event Stripe accepted
    tenant, usage = await _charge(billing_runtime)
    relay = OutboxRelay(billing_settings)
    assert (await relay.run_once()).sent == 1
    assert str(usage.id) in fake_stripe.meter_events

    # when it is refunded, then the relay runs
    refund = await _refund(billing_runtime, tenant, usage)
    stats = await relay.run_once()

    # then one cancel adjustment names the event's identifier, and the refund's row is sent
    assert stats.sent == 1
    [adjustment] = fake_stripe.received(ADJUSTMENTS)
    assert adjustment.params["type"] == "cancel"
    assert adjustment.params["cancel"] == {"identifier": str(usage.id)}
    assert adjustment.params["event_name"] == "task_credits"
    assert adjustment.headers["idempotency-key"] == f"meter-event-adjustment-{refund.id}"
    assert fake_stripe.cancelled_identifiers == [str(usage.id)]
    row = await BillingOutbox.get(usage_id=refund.id)
    assert (row.status, row.cancels) == (OutboxStatus.SENT, usage.id)
    assert len(fake_stripe.received(METER_EVENTS)) == 1


async def test_a_charge_refunded_while_its_event_is_being_retried_is_sent_then_cancelled(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given a charge whose meter event was tried once and may have reached Stripe (a timeout)
    tenant, usage = await _charge(billing_runtime)
    fake_stripe.fail(METER_EVENTS, "timeout")
    relay = OutboxRelay(billing_settings)
    assert (await relay.run_once()).failed == 1

    # when it is refunded
    refund = await _refund(billing_runtime, tenant, usage)

    # then the event is not dropped (Stripe may hold it) and the adjustment waits behind it
    await BillingOutbox.filter(tenant_id=tenant.id).update(next_attempt_at=utcnow())
    await relay.run_once()
    original = await BillingOutbox.get(usage_id=usage.id)
    assert original.status is OutboxStatus.SENT
    assert fake_stripe.received(ADJUSTMENTS) == []
    # and once its turn comes, the adjustment cancels the event
    await BillingOutbox.filter(usage_id=refund.id).update(next_attempt_at=utcnow())
    assert (await relay.run_once()).sent == 1
    assert fake_stripe.cancelled_identifiers == [str(usage.id)]


async def test_an_adjustment_of_an_event_to_reconcile_is_to_reconcile_too(
    billing_runtime: Runtime, billing_settings: Settings, fake_stripe: FakeStripe
) -> None:
    # given a charge whose meter event was tried and then given up (RECONCILE)
    tenant, usage = await _charge(billing_runtime)
    await BillingOutbox.filter(usage_id=usage.id).update(
        status=OutboxStatus.RECONCILE, attempts=3, created_at=utcnow() - timedelta(days=2)
    )

    # when it is refunded and the relay runs
    refund = await _refund(billing_runtime, tenant, usage)
    await OutboxRelay(billing_settings).run_once()

    # then nothing goes to Stripe: the adjustment waits for a person, with the event
    assert fake_stripe.received(ADJUSTMENTS) == []
    row = await BillingOutbox.get(usage_id=refund.id)
    assert row.status is OutboxStatus.RECONCILE
    assert row.last_error and "reconcile" in row.last_error
