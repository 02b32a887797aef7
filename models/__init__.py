"""Tortoise models: the tables and small query helpers, no business rules."""

from models.alerts import AlertState, UsageAlert
from models.api_keys import ApiKey
from models.billing import BillingOutbox, OutboxStatus, StripeEvent
from models.catalog import CreditTypeRow
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
from models.reservations import CreditReservation, ReservationStatus
from models.tenancy import Membership, Role, Tenant, User
from models.top_up import AutoTopUp, AutoTopUpAttempt, TopUpStatus
from models.webhooks import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventType,
)
from models.work import Project, Task, TaskStatus

__all__ = [
    "AlertState",
    "ApiKey",
    "AutoTopUp",
    "AutoTopUpAttempt",
    "BillingOutbox",
    "CreditBalance",
    "CreditDraw",
    "CreditGrant",
    "CreditReservation",
    "CreditTypeRow",
    "CreditUsage",
    "CreditUsageKind",
    "DeliveryStatus",
    "GrantSource",
    "Membership",
    "OutboxStatus",
    "Plan",
    "PlanFeature",
    "PlanFeatureType",
    "Project",
    "ReservationStatus",
    "Role",
    "StripeEvent",
    "SubscriptionStatus",
    "Task",
    "TaskStatus",
    "Tenant",
    "TenantSubscription",
    "TopUpStatus",
    "UsageAlert",
    "User",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "WebhookEventType",
]
