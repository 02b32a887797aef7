"""Refunds: a charge given back, at most once, under the same lock and row locks as charges.

A refund is a REFUND ledger row (the charge's amount negated, `reverses` = the charge), written
in ONE transaction with its cause (a delete, or an admin's `refundCredits`), under the tenant's
Redis lock and row lock, like every other writer of an account (`accounts.change_account`).
The credits go back where they came from:
- the allowance's part (`from_allowance`) to the balance row of the window the charge was
  counted in: the current period's, so `usageSummary` is net of it; for a charge of a closed
  period, that period's row (its history), and the current period does not change;
- each grant's part (`credit_draw`) to that grant, unless the grant has expired or was voided
  since: those credits could not be spent any more, so they are not handed back either.
The tenant's event sequence moves on by one per refund (each refund is a live usage event), which
also tells every charger, in every process, that its kept account is stale. The unique
`reverses_id` column makes a second refund of the same charge impossible even if a writer got
past the lock (an expired Redis lock): the insert fails and the transaction is undone.

Stripe: a charge's meter event still queued and never tried is deleted from the outbox in the
same transaction (Stripe never hears of it); one already sent, or possibly sent (tried), gets a
cancel adjustment queued behind it (`services.billing.relay` sends it once the event is sent).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

import structlog
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from models import (
    BillingOutbox,
    CreditBalance,
    CreditDraw,
    CreditGrant,
    CreditUsage,
    CreditUsageKind,
    OutboxStatus,
    Tenant,
)
from services.clock import utcnow
from services.errors import Conflict, NoActiveSubscription, Unavailable
from services.events import EventBus, UsageEvent
from services.ledger.account import no_subscription_summary
from services.ledger.alert_rows import write_alerts
from services.ledger.alerts import Transition, alert_payloads, alert_transitions
from services.ledger.reads import event_sequence, load_account
from services.ledger.records import usage_payload
from services.ledger.writes import StaleRead, lock_tenant_rows
from services.locks import TenantLocks

log = structlog.get_logger(__name__)

ALREADY_REFUNDED = "This charge was already refunded."


@dataclass(frozen=True, slots=True)
class Refund:
    """A charge to give back, who gives it back (by hand, or by deleting what it paid for), and
    why (null: an automatic refund)."""

    charge: CreditUsage
    by: UUID | None
    reason: str | None = None


# What a refund's cause does in the transaction (delete the objects, check the charge) and the
# charges it gives back; it may raise a `DomainError`, which undoes everything.
Cause = Callable[[BaseDBAsyncClient], Awaitable[tuple[Any, Sequence[Refund]]]]


async def refund_with(
    *, locks: TenantLocks, bus: EventBus, tenant_id: UUID, cause: Cause
) -> tuple[Any, list[CreditUsage]]:
    """Runs `cause` and refunds the charges it names, in one transaction under the tenant's
    lock; then announces each refund to live subscribers. Returns `cause`'s value and the
    REFUND rows, in the order of its charges."""
    async with locks.hold(tenant_id):
        try:
            async with in_transaction() as connection:
                await lock_tenant_rows([tenant_id], connection)
                value, wanted = await cause(connection)
                now = utcnow()
                refunds = await _write_refunds(tenant_id, wanted, now, connection)
                summary, alerts = (
                    await _summary(tenant_id, refunds[-1].sequence, now, connection)
                    if refunds
                    else (None, ())
                )
        except IntegrityError as error:
            # The unique `reverses_id`: another writer refunded one of these charges first
            # (possible only past an expired lock); nothing of this transaction was written.
            raise Conflict(ALREADY_REFUNDED) from error
        if refunds and summary is not None:
            events = [
                UsageEvent(tenant_id, refund.sequence, summary, usage_payload(refund))
                for refund in refunds
            ]
            # The last refund's event carries the alerts the refunds resolved.
            events[-1] = replace(events[-1], alerts=alert_payloads(alerts, now))
            try:
                await bus.publish(events)
            except Exception:
                log.exception("could not publish usage event", tenant_id=str(tenant_id))
    return value, refunds


async def unrefunded(charges: Sequence[CreditUsage], connection: BaseDBAsyncClient) -> set[UUID]:
    """The ids of the `charges` no REFUND row reverses yet."""
    if not charges:
        return set()
    done = await (
        CreditUsage.filter(reverses_id__in=[charge.id for charge in charges])
        .using_db(connection)
        .values_list("reverses_id", flat=True)
    )
    refunded = {UUID(str(id_)) for id_ in done}
    return {charge.id for charge in charges} - refunded


async def _write_refunds(
    tenant_id: UUID, wanted: Sequence[Refund], now: datetime, connection: BaseDBAsyncClient
) -> list[CreditUsage]:
    if not wanted:
        return []
    current = await event_sequence(tenant_id, connection)
    refunds: list[CreditUsage] = []
    for number, refund in enumerate(wanted, 1):
        charge = refund.charge
        restored_allowance = await _restore_balance(charge, connection)
        await _restore_grants(charge, now, connection)
        row = await CreditUsage.create(
            id=uuid4(),
            tenant_id=tenant_id,
            user_id=charge.user_id,
            type=charge.type,
            amount=-charge.amount,
            from_allowance=-restored_allowance,
            object_id=charge.object_id,
            kind=CreditUsageKind.REFUND,
            reverses_id=charge.id,
            reason=refund.reason,
            refunded_by_id=refund.by,
            idempotency_key=None,
            request_hash=None,
            sequence=current + number,
            created_at=now,
            using_db=connection,
        )
        await _cancel_meter_event(charge, row, now, connection)
        refunds.append(row)
    bumped = await (
        Tenant.filter(id=tenant_id, event_sequence=current)
        .using_db(connection)
        .update(event_sequence=current + len(refunds))
    )
    if bumped != 1:
        raise Unavailable("The tenant changed concurrently; nothing was refunded, retry.")
    return refunds


async def _restore_balance(charge: CreditUsage, connection: BaseDBAsyncClient) -> int:
    """Takes the charge off the balance row of the window it was counted in (the newest one
    that contains its time: a plan change starts a new window mid-way). Returns the allowance
    credits given back."""
    row = (
        await CreditBalance.filter(
            tenant_id=charge.tenant_id,
            period_start__lte=charge.created_at,
            period_end__gt=charge.created_at,
        )
        .using_db(connection)
        .order_by("-period_start")
        .first()
    )
    if row is None:
        return 0
    by_type = dict(row.by_type or {})
    used, count = by_type.get(charge.type, (0, 0))
    by_type[charge.type] = [max(int(used) - charge.amount, 0), max(int(count) - 1, 0)]
    # Never below zero: a window that a plan change re-opened may not hold the whole charge.
    allowance = min(charge.from_allowance, row.used)
    changed = await (
        CreditBalance.filter(id=row.id, version=row.version)
        .using_db(connection)
        .update(
            used=row.used - allowance,
            charged=max(row.charged - charge.amount, 0),
            by_type=by_type,
            version=row.version + 1,
        )
    )
    if changed != 1:
        raise Unavailable("The credit balance changed concurrently; nothing was refunded, retry.")
    return allowance


async def _restore_grants(
    charge: CreditUsage, now: datetime, connection: BaseDBAsyncClient
) -> None:
    """Gives each grant back what it paid of the charge, unless it has expired or was voided."""
    draws = await CreditDraw.filter(usage_id=charge.id).using_db(connection)
    for draw in draws:
        await (
            CreditGrant.filter(
                Q(expires_at__isnull=True) | Q(expires_at__gt=now),
                id=draw.grant_id,
                voided_at__isnull=True,
            )
            .using_db(connection)
            .update(remaining=F("remaining") + draw.amount)
        )


async def _cancel_meter_event(
    charge: CreditUsage, refund: CreditUsage, now: datetime, connection: BaseDBAsyncClient
) -> None:
    """The charge's meter event is never sent if still queued and never tried; otherwise a
    cancel adjustment is queued for it (the relay sends it once the event itself is sent)."""
    queued = await BillingOutbox.filter(usage_id=charge.id).using_db(connection).first()
    if queued is None:
        return
    # A relay claims a row by bumping `attempts` from the value it read: only one of the claim
    # and this delete can match, so an event being sent right now is never deleted here.
    dropped = await (
        BillingOutbox.filter(id=queued.id, status=OutboxStatus.PENDING, attempts=0)
        .using_db(connection)
        .delete()
    )
    if dropped:
        return
    await BillingOutbox.create(
        id=uuid4(),
        tenant_id=charge.tenant_id,
        usage_id=refund.id,
        cancels=charge.id,
        event_name=queued.event_name,
        unit=queued.unit,
        value=queued.value,
        next_attempt_at=now,
        created_at=now,
        using_db=connection,
    )


async def _summary(
    tenant_id: UUID, sequence: int, now: datetime, connection: BaseDBAsyncClient
) -> tuple[dict[str, Any], tuple[Transition, ...]]:
    """The summary once refunded, and the usage alerts the refunds changed (written here,
    with `sequence`, the last refund's)."""
    try:
        account = await load_account(tenant_id, now, connection, for_charge=True)
    except NoActiveSubscription:
        return no_subscription_summary(), ()
    account, alerts = alert_transitions(replace(account, event_sequence=sequence), now)
    try:
        await write_alerts(alerts, now, connection)
    except StaleRead:
        raise Unavailable("The tenant changed concurrently; nothing was refunded, retry.") from None
    return account.summary(), alerts
