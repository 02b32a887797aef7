"""The outbox relay: sends each BillingOutbox row to Stripe as one meter event.

Safe with any number of relays (processes) on one database:
- a row is **claimed** with a conditional update that bumps `attempts` and pushes
  `next_attempt_at` one lease ahead; only one relay's update can match a given `attempts`, so
  only one relay sends it while the lease runs;
- the meter event's `identifier` is the ledger row id and the idempotency key is derived from
  it: a resend after a crash or a timeout (the lease ran out) is deduplicated by Stripe;
- a failure schedules the next attempt with exponential backoff (and jitter);
- a row older than Stripe's dedupe window (~24 h) is marked RECONCILE instead of being sent,
  because a resend could no longer be recognised as one;
- Stripe is never called inside a transaction; each claim and each result is its own statement;
- a refund's row (`cancels` set) is a meter event adjustment that cancels the refunded charge's
  event (by its identifier): it waits until that event is sent, and goes to RECONCILE with it.

The relay wakes after every charge commit in its process and polls otherwise
(services/background.py runs its loop).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import stripe
import structlog
from tortoise.expressions import F

from models import BillingOutbox, OutboxStatus, Tenant
from services.background import BackgroundWorker
from services.billing.client import stripe_client
from services.clock import utcnow
from services.metrics import OUTBOX_DEPTH
from settings import Settings

log = structlog.get_logger(__name__)

MAX_ERROR = 2_000
# The pending count for `credits_outbox_pending` is read at most this often: a pass runs after
# every charge commit, and the gauge need not cost a query each time.
DEPTH_INTERVAL_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class RelayStats:
    sent: int = 0
    failed: int = 0
    reconcile: int = 0


def idempotency_key(row: BillingOutbox) -> str:
    if row.cancels is not None:
        return f"meter-event-adjustment-{row.usage_id}"
    return f"meter-event-{row.usage_id}"


class OutboxRelay(BackgroundWorker):
    name = "outbox-relay"

    def __init__(self, settings: Settings) -> None:
        super().__init__(stop_grace_seconds=settings.stripe_timeout_seconds * 2 + 5)
        self._settings = settings
        self.retry_seconds = settings.outbox_poll_seconds
        self._depth_read_at = -DEPTH_INTERVAL_SECONDS

    def wake(self) -> None:
        """Called after each commit that may have written outbox rows."""
        super().wake()

    async def run_pass(self) -> float:
        try:
            stats = await self.run_once()
        except Exception:
            log.exception("outbox relay pass failed")
            stats = RelayStats()
        await self._read_depth()
        if stats.sent or stats.failed or stats.reconcile:
            return 0  # more may be waiting
        return self._settings.outbox_poll_seconds

    async def _read_depth(self) -> None:
        now = time.monotonic()
        if now - self._depth_read_at < DEPTH_INTERVAL_SECONDS:
            return
        self._depth_read_at = now
        try:
            OUTBOX_DEPTH.set(await BillingOutbox.filter(status=OutboxStatus.PENDING).count())
        except Exception:  # a gauge is not worth failing the relay for
            log.warning("outbox depth not read", exc_info=True)

    async def run_once(self) -> RelayStats:
        """One pass: claims due rows and sends them; returns what happened."""
        settings = self._settings
        now = utcnow()
        cutoff = now - timedelta(seconds=settings.outbox_reconcile_after_seconds)
        reconcile = await BillingOutbox.filter(
            status=OutboxStatus.PENDING, created_at__lt=cutoff, next_attempt_at__lte=now
        ).update(
            status=OutboxStatus.RECONCILE,
            last_error="Not sent within Stripe's dedupe window; reconcile by hand.",
        )
        due = (
            await BillingOutbox.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "created_at")
            .limit(settings.outbox_batch_size)
        )
        due, held_back = await self._ready(due, now)
        lease_until = now + timedelta(seconds=settings.outbox_lease_seconds)
        claimed: list[BillingOutbox] = []
        for row in due:
            won = await BillingOutbox.filter(
                id=row.id, status=OutboxStatus.PENDING, attempts=row.attempts
            ).update(attempts=F("attempts") + 1, next_attempt_at=lease_until)
            if won == 1:
                row.attempts += 1
                claimed.append(row)
        reconcile += held_back
        if not claimed:
            return RelayStats(reconcile=reconcile)
        customers = {
            tenant.id: tenant.stripe_customer_id
            for tenant in await Tenant.filter(id__in={row.tenant_id for row in claimed}).only(
                "id", "stripe_customer_id"
            )
        }
        limit = asyncio.Semaphore(settings.outbox_concurrency)

        async def send(row: BillingOutbox) -> bool:
            async with limit:
                return await self._send(row, customers.get(row.tenant_id))

        results = await asyncio.gather(*(send(row) for row in claimed))
        sent = sum(results)
        return RelayStats(sent=sent, failed=len(results) - sent, reconcile=reconcile)

    async def _ready(
        self, due: list[BillingOutbox], now: datetime
    ) -> tuple[list[BillingOutbox], int]:
        """The due rows that can go now: every meter event, and each adjustment whose event
        was sent. An adjustment whose event is still pending waits for it; one whose event went
        to RECONCILE goes there too (a person settles both). Also returns how many did."""
        adjustments = [row for row in due if row.cancels is not None]
        if not adjustments:
            return due, 0
        statuses = dict(
            await BillingOutbox.filter(
                usage_id__in=[row.cancels for row in adjustments]
            ).values_list("usage_id", "status")
        )
        ready = [row for row in due if row.cancels is None]
        to_reconcile = 0
        for row in adjustments:
            status = statuses.get(row.cancels)
            if status == OutboxStatus.SENT:
                ready.append(row)
            elif status == OutboxStatus.PENDING:
                await BillingOutbox.filter(id=row.id, attempts=row.attempts).update(
                    next_attempt_at=now
                    + timedelta(seconds=self._settings.outbox_retry_base_seconds)
                )
            else:
                to_reconcile += await BillingOutbox.filter(
                    id=row.id, status=OutboxStatus.PENDING, attempts=row.attempts
                ).update(
                    status=OutboxStatus.RECONCILE,
                    last_error="The meter event it cancels is to reconcile by hand.",
                )
        return ready, to_reconcile

    async def _send(self, row: BillingOutbox, customer_id: str | None) -> bool:
        if not customer_id:
            await self._failed(row, "The tenant has no Stripe customer yet.", permanent=False)
            return False
        client = stripe_client(self._settings)
        try:
            if row.cancels is not None:
                await client.v1.billing.meter_event_adjustments.create_async(
                    {
                        "event_name": row.event_name,
                        "type": "cancel",
                        "cancel": {"identifier": str(row.cancels)},
                    },
                    {"idempotency_key": idempotency_key(row)},
                )
            else:
                await client.v1.billing.meter_events.create_async(
                    {
                        "event_name": row.event_name,
                        "identifier": str(row.usage_id),
                        "timestamp": int(row.created_at.timestamp()),
                        "payload": {"stripe_customer_id": customer_id, "value": str(row.value)},
                    },
                    {"idempotency_key": idempotency_key(row)},
                )
        except stripe.StripeError as error:
            status = error.http_status
            # 4xx other than conflict/rate limit will not get better by retrying.
            permanent = status is not None and 400 <= status < 500 and status not in (409, 429)
            await self._failed(row, f"{type(error).__name__}: {error}", permanent=permanent)
            return False
        except Exception as error:  # network failures and timeouts
            await self._failed(row, f"{type(error).__name__}: {error}", permanent=False)
            return False
        await BillingOutbox.filter(id=row.id, attempts=row.attempts).update(
            status=OutboxStatus.SENT, sent_at=utcnow(), last_error=None
        )
        return True

    async def _failed(self, row: BillingOutbox, message: str, *, permanent: bool) -> None:
        settings = self._settings
        delay = min(
            settings.outbox_retry_base_seconds * 2 ** max(row.attempts - 1, 0),
            settings.outbox_retry_max_seconds,
        )
        delay *= 0.5 + random.random() / 2
        log.warning("meter event not sent", usage_id=str(row.usage_id), error=message)
        await BillingOutbox.filter(id=row.id, attempts=row.attempts).update(
            status=OutboxStatus.RECONCILE if permanent else OutboxStatus.PENDING,
            next_attempt_at=utcnow() + timedelta(seconds=delay),
            last_error=message[:MAX_ERROR],
        )
