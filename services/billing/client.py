"""The Stripe adapter: one StripeClient per configuration, async (httpx), optional.

Stripe is optional: with no STRIPE_API_KEY every billing use-case raises `BillingDisabled`.
STRIPE_API_BASE points every Stripe host at another server (the test suite's fake Stripe).
"""

from __future__ import annotations

import asyncio
import weakref

import stripe

from services.errors import BillingDisabled
from settings import Settings


def billing_enabled(settings: Settings) -> bool:
    return bool(settings.stripe_api_key)


def stripe_client(settings: Settings) -> stripe.StripeClient:
    """The process's client for these settings, or `BillingDisabled`."""
    if not settings.stripe_api_key:
        raise BillingDisabled()
    # httpx's pool belongs to one event loop: one client per loop and configuration.
    per_loop = _CLIENTS.setdefault(asyncio.get_running_loop(), {})
    config = (settings.stripe_api_key, settings.stripe_api_base, settings.stripe_timeout_seconds)
    if config not in per_loop:
        per_loop[config] = _build(*config)
    return per_loop[config]


_CLIENTS: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[tuple[str, str | None, float], stripe.StripeClient]
] = weakref.WeakKeyDictionary()


def _build(api_key: str, api_base: str | None, timeout: float) -> stripe.StripeClient:
    base = api_base.rstrip("/") if api_base else None
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": base, "meter_events": base, "files": base, "connect": base}
        if base
        else None,
        # The outbox relay retries on its own schedule, with the same idempotency key.
        max_network_retries=0,
        http_client=stripe.HTTPXClient(timeout=timeout),
    )
