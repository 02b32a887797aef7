"""Rollover: a period's unused allowance, up to the plan's rolloverMax, passes to the next period
as a ROLLOVER grant that expires when that period ends."""

from __future__ import annotations

import pytest
from tortoise.context import TortoiseContext

from models import (
    CreditBalance,
    CreditGrant,
    CreditUsage,
    GrantSource,
    PlanFeature,
    Tenant,
    TenantSubscription,
)
from services import errors, grants, usage
from services.clock import add_months, utcnow
from services.runtime import Runtime
from tests.factories import create_charged_project, make_tenant, make_user


async def allow_rollover(tenant: Tenant, rollover_max: int | None) -> None:
    subscription = await TenantSubscription.get(tenant_id=tenant.id)
    await PlanFeature.filter(plan_id=subscription.plan_id, name="credits").update(
        rollover_max=rollover_max
    )


async def end_the_period(tenant: Tenant) -> TenantSubscription:
    """Moves the tenant's current period (and what was charged in it) one month back, so that
    it ended and now lies in the period after it. Returns the subscription as it was moved."""
    subscription = await TenantSubscription.get(tenant_id=tenant.id)
    start = add_months(subscription.current_period_start, -1)
    end = subscription.current_period_start
    await TenantSubscription.filter(id=subscription.id).update(
        current_period_start=start, current_period_end=end
    )
    await CreditBalance.filter(tenant_id=tenant.id).update(period_start=start, period_end=end)
    await CreditUsage.filter(tenant_id=tenant.id).update(created_at=start)
    return await TenantSubscription.get(id=subscription.id)


async def rollover_grants(tenant: Tenant) -> list[CreditGrant]:
    return await CreditGrant.filter(tenant_id=tenant.id, source=GrantSource.ROLLOVER)


async def test_unused_allowance_up_to_rollover_max_passes_to_the_next_period(
    runtime: Runtime,
) -> None:
    # given 10 credits a month, at most 5 rolling over, and a period that used 2 and ended
    tenant = await make_tenant(10)
    await allow_rollover(tenant, 5)
    user = await make_user(tenant)
    await create_charged_project(runtime, tenant, user)
    ended = await end_the_period(tenant)

    # when it is read before anything is charged in the new period
    before = await usage.usage_summary(tenant_id=tenant.id)
    # then the summary already counts the 5 credits the turn brings, though nothing wrote them
    assert (before["used"], before["limit"], before["remaining"]) == (0, 15, 15)
    assert await rollover_grants(tenant) == []

    # when a project (2 credits) is charged in the new period
    await create_charged_project(runtime, tenant, user)

    # then the turn wrote one ROLLOVER grant of 5, expiring at the end of the new period
    [grant] = await rollover_grants(tenant)
    assert grant.amount == 5
    assert grant.expires_at == add_months(ended.current_period_end, 1)
    # and the summary moved by the charge alone: it did not jump when the grant was written
    after = await usage.usage_summary(tenant_id=tenant.id)
    assert after["remaining"] == 13
    # and further charges in the period write no other rollover grant
    await create_charged_project(runtime, tenant, user)
    assert len(await rollover_grants(tenant)) == 1


@pytest.mark.parametrize(
    ("rollover_max", "spent", "expected"),
    [(5, 8, 2), (5, 10, 0), (0, 0, 0), (20, 0, 10)],
    ids=["less unused than the cap", "nothing unused", "cap of 0", "cap above the allowance"],
)
async def test_the_rollover_is_the_unused_allowance_capped(
    runtime: Runtime, rollover_max: int, spent: int, expected: int
) -> None:
    # given 10 credits a month and a period that spent `spent` of them, then ended
    tenant = await make_tenant(10)
    await allow_rollover(tenant, rollover_max)
    user = await make_user(tenant)
    for _ in range(spent // 2):
        await create_charged_project(runtime, tenant, user)
    await end_the_period(tenant)

    # when the next period's first charge turns it
    await create_charged_project(runtime, tenant, user)

    # then the grant is the unused allowance up to the cap (none when that is 0)
    assert [grant.amount for grant in await rollover_grants(tenant)] == (
        [expected] if expected else []
    )


async def test_without_rollover_max_nothing_rolls_over(runtime: Runtime) -> None:
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    await end_the_period(tenant)
    summary = await usage.usage_summary(tenant_id=tenant.id)
    await create_charged_project(runtime, tenant, user)
    assert summary["remaining"] == 10
    assert await rollover_grants(tenant) == []


async def test_a_rollover_grant_expires_with_the_next_period(runtime: Runtime) -> None:
    # given a rollover of 5 written when a period turned
    tenant = await make_tenant(10)
    await allow_rollover(tenant, 5)
    user = await make_user(tenant)
    await end_the_period(tenant)
    await create_charged_project(runtime, tenant, user)
    [grant] = await rollover_grants(tenant)
    assert grant.remaining == 5

    # when the period it was given in ends too, with 2 of the allowance used
    await end_the_period(tenant)
    await CreditGrant.filter(id=grant.id).update(expires_at=utcnow())

    # then only the new rollover of that period (10 - 2 used, capped at 5) can pay
    summary = await usage.usage_summary(tenant_id=tenant.id)
    assert summary["remaining"] == 10 + 5


async def test_a_rollover_grant_cannot_be_made_by_hand(db: TortoiseContext) -> None:
    tenant = await make_tenant(10)
    with pytest.raises(errors.ValidationFailed) as refused:
        await grants.grant_credits(
            charger=None,  # type: ignore[arg-type]  # refused before the charger is used
            tenant_slug=tenant.slug,
            amount=5,
            source=GrantSource.ROLLOVER,
        )
    assert refused.value.field == "source"
    assert not await CreditGrant.filter(tenant_id=tenant.id).exists()
