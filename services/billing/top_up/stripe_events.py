"""Stripe's `payment_intent.*` webhooks for auto top-up payments, as billing webhook effects
(services/billing/webhooks.py applies them once, under the tenant lock)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from models import AutoTopUpAttempt
from services.billing.top_up.attempts import Failed, Succeeded

SUCCEEDED = "payment_intent.succeeded"
FAILED = "payment_intent.payment_failed"
EVENTS = frozenset({SUCCEEDED, FAILED})
KIND = "auto_top_up"
TENANT_ID = "tenant_id"
ATTEMPT_ID = "auto_top_up_attempt_id"

Effect = Succeeded | Failed


async def effect(event_type: str, intent: dict[str, Any]) -> Effect | None:
    """The effect of a PaymentIntent event, if it is one of our top-ups (else None)."""
    metadata = intent.get("metadata") or {}
    if metadata.get("kind") != KIND:
        return None
    try:
        tenant_id = UUID(str(metadata.get(TENANT_ID)))
        attempt_id = UUID(str(metadata.get(ATTEMPT_ID)))
    except ValueError:
        return None
    if not await AutoTopUpAttempt.exists(id=attempt_id, tenant_id=tenant_id):
        return None
    intent_id = str(intent.get("id") or "") or None
    if event_type == SUCCEEDED:
        if intent_id is None or intent.get("status") not in (None, "succeeded"):
            return None
        return Succeeded(tenant_id, attempt_id, intent_id)
    error = intent.get("last_payment_error") or {}
    reason = str(error.get("message") or error.get("code") or "The payment failed.")
    return Failed(tenant_id, attempt_id, intent_id, f"Declined: {reason}")
