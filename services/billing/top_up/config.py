"""`setAutoTopUp` and what `Tenant.autoTopUp` shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.functions import Count

from models import AutoTopUp, AutoTopUpAttempt, Tenant, TopUpStatus
from services.billing.checkout import stripe_errors
from services.billing.client import billing_enabled, stripe_client
from services.clock import utcnow
from services.errors import BillingDisabled, ValidationFailed
from settings import Settings

if TYPE_CHECKING:
    from services.ledger.charger import Charger

MAX_BELOW = 1_000_000_000
MAX_PER_MONTH = 1_000
NO_PAYMENT_METHOD = (
    "Auto top-up pays off-session: the tenant needs a Stripe customer with a default payment "
    "method (add one in the billing portal) first."
)


def month_of(moment: datetime) -> str:
    """The calendar month (UTC) an attempt counts in."""
    return moment.strftime("%Y-%m")


@dataclass(frozen=True, slots=True)
class AutoTopUpView:
    enabled: bool
    below_credits: int
    price_id: str
    max_per_month: int
    purchases_this_month: int
    paused_at: datetime | None


async def set_auto_top_up(
    *,
    settings: Settings,
    charger: Charger,
    tenant_id: UUID,
    enabled: bool,
    below_credits: int,
    price_id: str,
    max_per_month: int,
) -> Tenant:
    """Saves the tenant's auto top-up (and lifts a pause after a declined payment). Bad input
    is `ValidationFailed` and changes nothing."""
    if not billing_enabled(settings):
        raise BillingDisabled()
    if price_id not in settings.credit_packs:
        raise ValidationFailed("priceId", "Unknown credit pack price.")
    if not 0 <= below_credits <= MAX_BELOW:
        raise ValidationFailed("belowCredits", f"belowCredits must be 0 to {MAX_BELOW}.")
    if not 1 <= max_per_month <= MAX_PER_MONTH:
        raise ValidationFailed("maxPerMonth", f"maxPerMonth must be 1 to {MAX_PER_MONTH}.")
    tenant = await Tenant.get(id=tenant_id)
    if enabled:
        await default_payment_method(settings, tenant)

    async def change(connection: BaseDBAsyncClient) -> None:
        values = {
            "enabled": enabled,
            "below_credits": below_credits,
            "price_id": price_id,
            "max_per_month": max_per_month,
            "paused_at": None,
            "updated_at": utcnow(),
        }
        updated = await AutoTopUp.filter(tenant_id=tenant_id).using_db(connection).update(**values)
        if not updated:
            await AutoTopUp.create(tenant_id=tenant_id, using_db=connection, **values)

    await charger.change_account(tenant_id, change)
    return tenant


async def default_payment_method(settings: Settings, tenant: Tenant) -> tuple[str, str]:
    """The tenant's Stripe customer and its default payment method, or `ValidationFailed`."""
    if not tenant.stripe_customer_id:
        raise ValidationFailed("enabled", NO_PAYMENT_METHOD)
    with stripe_errors():
        customer = await stripe_client(settings).v1.customers.retrieve_async(
            tenant.stripe_customer_id
        )
    method = _id_of(
        (customer.to_dict().get("invoice_settings") or {}).get("default_payment_method")
    )
    if not method:
        raise ValidationFailed("enabled", NO_PAYMENT_METHOD)
    return tenant.stripe_customer_id, method


def _id_of(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return str(value) if value else None


async def auto_top_ups_by_tenant(tenant_ids: Sequence[UUID]) -> list[AutoTopUpView | None]:
    """Each tenant's auto top-up (None: never set), with this month's confirmed purchases."""
    rows = {row.tenant_id: row for row in await AutoTopUp.filter(tenant_id__in=list(tenant_ids))}
    counts: dict[UUID, int] = {}
    if rows:
        for tenant_id, count in await (
            AutoTopUpAttempt.filter(
                tenant_id__in=list(rows),
                month=month_of(utcnow()),
                status=TopUpStatus.SUCCEEDED,
            )
            .group_by("tenant_id")
            .annotate(count=Count("id"))
            .values_list("tenant_id", "count")
        ):
            counts[UUID(str(tenant_id))] = int(count)
    views: list[AutoTopUpView | None] = []
    for tenant_id in tenant_ids:
        row = rows.get(tenant_id)
        views.append(
            None
            if row is None
            else AutoTopUpView(
                enabled=row.enabled,
                below_credits=row.below_credits,
                price_id=row.price_id,
                max_per_month=row.max_per_month,
                purchases_this_month=counts.get(tenant_id, 0),
                paused_at=row.paused_at,
            )
        )
    return views
