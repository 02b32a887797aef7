from __future__ import annotations

from enum import Enum
from typing import cast

import strawberry


def described(value: str, description: str) -> str:
    """An enum member's value with its description. `strawberry.enum` replaces the definition
    by `value` when it decorates the class, so the member's value is a `str`, as typed here."""
    return cast(str, strawberry.enum_value(value, description=description))


@strawberry.enum(description="A member's role in a tenant.")
class Role(Enum):
    OWNER = described("OWNER", description="Owns the tenant: uses it and manages its billing.")
    ADMIN = described(
        "ADMIN", description="Administers the tenant: uses it and manages its billing."
    )
    MEMBER = described(
        "MEMBER", description="Uses the tenant's projects and tasks; cannot manage billing."
    )


@strawberry.enum(description="How a plan feature applies.")
class PlanFeatureType(Enum):
    INCLUDED = described("INCLUDED", description="On, with no limit; `value` is not used.")
    NOT_INCLUDED = described("NOT_INCLUDED", description="Off: for credits, none to spend.")
    MONTHLY = described(
        "MONTHLY", description="`value` per billing period, renewed at each new period."
    )
    TOTAL = described(
        "TOTAL", description="`value` for the whole life of the subscription; never renewed."
    )
    UNLIMITED = described("UNLIMITED", description="No limit; `value` is not used.")


@strawberry.enum(description="Where a task stands.")
class TaskStatus(Enum):
    TODO = described("TODO", description="Not started.")
    DOING = described("DOING", description="In progress.")
    DONE = described("DONE", description="Finished.")


@strawberry.enum(description="What a ledger row records.")
class CreditUsageKind(Enum):
    CHARGE = described("CHARGE", description="Credits spent (a positive amount).")
    REFUND = described(
        "REFUND",
        description="Credits given back (the negated amount of the charge it `reverses`).",
    )


@strawberry.enum(description="The state of a tenant's subscription.")
class SubscriptionStatus(Enum):
    ACTIVE = described("ACTIVE", description="Current and paid: credits can be spent.")
    TRIALING = described("TRIALING", description="In its trial: credits can be spent.")
    PAST_DUE = described(
        "PAST_DUE", description="A payment failed and is being retried: no credits can be spent."
    )
    UNPAID = described("UNPAID", description="Payment retries ran out: no credits can be spent.")
    INCOMPLETE = described(
        "INCOMPLETE",
        description="The first payment has not succeeded yet: no credits can be spent.",
    )
    CANCELED = described("CANCELED", description="Ended: no credits can be spent.")


@strawberry.enum(description="Where a usage alert stands.")
class AlertState(Enum):
    REACHED = described(
        "REACHED", description="Usage is at or over the threshold in the alert's period."
    )
    RESOLVED = described(
        "RESOLVED",
        description="Usage fell back under it (a refund, a grant, a plan change) or the period "
        "ended.",
    )
