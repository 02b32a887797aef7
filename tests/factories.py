"""Test data. Each factory takes its tenant from its parent object."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from models import (
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
from services import projects, tasks
from services.auth import mint_token
from services.clock import add_months, utcnow
from services.runtime import Runtime
from tests.conftest import JWT_SECRET


async def make_plan(
    credits: int | None = 10, *, name: str | None = None, api: bool | None = None
) -> Plan:
    """A plan with `credits` a month (None: unlimited) and, unless `api` is None, the kit's
    `api` feature ("API access"): INCLUDED (True, as Pro and Enterprise) or NOT_INCLUDED (False,
    as Free)."""
    plan = await Plan.create(name=name or f"Plan {uuid.uuid4().hex[:8]}")
    await PlanFeature.create(
        plan=plan,
        name="credits",
        title="Credits",
        type=PlanFeatureType.UNLIMITED if credits is None else PlanFeatureType.MONTHLY,
        value=credits,
    )
    if api is not None:
        await PlanFeature.create(
            plan=plan,
            name="api",
            title="API access",
            type=PlanFeatureType.INCLUDED if api else PlanFeatureType.NOT_INCLUDED,
            position=1,
        )
    return plan


async def make_tenant(
    credits: int | None = 10,
    *,
    slug: str | None = None,
    subscribed: bool = True,
    api: bool | None = None,
) -> Tenant:
    tenant = await Tenant.create(slug=slug or f"t-{uuid.uuid4().hex[:10]}", name="Tenant")
    if subscribed:
        now = utcnow() - timedelta(seconds=1)
        await TenantSubscription.create(
            tenant=tenant,
            plan=await make_plan(credits, api=api),
            status=SubscriptionStatus.ACTIVE,
            current_period_start=now,
            current_period_end=add_months(now, 1),
        )
    return tenant


async def make_user(
    tenant: Tenant | None = None, *, role: Role = Role.OWNER, admin: bool = False
) -> User:
    user = await User.create(
        email=f"u-{uuid.uuid4().hex[:10]}@example.com", is_platform_admin=admin
    )
    if tenant is not None:
        await Membership.create(tenant=tenant, user=user, role=role)
    return user


def token_for(user: User) -> str:
    return mint_token(user, secret=JWT_SECRET)


async def make_project(tenant: Tenant, *, by: User | None = None, name: str = "Project") -> Project:
    return await Project.create(tenant=tenant, name=name, created_by=by, created_at=utcnow())


async def make_task(project: Project, *, title: str = "Task") -> Task:
    return await Task.create(
        tenant_id=project.tenant_id,
        project=project,
        title=title,
        created_by_id=project.created_by_id,
        created_at=utcnow(),
    )


@dataclass(frozen=True)
class Member:
    """The signed-in owner of a tenant (on its own plan) with one project, ready to spend credits:
    where a test that charges over the network (a real server, several processes) starts."""

    tenant_id: uuid.UUID
    slug: str
    email: str
    token: str
    project_id: uuid.UUID

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "X-Tenant": self.slug}


async def make_member(credits: int | None = 10) -> Member:
    tenant = await make_tenant(credits)
    owner = await make_user(tenant)
    project = await make_project(tenant, by=owner)
    return Member(tenant.id, tenant.slug, owner.email, token_for(owner), project.id)


async def create_charged_project(
    runtime: Runtime, tenant: Tenant, user: User, *, name: str = "P", key: str | None = None
) -> projects.Created:
    """A project created through the service, so charged like the API's."""
    return await projects.create_project(
        runtime=runtime,
        tenant_id=tenant.id,
        user_id=user.id,
        name=name,
        description=None,
        idempotency_key=key,
    )


async def create_charged_task(
    runtime: Runtime, project: Project, user: User, *, title: str = "T"
) -> tasks.Created:
    """A task created through the service in the project's tenant, so charged like the API's."""
    return await tasks.create_task(
        runtime=runtime,
        tenant_id=project.tenant_id,  # type: ignore[attr-defined]
        user_id=user.id,
        project_id=project.id,
        title=title,
        description=None,
        idempotency_key=None,
    )
