"""Outgoing webhooks: a tenant's endpoints receive its events, signed, retried, SSRF-safe.

- `events.emit` records an event and its deliveries inside the caller's transaction (how a
  feature calls it is in that module's docstring); `wake()` after commit sends it at once;
- `endpoints`: create (URL checked, secret shown once), list, delete; pages of deliveries;
- `delivery.WebhookSender`: claims due deliveries and POSTs them, retrying with backoff;
- `signing`: the `Credits-Signature` header; `addresses`: the SSRF rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from models import WebhookEventType
from services.webhooks.delivery import WebhookSender, wake, wake_if_emitted
from services.webhooks.events import emit
from settings import Settings


class Committer(Protocol):
    """What wakes the sender: the charger (`Charger.on_commit`), named by its shape so that
    this package does not import the ledger (which emits through `events`)."""

    def on_commit(self, callback: Callable[[], None]) -> None: ...


__all__ = ["WebhookEventType", "WebhookSender", "emit", "start_sender", "wake"]


def start_sender(settings: Settings, charger: Committer) -> WebhookSender:
    """Starts this process's sender; a ledger commit of the process wakes it if it emitted."""
    sender = WebhookSender(settings)
    charger.on_commit(wake_if_emitted)
    sender.start()
    return sender
