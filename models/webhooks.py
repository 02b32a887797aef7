"""Outgoing webhooks: a tenant's endpoints, the events sent to them, one delivery per pair."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant


class WebhookEventType(StrEnum):
    """The event types of the contract (DESIGN.md, "Outgoing webhooks"); no others are sent."""

    USAGE_THRESHOLD_REACHED = "usage.threshold.reached"
    USAGE_THRESHOLD_RESOLVED = "usage.threshold.resolved"
    AUTO_TOP_UP_SUCCEEDED = "credits.auto_top_up.succeeded"
    AUTO_TOP_UP_FAILED = "credits.auto_top_up.failed"


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    # Retried until the retry window ran out, or its endpoint was deleted: never sent again.
    FAILED = "FAILED"


class WebhookEndpoint(Model):
    """A URL of the tenant's that receives its events.

    Deleting one sets `deleted_at`: its deliveries stay readable in history, and stop.
    """

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="webhook_endpoints", on_delete=fields.CASCADE
    )
    url = fields.CharField(max_length=2048)
    description = fields.TextField(null=True)
    # The HMAC signing secret, stored as given because the server must sign with it (it is not
    # a password: a hash would be useless). Shown once at creation, never logged.
    secret = fields.CharField(max_length=128)
    created_at = fields.DatetimeField()
    deleted_at = fields.DatetimeField(null=True)

    tenant_id: UUID

    class Meta:
        table = "webhook_endpoint"
        indexes = (("tenant_id", "deleted_at"),)


class WebhookEvent(Model):
    """Something that happened to a tenant, written in the same transaction as its cause.

    Its id is the `id` receivers see, the same on every retry.
    """

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="webhook_events", on_delete=fields.CASCADE
    )
    type = fields.CharEnumField(WebhookEventType, max_length=64)
    data: dict[str, Any] = fields.JSONField()
    created_at = fields.DatetimeField()

    tenant_id: UUID

    class Meta:
        table = "webhook_event"


class WebhookDelivery(Model):
    """One event owed to one endpoint: the sender's outbox row."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    event: fields.ForeignKeyRelation[WebhookEvent] = fields.ForeignKeyField(
        "models.WebhookEvent", related_name="deliveries", on_delete=fields.CASCADE
    )
    endpoint: fields.ForeignKeyRelation[WebhookEndpoint] = fields.ForeignKeyField(
        "models.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    last_status_code = fields.IntField(null=True)
    next_attempt_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    event_id: UUID
    endpoint_id: UUID

    class Meta:
        table = "webhook_delivery"
        unique_together = (("event", "endpoint"),)
        indexes = (("status", "next_attempt_at"), ("endpoint_id", "created_at"))


async def newest_delivery_ids(
    endpoint_ids: Sequence[UUID], per_endpoint: int
) -> list[tuple[UUID, UUID]]:
    """(endpoint id, delivery id) of the newest `per_endpoint` deliveries of each endpoint, in
    one statement, newest first within each endpoint.

    Only UUID objects and an int are interpolated, so the SQL cannot be injected into.
    """
    if not endpoint_ids or per_endpoint <= 0:
        return []
    ids = ", ".join(f"'{UUID(str(endpoint_id))}'" for endpoint_id in endpoint_ids)
    sql = (
        "SELECT endpoint_id, id FROM ("
        " SELECT endpoint_id, id, ROW_NUMBER() OVER"
        "  (PARTITION BY endpoint_id ORDER BY created_at DESC, id DESC) AS position"
        f" FROM webhook_delivery WHERE endpoint_id IN ({ids})"
        f") ranked WHERE position <= {int(per_endpoint)} ORDER BY endpoint_id, position"
    )
    _, rows = await WebhookDelivery._meta.db.execute_query(sql)
    return [(UUID(str(row[0])), UUID(str(row[1]))) for row in rows]
