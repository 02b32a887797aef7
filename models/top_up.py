"""Auto top-up: a tenant's standing order for a credit pack, and each payment attempt."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant


class TopUpStatus(StrEnum):
    # Created; the payment is being made or awaits Stripe's confirmation.
    PENDING = "PENDING"
    # Stripe confirmed the payment; the pack's credits were granted.
    SUCCEEDED = "SUCCEEDED"
    # Declined (or refused by Stripe): nothing granted.
    FAILED = "FAILED"


class AutoTopUp(Model):
    """The tenant's auto top-up settings (one row per tenant, once set)."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.OneToOneRelation[Tenant] = fields.OneToOneField(
        "models.Tenant", related_name="auto_top_up", on_delete=fields.CASCADE
    )
    enabled = fields.BooleanField()
    below_credits = fields.IntField()
    price_id = fields.CharField(max_length=255)
    max_per_month = fields.IntField()
    # Set when a payment failed: no attempt is made until the settings are saved again.
    paused_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField()

    tenant_id: UUID

    class Meta:
        table = "auto_top_up"


class AutoTopUpAttempt(Model):
    """One off-session payment for a credit pack; at most one PENDING per tenant."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="auto_top_up_attempts", on_delete=fields.CASCADE
    )
    # The tenant's id while PENDING, null once finished: unique, so the database itself holds
    # at most one PENDING attempt per tenant (a unique partial index, portable to SQLite).
    pending_tenant_id = fields.UUIDField(null=True, unique=True)
    # The calendar month (UTC) it counts in, "YYYY-MM".
    month = fields.CharField(max_length=7)
    status = fields.CharEnumField(TopUpStatus, max_length=16)
    price_id = fields.CharField(max_length=255)
    credits = fields.IntField()
    # What Stripe was asked to charge, from the pack's price (smallest currency unit).
    amount = fields.IntField(null=True)
    currency = fields.CharField(max_length=8, null=True)
    payment_intent_id = fields.CharField(max_length=255, null=True, unique=True)
    # The PURCHASE grant Stripe's confirmation gave.
    grant_id = fields.UUIDField(null=True)
    failure = fields.TextField(null=True)
    # Claims by payment workers (a claim is a lease until `next_attempt_at`).
    claims = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    created_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)

    tenant_id: UUID

    class Meta:
        table = "auto_top_up_attempt"
        indexes = (
            ("tenant_id", "month", "status"),
            ("status", "next_attempt_at"),
        )
