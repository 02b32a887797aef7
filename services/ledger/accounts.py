"""Changes to what a tenant may spend (its plan, its period, its grants, its alert
thresholds), made under the same lock and guards as the charges, and announced to live
subscribers like a charge. The usage alerts such a change reaches or resolves are written in
its transaction (`alert_rows`) and carried by its event."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TypeVar
from uuid import UUID

import structlog
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from models import Tenant
from services.clock import utcnow
from services.errors import NoActiveSubscription, Unavailable
from services.events import EventBus, UsageEvent
from services.ledger.account import Account, no_subscription_summary
from services.ledger.alert_rows import write_alerts
from services.ledger.alerts import Transition, alert_payloads, alert_transitions
from services.ledger.reads import event_sequence, load_account
from services.ledger.writes import StaleRead, lock_tenant_rows
from services.locks import TenantLocks

log = structlog.get_logger(__name__)

T = TypeVar("T")
CONCURRENT = "The tenant changed concurrently; nothing was changed, retry."


async def change_account(
    *,
    locks: TenantLocks,
    bus: EventBus,
    tenant_id: UUID,
    change: Callable[[BaseDBAsyncClient], Awaitable[T]],
) -> T:
    """Runs `change` under the tenant lock, in one transaction with the bump of the tenant's
    event sequence (which tells every charger that its kept account is stale), then tells
    live subscribers the new summary."""
    async with locks.hold(tenant_id):
        async with in_transaction() as connection:
            await lock_tenant_rows([tenant_id], connection)
            result = await change(connection)
            account: Account | None = None
            now = utcnow()
            with contextlib.suppress(NoActiveSubscription):
                account = await load_account(tenant_id, now, connection, for_charge=True)
            current = await event_sequence(tenant_id, connection)
            next_sequence = current + 1
            alerts: tuple[Transition, ...] = ()
            if account is not None:
                account, alerts = alert_transitions(
                    replace(account, event_sequence=next_sequence), now
                )
                try:
                    await write_alerts(alerts, now, connection)
                except StaleRead:
                    raise Unavailable(CONCURRENT) from None
            bumped = await (
                Tenant.filter(id=tenant_id, event_sequence=current)
                .using_db(connection)
                .update(event_sequence=next_sequence)
            )
            if bumped != 1:
                raise Unavailable(CONCURRENT)
        summary = account.summary() if account else no_subscription_summary()
        try:
            await bus.publish(
                [UsageEvent(tenant_id, next_sequence, summary, None, alert_payloads(alerts, now))]
            )
        except Exception:
            log.exception("could not publish usage event", tenant_id=str(tenant_id))
    return result
