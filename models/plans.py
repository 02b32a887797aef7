from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant


class PlanFeatureType(StrEnum):
    INCLUDED = "INCLUDED"
    NOT_INCLUDED = "NOT_INCLUDED"
    MONTHLY = "MONTHLY"
    TOTAL = "TOTAL"
    UNLIMITED = "UNLIMITED"


class SubscriptionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    TRIALING = "TRIALING"
    PAST_DUE = "PAST_DUE"
    UNPAID = "UNPAID"
    INCOMPLETE = "INCOMPLETE"
    CANCELED = "CANCELED"


class Plan(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    name = fields.CharField(max_length=100, unique=True)
    description: str | None = fields.TextField(null=True)
    stripe_price_monthly = fields.CharField(max_length=255, null=True)
    stripe_price_yearly = fields.CharField(max_length=255, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    features: fields.ReverseRelation[PlanFeature]

    class Meta:
        table = "plan"


class PlanFeature(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "models.Plan", related_name="features", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=64)
    title = fields.CharField(max_length=200)
    type = fields.CharEnumField(PlanFeatureType, max_length=16)
    value = fields.IntField(null=True)
    position = fields.IntField(default=0)
    # On the credits feature: how much unused allowance a period may pass to the next one.
    rollover_max = fields.IntField(null=True)

    plan_id: UUID

    class Meta:
        table = "plan_feature"
        unique_together = (("plan", "name"),)


class TenantSubscription(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.OneToOneRelation[Tenant] = fields.OneToOneField(
        "models.Tenant", related_name="subscription", on_delete=fields.CASCADE
    )
    plan: fields.ForeignKeyRelation[Plan] = fields.ForeignKeyField(
        "models.Plan", related_name="subscriptions", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(SubscriptionStatus, max_length=16)
    current_period_start = fields.DatetimeField()
    current_period_end = fields.DatetimeField()
    stripe_subscription_id = fields.CharField(max_length=255, null=True, unique=True)
    # Creation time of the last Stripe event applied: an older event never overwrites a newer one.
    stripe_event_created_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: UUID
    plan_id: UUID

    class Meta:
        table = "tenant_subscription"
