"""Input rules shared by the use-cases; each failure names its field."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any
from uuid import UUID

import orjson

from services.errors import ValidationFailed

MAX_NAME = 200
MAX_DESCRIPTION = 5_000
MAX_IDEMPOTENCY_KEY = 255
MAX_FEATURE_NAME = 64
# A tenant's slug: 1 to 64 lowercase letters, digits or inner hyphens.
TENANT_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")


def parse_id(field: str, value: str | UUID) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise ValidationFailed(field, f"{field} must be a UUID.") from None


def clean_text(field: str, value: str | None, *, max_length: int, required: bool) -> str | None:
    """Normalises and checks a text input: no control characters, bounded, non-blank if required."""
    if value is None:
        if required:
            raise ValidationFailed(field, f"{field} is required.")
        return None
    text = unicodedata.normalize("NFC", value)
    allowed_whitespace = "\n\t" if max_length > MAX_NAME else ""
    # A printable text has no character of those categories (`isprintable` refuses them all,
    # and more): the usual case is checked in C, not character by character.
    if not text.isprintable() and any(
        unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in allowed_whitespace
        for char in text
    ):
        raise ValidationFailed(field, f"{field} contains control or invalid characters.")
    text = text.strip()
    if required and not text:
        raise ValidationFailed(field, f"{field} must not be blank.")
    if len(text) > max_length:
        raise ValidationFailed(field, f"{field} must be at most {max_length} characters.")
    return text if text or required else None


def clean_idempotency_key(value: str | None) -> str | None:
    if value is None:
        return None
    if not value or len(value) > MAX_IDEMPOTENCY_KEY or not value.isprintable():
        raise ValidationFailed(
            "idempotencyKey",
            f"idempotencyKey must be 1 to {MAX_IDEMPOTENCY_KEY} printable characters.",
        )
    return value


def request_fingerprint(
    idempotency_key: str | None, operation: str, payload: dict[str, Any]
) -> str | None:
    """What a replay with `idempotency_key` must match; None without a key, when nothing will
    ever compare it (and hashing the input was about 1 % of a charge's CPU)."""
    if idempotency_key is None:
        return None
    body = orjson.dumps({"operation": operation, "input": payload}, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(body).hexdigest()
