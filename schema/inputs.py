"""Mutation inputs: `doThing(input: DoThingInput!)`."""

from __future__ import annotations

import strawberry

from schema.scalars import PlanFeatureType, Role, TaskStatus


@strawberry.input(description="A new project.")
class CreateProjectInput:
    name: str = strawberry.field(description="Display name, 1 to 200 characters.")
    description: str | None = strawberry.field(default=None, description="Free text.")


@strawberry.input(description="Changes to a project; omitted fields stay as they are.")
class UpdateProjectInput:
    id: strawberry.ID = strawberry.field(description="The project.")
    name: str | None = strawberry.field(default=None, description="New name.")
    description: str | None = strawberry.field(default=None, description="New description.")


@strawberry.input(
    description="The project to delete, with its tasks; the charges of refundable credit types "
    "among them are refunded."
)
class DeleteProjectInput:
    id: strawberry.ID = strawberry.field(description="The project.")


@strawberry.input(description="A new task in a project.")
class CreateTaskInput:
    project_id: strawberry.ID = strawberry.field(description="The project it belongs to.")
    title: str = strawberry.field(description="Short title, 1 to 200 characters.")
    description: str | None = strawberry.field(default=None, description="Free text.")


@strawberry.input(description="Changes to a task; omitted fields stay as they are.")
class UpdateTaskInput:
    id: strawberry.ID = strawberry.field(description="The task.")
    title: str | None = strawberry.field(default=None, description="New title.")
    description: str | None = strawberry.field(default=None, description="New description.")
    status: TaskStatus | None = strawberry.field(default=None, description="New status.")


@strawberry.input(
    description="The task to delete; its charge is refunded when its credit type is refundable."
)
class DeleteTaskInput:
    id: strawberry.ID = strawberry.field(description="The task.")


@strawberry.input(description="The charge to refund.")
class RefundCreditsInput:
    usage_id: strawberry.ID = strawberry.field(
        description="The ledger row of the charge (a `CreditUsage` of kind CHARGE)."
    )
    reason: str | None = strawberry.field(
        default=None, description="Why, kept on the refund (at most 500 characters)."
    )


@strawberry.input(description="A feature line of a plan.")
class PlanFeatureInput:
    name: str = strawberry.field(description="Stable key, e.g. `credits`.")
    title: str = strawberry.field(description="Display title.")
    type: PlanFeatureType = strawberry.field(description="How the feature applies.")
    value: int | None = strawberry.field(
        default=None, description="Amount for MONTHLY and TOTAL features."
    )
    rollover_max: int | None = strawberry.field(
        default=None,
        description="On a MONTHLY `credits` feature: when a period ends, its unused allowance "
        "up to this many credits becomes a ROLLOVER grant that expires at the end of the next "
        "period. Null: nothing rolls over.",
    )


@strawberry.input(description="A new plan.")
class CreatePlanInput:
    name: str = strawberry.field(description="Display name, unique.")
    description: str | None = strawberry.field(default=None, description="Marketing text.")
    features: list[PlanFeatureInput] = strawberry.field(description="The plan's features.")
    stripe_price_monthly: str | None = strawberry.field(
        default=None, description="Stripe recurring monthly price id, for Checkout."
    )
    stripe_price_yearly: str | None = strawberry.field(
        default=None, description="Stripe recurring yearly price id, for Checkout."
    )


@strawberry.input(description="Changes to a plan; omitted fields stay as they are.")
class UpdatePlanInput:
    id: strawberry.ID = strawberry.field(description="The plan.")
    name: str | None = strawberry.field(default=None, description="New name.")
    description: str | None = strawberry.field(default=None, description="New description.")
    features: list[PlanFeatureInput] | None = strawberry.field(
        default=None, description="Replaces all features when given."
    )
    stripe_price_monthly: str | None = strawberry.field(
        default=None, description="Stripe monthly price id; an empty string removes it."
    )
    stripe_price_yearly: str | None = strawberry.field(
        default=None, description="Stripe yearly price id; an empty string removes it."
    )


@strawberry.input(description="A new tenant.")
class CreateTenantInput:
    name: str = strawberry.field(description="Display name.")
    slug: str = strawberry.field(description="URL-safe key: lowercase letters, digits, hyphens.")
    plan_id: strawberry.ID | None = strawberry.field(
        default=None, description="Put the tenant on this plan right away."
    )


@strawberry.input(description="Add a user (created if new) to a tenant, or change their role.")
class AddTenantMemberInput:
    tenant_slug: str = strawberry.field(description="The tenant.")
    email: str = strawberry.field(description="The user's email.")
    role: Role = strawberry.field(description="Their role in the tenant.")


@strawberry.input(description="Put a tenant on a plan.")
class SetTenantPlanInput:
    tenant_slug: str = strawberry.field(description="The tenant.")
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
