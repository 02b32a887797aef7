"""What a tenant may spend now: its current period and the allowance its plan gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models import (
    PlanFeature,
    PlanFeatureType,
    SubscriptionStatus,
    TenantSubscription,
)
from services.clock import add_months
from services.credit_types import CREDITS_FEATURE
from services.errors import NoActiveSubscription

SPENDING_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING)
# A TOTAL allowance never renews: one balance row spans the subscription's whole life.
LIFETIME_START = datetime(1970, 1, 1, tzinfo=UTC)
LIFETIME_END = datetime(9999, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Allowance:
    plan_id: UUID
    feature_type: PlanFeatureType | None
    # None: unlimited.
    limit: int | None
    # The billing period shown to users.
    period_start: datetime
    period_end: datetime
    # The window the allowance counts in (the period, or the subscription's lifetime for TOTAL).
    balance_start: datetime
    balance_end: datetime
    period_rolled: bool
    # The plan feature's own value, as read (the limit is derived from it).
    feature_value: int | None = None


def allowance_from_feature(feature: PlanFeature | None) -> int | None:
    if feature is None:
        return 0
    return allowance_limit(feature.type, feature.value)


def allowance_limit(feature_type: PlanFeatureType, value: int | None) -> int | None:
    """The credits a plan feature of this type and value gives per window; None: unlimited."""
    if feature_type in (PlanFeatureType.UNLIMITED, PlanFeatureType.INCLUDED):
        return None
    if feature_type is PlanFeatureType.NOT_INCLUDED:
        return 0
    return max(value or 0, 0)


async def current_allowances(
    tenant_ids: Sequence[UUID],
    now: datetime,
    *,
    connection: BaseDBAsyncClient | None = None,
    persist_rollover: bool = False,
) -> dict[UUID, Allowance | NoActiveSubscription]:
    """The allowance in force at `now` for each tenant, in two statements whatever their number.

    Only the charger persists a period rollover (under the tenant lock, with its usage event);
    readers compute the same period without writing.
    """
    subscriptions = {
        subscription.tenant_id: subscription
        for subscription in await TenantSubscription.filter(
            tenant_id__in=list(tenant_ids)
        ).using_db(connection)
    }
    features = {
        feature.plan_id: feature
        for feature in await PlanFeature.filter(
            plan_id__in=list({subscription.plan_id for subscription in subscriptions.values()}),
            name=CREDITS_FEATURE,
        ).using_db(connection)
    }
    allowances: dict[UUID, Allowance | NoActiveSubscription] = {}
    for tenant_id in tenant_ids:
        subscription = subscriptions.get(tenant_id)
        if subscription is None or subscription.status not in SPENDING_STATUSES:
            allowances[tenant_id] = NoActiveSubscription()
            continue
        rolled = False
        if subscription.stripe_subscription_id is None and now >= subscription.current_period_end:
            # Without Stripe the server owns the calendar: renew month by month until `now`.
            start = subscription.current_period_start
            months = 0
            while add_months(start, months + 1) <= now:
                months += 1
            subscription.current_period_start = add_months(start, months)
            subscription.current_period_end = add_months(start, months + 1)
            if persist_rollover:
                await subscription.save(
                    using_db=connection,
                    update_fields=["current_period_start", "current_period_end"],
                )
                rolled = True
        feature = features.get(subscription.plan_id)
        feature_type = feature.type if feature else None
        lifetime = feature_type is PlanFeatureType.TOTAL
        allowances[tenant_id] = Allowance(
            plan_id=subscription.plan_id,
            feature_type=feature_type,
            limit=allowance_from_feature(feature),
            period_start=subscription.current_period_start,
            period_end=subscription.current_period_end,
            balance_start=LIFETIME_START if lifetime else subscription.current_period_start,
            balance_end=LIFETIME_END if lifetime else subscription.current_period_end,
            period_rolled=rolled,
            feature_value=feature.value if feature else None,
        )
    return allowances


async def current_allowance(
    tenant_id: UUID,
    now: datetime,
    *,
    connection: BaseDBAsyncClient | None = None,
    persist_rollover: bool = False,
) -> Allowance:
    allowance = (
        await current_allowances(
            [tenant_id], now, connection=connection, persist_rollover=persist_rollover
        )
    )[tenant_id]
    if isinstance(allowance, NoActiveSubscription):
        raise allowance
    return allowance
