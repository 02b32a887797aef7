"""Selling through Stripe: Checkout for a plan or a credit pack, and the billing portal.

Nothing here changes what a tenant may spend: that only happens when Stripe's signed webhook
says the payment went through (services/billing/webhooks.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from uuid import UUID

import httpx
import stripe

from models import Tenant
from services.billing.client import stripe_client
from services.errors import BillingDisabled, Unavailable, ValidationFailed
from services.plans import get_plan
from settings import Settings

# Metadata keys on Checkout sessions and subscriptions: the webhook maps them back.
TENANT_ID = "tenant_id"
PLAN_ID = "plan_id"
KIND = "kind"
CREDITS = "credits"
KIND_PLAN = "plan"
KIND_CREDIT_PACK = "credit_pack"


class BillingInterval(StrEnum):
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


async def ensure_customer(*, settings: Settings, tenant_id: UUID) -> str:
    """The tenant's Stripe customer, created once (concurrent callers get the same one)."""
    tenant = await Tenant.get(id=tenant_id)
    if tenant.stripe_customer_id:
        return tenant.stripe_customer_id
    client = stripe_client(settings)
    with stripe_errors():
        customer = await client.v1.customers.create_async(
            {"name": tenant.name, "metadata": {TENANT_ID: str(tenant.id), "slug": tenant.slug}},
            # Stripe answers a repeat of this key with the same customer for 24 h.
            {"idempotency_key": f"customer-{tenant.id}"},
        )
    claimed = await Tenant.filter(id=tenant.id, stripe_customer_id__isnull=True).update(
        stripe_customer_id=customer.id
    )
    if claimed == 0:
        tenant = await Tenant.get(id=tenant_id)
        return tenant.stripe_customer_id or customer.id
    return customer.id


async def create_checkout_session(
    *, settings: Settings, tenant_id: UUID, plan_id: str, interval: BillingInterval
) -> str:
    """A Stripe Checkout URL subscribing the tenant to the plan."""
    stripe_client(settings)
    plan = await get_plan(plan_id, field="planId")
    price = (
        plan.stripe_price_monthly
        if interval is BillingInterval.MONTHLY
        else plan.stripe_price_yearly
    )
    if not price:
        raise ValidationFailed(
            "interval", f"Plan '{plan.name}' has no {interval.value.lower()} Stripe price."
        )
    customer = await ensure_customer(settings=settings, tenant_id=tenant_id)
    metadata = {TENANT_ID: str(tenant_id), PLAN_ID: str(plan.id), KIND: KIND_PLAN}
    with stripe_errors():
        session = await stripe_client(settings).v1.checkout.sessions.create_async(
            {
                "mode": "subscription",
                "customer": customer,
                "client_reference_id": str(tenant_id),
                "line_items": [{"price": price, "quantity": 1}],
                "success_url": settings.stripe_success_url,
                "cancel_url": settings.stripe_cancel_url,
                "metadata": metadata,
                "subscription_data": {"metadata": metadata},
            }
        )
    return _url(session.url)


async def create_credit_pack_checkout_session(
    *, settings: Settings, tenant_id: UUID, price_id: str
) -> str:
    """A Stripe Checkout URL for a one-time credit pack (CREDIT_PACKS maps price → credits)."""
    stripe_client(settings)
    credits = settings.credit_packs.get(price_id)
    if credits is None:
        raise ValidationFailed("priceId", "Unknown credit pack price.")
    customer = await ensure_customer(settings=settings, tenant_id=tenant_id)
    with stripe_errors():
        session = await stripe_client(settings).v1.checkout.sessions.create_async(
            {
                "mode": "payment",
                "customer": customer,
                "client_reference_id": str(tenant_id),
                "line_items": [{"price": price_id, "quantity": 1}],
                "success_url": settings.stripe_success_url,
                "cancel_url": settings.stripe_cancel_url,
                "metadata": {
                    TENANT_ID: str(tenant_id),
                    KIND: KIND_CREDIT_PACK,
                    CREDITS: str(credits),
                },
            }
        )
    return _url(session.url)


async def create_portal_session(*, settings: Settings, tenant_id: UUID) -> str:
    """The Stripe billing portal URL for the tenant (invoices, payment method, cancel)."""
    customer = await ensure_customer(settings=settings, tenant_id=tenant_id)
    with stripe_errors():
        session = await stripe_client(settings).v1.billing_portal.sessions.create_async(
            {"customer": customer, "return_url": settings.stripe_portal_return_url}
        )
    return _url(session.url)


async def credit_packs(settings: Settings) -> list[tuple[str, int]]:
    """The packs on sale: (Stripe price id, credits), smallest first."""
    if not settings.stripe_api_key:
        raise BillingDisabled()
    return sorted(settings.credit_packs.items(), key=lambda item: (item[1], item[0]))


@contextmanager
def stripe_errors() -> Iterator[None]:
    """Stripe failing or unreachable is an expected, retryable failure."""
    try:
        yield
    except (stripe.StripeError, httpx.HTTPError) as error:
        raise Unavailable(f"Stripe did not answer as expected ({type(error).__name__}).") from error


def _url(url: str | None) -> str:
    if not url:
        raise RuntimeError("Stripe returned a session without a URL")
    return url
