"""Emitting a webhook event: inside the transaction of its cause.

A later feature (threshold alerts, auto top-up) calls `emit` with the connection of the
transaction that commits the cause, so the event exists if and only if its cause committed:

    async with in_transaction() as connection:        # or inside Charger.change_account
        ...                                           # write the cause
        await webhooks.emit(
            connection=connection,
            tenant_id=tenant_id,
            type=WebhookEventType.USAGE_THRESHOLD_REACHED,
            data={"threshold": 80, "used": 80, "limit": 100, "periodStart": "..."},
        )
    webhooks.wake()                                   # after commit: send now, not at next poll

`emit` writes the event and one PENDING delivery per live endpoint of the tenant (none: the
event is still recorded). It never sends anything: senders do, after commit. `wake()` is only
a hint — each commit of the charge ledger wakes this process's sender when something was
emitted since it last woke (`Charger.on_commit`; a flag check, so charges that emit nothing
cost no query), and every sender polls — so forgetting it delays an event by at most
`WEBHOOK_POLL_SECONDS`.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson
from tortoise.backends.base.client import BaseDBAsyncClient

from models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookEventType
from services.clock import utcnow

MAX_DATA_BYTES = 64_000

# Whether this process emitted since its senders last woke (read by `take_emitted`).
_emitted = False


def take_emitted() -> bool:
    """Whether anything was emitted since the last call (and forgets it)."""
    global _emitted
    emitted, _emitted = _emitted, False
    return emitted


async def emit(
    *,
    connection: BaseDBAsyncClient,
    tenant_id: UUID,
    type: WebhookEventType | str,
    data: dict[str, Any],
) -> WebhookEvent:
    """Records the event and its deliveries in the caller's transaction (see the module doc).

    `type` must be one of the four event types; `data` a JSON object (at most 64 kB encoded).
    A bad type or data raises ValueError: that is a bug of the caller, not an input error.
    """
    global _emitted
    event_type = WebhookEventType(type)
    encoded = orjson.dumps(data)  # raises on what JSON cannot carry
    if not isinstance(data, dict) or len(encoded) > MAX_DATA_BYTES:
        raise ValueError(f"webhook data must be a JSON object of at most {MAX_DATA_BYTES} bytes")
    now = utcnow()
    event = await WebhookEvent.create(
        tenant_id=tenant_id,
        type=event_type,
        data=orjson.loads(encoded),
        created_at=now,
        using_db=connection,
    )
    endpoint_ids = await (
        WebhookEndpoint.filter(tenant_id=tenant_id, deleted_at__isnull=True)
        .using_db(connection)
        .values_list("id", flat=True)
    )
    if endpoint_ids:
        await WebhookDelivery.bulk_create(
            [
                WebhookDelivery(
                    event_id=event.id,
                    endpoint_id=endpoint_id,
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
                for endpoint_id in endpoint_ids
            ],
            using_db=connection,
        )
    _emitted = True
    return event
