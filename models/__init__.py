"""Tortoise models: the tables and small query helpers, no business rules."""

from models.billing import BillingOutbox, OutboxStatus, StripeEvent
from models.credits import (
    CreditBalance,
    CreditDraw,
    CreditGrant,
    CreditUsage,
    CreditUsageKind,
    GrantSource,
)
from models.plans import (
    Plan,
    PlanFeature,
    PlanFeatureType,
    SubscriptionStatus,
    TenantSubscription,
)
from models.tenancy import Membership, Role, Tenant, User
from models.work import Project, Task, TaskStatus

__all__ = [
    "BillingOutbox",
    "CreditBalance",
    "CreditDraw",
    "CreditGrant",
    "CreditUsage",
    "CreditUsageKind",
    "GrantSource",
    "Membership",
    "OutboxStatus",
    "Plan",
    "PlanFeature",
    "PlanFeatureType",
    "Project",
    "Role",
    "StripeEvent",
    "SubscriptionStatus",
    "Task",
    "TaskStatus",
    "Tenant",
    "TenantSubscription",
    "User",
]
