"""What a tenant may spend now: its current period and the allowance its plan gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models import PlanFeature, PlanFeatureType, SubscriptionStatus, TenantSubscription
from services.clock import add_months
from services.credit_types import CREDITS_FEATURE
from services.errors import NoActiveSubscription
from services.ledger.account import LIFETIME_END, LIFETIME_START, Allowance, allowance_limit
from services.ledger.rollover import Turn, rollovers
from services.ledger.rollover import persist as write_rollover

SPENDING_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING)


async def current_allowances(
    tenant_ids: Sequence[UUID],
    now: datetime,
    *,
    connection: BaseDBAsyncClient | None = None,
    persist_rollover: bool = False,
) -> dict[UUID, Allowance | NoActiveSubscription]:
    """The allowance in force at `now` for each tenant, in two statements whatever their number
    (three when a period turned and its plan rolls unused credits over).

    Only the charger persists a period turn (under the tenant lock, with its usage event) and
    the rollover grant it brings; readers compute the same period, and the same grant, without
    writing.
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
    turns: list[Turn] = []
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
            rolling = features.get(subscription.plan_id)
            if rolling is not None and rolling.rollover_max is not None:
                turns.append(
                    Turn(
                        tenant_id,
                        add_months(start, months - 1),
                        subscription.current_period_start,
                        subscription.current_period_end,
                        rolling,
                    )
                )
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
            limit=allowance_limit(feature_type, feature.value if feature else None),
            period_start=subscription.current_period_start,
            period_end=subscription.current_period_end,
            balance_start=LIFETIME_START if lifetime else subscription.current_period_start,
            balance_end=LIFETIME_END if lifetime else subscription.current_period_end,
            period_rolled=rolled,
            feature_value=feature.value if feature else None,
        )
    if turns:
        await _roll_over(turns, allowances, connection, persist=persist_rollover)
    return allowances


async def _roll_over(
    turns: list[Turn],
    allowances: dict[UUID, Allowance | NoActiveSubscription],
    connection: BaseDBAsyncClient | None,
    *,
    persist: bool,
) -> None:
    for rollover in await rollovers(turns, connection):
        if rollover.amount <= 0:
            continue
        if persist and connection is not None:
            await write_rollover(rollover, connection)
        allowance = allowances[rollover.tenant_id]
        if isinstance(allowance, Allowance):
            allowances[rollover.tenant_id] = replace(allowance, rollover=rollover.as_grant())
