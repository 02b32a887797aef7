"""Reading the billing outbox (admin): what is owed to Stripe and not sent yet."""

from __future__ import annotations

from models import BillingOutbox, OutboxStatus
from services.billing.client import stripe_client
from services.pagination import Page, paginate
from settings import Settings

__all__ = ["OutboxStatus", "list_outbox"]


async def list_outbox(
    *, settings: Settings, status: OutboxStatus | None, first: int | None, after: str | None
) -> Page[BillingOutbox]:
    """Unsent rows (PENDING and RECONCILE) oldest first, or only those of `status`."""
    stripe_client(settings)  # BillingDisabled without Stripe
    query = BillingOutbox.all()
    if status is None:
        query = query.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.RECONCILE])
    else:
        query = query.filter(status=status)
    return await paginate(query, first=first, after=after)
