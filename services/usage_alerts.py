"""Usage alerts for a tenant: its thresholds (set by its owners and admins) and its alerts.

The alerts themselves are raised and resolved by the ledger (`services.ledger.alerts`), in the
transaction of the change that crossed a threshold. Setting the thresholds is such a change
(`Charger.change_account`): under the tenant lock, kept accounts go stale at once, and a
threshold the period's usage already passed raises its alert at once (its webhook event
included); a threshold removed leaves its alert as it is until the period ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Tenant, UsageAlert
from services.errors import NotFound, ValidationFailed
from services.ledger.alerts import DEFAULT_THRESHOLDS, clean_thresholds
from services.pagination import Page, paginate

if TYPE_CHECKING:
    from services.ledger.charger import Charger

__all__ = ["DEFAULT_THRESHOLDS", "list_usage_alerts", "set_usage_alert_thresholds"]


async def set_usage_alert_thresholds(
    *, charger: Charger, tenant_id: UUID, thresholds: Sequence[int]
) -> Tenant:
    """Stores the tenant's thresholds (distinct, ascending; percents 1 to 100, at most 10;
    an empty list turns alerts off) and applies them to the current period at once."""
    cleaned = clean_thresholds(thresholds)
    if isinstance(cleaned, str):
        raise ValidationFailed("thresholds", cleaned)

    async def change(connection: BaseDBAsyncClient) -> Tenant:
        updated = (
            await Tenant.filter(id=tenant_id)
            .using_db(connection)
            .update(usage_alert_thresholds=list(cleaned))
        )
        if updated != 1:
            raise NotFound("Tenant")
        return await Tenant.get(id=tenant_id, using_db=connection)

    return await charger.change_account(tenant_id, change)


async def list_usage_alerts(
    *, tenant_id: UUID, first: int | None, after: str | None
) -> Page[UsageAlert]:
    """The tenant's alerts, newest first (by when each was first reached)."""
    return await paginate(
        UsageAlert.filter(tenant_id=tenant_id), first=first, after=after, newest_first=True
    )
