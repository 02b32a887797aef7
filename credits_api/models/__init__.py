"""Tortoise models: the tables and small query helpers, no business rules."""

from credits_api.models.billing import BillingOutbox, OutboxStatus, StripeEvent
from credits_api.models.credits import CreditBalance, CreditGrant, CreditUsage, GrantSource
from credits_api.models.plans import (
    Plan,
    PlanFeature,
    PlanFeatureType,
    SubscriptionStatus,
    TenantSubscription,
)
from credits_api.models.tenancy import Membership, Role, Tenant, User
from credits_api.models.work import Project, Task, TaskStatus

__all__ = [
    "BillingOutbox",
    "CreditBalance",
    "CreditGrant",
    "CreditUsage",
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
