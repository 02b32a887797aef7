"""Editing a plan: its tenants hear about their new allowance."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

from models import PlanFeatureType, Tenant, TenantSubscription
from services import plans
from services.plans import FeatureSpec
from services.runtime import Runtime
from tests.factories import make_tenant

CREDITS = "credits"


async def test_new_features_reach_every_tenant_of_the_plan_and_no_other(runtime: Runtime) -> None:
    # given two tenants on one plan (4 credits) and a third on its own plan, all listened to
    first = await make_tenant(4)
    plan_id = (await TenantSubscription.get(tenant_id=first.id)).plan_id
    second = await make_tenant(4)
    await TenantSubscription.filter(tenant_id=second.id).update(plan_id=plan_id)
    other = await make_tenant(4)
    async with AsyncExitStack() as stack:
        listeners = {
            tenant.slug: await stack.enter_async_context(runtime.bus.listen(tenant.id))
            for tenant in (first, second, other)
        }

        # when the plan's credits go up to 10
        await plans.update_plan(
            charger=runtime.charger,
            plan_id=plan_id,
            name=None,
            description=None,
            features=[FeatureSpec(CREDITS, "Credits", PlanFeatureType.MONTHLY, 10)],
        )

        # then each tenant on the plan got one event with its new limit, next in its sequence
        for tenant in (first, second):
            event = await asyncio.wait_for(listeners[tenant.slug].queue.get(), timeout=5)
            assert (event.summary["limit"], event.summary["remaining"]) == (10, 10)
            assert event.sequence == (await Tenant.get(id=tenant.id)).event_sequence == 1
        # and nobody else heard anything, nor anything more
        assert [listener.queue.qsize() for listener in listeners.values()] == [0, 0, 0]
        assert (await Tenant.get(id=other.id)).event_sequence == 0


async def test_a_rename_tells_no_tenant(runtime: Runtime) -> None:
    # given a tenant, listened to
    tenant = await make_tenant(4)
    plan_id = (await TenantSubscription.get(tenant_id=tenant.id)).plan_id
    async with runtime.bus.listen(tenant.id) as listener:
        # when only the plan's name changes
        await plans.update_plan(
            charger=runtime.charger,
            plan_id=plan_id,
            name="Renamed",
            description=None,
            features=None,
        )

        # then its allowance did not change, and no event was sent
        assert listener.queue.qsize() == 0
        assert (await Tenant.get(id=tenant.id)).event_sequence == 0
