"""HTTP endpoint for Stripe: POST /webhooks/stripe (raw body, signature checked in services)."""

from __future__ import annotations

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.billing.webhooks import InvalidWebhook, handle_webhook
from services.errors import BillingDisabled
from services.runtime import Runtime

log = structlog.get_logger(__name__)


async def stripe_webhook(request: Request) -> Response:
    runtime: Runtime = request.app.state.shared["runtime"]
    # The signature covers the exact bytes Stripe sent: read them before anything parses.
    payload = await request.body()
    try:
        outcome = await handle_webhook(
            settings=runtime.settings,
            charger=runtime.charger,
            payload=payload,
            signature=request.headers.get("stripe-signature"),
        )
    except InvalidWebhook as error:
        log.warning("stripe webhook refused", reason=str(error))
        return JSONResponse({"error": "Invalid Stripe webhook."}, status_code=400)
    except BillingDisabled as error:
        return JSONResponse({"error": error.message}, status_code=400)
    return JSONResponse({"received": True, "id": outcome.event_id, "result": outcome.result})
