"""Billing fixtures: a fake Stripe server and settings pointing the real stripe library at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import stripe

from settings import Settings
from tests.billing.fake_stripe import FakeStripe
from tests.conftest import Api, in_process

WEBHOOK_SECRET = "whsec_test_" + "s" * 24


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    fake = FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture
def billing_settings(settings: Settings, fake_stripe: FakeStripe) -> Settings:
    return settings.model_copy(
        update={
            "stripe_api_key": "sk_test_fake",
            "stripe_webhook_secret": WEBHOOK_SECRET,
            "stripe_api_base": fake_stripe.url,
            "credit_packs": {"price_pack_500": 500},
            "stripe_timeout_seconds": 0.5,
            "outbox_poll_seconds": 0.2,
            "outbox_lease_seconds": 1.0,
            "outbox_retry_base_seconds": 0.05,
            "outbox_retry_max_seconds": 0.2,
        }
    )


@pytest.fixture
async def billing_api(billing_settings: Settings) -> AsyncIterator[Api]:
    """The app in-process with Stripe configured (its outbox relay runs in the lifespan)."""
    async with in_process(billing_settings) as api:
        yield api


def sign(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    return stripe.WebhookSignature.generate_signature_header(
        payload.decode(), secret, timestamp=timestamp
    )
