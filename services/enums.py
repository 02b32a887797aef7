"""The domain's enums, for callers above the service layer (which never import models)."""

from models import PlanFeatureType, ReservationStatus, Role, SubscriptionStatus, TaskStatus

__all__ = ["PlanFeatureType", "ReservationStatus", "Role", "SubscriptionStatus", "TaskStatus"]
