"""Auto top-up attempts: started under the tenant lock, finished once.

An attempt is created only under the tenant lock (the one the ledger and `change_account`
take), in a transaction that first locks the tenant's row, after re-reading: the account is
still below the threshold, auto top-up is on and not paused, no attempt is PENDING and the
month's PENDING + SUCCEEDED attempts are fewer than `maxPerMonth`. The unique
`pending_tenant_id` column makes two PENDING attempts of one tenant impossible even if the
lock expired mid-way. Creating one changes nothing a charge decides on, so the event sequence
is not bumped.

Outcomes run inside `change_account` (the Stripe webhook's transaction, or the worker's for a
synchronous decline): each moves the attempt out of PENDING with a conditional update, so a
replayed webhook or a second worker applies nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import AutoTopUp, AutoTopUpAttempt, CreditGrant, GrantSource, TopUpStatus
from services.billing.top_up.config import month_of
from services.clock import utcnow
from services.errors import NoActiveSubscription
from services.ledger.reads import load_account
from services.ledger.writes import lock_tenant_rows
from services.locks import TenantLocks
from services.webhooks import WebhookEventType, emit
from settings import Settings

REASON = "Auto top-up: credit pack bought off-session through Stripe."


async def start_attempt(
    *, settings: Settings, locks: TenantLocks, tenant_id: UUID
) -> AutoTopUpAttempt | None:
    """A new PENDING attempt if the tenant needs and may have one now; else None."""
    if await AutoTopUpAttempt.exists(tenant_id=tenant_id, status=TopUpStatus.PENDING):
        return None  # the common case under a burst: no lock taken
    async with locks.hold(tenant_id):
        try:
            async with in_transaction() as connection:
                await lock_tenant_rows([tenant_id], connection)
                return await _start(settings, tenant_id, connection)
        except IntegrityError:
            return None  # another PENDING attempt got in (the database's guarantee)


async def _start(
    settings: Settings, tenant_id: UUID, connection: BaseDBAsyncClient
) -> AutoTopUpAttempt | None:
    config = await AutoTopUp.get_or_none(tenant_id=tenant_id, using_db=connection)
    if config is None or not config.enabled or config.paused_at is not None:
        return None
    credits = settings.credit_packs.get(config.price_id)
    if credits is None:
        return None  # the pack is no longer on sale
    now = utcnow()
    try:
        account = await load_account(tenant_id, now, connection, for_charge=False)
    except NoActiveSubscription:
        return None
    remaining = account.remaining
    if remaining is None or remaining >= config.below_credits:
        return None
    month = month_of(now)
    attempts = AutoTopUpAttempt.filter(tenant_id=tenant_id).using_db(connection)
    if await attempts.filter(status=TopUpStatus.PENDING).exists():
        return None
    counted = await attempts.filter(
        month=month, status__in=[TopUpStatus.PENDING, TopUpStatus.SUCCEEDED]
    ).count()
    if counted >= config.max_per_month:
        return None
    return await AutoTopUpAttempt.create(
        tenant_id=tenant_id,
        pending_tenant_id=tenant_id,
        month=month,
        status=TopUpStatus.PENDING,
        price_id=config.price_id,
        credits=credits,
        next_attempt_at=now,
        created_at=now,
        using_db=connection,
    )


@dataclass(frozen=True, slots=True)
class Succeeded:
    """Stripe confirmed the attempt's payment: grant its credits (once)."""

    tenant_id: UUID
    attempt_id: UUID
    payment_intent_id: str

    async def apply(self, connection: BaseDBAsyncClient, created: object = None) -> str:
        attempt = await _pending(self.tenant_id, self.attempt_id, connection)
        if attempt is None:
            return "duplicate"
        grant = await CreditGrant.create(
            tenant_id=self.tenant_id,
            amount=attempt.credits,
            remaining=attempt.credits,
            priority=0,
            source=GrantSource.PURCHASE,
            reason=REASON,
            using_db=connection,
        )
        await _finish(
            attempt,
            connection,
            status=TopUpStatus.SUCCEEDED,
            grant_id=grant.id,
            payment_intent_id=self.payment_intent_id,
        )
        await emit(
            connection=connection,
            tenant_id=self.tenant_id,
            type=WebhookEventType.AUTO_TOP_UP_SUCCEEDED,
            data={**_data(attempt, self.payment_intent_id), "grantId": str(grant.id)},
        )
        return "applied"


@dataclass(frozen=True, slots=True)
class Failed:
    """The attempt's payment was declined (or refused): nothing granted, auto top-up paused."""

    tenant_id: UUID
    attempt_id: UUID
    payment_intent_id: str | None
    reason: str

    async def apply(self, connection: BaseDBAsyncClient, created: object = None) -> str:
        attempt = await _pending(self.tenant_id, self.attempt_id, connection)
        if attempt is None:
            return "duplicate"
        await _finish(
            attempt,
            connection,
            status=TopUpStatus.FAILED,
            failure=self.reason[:1000],
            payment_intent_id=self.payment_intent_id or attempt.payment_intent_id,
        )
        await (
            AutoTopUp.filter(tenant_id=self.tenant_id, paused_at__isnull=True)
            .using_db(connection)
            .update(paused_at=utcnow())
        )
        await emit(
            connection=connection,
            tenant_id=self.tenant_id,
            type=WebhookEventType.AUTO_TOP_UP_FAILED,
            data={**_data(attempt, self.payment_intent_id), "reason": self.reason[:500]},
        )
        return "applied"


async def _pending(
    tenant_id: UUID, attempt_id: UUID, connection: BaseDBAsyncClient
) -> AutoTopUpAttempt | None:
    return await AutoTopUpAttempt.get_or_none(
        id=attempt_id, tenant_id=tenant_id, status=TopUpStatus.PENDING, using_db=connection
    )


async def _finish(attempt: AutoTopUpAttempt, connection: BaseDBAsyncClient, **values: Any) -> None:
    # Conditional: under the tenant lock only one outcome gets here, but a hand edit or an
    # expired lock must not finish an attempt twice.
    finished = await (
        AutoTopUpAttempt.filter(id=attempt.id, status=TopUpStatus.PENDING)
        .using_db(connection)
        .update(pending_tenant_id=None, finished_at=utcnow(), **values)
    )
    if finished != 1:
        raise IntegrityError("auto top-up attempt finished concurrently")


def _data(attempt: AutoTopUpAttempt, payment_intent_id: str | None) -> dict[str, Any]:
    return {
        "attemptId": str(attempt.id),
        "paymentIntentId": payment_intent_id or attempt.payment_intent_id,
        "priceId": attempt.price_id,
        "credits": attempt.credits,
        "amount": attempt.amount,
        "currency": attempt.currency,
    }
