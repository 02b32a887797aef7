from __future__ import annotations

from typing import Annotated, Any

import strawberry

from resolvers.api_keys import ApiKeyMutation
from resolvers.billing import BillingMutation
from resolvers.catalog import CatalogMutation
from resolvers.context import Info
from resolvers.errors import as_result
from resolvers.members import MemberMutation
from resolvers.reservations import ReservationMutation
from resolvers.usage_alerts import UsageAlertMutation
from resolvers.webhooks import WebhookMutation
from schema import inputs
from schema import results as r
from schema.types import CreditUsage, Membership, Plan, Project, Task, Tenant
from services import plans, projects, refunds, tasks, tenants
from services.enums import PlanFeatureType as ModelFeatureType
from services.enums import Role as ModelRole
from services.plans import FeatureSpec

IDEMPOTENCY_KEY = (
    "Makes a retry safe: a repeat with the same key returns the first result and charges "
    "nothing; the same key with a different input is a CONFLICT."
)


def _features(features: list[inputs.PlanFeatureInput]) -> list[FeatureSpec]:
    return [
        FeatureSpec(
            name=feature.name,
            title=feature.title,
            type=ModelFeatureType(feature.type.value),
            value=feature.value,
            rollover_max=feature.rollover_max,
        )
        for feature in features
    ]


def _given(value: Any) -> Any:
    return None if value is strawberry.UNSET else value


@strawberry.type(
    description="Write operations. Expected failures are members of each result union."
)
class Mutation(
    BillingMutation,
    CatalogMutation,
    ApiKeyMutation,
    WebhookMutation,
    MemberMutation,
    ReservationMutation,
    UsageAlertMutation,
):
    @strawberry.mutation(description="Creates a project and charges `credit-project-creation`.")
    async def create_project(
        self,
        info: Info,
        input: Annotated[
            inputs.CreateProjectInput, strawberry.argument(description="The project to create.")
        ],
        idempotency_key: Annotated[
            str | None, strawberry.argument(description=IDEMPOTENCY_KEY)
        ] = None,
    ) -> r.CreateProjectResult:
        access = await info.context.member()
        user_id = (await info.context.principal()).user_id
        return await as_result(
            projects.create_project(
                runtime=info.context.runtime,
                tenant_id=access.tenant_id,
                user_id=user_id,
                name=input.name,
                description=input.description,
                idempotency_key=idempotency_key,
            ),
            lambda created: r.CreateProjectSuccess(
                project=Project.from_row(created.obj), usage=CreditUsage.from_row(created.usage)
            ),
        )

    @strawberry.mutation(description="Creates a task and charges `credit-task-creation`.")
    async def create_task(
        self,
        info: Info,
        input: Annotated[
            inputs.CreateTaskInput,
            strawberry.argument(description="The task to create, in one of the tenant's projects."),
        ],
        idempotency_key: Annotated[
            str | None, strawberry.argument(description=IDEMPOTENCY_KEY)
        ] = None,
    ) -> r.CreateTaskResult:
        access = await info.context.member()
        user_id = (await info.context.principal()).user_id
        return await as_result(
            tasks.create_task(
                runtime=info.context.runtime,
                tenant_id=access.tenant_id,
                user_id=user_id,
                project_id=input.project_id,
                title=input.title,
                description=input.description,
                idempotency_key=idempotency_key,
            ),
            lambda created: r.CreateTaskSuccess(
                task=Task.from_row(created.obj), usage=CreditUsage.from_row(created.usage)
            ),
        )

    @strawberry.mutation(description="Renames or re-describes a project. Free.")
    async def update_project(
        self,
        info: Info,
        input: Annotated[
            inputs.UpdateProjectInput,
            strawberry.argument(
                description="The project, and the fields to change; omitted fields are kept."
            ),
        ],
    ) -> r.UpdateProjectResult:
        tenant_id = await info.context.tenant_id()
        return await as_result(
            projects.update_project(
                tenant_id=tenant_id,
                project_id=input.id,
                name=_given(input.name),
                description=_given(input.description),
            ),
            lambda project: r.UpdateProjectSuccess(project=Project.from_row(project)),
        )

    @strawberry.mutation(
        description="Deletes a project and its tasks. Free; the charges that paid for them are "
        "refunded when their credit type is `refundable`."
    )
    async def delete_project(
        self,
        info: Info,
        input: Annotated[
            inputs.DeleteProjectInput,
            strawberry.argument(description="The project to delete, with its tasks."),
        ],
    ) -> r.DeleteProjectResult:
        tenant_id = await info.context.tenant_id()
        return await as_result(
            projects.delete_project(
                runtime=info.context.runtime,
                tenant_id=tenant_id,
                user_id=(await info.context.principal()).user_id,
                project_id=input.id,
            ),
            lambda deleted: r.DeleteProjectSuccess(
                deleted_id=strawberry.ID(str(deleted.id)),
                refund=CreditUsage.from_row(deleted.refund) if deleted.refund else None,
                task_refunds=[CreditUsage.from_row(row) for row in deleted.task_refunds],
            ),
        )

    @strawberry.mutation(description="Changes a task's title, description or status. Free.")
    async def update_task(
        self,
        info: Info,
        input: Annotated[
            inputs.UpdateTaskInput,
            strawberry.argument(
                description="The task, and the fields to change; omitted fields are kept."
            ),
        ],
    ) -> r.UpdateTaskResult:
        tenant_id = await info.context.tenant_id()
        status = _given(input.status)
        return await as_result(
            tasks.update_task(
                tenant_id=tenant_id,
                task_id=input.id,
                title=_given(input.title),
                description=_given(input.description),
                status=status.value if status is not None else None,
            ),
            lambda task: r.UpdateTaskSuccess(task=Task.from_row(task)),
        )

    @strawberry.mutation(
        description="Deletes a task. Free; its charge is refunded when its credit type is "
        "`refundable`."
    )
    async def delete_task(
        self,
        info: Info,
        input: Annotated[
            inputs.DeleteTaskInput, strawberry.argument(description="The task to delete.")
        ],
    ) -> r.DeleteTaskResult:
        tenant_id = await info.context.tenant_id()
        return await as_result(
            tasks.delete_task(
                runtime=info.context.runtime,
                tenant_id=tenant_id,
                user_id=(await info.context.principal()).user_id,
                task_id=input.id,
            ),
            lambda deleted: r.DeleteTaskSuccess(
                deleted_id=strawberry.ID(str(deleted.id)),
                refund=CreditUsage.from_row(deleted.refund) if deleted.refund else None,
            ),
        )

    @strawberry.mutation(
        description="Refunds a charge (its credits go back to the period or grant they came "
        "from), at most once, whatever its type's `refundable`. The tenant's owners and admins, "
        "or a platform admin (who needs no X-Tenant header)."
    )
    async def refund_credits(
        self,
        info: Info,
        input: Annotated[
            inputs.RefundCreditsInput, strawberry.argument(description="The charge to refund.")
        ],
    ) -> r.RefundCreditsResult:
        principal = await info.context.principal()
        tenant_id = None
        if not principal.is_platform_admin:
            access = await info.context.manager("refund credits")
            tenant_id = access.tenant_id
        return await as_result(
            refunds.refund_credits(
                runtime=info.context.runtime,
                tenant_id=tenant_id,
                user_id=principal.user_id,
                usage_id=input.usage_id,
                reason=input.reason,
            ),
            lambda refund: r.RefundCreditsSuccess(refund=CreditUsage.from_row(refund)),
        )

    @strawberry.mutation(description="Creates a plan. Platform admins only.")
    async def create_plan(
        self,
        info: Info,
        input: Annotated[
            inputs.CreatePlanInput,
            strawberry.argument(description="The plan to create, with its features."),
        ],
    ) -> r.CreatePlanResult:
        await info.context.platform_admin()
        return await as_result(
            plans.create_plan(
                name=input.name,
                description=input.description,
                features=_features(input.features),
                stripe_price_monthly=input.stripe_price_monthly or None,
                stripe_price_yearly=input.stripe_price_yearly or None,
            ),
            lambda plan: r.CreatePlanSuccess(plan=Plan.from_row(plan)),
        )

    @strawberry.mutation(
        description="Updates a plan; `features` replaces all, and every tenant on the plan gets "
        "a `usageUpdated` event with its new figures. Platform admins only."
    )
    async def update_plan(
        self,
        info: Info,
        input: Annotated[
            inputs.UpdatePlanInput,
            strawberry.argument(
                description="The plan, and the fields to change; omitted fields are kept."
            ),
        ],
    ) -> r.UpdatePlanResult:
        await info.context.platform_admin()
        features = _given(input.features)
        return await as_result(
            plans.update_plan(
                charger=info.context.runtime.charger,
                plan_id=input.id,
                name=_given(input.name),
                description=_given(input.description),
                features=_features(features) if features is not None else None,
                stripe_price_monthly=_given(input.stripe_price_monthly),
                stripe_price_yearly=_given(input.stripe_price_yearly),
            ),
            lambda plan: r.UpdatePlanSuccess(plan=Plan.from_row(plan)),
        )

    @strawberry.mutation(
        description="Creates a tenant, optionally on a plan. Platform admins only."
    )
    async def create_tenant(
        self,
        info: Info,
        input: Annotated[
            inputs.CreateTenantInput,
            strawberry.argument(
                description="The tenant to create, and optionally the plan to put it on."
            ),
        ],
    ) -> r.CreateTenantResult:
        await info.context.platform_admin()
        return await as_result(
            tenants.create_tenant(
                charger=info.context.runtime.charger,
                name=input.name,
                slug=input.slug,
                plan_id=_given(input.plan_id),
            ),
            lambda tenant: r.CreateTenantSuccess(tenant=Tenant.from_row(tenant)),
        )

    @strawberry.mutation(
        description="Adds a user (created when the email is new) to a tenant. Platform admins only."
    )
    async def add_tenant_member(
        self,
        info: Info,
        input: Annotated[
            inputs.AddTenantMemberInput,
            strawberry.argument(description="The tenant, the user's email and their role."),
        ],
    ) -> r.AddTenantMemberResult:
        await info.context.platform_admin()
        return await as_result(
            tenants.add_tenant_member(
                tenant_slug=input.tenant_slug, email=input.email, role=ModelRole(input.role.value)
            ),
            lambda membership: r.AddTenantMemberSuccess(membership=Membership.from_row(membership)),
        )

    @strawberry.mutation(
        description="Puts a tenant on a plan; without Stripe a one-month period starts now. "
        "Platform admins only."
    )
    async def set_tenant_plan(
        self,
        info: Info,
        input: Annotated[
            inputs.SetTenantPlanInput,
            strawberry.argument(description="The tenant, and the plan to put it on."),
        ],
    ) -> r.SetTenantPlanResult:
        await info.context.platform_admin()
        return await as_result(
            tenants.set_tenant_plan(
                charger=info.context.runtime.charger,
                tenant_slug=input.tenant_slug,
                plan_id=input.plan_id,
            ),
            lambda tenant: r.SetTenantPlanSuccess(tenant=Tenant.from_row(tenant)),
        )
