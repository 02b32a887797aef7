"""The benchmarks' own PostgreSQL database (`credits_bench`), recreated, migrated and seeded for
each run: one owner, one plan with a large monthly allowance, and the tenants every scenario
charges or reads. With `controls`, every tenant also has the spending controls of issue 18
configured but out of reach: the owner's own credit limit (the whole allowance), usage alerts at
50/80/100 %, and an auto top-up below one credit."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import timedelta

from tests.databases import recreate_database

POSTGRES_BASE = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# BENCH_DATABASE: another name, so that two benches on one PostgreSQL do not recreate each other's.
DATABASE = os.environ.get("BENCH_DATABASE") or "credits_bench"
ALLOWANCE = 10_000_000
SPREAD_TENANTS = 100
# The memory run charges a few tenants: per-tenant state is exercised, and 100,000 charges
# still take minutes rather than tens of minutes on two cores.
MEMORY_TENANTS = 4
READ_PROJECTS = 50
READ_TASKS = 10


@dataclass
class TenantSeed:
    id: uuid.UUID
    slug: str
    project_id: uuid.UUID


@dataclass
class Seed:
    token: str
    hot: TenantSeed
    spread: list[TenantSeed]
    read: TenantSeed
    memory: list[TenantSeed]


def database_url(name: str = DATABASE) -> str:
    return f"{POSTGRES_BASE}/{name}"


async def seed(
    jwt_secret: str, *, spread_tenants: int = SPREAD_TENANTS, controls: bool = False
) -> Seed:
    from tortoise.context import TortoiseContext

    from models import (
        AutoTopUp,
        Membership,
        Plan,
        PlanFeature,
        PlanFeatureType,
        Project,
        Role,
        SubscriptionStatus,
        Task,
        Tenant,
        TenantSubscription,
        User,
    )
    from services.auth import mint_token
    from services.clock import add_months, utcnow
    from services.migrate import apply_migrations
    from settings import tortoise_config

    await recreate_database(database_url())
    await apply_migrations(database_url())
    async with TortoiseContext() as orm:
        await orm.init(config=tortoise_config(database_url()))
        plan = await Plan.create(name="Bench")
        await PlanFeature.create(
            plan=plan,
            name="credits",
            title="Credits",
            type=PlanFeatureType.MONTHLY,
            value=ALLOWANCE,
        )
        user = await User.create(email="bench@example.com")
        start = utcnow() - timedelta(seconds=1)

        async def tenants(prefix: str, count: int) -> list[TenantSeed]:
            seeds = [
                TenantSeed(uuid.uuid4(), f"{prefix}-{number:03d}", uuid.uuid4())
                for number in range(count)
            ]
            thresholds = [50, 80, 100] if controls else None
            await Tenant.bulk_create(
                [
                    Tenant(id=t.id, slug=t.slug, name=t.slug, usage_alert_thresholds=thresholds)
                    for t in seeds
                ]
            )
            limit = ALLOWANCE if controls else None
            await Membership.bulk_create(
                [
                    Membership(tenant_id=t.id, user_id=user.id, role=Role.OWNER, credit_limit=limit)
                    for t in seeds
                ]
            )
            if controls:
                await AutoTopUp.bulk_create(
                    [
                        AutoTopUp(
                            tenant_id=t.id,
                            enabled=True,
                            below_credits=1,
                            price_id="price_bench",
                            max_per_month=1,
                            updated_at=start,
                        )
                        for t in seeds
                    ]
                )
            await TenantSubscription.bulk_create(
                [
                    TenantSubscription(
                        tenant_id=t.id,
                        plan_id=plan.id,
                        status=SubscriptionStatus.ACTIVE,
                        current_period_start=start,
                        current_period_end=add_months(start, 1),
                    )
                    for t in seeds
                ]
            )
            await Project.bulk_create(
                [
                    Project(
                        id=t.project_id,
                        tenant_id=t.id,
                        name="Bench",
                        created_by_id=user.id,
                        created_at=start,
                    )
                    for t in seeds
                ]
            )
            return seeds

        hot = (await tenants("bench-hot", 1))[0]
        spread = await tenants("bench-spread", spread_tenants)
        read = (await tenants("bench-read", 1))[0]
        memory = await tenants("bench-memory", MEMORY_TENANTS)
        # The read tenant: READ_PROJECTS projects (its seed project included) x READ_TASKS tasks.
        projects = [
            Project(
                id=uuid.uuid4(),
                tenant_id=read.id,
                name=f"Project {number}",
                created_by_id=user.id,
                created_at=start + timedelta(milliseconds=number),
            )
            for number in range(1, READ_PROJECTS)
        ]
        await Project.bulk_create(projects)
        await Task.bulk_create(
            [
                Task(
                    id=uuid.uuid4(),
                    tenant_id=read.id,
                    project_id=project_id,
                    title=f"Task {number}",
                    created_by_id=user.id,
                    created_at=start + timedelta(milliseconds=number),
                    updated_at=start,
                )
                for project_id in [read.project_id, *(p.id for p in projects)]
                for number in range(READ_TASKS)
            ]
        )
        # Statistics, as autovacuum would gather within its first minute: on a database
        # without them the planner guesses, and scenario 3 measured its guesses.
        await Tenant._meta.db.execute_script("ANALYZE")
        token = mint_token(user, secret=jwt_secret, ttl=timedelta(hours=6))
    return Seed(token=token, hot=hot, spread=spread, read=read, memory=memory)
