"""The `Credits-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
keyed with the endpoint's secret. Receivers verify it (README, "Webhooks", has the example)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

HEADER = "Credits-Signature"
SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A fresh signing secret (shown to the tenant once)."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"
