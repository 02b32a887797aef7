"""The catalog of credit types: what each chargeable action costs. Data, managed by platform
admins; every process keeps a copy (`services.catalog`)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CreditTypeRow(Model):
    """One credit type. Its `value` names it everywhere (ledger rows, errors, usage by type)."""

    value = fields.CharField(max_length=64, primary_key=True)
    name = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    # What one unit of the action costs now; each ledger row keeps what it cost then.
    amount = fields.IntField()
    # Deleting the object paid for gives the credits back.
    refundable = fields.BooleanField(default=False)
    # Usage-based billing: the unit it counts toward and the Stripe meter event reporting it.
    usage_unit = fields.CharField(max_length=64, null=True)
    meter_event_name = fields.CharField(max_length=100, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "credit_type"
