"""The webhook sender against a real local HTTP receiver: signed POSTs, retries with backoff
and the same event id, nothing sent for a rolled-back cause, one sender per delivery at a time."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from models import (
    DeliveryStatus,
    Tenant,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventType,
)
from services import webhooks
from services.clock import utcnow
from services.runtime import Runtime
from services.webhooks import addresses, start_sender
from services.webhooks.delivery import WebhookSender, retry_delay
from services.webhooks.endpoints import create_endpoint, delete_endpoint
from settings import Environment, Settings
from tests import backends
from tests.factories import create_charged_task, make_project, make_tenant, make_user
from tests.services.webhooks_helpers import emit_committed, readme_verifier
from tests.waiting import eventually
from tests.webhook_receiver import WebhookReceiver


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def fast(settings: Settings) -> Settings:
    """Small retry values, so retries happen within a test (the spacing still follows them)."""
    return settings.model_copy(
        update={
            "webhook_retry_base_seconds": 0.1,
            "webhook_retry_max_seconds": 0.4,
            "webhook_timeout_seconds": 2.0,
            "webhook_poll_seconds": 0.5,
            "webhook_lease_seconds": 5.0,
        }
    )


@pytest.fixture
async def sender(db: object, fast: Settings) -> AsyncIterator[WebhookSender]:
    running = WebhookSender(fast)
    running.start()
    yield running
    await running.stop()


async def _endpoint(tenant: Tenant, url: str) -> tuple[WebhookEndpoint, str]:
    created = await create_endpoint(
        tenant_id=tenant.id, url=url, description=None, production=False
    )
    return created.endpoint, created.secret


async def _delivery(event: WebhookEvent) -> WebhookDelivery:
    return await WebhookDelivery.get(event_id=event.id)


async def test_500_twice_then_200_sends_the_same_signed_event_three_times(
    sender: WebhookSender, receiver: WebhookReceiver
) -> None:
    # given an endpoint whose receiver answers 500 twice, then 200
    tenant = await make_tenant()
    endpoint, secret = await _endpoint(tenant, receiver.url)
    receiver.answer(500, 500)

    # when an event is emitted in a committed transaction
    event = await emit_committed(tenant.id, {"threshold": 80, "used": 8, "limit": 10})

    # then the receiver gets the same event id three times, and the delivery shows it
    await eventually(lambda: len(receiver.of_event(str(event.id))) == 3, what="three attempts")
    delivery = await eventually(
        lambda: _delivery(event), until=lambda row: row.status is DeliveryStatus.DELIVERED
    )
    assert (delivery.attempts, delivery.last_status_code) == (3, 200)
    assert delivery.next_attempt_at is None and delivery.delivered_at is not None
    assert receiver.count() == 3
    verify = readme_verifier()
    for request in receiver.of_event(str(event.id)):
        # each attempt is signed (a fresh timestamp), and the README's check accepts it
        assert request.headers["content-type"] == "application/json"
        assert verify(request.body, request.headers["credits-signature"], secret)
        assert not verify(request.body, request.headers["credits-signature"], "whsec_forged")
        assert request.json == {
            "id": str(event.id),
            "type": "usage.threshold.reached",
            "createdAt": event.created_at.isoformat(),
            "tenant": {"id": str(tenant.id), "slug": tenant.slug},
            "data": {"threshold": 80, "used": 8, "limit": 10},
        }
    assert endpoint.secret == secret


async def test_retries_are_spaced_by_the_backoff_settings(
    db: object, settings: Settings, receiver: WebhookReceiver
) -> None:
    # given base 0.25 s and max 0.5 s, and a receiver failing five times
    configured = settings.model_copy(
        update={
            "webhook_retry_base_seconds": 0.25,
            "webhook_retry_max_seconds": 0.5,
            "webhook_poll_seconds": 5.0,
        }
    )
    tenant = await make_tenant()
    await _endpoint(tenant, receiver.url)
    receiver.answer(500, 503, 404, 302, 500)
    running = WebhookSender(configured)
    running.start()
    try:
        # when an event is sent until accepted
        event = await emit_committed(tenant.id)
        await eventually(lambda: len(receiver.of_event(str(event.id))) == 6, timeout=20)
    finally:
        await running.stop()

    # then the gaps follow base x 2^(attempt-1), capped at max, plus at most 10 % jitter
    arrivals = [request.at for request in receiver.of_event(str(event.id))]
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    expected = [0.25, 0.5, 0.5, 0.5, 0.5]
    for gap, wanted in zip(gaps, expected, strict=True):
        assert wanted <= gap < wanted * 1.1 + 0.4, (gaps, expected)
    assert (await _delivery(event)).attempts == 6


def test_retry_delay_doubles_from_the_base_up_to_the_maximum(settings: Settings) -> None:
    # given the defaults (1 s, at most 3600 s)
    # then attempts 1, 2, 3 ... wait 1, 2, 4 ... and never more than an hour
    assert [retry_delay(settings, attempt) for attempt in (1, 2, 3, 4, 12, 13, 500)] == [
        1.0,
        2.0,
        4.0,
        8.0,
        2048.0,
        3600.0,
        3600.0,
    ]


async def test_an_event_whose_transaction_rolls_back_is_never_sent(
    sender: WebhookSender, receiver: WebhookReceiver
) -> None:
    # given an endpoint
    tenant = await make_tenant()
    await _endpoint(tenant, receiver.url)

    # when a cause emits its event and then fails, rolling its transaction back
    with pytest.raises(RuntimeError):
        async with in_transaction() as connection:
            await webhooks.emit(
                connection=connection,
                tenant_id=tenant.id,
                type=WebhookEventType.AUTO_TOP_UP_FAILED,
                data={"reason": "card_declined"},
            )
            raise RuntimeError("the cause failed")
    webhooks.wake()
    # and a later cause commits
    committed = await emit_committed(tenant.id)

    # then only the committed event reaches the receiver, and the other left no row
    await eventually(lambda: receiver.count() == 1, what="the committed event")
    await sender.run_once()
    assert [request.event_id for request in receiver.received] == [str(committed.id)]
    assert await WebhookEvent.filter(tenant_id=tenant.id).count() == 1
    assert await WebhookDelivery.all().count() == 1


async def test_emit_writes_one_delivery_per_live_endpoint(
    db: object, receiver: WebhookReceiver
) -> None:
    # given two endpoints, one of them deleted, and another tenant's endpoint
    tenant, other = await make_tenant(), await make_tenant()
    live, _ = await _endpoint(tenant, receiver.url)
    gone, _ = await _endpoint(tenant, receiver.url)
    await delete_endpoint(tenant_id=tenant.id, endpoint_id=gone.id)
    await _endpoint(other, receiver.url)

    # when the tenant emits an event
    event = await emit_committed(tenant.id)

    # then only the live endpoint of the tenant gets a delivery
    assert [row.endpoint_id for row in await WebhookDelivery.filter(event_id=event.id)] == [live.id]


async def test_emit_refuses_an_unknown_type(db: object) -> None:
    tenant = await make_tenant()
    async with in_transaction() as connection:
        with pytest.raises(ValueError):
            await webhooks.emit(
                connection=connection, tenant_id=tenant.id, type="usage.other", data={}
            )


async def test_a_deleted_endpoint_gets_nothing_more(
    db: object, fast: Settings, receiver: WebhookReceiver
) -> None:
    # given a delivery that failed once
    tenant = await make_tenant()
    endpoint, _ = await _endpoint(tenant, receiver.url)
    receiver.answer(*[500] * 50)
    event = await emit_committed(tenant.id)
    manual = WebhookSender(fast)
    try:
        assert (await manual.run_once()).failed == 1

        # when the endpoint is deleted
        await delete_endpoint(tenant_id=tenant.id, endpoint_id=endpoint.id)
        await WebhookDelivery.filter(event_id=event.id).update(next_attempt_at=utcnow())
        stats = await manual.run_once()
    finally:
        await manual.stop()

    # then nothing more is sent, and the delivery says why
    assert (stats.delivered, stats.failed) == (0, 0)
    delivery = await _delivery(event)
    assert delivery.status is DeliveryStatus.FAILED
    assert delivery.last_error == "The endpoint was deleted."
    assert receiver.count() == 1


async def test_a_delivery_failing_past_the_retry_window_is_failed(
    db: object, fast: Settings, receiver: WebhookReceiver
) -> None:
    # given an event older than the retry window, and a receiver that fails
    tenant = await make_tenant()
    await _endpoint(tenant, receiver.url)
    receiver.answer(500)
    event = await emit_committed(tenant.id)
    await WebhookEvent.filter(id=event.id).update(created_at=utcnow() - timedelta(hours=25))

    # when it is attempted and fails
    manual = WebhookSender(fast)
    try:
        await manual.run_once()
    finally:
        await manual.stop()

    # then it is FAILED, with no next attempt
    delivery = await _delivery(event)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.FAILED,
        1,
        500,
    )
    assert delivery.next_attempt_at is None


async def test_a_timeout_is_a_failed_attempt(
    db: object, fast: Settings, receiver: WebhookReceiver
) -> None:
    # given a receiver slower than the sender's timeout
    tenant = await make_tenant()
    await _endpoint(tenant, receiver.url)
    receiver.hold = 1.0
    event = await emit_committed(tenant.id)
    manual = WebhookSender(fast.model_copy(update={"webhook_timeout_seconds": 0.2}))
    try:
        started = time.monotonic()
        stats = await manual.run_once()
        elapsed = time.monotonic() - started
    finally:
        await manual.stop()

    # then the attempt is given up at the timeout and retried later
    assert stats.failed == 1 and elapsed < 1.0
    delivery = await _delivery(event)
    assert delivery.status is DeliveryStatus.PENDING and delivery.attempts == 1
    assert delivery.last_status_code is None and "Timed out" in (delivery.last_error or "")


async def test_the_sender_connects_to_the_address_it_checked(
    db: object, fast: Settings, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a name no real DNS knows, resolved (by the sender's resolver) to the receiver
    looked_up: list[str] = []

    async def fake_resolve(host: str, port: int) -> list[Any]:
        looked_up.append(host)
        return [addresses.ipaddress.ip_address("127.0.0.1")]

    monkeypatch.setattr(addresses, "resolve", fake_resolve)
    tenant = await make_tenant()
    await _endpoint(tenant, f"http://hooks.example.test:{receiver.port}/hook")
    event = await emit_committed(tenant.id)

    # when the sender sends it
    manual = WebhookSender(fast)
    try:
        assert (await manual.run_once()).delivered == 1
    finally:
        await manual.stop()

    # then it went to the checked address with the endpoint's own Host header
    [request] = receiver.of_event(str(event.id))
    assert request.headers["host"] == f"hooks.example.test:{receiver.port}"
    assert looked_up == ["hooks.example.test", "hooks.example.test"]  # creation, then send


async def test_dns_changed_to_a_private_address_is_refused_at_send_time(
    db: object, fast: Settings, receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a production endpoint whose name resolved to a public address when created
    answers = {"hooks.example.test": "93.184.215.14"}

    async def fake_resolve(host: str, port: int) -> list[Any]:
        return [addresses.ipaddress.ip_address(answers[host])]

    monkeypatch.setattr(addresses, "resolve", fake_resolve)
    tenant = await make_tenant()
    created = await create_endpoint(
        tenant_id=tenant.id,
        url="https://hooks.example.test/hook",
        description=None,
        production=True,
    )
    event = await emit_committed(tenant.id)

    # when DNS now points the name at a private address
    answers["hooks.example.test"] = "10.0.0.7"
    production = fast.model_copy(update={"credits_env": Environment.PRODUCTION})
    manual = WebhookSender(production)
    try:
        stats = await manual.run_once()
    finally:
        await manual.stop()

    # then nothing is sent; the attempt failed with the reason, to be retried
    assert stats.failed == 1
    delivery = await _delivery(event)
    assert delivery.endpoint_id == created.endpoint.id
    assert delivery.status is DeliveryStatus.PENDING and delivery.attempts == 1
    assert "10.0.0.7" in (delivery.last_error or "") and "non-public" in (delivery.last_error or "")


async def test_two_senders_never_send_one_delivery_at_the_same_time(
    db: object, fast: Settings, receiver: WebhookReceiver
) -> None:
    backends.require_postgres("select-free claims race for real only on PostgreSQL")
    # given 40 events for one endpoint whose receiver is slow and fails some attempts
    tenant = await make_tenant()
    await _endpoint(tenant, receiver.url)
    receiver.hold = 0.1
    receiver.answer(*[500] * 15)
    events = [await emit_committed(tenant.id, {"n": number}) for number in range(40)]

    # when two senders run on the same database at once
    senders = [WebhookSender(fast), WebhookSender(fast)]
    for running in senders:
        running.start()
    try:
        await eventually(
            lambda: WebhookDelivery.filter(status=DeliveryStatus.DELIVERED).count(),
            until=lambda delivered: delivered == 40,
            timeout=60,
        )
    finally:
        await asyncio.gather(*(running.stop() for running in senders))

    # then no delivery was ever in flight twice, and each was sent once per recorded attempt
    assert max(request.overlapping for request in receiver.received) == 1
    for event in events:
        delivery = await _delivery(event)
        assert len(receiver.of_event(str(event.id))) == delivery.attempts
    assert receiver.count() == 40 + 15


async def test_a_ledger_commit_wakes_the_sender_only_after_an_emit(
    runtime: Runtime, fast: Settings, receiver: WebhookReceiver
) -> None:
    # given this process's sender, which would otherwise poll only once an hour
    tenant = await make_tenant(100)
    owner = await make_user(tenant)
    project = await make_project(tenant, by=owner)
    await _endpoint(tenant, receiver.url)
    running = start_sender(fast.model_copy(update={"webhook_poll_seconds": 3600}), runtime.charger)
    try:
        await eventually(lambda: running.passes == 1 and not running._wake.is_set())

        # when charges commit and nothing was emitted, the sender stays asleep
        for number in range(5):
            await create_charged_task(runtime, project, owner, title=f"t{number}")
        assert running.passes == 1

        # and when an event is emitted (no explicit wake) and then a charge commits
        async with in_transaction() as connection:
            event = await webhooks.emit(
                connection=connection,
                tenant_id=tenant.id,
                type=WebhookEventType.USAGE_THRESHOLD_REACHED,
                data={"threshold": 50},
            )
        await create_charged_task(runtime, project, owner, title="after")

        # then the commit woke the sender and the event is delivered at once
        await eventually(lambda: len(receiver.of_event(str(event.id))) == 1, timeout=5)
    finally:
        await running.stop()


async def test_stopping_hands_back_the_claims_it_has_not_sent(
    db: object, fast: Settings, receiver: WebhookReceiver
) -> None:
    # given three deliveries claimed by a sender that sends one at a time to a slow receiver
    tenant = await make_tenant()
    await _endpoint(tenant, receiver.url)
    receiver.hold = 0.5
    events = [await emit_committed(tenant.id, {"n": number}) for number in range(3)]
    running = WebhookSender(fast.model_copy(update={"webhook_concurrency": 1}))
    running.start()
    await eventually(
        lambda: WebhookDelivery.filter(attempts=1).count(), until=lambda claimed: claimed == 3
    )

    # when it is stopped while the first POST is in flight
    await running.stop()

    # then the POST in flight finished, and the other two are due again, never attempted
    rows = [await _delivery(event) for event in events]
    assert sorted(row.status.value for row in rows) == ["DELIVERED", "PENDING", "PENDING"]
    assert sorted(row.attempts for row in rows) == [0, 0, 1]
    assert receiver.count() == 1
