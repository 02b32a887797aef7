"""Usage alerts: one row per (tenant, window, threshold), REACHED or RESOLVED."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant


class AlertState(StrEnum):
    REACHED = "REACHED"
    RESOLVED = "RESOLVED"


class UsageAlert(Model):
    """A threshold (percent of the window's limit) the tenant's usage reached in the window
    that starts at `period_start`. Unique per (tenant, period_start, threshold): one alert per
    threshold per period; falling back under resolves it, crossing again reaches it again."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="usage_alerts", on_delete=fields.CASCADE
    )
    threshold = fields.IntField()
    state = fields.CharEnumField(AlertState, max_length=8)
    # Credits used and the limit (as usageSummary shows them) at the last change of state;
    # the limit is null when an unlimited plan resolved the alert.
    used = fields.IntField()
    limit = fields.IntField(null=True)
    period_start = fields.DatetimeField()
    created_at = fields.DatetimeField()
    resolved_at = fields.DatetimeField(null=True)
    # The tenant event sequence of the last change of state (the live event that carried it).
    sequence = fields.BigIntField()

    tenant_id: UUID

    class Meta:
        table = "usage_alert"
        unique_together = (("tenant", "period_start", "threshold"),)
        indexes = (("tenant_id", "created_at"), ("tenant_id", "state"), ("tenant_id", "sequence"))
