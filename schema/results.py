"""Mutation results: `DoThingResult = DoThingSuccess | <expected failures>`."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.errors import (
    ChargeRefusal,
    Conflict,
    NotFound,
    RateLimited,
    Unavailable,
    ValidationFailed,
)
from schema.types import CreditUsage, Membership, Plan, Project, Task, Tenant


@strawberry.type(description="The project was created and its credits charged.")
class CreateProjectSuccess:
    project: Project = strawberry.field(description="The new project.")
    usage: CreditUsage = strawberry.field(description="The ledger row of the charge.")


@strawberry.type(description="The task was created and its credits charged.")
class CreateTaskSuccess:
    task: Task = strawberry.field(description="The new task.")
    usage: CreditUsage = strawberry.field(description="The ledger row of the charge.")


@strawberry.type(description="The project was updated.")
class UpdateProjectSuccess:
    project: Project = strawberry.field(description="The project as it is now.")


@strawberry.type(
    description="The project and its tasks were deleted; the charges of refundable credit types "
    "among them were refunded."
)
class DeleteProjectSuccess:
    deleted_id: strawberry.ID = strawberry.field(description="The deleted project's id.")
    refund: CreditUsage | None = strawberry.field(
        default=None,
        description="The refund of the project's charge; null when nothing was refunded.",
    )
    task_refunds: list[CreditUsage] = strawberry.field(
        default_factory=list, description="The refunds of its tasks' charges."
    )


@strawberry.type(description="The task was updated.")
class UpdateTaskSuccess:
    task: Task = strawberry.field(description="The task as it is now.")


@strawberry.type(
    description="The task was deleted; its charge was refunded if its credit type is refundable."
)
class DeleteTaskSuccess:
    deleted_id: strawberry.ID = strawberry.field(description="The deleted task's id.")
    refund: CreditUsage | None = strawberry.field(
        default=None,
        description="The refund of the task's charge; null when nothing was refunded.",
    )


@strawberry.type(description="The charge was refunded.")
class RefundCreditsSuccess:
    refund: CreditUsage = strawberry.field(description="The REFUND row, which `reverses` it.")


@strawberry.type(description="The plan was created.")
class CreatePlanSuccess:
    plan: Plan = strawberry.field(description="The new plan.")


@strawberry.type(description="The plan was updated.")
class UpdatePlanSuccess:
    plan: Plan = strawberry.field(description="The plan as it is now.")


@strawberry.type(description="The tenant was created.")
class CreateTenantSuccess:
    tenant: Tenant = strawberry.field(description="The new tenant.")


@strawberry.type(description="The user is a member of the tenant with the given role.")
class AddTenantMemberSuccess:
    membership: Membership = strawberry.field(description="The membership.")


@strawberry.type(description="The tenant is on the plan, with a fresh period.")
class SetTenantPlanSuccess:
    tenant: Tenant = strawberry.field(description="The tenant.")


CreateProjectResult = Annotated[
    CreateProjectSuccess | ChargeRefusal,
    strawberry.union("CreateProjectResult", description="Result of createProject."),
]
CreateTaskResult = Annotated[
    CreateTaskSuccess | ChargeRefusal,
    strawberry.union("CreateTaskResult", description="Result of createTask."),
]
UpdateProjectResult = Annotated[
    UpdateProjectSuccess | NotFound | ValidationFailed | RateLimited,
    strawberry.union("UpdateProjectResult", description="Result of updateProject."),
]
DeleteProjectResult = Annotated[
    DeleteProjectSuccess | NotFound | ValidationFailed | RateLimited | Conflict | Unavailable,
    strawberry.union("DeleteProjectResult", description="Result of deleteProject."),
]
UpdateTaskResult = Annotated[
    UpdateTaskSuccess | NotFound | ValidationFailed | RateLimited,
    strawberry.union("UpdateTaskResult", description="Result of updateTask."),
]
DeleteTaskResult = Annotated[
    DeleteTaskSuccess | NotFound | ValidationFailed | RateLimited | Conflict | Unavailable,
    strawberry.union("DeleteTaskResult", description="Result of deleteTask."),
]
RefundCreditsResult = Annotated[
    RefundCreditsSuccess | NotFound | Conflict | ValidationFailed | Unavailable,
    strawberry.union("RefundCreditsResult", description="Result of refundCredits."),
]
CreatePlanResult = Annotated[
    CreatePlanSuccess | ValidationFailed | Conflict,
    strawberry.union("CreatePlanResult", description="Result of createPlan."),
]
UpdatePlanResult = Annotated[
    UpdatePlanSuccess | NotFound | ValidationFailed | Conflict,
    strawberry.union("UpdatePlanResult", description="Result of updatePlan."),
]
CreateTenantResult = Annotated[
    CreateTenantSuccess | NotFound | ValidationFailed | Conflict | Unavailable,
    strawberry.union("CreateTenantResult", description="Result of createTenant."),
]
AddTenantMemberResult = Annotated[
    AddTenantMemberSuccess | NotFound | ValidationFailed | Conflict,
    strawberry.union("AddTenantMemberResult", description="Result of addTenantMember."),
]
SetTenantPlanResult = Annotated[
    SetTenantPlanSuccess | NotFound | ValidationFailed | Unavailable,
    strawberry.union("SetTenantPlanResult", description="Result of setTenantPlan."),
]
