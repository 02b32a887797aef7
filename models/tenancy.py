from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model


class Role(StrEnum):
    OWNER = "OWNER"
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"


class Tenant(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    slug = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    stripe_customer_id = fields.CharField(max_length=255, null=True, unique=True)
    # Numbers the tenant's usage events; bumped in the transaction that causes the event so a
    # live client can detect a gap whatever process published it.
    event_sequence = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    # Percents of the period's limit that raise a usage alert (sorted, distinct, 1 to 100);
    # null: the defaults (services.alerts.DEFAULT_THRESHOLDS).
    usage_alert_thresholds: list[int] | None = fields.JSONField(null=True)

    class Meta:
        table = "tenant"


class User(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    email = fields.CharField(max_length=320, unique=True)
    is_platform_admin = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "app_user"


class Membership(Model):
    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="memberships", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(Role, max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)
    # The most credits the member may spend in the tenant's allowance window; null: no limit
    # of their own (the tenant's pool still applies).
    credit_limit = fields.IntField(null=True)

    tenant_id: UUID
    user_id: UUID

    class Meta:
        table = "membership"
        unique_together = (("tenant", "user"),)
