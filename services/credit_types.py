"""A credit type, as the ledger charges it: what one unit of an action costs, and how it is
reported. The catalog itself is data (`models.CreditTypeRow`, kept per process by
`services.catalog`); the kit's two types below are what it is seeded with."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A credit type's `value`: 1 to 64 lowercase letters, digits or hyphens, not starting with one.
CREDIT_TYPE_VALUE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True, slots=True)
class CreditType:
    value: str
    name: str
    description: str
    amount: int
    # Usage-based billing: the unit it counts toward and the Stripe meter event reporting it.
    usage_unit: str | None = None
    meter_event_name: str | None = None
    # Deleting the object paid for gives its credits back.
    refundable: bool = False


# The kit's types: the catalog's seed (services.catalog_admin.seed_kit_types). Charges read
# the catalog, never these: an admin may change their amounts.
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
KIT_TYPES: tuple[CreditType, ...] = (PROJECT_CREATION, TASK_CREATION)

# The plan feature whose value is the credit allowance per billing period.
CREDITS_FEATURE = "credits"
