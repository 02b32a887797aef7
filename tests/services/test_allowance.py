"""What a plan's `credits` feature lets a tenant spend, and the period it counts in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models import (
    CreditBalance,
    CreditUsage,
    Plan,
    PlanFeature,
    PlanFeatureType,
    Project,
    SubscriptionStatus,
    Tenant,
    TenantSubscription,
    User,
)
from services import errors, tasks, usage
from services.clock import add_months, utcnow
from services.runtime import Runtime
from tests.factories import create_charged_project, make_tenant, make_user


async def _tenant_on(feature_type: PlanFeatureType, value: int | None = None) -> Tenant:
    tenant = await make_tenant(subscribed=False)
    plan = await Plan.create(name=f"{feature_type.value} {tenant.slug}")
    await PlanFeature.create(
        plan=plan, name="credits", title="Credits", type=feature_type, value=value
    )
    now = utcnow() - timedelta(seconds=1)
    await TenantSubscription.create(
        tenant=tenant,
        plan=plan,
        status=SubscriptionStatus.ACTIVE,
        current_period_start=now,
        current_period_end=add_months(now, 1),
    )
    return tenant


async def _create_task(
    runtime: Runtime, tenant: Tenant, user: User, project_id: object
) -> tasks.Created:
    return await tasks.create_task(
        runtime=runtime,
        tenant_id=tenant.id,
        user_id=user.id,
        project_id=str(project_id),
        title="T",
        description=None,
        idempotency_key=None,
    )


async def test_unlimited_never_runs_out(runtime: Runtime) -> None:
    # given a tenant on an UNLIMITED plan
    tenant = await _tenant_on(PlanFeatureType.UNLIMITED)
    user = await make_user(tenant)

    # when it creates 30 projects
    for _ in range(30):
        await create_charged_project(runtime, tenant, user)

    # then every one was charged, and the summary has no limit
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 30
    summary = await usage.usage_summary(tenant_id=tenant.id)
    assert (summary["used"], summary["limit"], summary["remaining"]) == (60, None, None)
    feature = await usage.feature_usage(
        catalog=runtime.catalog, tenant_id=tenant.id, name="credits"
    )
    assert (feature.enabled, feature.limit, feature.remaining) == (True, None, None)


async def test_not_included_refuses_at_once(runtime: Runtime) -> None:
    # given a tenant whose plan does not include credits
    tenant = await _tenant_on(PlanFeatureType.NOT_INCLUDED)
    user = await make_user(tenant)

    # when it creates a project
    with pytest.raises(errors.InsufficientCredits) as refused:
        await create_charged_project(runtime, tenant, user)

    # then it is refused with nothing available, and nothing was created
    assert (refused.value.required, refused.value.remaining, refused.value.limit) == (2, 0, 0)
    assert refused.value.code == errors.ErrorCode.INSUFFICIENT_CREDITS
    assert not await Project.filter(tenant_id=tenant.id).exists()
    assert not await CreditUsage.filter(tenant_id=tenant.id).exists()


async def test_monthly_allows_exactly_the_allowance(runtime: Runtime) -> None:
    # given 5 credits a month
    tenant = await _tenant_on(PlanFeatureType.MONTHLY, 5)
    user = await make_user(tenant)

    # when a project (2) and three tasks (1 each) are created, then one more task
    created = await create_charged_project(runtime, tenant, user)
    for _ in range(3):
        await _create_task(runtime, tenant, user, created.obj.id)
    with pytest.raises(errors.InsufficientCredits) as refused:
        await _create_task(runtime, tenant, user, created.obj.id)

    # then the last is refused with 0 of 5 left
    assert (refused.value.credit_type, refused.value.remaining, refused.value.limit) == (
        "credit-task-creation",
        0,
        5,
    )
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 4


async def test_total_is_a_lifetime_allowance_that_does_not_renew(runtime: Runtime) -> None:
    # given 3 credits in total, all spent
    tenant = await _tenant_on(PlanFeatureType.TOTAL, 3)
    user = await make_user(tenant)
    created = await create_charged_project(runtime, tenant, user)
    await _create_task(runtime, tenant, user, created.obj.id)
    with pytest.raises(errors.InsufficientCredits):
        await _create_task(runtime, tenant, user, created.obj.id)

    # when the billing period moves on (it ended a month ago)
    subscription = await TenantSubscription.get(tenant_id=tenant.id)
    subscription.current_period_start = add_months(subscription.current_period_start, -2)
    subscription.current_period_end = add_months(subscription.current_period_end, -2)
    await subscription.save()

    # then still nothing is left: a TOTAL allowance spans the whole subscription
    with pytest.raises(errors.InsufficientCredits) as refused:
        await _create_task(runtime, tenant, user, created.obj.id)
    assert (refused.value.remaining, refused.value.limit) == (0, 3)
    summary = await usage.usage_summary(tenant_id=tenant.id)
    assert (summary["used"], summary["remaining"]) == (3, 0)


@pytest.mark.parametrize("subscribed", [False, True], ids=["none", "canceled"])
async def test_no_active_subscription_refuses(runtime: Runtime, subscribed: bool) -> None:
    # given a tenant without a subscription, or with a canceled one
    tenant = await make_tenant(10, subscribed=subscribed)
    if subscribed:
        await TenantSubscription.filter(tenant_id=tenant.id).update(
            status=SubscriptionStatus.CANCELED
        )
    user = await make_user(tenant)

    # when it creates a project
    with pytest.raises(errors.NoActiveSubscription) as refused:
        await create_charged_project(runtime, tenant, user)

    # then it is NO_ACTIVE_SUBSCRIPTION and nothing happened
    assert refused.value.code.value == "NO_ACTIVE_SUBSCRIPTION"
    assert not await CreditUsage.filter(tenant_id=tenant.id).exists()
    summary = await usage.usage_summary(tenant_id=tenant.id)
    assert (summary["used"], summary["remaining"]) == (0, 0)


async def test_an_ended_period_rolls_to_the_current_month_with_a_fresh_allowance(
    runtime: Runtime,
) -> None:
    # given a tenant that spent its 2 monthly credits in a period that ended a month ago
    tenant = await make_tenant(2)
    user = await make_user(tenant)
    await create_charged_project(runtime, tenant, user)
    with pytest.raises(errors.InsufficientCredits):
        await create_charged_project(runtime, tenant, user)
    subscription = await TenantSubscription.get(tenant_id=tenant.id)
    old_start = add_months(subscription.current_period_start, -2)
    old_end = add_months(subscription.current_period_end, -2)
    await TenantSubscription.filter(id=subscription.id).update(
        current_period_start=old_start, current_period_end=old_end
    )
    await CreditBalance.filter(tenant_id=tenant.id).update(
        period_start=old_start, period_end=old_end
    )
    await CreditUsage.filter(tenant_id=tenant.id).update(created_at=old_start)

    # when it is read, then charged again
    before = await usage.usage_summary(tenant_id=tenant.id)
    await create_charged_project(runtime, tenant, user)

    # then the period rolled two months forward to contain now, with the full allowance
    expected_start, expected_end = add_months(old_start, 2), add_months(old_start, 3)
    assert (before["used"], before["remaining"]) == (0, 2)
    assert before["periodStart"] == expected_start.isoformat()
    rolled = await TenantSubscription.get(tenant_id=tenant.id)
    assert (rolled.current_period_start, rolled.current_period_end) == (
        expected_start,
        expected_end,
    )
    assert rolled.current_period_start <= utcnow() < rolled.current_period_end
    after = await usage.usage_summary(tenant_id=tenant.id)
    assert (after["used"], after["remaining"]) == (2, 0)
    # and the old period's balance is kept as it was
    old = await CreditBalance.get(tenant_id=tenant.id, period_start=old_start)
    assert old.used == 2
