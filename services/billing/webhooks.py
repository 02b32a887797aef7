"""Stripe webhooks: verified, applied once, never regressing.

- The signature is checked on the raw body with STRIPE_WEBHOOK_SECRET (5-minute tolerance).
- Each event id is stored (StripeEvent) in the same transaction as its effect, under the
  tenant lock: a redelivery, even a concurrent one, finds it and changes nothing.
- A subscription's state carries the creation time of the event that set it: an older event
  arriving late is recorded but does not overwrite newer state.
- Anything that needs Stripe's API (fetching the current subscription) happens before the
  transaction opens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

import stripe
import structlog
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from models import Plan, StripeEvent, SubscriptionStatus, Tenant, TenantSubscription
from services.billing import checkout
from services.billing.client import stripe_client
from services.billing.top_up import stripe_events as top_up_events
from services.errors import BillingDisabled
from services.grants import add_purchased_grant
from services.ledger.allowance import SPENDING_STATUSES
from services.ledger.rollover import roll_over_ended_period
from services.webhooks.delivery import wake_if_emitted
from settings import Settings

if TYPE_CHECKING:
    from services.ledger.charger import Charger

log = structlog.get_logger(__name__)

TOLERANCE_SECONDS = 300

STATUSES = {
    "active": SubscriptionStatus.ACTIVE,
    "trialing": SubscriptionStatus.TRIALING,
    "past_due": SubscriptionStatus.PAST_DUE,
    "unpaid": SubscriptionStatus.UNPAID,
    "paused": SubscriptionStatus.UNPAID,
    "incomplete": SubscriptionStatus.INCOMPLETE,
    "incomplete_expired": SubscriptionStatus.CANCELED,
    "canceled": SubscriptionStatus.CANCELED,
}
SUBSCRIPTION_EVENTS = {
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
}


class InvalidWebhook(Exception):
    """A forged, stale or malformed delivery: answered 400, nothing changed."""


@dataclass(frozen=True, slots=True)
class WebhookOutcome:
    event_id: str
    # "applied", "duplicate", "stale" (older than the state), or "ignored" (not for us).
    result: str


def verify(*, settings: Settings, payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event, if the signature over these exact bytes is valid and recent."""
    if not settings.stripe_webhook_secret:
        raise BillingDisabled()
    try:
        stripe.WebhookSignature.verify_header(
            payload, signature, settings.stripe_webhook_secret, tolerance=TOLERANCE_SECONDS
        )
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise InvalidWebhook(str(error)) from None
    if not isinstance(event, dict) or not all(
        key in event for key in ("id", "type", "created", "data")
    ):
        raise InvalidWebhook("Not a Stripe event.")
    return event


async def handle_webhook(
    *, settings: Settings, charger: Charger, payload: bytes, signature: str | None
) -> WebhookOutcome:
    event = verify(settings=settings, payload=payload, signature=signature)
    event_id, event_type = str(event["id"]), str(event["type"])
    if await StripeEvent.exists(id=event_id):
        return WebhookOutcome(event_id, "duplicate")
    created = datetime.fromtimestamp(int(event["created"]), UTC)
    effect = await _effect(settings, event_type, event["data"]["object"])
    if effect is None:
        await StripeEvent.bulk_create(
            [StripeEvent(id=event_id, type=event_type)], ignore_conflicts=True
        )
        return WebhookOutcome(event_id, "ignored")

    async def change(connection: BaseDBAsyncClient) -> str:
        if await StripeEvent.exists(id=event_id, using_db=connection):
            return "duplicate"
        await StripeEvent.create(id=event_id, type=event_type, using_db=connection)
        return await effect.apply(connection, created)

    try:
        result = await charger.change_account(effect.tenant_id, change)
    except IntegrityError:
        # A concurrent delivery of the same event won the race; its effect stands.
        return WebhookOutcome(event_id, "duplicate")
    wake_if_emitted()  # an effect that emitted webhook events sends them now
    log.info("stripe event", event_id=event_id, type=event_type, result=result)
    return WebhookOutcome(event_id, result)


@dataclass(frozen=True, slots=True)
class _SyncSubscription:
    tenant_id: UUID
    subscription: dict[str, Any]
    customer_id: str | None

    async def apply(self, connection: BaseDBAsyncClient, created: datetime) -> str:
        subscription = self.subscription
        stripe_id = str(subscription["id"])
        status = STATUSES.get(str(subscription.get("status")), SubscriptionStatus.INCOMPLETE)
        start, end = _period(subscription)
        if self.customer_id:
            await (
                Tenant.filter(id=self.tenant_id, stripe_customer_id__isnull=True)
                .using_db(connection)
                .update(stripe_customer_id=self.customer_id)
            )
        current = await TenantSubscription.get_or_none(
            tenant_id=self.tenant_id, using_db=connection
        )
        if current is not None:
            if current.stripe_event_created_at and created < current.stripe_event_created_at:
                return "stale"
            if (
                current.stripe_subscription_id not in (None, stripe_id)
                and status is SubscriptionStatus.CANCELED
            ):
                # The end of a subscription the tenant already replaced.
                return "stale"
        plan = await _plan_for(subscription, connection)
        if plan is None and current is None:
            log.warning("stripe subscription with an unknown price", subscription=stripe_id)
            return "ignored"
        values: dict[str, Any] = {
            "status": status,
            "current_period_start": start,
            "current_period_end": end,
            "stripe_subscription_id": stripe_id,
            "stripe_event_created_at": created,
        }
        if plan is not None:
            values["plan_id"] = plan.id
        if current is None:
            await TenantSubscription.create(tenant_id=self.tenant_id, using_db=connection, **values)
            return "applied"
        await TenantSubscription.filter(id=current.id).using_db(connection).update(**values)
        if (
            current.stripe_subscription_id == stripe_id
            and start > current.current_period_start
            and current.status in SPENDING_STATUSES
        ):
            # Stripe renewed the period: the one that ended may pass unused credits on.
            await roll_over_ended_period(
                connection,
                tenant_id=self.tenant_id,
                plan_id=current.plan_id,
                ended_start=current.current_period_start,
                ended_end=current.current_period_end,
                next_end=end,
            )
        return "applied"


@dataclass(frozen=True, slots=True)
class _GrantPack:
    tenant_id: UUID
    session_id: str
    credits: int
    customer_id: str | None

    async def apply(self, connection: BaseDBAsyncClient, created: datetime) -> str:
        grant = await add_purchased_grant(
            connection,
            tenant_id=self.tenant_id,
            amount=self.credits,
            checkout_session_id=self.session_id,
            reason="Credit pack purchased through Stripe Checkout.",
        )
        return "applied" if grant is not None else "duplicate"


async def _effect(
    settings: Settings, event_type: str, obj: dict[str, Any]
) -> _SyncSubscription | _GrantPack | top_up_events.Effect | None:
    if event_type in SUBSCRIPTION_EVENTS:
        return await _sync(obj, obj.get("customer"))
    if event_type in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        metadata = obj.get("metadata") or {}
        customer = obj.get("customer")
        if obj.get("mode") == "subscription" and obj.get("subscription"):
            return await _sync(await _fetch_subscription(settings, obj["subscription"]), customer)
        if metadata.get(checkout.KIND) == checkout.KIND_CREDIT_PACK:
            if obj.get("payment_status") not in ("paid", "no_payment_required"):
                return None  # async payment: granted on checkout.session.async_payment_succeeded
            tenant_id = await _tenant_id(metadata, customer)
            credits = _int(metadata.get(checkout.CREDITS))
            if tenant_id is None or not credits or credits <= 0:
                return None
            return _GrantPack(tenant_id, str(obj["id"]), credits, customer)
        return None
    if event_type in top_up_events.EVENTS:
        return await top_up_events.effect(event_type, obj)
    if event_type == "invoice.paid":
        subscription_id = _invoice_subscription(obj)
        if subscription_id:
            return await _sync(
                await _fetch_subscription(settings, subscription_id), obj.get("customer")
            )
    return None


async def _sync(subscription: dict[str, Any], customer: Any) -> _SyncSubscription | None:
    customer_id = _id_of(customer) or _id_of(subscription.get("customer"))
    tenant_id = await _tenant_id(subscription.get("metadata") or {}, customer_id)
    if tenant_id is None:
        return None
    return _SyncSubscription(tenant_id, subscription, customer_id)


async def _fetch_subscription(settings: Settings, subscription: Any) -> dict[str, Any]:
    if isinstance(subscription, dict):
        return subscription
    fetched = await stripe_client(settings).v1.subscriptions.retrieve_async(str(subscription))
    return fetched.to_dict()


async def _tenant_id(metadata: dict[str, Any], customer_id: str | None) -> UUID | None:
    raw = metadata.get(checkout.TENANT_ID)
    if raw:
        try:
            tenant = await Tenant.get_or_none(id=UUID(str(raw)))
        except ValueError:
            tenant = None
        if tenant is not None:
            return tenant.id
    if customer_id:
        tenant = await Tenant.get_or_none(stripe_customer_id=customer_id)
        if tenant is not None:
            return tenant.id
    return None


async def _plan_for(subscription: dict[str, Any], connection: BaseDBAsyncClient) -> Plan | None:
    for item in _items(subscription):
        price = _id_of(item.get("price"))
        if price:
            plan = (
                await Plan.filter(Q(stripe_price_monthly=price) | Q(stripe_price_yearly=price))
                .using_db(connection)
                .first()
            )
            if plan is not None:
                return plan
    plan_id = (subscription.get("metadata") or {}).get(checkout.PLAN_ID)
    if plan_id:
        try:
            return await Plan.get_or_none(id=UUID(str(plan_id)), using_db=connection)
        except ValueError:
            return None
    return None


def _period(subscription: dict[str, Any]) -> tuple[datetime, datetime]:
    """The current period: on the items since API 2025-03-31, on the subscription before."""
    starts = [item.get("current_period_start") for item in _items(subscription)]
    ends = [item.get("current_period_end") for item in _items(subscription)]
    start = subscription.get("current_period_start") or min(
        (value for value in starts if value), default=None
    )
    end = subscription.get("current_period_end") or max(
        (value for value in ends if value), default=None
    )
    if start is None or end is None:
        raise InvalidWebhook("The subscription has no current period.")
    return datetime.fromtimestamp(int(start), UTC), datetime.fromtimestamp(int(end), UTC)


def _items(subscription: dict[str, Any]) -> list[dict[str, Any]]:
    items = subscription.get("items") or {}
    data = items.get("data") if isinstance(items, dict) else None
    return [item for item in data or [] if isinstance(item, dict)]


def _invoice_subscription(invoice: dict[str, Any]) -> str | None:
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    return _id_of(details.get("subscription")) or _id_of(invoice.get("subscription"))


def _id_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return str(value) if value else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
