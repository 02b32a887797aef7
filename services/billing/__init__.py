"""Stripe billing: the client adapter, Checkout and the portal, webhooks, the outbox relay."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.billing.client import billing_enabled
from services.billing.relay import OutboxRelay
from settings import Settings

if TYPE_CHECKING:
    from services.ledger.charger import Charger


def start_relay(settings: Settings, charger: Charger) -> OutboxRelay | None:
    """Starts this process's outbox relay when Stripe is configured; it wakes on each commit."""
    if not billing_enabled(settings):
        return None
    relay = OutboxRelay(settings)
    charger.on_commit(relay.wake)
    relay.start()
    return relay
