"""Reading usage: the current period's summary, a plan feature's usage, the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from models import CreditUsage, PlanFeature, PlanFeatureType, TenantSubscription
from services.catalog import Catalog
from services.clock import utcnow
from services.credit_types import CREDITS_FEATURE
from services.errors import NoActiveSubscription, ValidationFailed
from services.ledger.account import no_subscription_summary
from services.ledger.reads import event_sequence, load_account
from services.pagination import Page, paginate
from services.validation import MAX_FEATURE_NAME, clean_text, parse_id


async def usage_summary(*, tenant_id: UUID) -> dict[str, Any]:
    """The current period's usage, in the same shape as a live usage event's summary."""
    try:
        account = await load_account(tenant_id, utcnow(), None, for_charge=False)
    except NoActiveSubscription:
        return no_subscription_summary()
    return account.summary()


async def summary_and_sequence(*, tenant_id: UUID) -> tuple[dict[str, Any], int]:
    """A live subscription's first message. The sequence is read BEFORE the summary (separate
    statements, no lock): a charge committing in between makes the summary newer than the
    sequence, so its event is still delivered next, never skipped as already seen."""
    sequence = await event_sequence(tenant_id)
    return await usage_summary(tenant_id=tenant_id), sequence


@dataclass(frozen=True, slots=True)
class FeatureUsage:
    name: str
    title: str
    type: PlanFeatureType
    enabled: bool
    used: int | None
    limit: int | None
    remaining: int | None
    message: str | None


async def feature_usage(*, catalog: Catalog, tenant_id: UUID, name: str) -> FeatureUsage:
    """A plan feature's state for the tenant, the way a UI gates a button on it."""
    # Checked and normalised as plans store feature names (a NUL, for one, cannot reach SQL).
    name = clean_text("name", name, max_length=MAX_FEATURE_NAME, required=True) or ""
    subscription = await TenantSubscription.get_or_none(tenant_id=tenant_id)
    feature = (
        await PlanFeature.get_or_none(plan_id=subscription.plan_id, name=name)
        if subscription
        else None
    )
    if feature is None:
        return FeatureUsage(
            name=name,
            title=name,
            type=PlanFeatureType.NOT_INCLUDED,
            enabled=False,
            used=None,
            limit=None,
            remaining=None,
            message=f"'{name}' is not part of your plan.",
        )
    if name != CREDITS_FEATURE:
        enabled = feature.type is not PlanFeatureType.NOT_INCLUDED
        return FeatureUsage(
            name=name,
            title=feature.title,
            type=feature.type,
            enabled=enabled,
            used=None,
            limit=feature.value
            if feature.type in (PlanFeatureType.MONTHLY, PlanFeatureType.TOTAL)
            else None,
            remaining=None,
            message=None if enabled else f"{feature.title} is not included in your plan.",
        )
    summary = await usage_summary(tenant_id=tenant_id)
    remaining = summary["remaining"]
    # Enabled while the cheapest action still fits.
    cheapest = min((credit_type.amount for credit_type in await catalog.credit_types()), default=0)
    enabled = remaining is None or remaining >= cheapest
    message = None
    if not enabled:
        message = (
            f"You have used all {summary['limit']} {feature.title.lower()} of this period. "
            "Upgrade your plan or buy more credits to continue."
        )
    return FeatureUsage(
        name=name,
        title=feature.title,
        type=feature.type,
        enabled=enabled,
        used=summary["used"],
        limit=summary["limit"],
        remaining=remaining,
        message=message,
    )


async def list_usages(
    *,
    catalog: Catalog,
    tenant_id: UUID,
    first: int | None,
    after: str | None,
    type: str | None,
    user_id: str | None,
    since: datetime | None,
    until: datetime | None,
) -> Page[CreditUsage]:
    """The ledger, newest first."""
    query = CreditUsage.filter(tenant_id=tenant_id)
    if type is not None:
        if await catalog.find(type) is None:
            raise ValidationFailed("type", f"Unknown credit type '{type}'.")
        query = query.filter(type=type)
    if user_id is not None:
        query = query.filter(user_id=parse_id("userId", user_id))
    if since is not None:
        query = query.filter(created_at__gte=since)
    if until is not None:
        query = query.filter(created_at__lt=until)
    return await paginate(query, first=first, after=after, newest_first=True)
