"""The top-up worker: starts attempts for the tenants the ledger found low, and pays them.

- `notice(tenant_ids)` (called by the ledger after a commit, no I/O) queues the tenants and wakes
  the worker; a tenant checked less than `AUTO_TOP_UP_RECHECK_SECONDS` ago is not queued again,
  so a burst of charges below the threshold costs one check, not one per batch.
- A pass starts the queued tenants' attempts (`attempts.start_attempt`, under the tenant lock),
  then claims the due PENDING attempts — a conditional update on `claims` that pushes
  `next_attempt_at` one lease ahead, so one worker of any process makes a given call — and:
  * without a PaymentIntent: creates it, off-session and confirmed, on the customer's default
    payment method, for the pack's Stripe price, with the idempotency key of the attempt (a
    crash or a timeout between the commit and Stripe's answer is retried with the same key,
    and Stripe answers with the same PaymentIntent). A card error (decline) or another refusal
    finishes the attempt FAILED; Stripe unreachable or 5xx retries after a backoff;
  * with one whose webhook has not come within `AUTO_TOP_UP_CONFIRM_SECONDS`: looks it up.
  The credits are granted only by Stripe's confirmation (`payment_intent.succeeded`, applied by
  the billing webhook, or the lookup): never on the worker's own say-so.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

import httpx
import stripe
import structlog
from tortoise.expressions import F

from models import AutoTopUpAttempt, Tenant, TopUpStatus
from services.background import BackgroundWorker
from services.billing.client import stripe_client
from services.billing.top_up.attempts import Failed, Succeeded, start_attempt
from services.billing.top_up.config import default_payment_method
from services.billing.top_up.stripe_events import ATTEMPT_ID, KIND, TENANT_ID
from services.clock import utcnow
from services.errors import ValidationFailed
from services.webhooks.delivery import wake_if_emitted
from settings import Settings

if TYPE_CHECKING:
    from services.runtime import Runtime

log = structlog.get_logger(__name__)

BATCH = 20
# Statuses of a PaymentIntent that will not succeed without the customer.
FAILED_STATUSES = {"requires_payment_method", "canceled"}


def idempotency_key(attempt_id: UUID) -> str:
    return f"auto-top-up-{attempt_id}"


class TopUpWorker(BackgroundWorker):
    name = "auto-top-up"

    def __init__(self, settings: Settings, runtime: Runtime) -> None:
        super().__init__(stop_grace_seconds=settings.stripe_timeout_seconds * 3 + 5)
        self._settings = settings
        self._runtime = runtime
        self.retry_seconds = settings.auto_top_up_poll_seconds
        self._low: set[UUID] = set()
        self._checked_at: dict[UUID, float] = {}

    def notice(self, tenant_ids: list[UUID]) -> None:
        """These tenants' committed accounts are below their threshold (no I/O)."""
        now = time.monotonic()
        recheck = self._settings.auto_top_up_recheck_seconds
        queued = False
        for tenant_id in tenant_ids:
            if tenant_id in self._low or now - self._checked_at.get(tenant_id, -recheck) < recheck:
                continue
            self._low.add(tenant_id)
            queued = True
        if queued:
            self.wake()

    async def run_pass(self) -> float:
        low, self._low = self._low, set()
        now = time.monotonic()
        for tenant_id in low:
            self._checked_at[tenant_id] = now
            attempt = await start_attempt(
                settings=self._settings, locks=self._runtime.locks, tenant_id=tenant_id
            )
            if attempt is not None:
                log.info(
                    "auto top-up started", tenant_id=str(tenant_id), attempt_id=str(attempt.id)
                )
        self._forget_old(now)
        worked = await self.run_once()
        return 0 if worked or self._low else self._settings.auto_top_up_poll_seconds

    def _forget_old(self, now: float) -> None:
        recheck = self._settings.auto_top_up_recheck_seconds
        for tenant_id in [t for t, at in self._checked_at.items() if now - at >= recheck]:
            del self._checked_at[tenant_id]

    async def run_once(self) -> int:
        """Claims the due PENDING attempts and works on each; returns how many."""
        now = utcnow()
        due = (
            await AutoTopUpAttempt.filter(status=TopUpStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .limit(BATCH)
        )
        lease = now + timedelta(seconds=self._settings.auto_top_up_lease_seconds)
        claimed = []
        for attempt in due:
            won = await AutoTopUpAttempt.filter(
                id=attempt.id, status=TopUpStatus.PENDING, claims=attempt.claims
            ).update(claims=F("claims") + 1, next_attempt_at=lease)
            if won == 1:
                attempt.claims += 1
                claimed.append(attempt)
        for attempt in claimed:
            if attempt.payment_intent_id is None:
                await self._pay(attempt)
            else:
                await self._look_up(attempt)
        return len(claimed)

    async def _pay(self, attempt: AutoTopUpAttempt) -> None:
        settings = self._settings
        tenant = await Tenant.get(id=attempt.tenant_id)
        try:
            customer, method = await default_payment_method(settings, tenant)
        except ValidationFailed as refused:
            await self._fail(attempt, None, refused.message)
            return
        except Exception as error:
            await self._retry(attempt, error)
            return
        client = stripe_client(settings)
        try:
            price = await client.v1.prices.retrieve_async(attempt.price_id)
            amount, currency = int(price.unit_amount or 0), str(price.currency)
            intent = await client.v1.payment_intents.create_async(
                {
                    "amount": amount,
                    "currency": currency,
                    "customer": customer,
                    "payment_method": method,
                    "off_session": True,
                    "confirm": True,
                    "description": f"Auto top-up: {attempt.credits} credits",
                    "metadata": {
                        "kind": KIND,
                        TENANT_ID: str(attempt.tenant_id),
                        ATTEMPT_ID: str(attempt.id),
                        "credits": str(attempt.credits),
                    },
                },
                {"idempotency_key": idempotency_key(attempt.id)},
            )
        except stripe.CardError as declined:
            await self._fail(attempt, _intent_of(declined), f"Declined: {declined.user_message}")
            return
        except stripe.StripeError as error:
            status = error.http_status
            if status is not None and 400 <= status < 500 and status not in (409, 429):
                await self._fail(attempt, None, f"Refused by Stripe: {error.user_message}")
            else:
                await self._retry(attempt, error)
            return
        except (httpx.HTTPError, OSError, TimeoutError) as error:
            await self._retry(attempt, error)
            return
        confirm_by = utcnow() + timedelta(seconds=settings.auto_top_up_confirm_seconds)
        await AutoTopUpAttempt.filter(
            id=attempt.id, status=TopUpStatus.PENDING, claims=attempt.claims
        ).update(
            payment_intent_id=intent.id,
            amount=amount,
            currency=currency,
            next_attempt_at=confirm_by,
        )
        log.info(
            "auto top-up payment made",
            attempt_id=str(attempt.id),
            payment_intent_id=intent.id,
            status=intent.status,
        )

    async def _look_up(self, attempt: AutoTopUpAttempt) -> None:
        """The webhook did not come in time: ask Stripe how the payment went."""
        assert attempt.payment_intent_id is not None
        try:
            intent = await stripe_client(self._settings).v1.payment_intents.retrieve_async(
                attempt.payment_intent_id
            )
        except (stripe.StripeError, httpx.HTTPError, OSError, TimeoutError) as error:
            await self._retry(attempt, error)
            return
        if intent.status == "succeeded":
            await self._apply(Succeeded(attempt.tenant_id, attempt.id, intent.id))
        elif intent.status in FAILED_STATUSES:
            await self._fail(attempt, intent.id, f"Payment {intent.status}.")
        else:  # still processing: look again later
            await self._retry(attempt, None)

    async def _fail(self, attempt: AutoTopUpAttempt, intent_id: str | None, reason: str) -> None:
        log.warning("auto top-up failed", attempt_id=str(attempt.id), reason=reason)
        await self._apply(Failed(attempt.tenant_id, attempt.id, intent_id, reason))

    async def _apply(self, outcome: Succeeded | Failed) -> None:
        async def change(connection: Any) -> str:
            return await outcome.apply(connection)

        await self._runtime.charger.change_account(outcome.tenant_id, change)
        wake_if_emitted()

    async def _retry(self, attempt: AutoTopUpAttempt, error: BaseException | None) -> None:
        delay = min(
            self._settings.auto_top_up_retry_seconds * 2 ** max(attempt.claims - 1, 0),
            self._settings.auto_top_up_confirm_seconds,
        )
        if error is not None:
            log.warning(
                "auto top-up: Stripe did not answer", attempt_id=str(attempt.id), error=repr(error)
            )
        await AutoTopUpAttempt.filter(
            id=attempt.id, status=TopUpStatus.PENDING, claims=attempt.claims
        ).update(next_attempt_at=utcnow() + timedelta(seconds=delay))


def _intent_of(error: stripe.StripeError) -> str | None:
    body = error.json_body if isinstance(error.json_body, dict) else {}
    intent = (body.get("error") or {}).get("payment_intent")
    if isinstance(intent, dict):
        return str(intent.get("id")) or None
    return None
