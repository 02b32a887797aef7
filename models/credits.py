from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant, User


class GrantSource(StrEnum):
    PURCHASE = "PURCHASE"
    PROMOTIONAL = "PROMOTIONAL"
    ADJUSTMENT = "ADJUSTMENT"
    ROLLOVER = "ROLLOVER"


class CreditUsageKind(StrEnum):
    CHARGE = "CHARGE"
    # Gives a charge back: its amount is the charge's, negated, and `reverses` names the charge.
    REFUND = "REFUND"


class CreditBalance(Model):
    """What a tenant has used of its plan allowance in one billing period.

    The row is the database guard: a charge is a conditional UPDATE of `used` that must hit
    exactly one row, so even a charge whose Redis lock expired cannot overspend.
    """

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="balances", on_delete=fields.CASCADE
    )
    period_start = fields.DatetimeField()
    period_end = fields.DatetimeField()
    # `used` is what the allowance guard counts; `charged` adds what grants paid in the period.
    used = fields.IntField(default=0)
    charged = fields.IntField(default=0)
    # {credit type value: [credits charged, charges]} for the period, kept with the counters so
    # a summary never needs to aggregate the ledger.
    by_type: dict[str, Any] = fields.JSONField(default=dict)
    # Bumped by every charge: the guard compares it, so a writer whose lock expired can never
    # apply a decision made on a stale read.
    version = fields.IntField(default=0)

    tenant_id: UUID

    class Meta:
        table = "credit_balance"
        unique_together = (("tenant", "period_start"),)


class CreditGrant(Model):
    """Credits on top of the plan allowance (a purchased pack, a promotion, an adjustment)."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="grants", on_delete=fields.CASCADE
    )
    amount = fields.IntField()
    remaining = fields.IntField()
    priority = fields.IntField(default=0)
    expires_at = fields.DatetimeField(null=True)
    source = fields.CharEnumField(GrantSource, max_length=16)
    reason = fields.CharField(max_length=500, null=True)
    # A purchase is granted once per Checkout session, whatever the webhook retries.
    stripe_checkout_session_id = fields.CharField(max_length=255, null=True, unique=True)
    voided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    tenant_id: UUID

    class Meta:
        table = "credit_grant"
        indexes = (("tenant", "remaining"),)


class CreditUsage(Model):
    """One row of the usage ledger: what was charged, to whom, for which object."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="usages", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="usages", null=True, on_delete=fields.SET_NULL
    )
    # The credit type's value and its price at the time of the charge: prices change, the
    # ledger does not.
    type = fields.CharField(max_length=64)
    amount = fields.IntField()
    from_allowance = fields.IntField(default=0)
    # How many units of the type `amount` paid for (chargeCredits' quantity; 1 otherwise).
    quantity = fields.IntField(default=1, db_default=1)
    # The object paid for: a project or task of this service (`object_id`), or any object of
    # the client's own app, named by its path or id (`object_path`, from chargeCredits).
    object_id = fields.UUIDField(null=True)
    object_path = fields.CharField(max_length=512, null=True)
    kind = fields.CharEnumField(
        CreditUsageKind,
        max_length=8,
        default=CreditUsageKind.CHARGE,
        db_default=CreditUsageKind.CHARGE.value,
    )
    # On a refund, the charge it gives back. One-to-one: the unique column is what makes a
    # charge refundable at most once, whatever the concurrency.
    reverses: fields.OneToOneNullableRelation[CreditUsage] = fields.OneToOneField(
        "models.CreditUsage", related_name="refund", null=True, on_delete=fields.CASCADE
    )
    # On a refund: why, as the person who refunded by hand wrote it (null for automatic ones).
    reason = fields.CharField(max_length=500, null=True)
    # On a refund: who gave the credits back, by hand or by deleting what they paid for.
    refunded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    idempotency_key = fields.CharField(max_length=255, null=True)
    request_hash = fields.CharField(max_length=64, null=True)
    sequence = fields.BigIntField()
    created_at = fields.DatetimeField()

    tenant_id: UUID
    user_id: UUID
    reverses_id: UUID | None
    refunded_by_id: UUID | None

    class Meta:
        table = "credit_usage"
        # (tenant, sequence): each row is one live usage event of its tenant, and a
        # subscriber that reconnects replays the rows after the sequence it last saw.
        unique_together = (("tenant", "idempotency_key"), ("tenant", "sequence"))
        # (tenant, object_id): a delete finds the charges of the objects it removes.
        indexes = (("tenant", "created_at"), ("tenant", "object_id"))


class CreditDraw(Model):
    """What one grant paid of one charge, so that a refund gives it back.

    The allowance's part is `CreditUsage.from_allowance`. Written with the charge, in the same
    statement or transaction."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    usage: fields.ForeignKeyRelation[CreditUsage] = fields.ForeignKeyField(
        "models.CreditUsage", related_name="draws", on_delete=fields.CASCADE
    )
    grant: fields.ForeignKeyRelation[CreditGrant] = fields.ForeignKeyField(
        "models.CreditGrant", related_name="draws", on_delete=fields.CASCADE
    )
    amount = fields.IntField()

    usage_id: UUID
    grant_id: UUID

    class Meta:
        table = "credit_draw"
        unique_together = (("usage", "grant"),)
