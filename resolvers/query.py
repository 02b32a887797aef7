from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from resolvers.api_keys import ApiKeyQuery
from resolvers.billing import BillingQuery
from resolvers.catalog import CatalogQuery
from resolvers.context import Info
from resolvers.errors import for_query, or_none, top_level
from resolvers.reservations import ReservationQuery
from resolvers.usage_alerts import UsageAlertQuery
from resolvers.webhooks import WebhookQuery
from schema import reads
from schema.scalars import PlanFeatureType
from schema.types import (
    Connection,
    CreditType,
    CreditUsage,
    FeatureUsage,
    Membership,
    Plan,
    Project,
    Task,
    Tenant,
    UsageSummary,
    Viewer,
)
from services import plans, projects, tasks, tenants, usage

PAGE_SIZE = "Page size, at most 100 (default 20)."
AFTER = "Cursor (an `endCursor`) to start after."


@strawberry.type(description="Read operations.")
class Query(
    BillingQuery, CatalogQuery, ApiKeyQuery, WebhookQuery, ReservationQuery, UsageAlertQuery
):
    @strawberry.field(
        description="The catalog of credit types and what each costs. Public.",
        metadata=reads.PURE_READ,
    )
    async def credit_types(self, info: Info) -> list[CreditType]:
        types = await for_query(info.context.runtime.catalog.credit_types())
        return [CreditType.from_type(credit_type) for credit_type in types]

    @strawberry.field(
        description="All plans, for a pricing page. Public.", metadata=reads.PURE_READ
    )
    async def plans(self) -> list[Plan]:
        return [Plan.from_row(row) for row in await plans.list_plans()]

    @strawberry.field(description="The signed-in user and their tenants.", metadata=reads.PURE_READ)
    async def viewer(self, info: Info) -> Viewer:
        principal = await info.context.principal()
        if principal.api_key_id is not None:
            # A key is not a person: its creator's other tenants are none of its business.
            raise top_level("FORBIDDEN", "`viewer` is for signed-in users, not API keys.")
        rows = await tenants.memberships_of(principal.user_id)
        return Viewer(
            id=strawberry.ID(str(principal.user_id)),
            email=principal.email,
            is_platform_admin=principal.is_platform_admin,
            memberships=[Membership.from_row(row) for row in rows],
        )

    @strawberry.field(description="The current tenant (from X-Tenant).", metadata=reads.PURE_READ)
    async def tenant(self, info: Info) -> Tenant:
        tenant_id = await info.context.tenant_id()
        return Tenant.from_row(await tenants.get_tenant(tenant_id))

    @strawberry.field(description="The tenant's projects, oldest first.", metadata=reads.page())
    async def projects(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[Project]:
        tenant_id = await info.context.tenant_id()
        page = await for_query(
            projects.list_projects(tenant_id=tenant_id, first=first, after=after)
        )
        return Connection.from_page(page, Project.from_row)

    @strawberry.field(
        description="One project, or null if it does not exist in this tenant.",
        metadata=reads.row(),
    )
    async def project(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The project's id.")],
    ) -> Project | None:
        tenant_id = await info.context.tenant_id()
        row = await or_none(projects.get_project(tenant_id=tenant_id, project_id=id))
        return Project.from_row(row) if row else None

    @strawberry.field(
        description="The tenant's tasks, optionally of one project, oldest first.",
        metadata=reads.page(filter_argument="project_id", filter_column="project_id"),
    )
    async def tasks(
        self,
        info: Info,
        project_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this project's tasks.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[Task]:
        tenant_id = await info.context.tenant_id()
        page = await for_query(
            tasks.list_tasks(tenant_id=tenant_id, project_id=project_id, first=first, after=after)
        )
        return Connection.from_page(page, Task.from_row)

    @strawberry.field(
        description="One task, or null if it does not exist in this tenant.", metadata=reads.row()
    )
    async def task(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The task's id.")],
    ) -> Task | None:
        tenant_id = await info.context.tenant_id()
        row = await or_none(tasks.get_task(tenant_id=tenant_id, task_id=id))
        return Task.from_row(row) if row else None

    @strawberry.field(
        description="The usage ledger, newest first, with optional filters.",
        metadata=reads.PURE_READ,
    )
    async def credit_usages(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        type: Annotated[
            str | None, strawberry.argument(description="Only this credit type (its `value`).")
        ] = None,
        user_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only charges of this user.")
        ] = None,
        since: Annotated[
            datetime | None, strawberry.argument(description="Only charges at or after this time.")
        ] = None,
        until: Annotated[
            datetime | None, strawberry.argument(description="Only charges before this time.")
        ] = None,
    ) -> Connection[CreditUsage]:
        tenant_id = await info.context.tenant_id()
        page = await for_query(
            usage.list_usages(
                catalog=info.context.runtime.catalog,
                tenant_id=tenant_id,
                first=first,
                after=after,
                type=type,
                user_id=user_id,
                since=since,
                until=until,
            )
        )
        return Connection.from_page(page, CreditUsage.from_row)

    @strawberry.field(
        description="Credits used and left in the current period.", metadata=reads.PURE_READ
    )
    async def usage_summary(self, info: Info) -> UsageSummary:
        tenant_id = await info.context.tenant_id()
        return UsageSummary.from_dict(await usage.usage_summary(tenant_id=tenant_id))

    @strawberry.field(
        description="A plan feature's usage for the tenant (e.g. `credits`).",
        metadata=reads.PURE_READ,
    )
    async def feature_usage(
        self,
        info: Info,
        name: Annotated[
            str, strawberry.argument(description="The plan feature's `name`, e.g. `credits`.")
        ],
    ) -> FeatureUsage:
        tenant_id = await info.context.tenant_id()
        result = await for_query(
            usage.feature_usage(
                catalog=info.context.runtime.catalog, tenant_id=tenant_id, name=name
            )
        )
        return FeatureUsage(
            name=result.name,
            title=result.title,
            type=PlanFeatureType(result.type.value),
            enabled=result.enabled,
            used=result.used,
            limit=result.limit,
            remaining=result.remaining,
            message=result.message,
        )
