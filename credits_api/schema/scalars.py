from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="A member's role in a tenant.")
class Role(Enum):
    OWNER = "OWNER"
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"


@strawberry.enum(description="How a plan feature applies.")
class PlanFeatureType(Enum):
    INCLUDED = "INCLUDED"
    NOT_INCLUDED = "NOT_INCLUDED"
    MONTHLY = "MONTHLY"
    TOTAL = "TOTAL"
    UNLIMITED = "UNLIMITED"


@strawberry.enum(description="Where a task stands.")
class TaskStatus(Enum):
    TODO = "TODO"
    DOING = "DOING"
    DONE = "DONE"


@strawberry.enum(description="The state of a tenant's subscription.")
class SubscriptionStatus(Enum):
    ACTIVE = "ACTIVE"
    TRIALING = "TRIALING"
    PAST_DUE = "PAST_DUE"
    UNPAID = "UNPAID"
    INCOMPLETE = "INCOMPLETE"
    CANCELED = "CANCELED"
