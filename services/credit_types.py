"""The catalog of credit types, declared in code: what each chargeable action costs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CreditType:
    value: str
    name: str
    description: str
    amount: int
    # Usage-based billing: the unit it counts toward and the Stripe meter event reporting it.
    usage_unit: str | None = None
    meter_event_name: str | None = None
    # Deleting the object a charge of this type paid for gives the charge back.
    refundable: bool = False


PROJECT_CREATION = CreditType(
    value="credit-project-creation",
    name="Project creation",
    description="Charged when a project is created.",
    amount=2,
    usage_unit="project-credits",
    meter_event_name="project_credits",
)
TASK_CREATION = CreditType(
    value="credit-task-creation",
    name="Task creation",
    description="Charged when a task is created.",
    amount=1,
    usage_unit="task-credits",
    meter_event_name="task_credits",
)

CREDIT_TYPES: tuple[CreditType, ...] = (PROJECT_CREATION, TASK_CREATION)
BY_VALUE: dict[str, CreditType] = {credit_type.value: credit_type for credit_type in CREDIT_TYPES}

# The plan feature whose value is the credit allowance per billing period.
CREDITS_FEATURE = "credits"
