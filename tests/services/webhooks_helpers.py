"""Shared by the webhook tests: the README's receiver example, and events emitted for a test."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from models import WebhookEvent, WebhookEventType
from services import webhooks

README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = "<!-- webhook-receiver-example -->"


def readme_verifier() -> Callable[..., bool]:
    """`verify_credits_signature` exactly as the README's Webhooks section prints it."""
    text = README.read_text()
    assert MARKER in text, "the README lost its webhook receiver example"
    block = re.search(r"```python\n(.*?)```", text.split(MARKER, 1)[1], re.S)
    assert block is not None
    namespace: dict[str, Any] = {}
    exec(compile(block.group(1), str(README), "exec"), namespace)
    return namespace["verify_credits_signature"]  # type: ignore[no-any-return]


async def emit_committed(
    tenant_id: UUID,
    data: dict[str, Any] | None = None,
    type: WebhookEventType = WebhookEventType.USAGE_THRESHOLD_REACHED,
) -> WebhookEvent:
    """What a feature does (the causes are not built yet): emit inside its transaction."""
    async with in_transaction() as connection:
        event = await webhooks.emit(
            connection=connection,
            tenant_id=tenant_id,
            type=type,
            data=data or {"threshold": 80, "used": 80, "limit": 100},
        )
    webhooks.wake()
    return event
