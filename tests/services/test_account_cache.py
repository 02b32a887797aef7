"""The charger keeps each tenant's account between batches, and notices every change to it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from uuid import UUID

import pytest
from prometheus_client import REGISTRY

from models import (
    CreditBalance,
    CreditGrant,
    GrantSource,
    PlanFeature,
    PlanFeatureType,
    SubscriptionStatus,
    Tenant,
    TenantSubscription,
    User,
)
from services import errors, grants, plans
from services.plans import FeatureSpec
from services.runtime import Runtime
from tests.factories import create_charged_project, make_tenant, make_user


def cache_outcomes() -> dict[str, float]:
    return {
        outcome: REGISTRY.get_sample_value("credits_account_cache_total", {"outcome": outcome})
        or 0.0
        for outcome in ("hit", "stale", "miss")
    }


def changes(before: dict[str, float]) -> dict[str, float]:
    after = cache_outcomes()
    return {outcome: after[outcome] - before[outcome] for outcome in after if after != before}


@pytest.fixture
async def spender(runtime: Runtime) -> tuple[Tenant, User]:
    """A tenant whose plan gives 4 credits (two projects), and a member."""
    tenant = await make_tenant(4)
    return tenant, await make_user(tenant)


async def test_the_next_batch_of_a_tenant_uses_the_account_the_last_one_committed(
    runtime: Runtime, spender: tuple[Tenant, User]
) -> None:
    # given a tenant charged once
    tenant, user = spender
    await create_charged_project(runtime, tenant, user)
    before = cache_outcomes()

    # when it is charged again, then refused
    await create_charged_project(runtime, tenant, user)
    with pytest.raises(errors.InsufficientCredits):
        await create_charged_project(runtime, tenant, user)

    # then neither batch read the account again: both found it current
    assert changes(before) == {"hit": 2.0, "stale": 0.0, "miss": 0.0}


async def test_a_grant_made_between_batches_is_spendable_in_the_next_one(
    runtime: Runtime, spender: tuple[Tenant, User]
) -> None:
    # given a tenant that spent all 4 credits
    tenant, user = spender
    await create_charged_project(runtime, tenant, user)
    await create_charged_project(runtime, tenant, user)
    before = cache_outcomes()

    # when it is granted 2 more and charged
    await grants.grant_credits(charger=runtime.charger, tenant_slug=tenant.slug, amount=2)
    await create_charged_project(runtime, tenant, user)

    # then the kept account was stale, the grant was read and paid for the project
    assert changes(before) == {"hit": 0.0, "stale": 1.0, "miss": 0.0}
    with pytest.raises(errors.InsufficientCredits):
        await create_charged_project(runtime, tenant, user)


async def cut_through_the_api(runtime: Runtime, plan_id: UUID) -> None:
    await plans.update_plan(
        charger=runtime.charger,
        plan_id=plan_id,
        name=None,
        description=None,
        features=[FeatureSpec("credits", "Credits", PlanFeatureType.MONTHLY, 2)],
    )


async def cut_in_sql(runtime: Runtime, plan_id: UUID) -> None:
    # Changes no tenant row: as when telling the plan's tenants failed.
    await PlanFeature.filter(plan_id=plan_id, name="credits").update(value=2)


@pytest.mark.parametrize("cut", [cut_through_the_api, cut_in_sql])
async def test_a_plan_edit_applies_to_the_next_batch(
    runtime: Runtime,
    spender: tuple[Tenant, User],
    cut: Callable[[Runtime, UUID], Awaitable[None]],
) -> None:
    # given a tenant that used 2 of its plan's 4 credits
    tenant, user = spender
    await create_charged_project(runtime, tenant, user)
    subscription = await tenant.subscription  # type: ignore[attr-defined]

    # when the plan's credits are cut to 2
    await cut(runtime, subscription.plan_id)
    before = cache_outcomes()

    # then the next charge is refused: the new limit is already used up
    with pytest.raises(errors.InsufficientCredits):
        await create_charged_project(runtime, tenant, user)
    assert changes(before)["stale"] == 1.0


async def test_a_balance_edited_by_hand_is_read_again(
    runtime: Runtime, spender: tuple[Tenant, User]
) -> None:
    # given a tenant that spent all 4 credits
    tenant, user = spender
    await create_charged_project(runtime, tenant, user)
    await create_charged_project(runtime, tenant, user)

    # when support refunds it in SQL, without going through the ledger
    await CreditBalance.filter(tenant_id=tenant.id).update(used=0, charged=0)
    before = cache_outcomes()

    # then the next charge sees the refund
    await create_charged_project(runtime, tenant, user)
    assert changes(before)["stale"] == 1.0


async def refund_in_sql(tenant: Tenant) -> None:
    await CreditBalance.filter(tenant_id=tenant.id).update(used=0, charged=0)


async def halve_the_plan_in_sql(tenant: Tenant) -> None:
    subscription = await TenantSubscription.get(tenant_id=tenant.id)
    await PlanFeature.filter(plan_id=subscription.plan_id, name="credits").update(value=50)


async def grant_in_sql(tenant: Tenant) -> None:
    await CreditGrant.create(
        tenant=tenant, amount=5, remaining=5, source=GrantSource.ADJUSTMENT, reason="support"
    )


async def move_the_period_in_sql(tenant: Tenant) -> None:
    subscription = await TenantSubscription.get(tenant_id=tenant.id)
    await TenantSubscription.filter(tenant_id=tenant.id).update(
        current_period_start=subscription.current_period_start - timedelta(days=1)
    )


async def cancel_in_sql(tenant: Tenant) -> None:
    await TenantSubscription.filter(tenant_id=tenant.id).update(status=SubscriptionStatus.CANCELED)


@pytest.mark.parametrize(
    "edit",
    [refund_in_sql, halve_the_plan_in_sql, grant_in_sql, move_the_period_in_sql, cancel_in_sql],
)
async def test_an_account_changed_in_sql_where_the_next_charge_still_fits_is_read_again(
    runtime: Runtime, edit: Callable[[Tenant], Awaitable[None]]
) -> None:
    # given a tenant with room for many charges, charged once: its account is kept
    tenant = await make_tenant(100)
    user = await make_user(tenant)
    await create_charged_project(runtime, tenant, user)

    # when its account is changed in SQL, bypassing the ledger and the event sequence
    await edit(tenant)
    before = cache_outcomes()

    # then the next charge is decided on what the database holds, not on the kept account
    # (on PostgreSQL the one-statement batch's check refuses it first: it writes nothing)
    if edit is cancel_in_sql:
        with pytest.raises(errors.NoActiveSubscription):
            await create_charged_project(runtime, tenant, user)
    else:
        await create_charged_project(runtime, tenant, user)
    assert changes(before) == {"hit": 0.0, "stale": 1.0, "miss": 0.0}
    if edit is refund_in_sql:
        assert (await CreditBalance.get(tenant_id=tenant.id)).used == 2
