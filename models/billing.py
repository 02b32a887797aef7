from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant


class OutboxStatus(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    # Not sent inside Stripe's dedupe window: resending could double-bill, so a person decides.
    RECONCILE = "RECONCILE"


class BillingOutbox(Model):
    """A meter event owed to Stripe, written in the same transaction as its ledger row."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="outbox", on_delete=fields.CASCADE
    )
    usage_id = fields.UUIDField(unique=True)
    # An adjustment (a refund's row): the charge whose meter event it cancels (the event's
    # identifier). Sent only once that event was sent; null for a meter event.
    cancels = fields.UUIDField(null=True)
    event_name = fields.CharField(max_length=100)
    unit = fields.CharField(max_length=64)
    value = fields.IntField()
    status = fields.CharEnumField(OutboxStatus, max_length=16, default=OutboxStatus.PENDING)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)

    tenant_id: UUID

    class Meta:
        table = "billing_outbox"
        indexes = (("status", "next_attempt_at"),)


class StripeEvent(Model):
    """A processed Stripe webhook event: written with its effect, so each is applied once."""

    id = fields.CharField(max_length=255, primary_key=True)
    type = fields.CharField(max_length=100)
    processed_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "stripe_event"
