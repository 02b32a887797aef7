"""Auto top-up across two server processes: 300 concurrent charges across the threshold make
exactly one payment at the (fake) Stripe and one grant once it is confirmed; `maxPerMonth`
holds across further crossings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tortoise.context import TortoiseContext

from models import AutoTopUp, AutoTopUpAttempt, CreditGrant, Tenant, TopUpStatus
from services.billing.top_up.attempts import start_attempt
from services.clock import utcnow
from services.locks import LocalTenantLocks
from settings import Settings
from tests.api.test_charge_credits import CHARGE
from tests.billing.conftest import WEBHOOK_SECRET
from tests.billing.fake_stripe import FakeStripe
from tests.factories import make_member
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, read_ledger, typenames
from tests.servers import running_servers
from tests.waiting import eventually

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

CREDITS = 100
BELOW = 90
PACK = "price_pack_50"
PACK_CREDITS = 50
MAX_PER_MONTH = 2
FIRST_BURST = 300
LATER_BURST = 30


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    fake = FakeStripe(webhook_secret=WEBHOOK_SECRET).start()
    yield fake
    fake.stop()


async def _burst(client: Client, slug: str, count: int, start: int) -> list[dict[str, Any]]:
    return await client.burst(
        count,
        CHARGE,
        lambda n: {
            "input": {"type": "credit-task-creation", "objectId": f"/app/{slug}/r/{start + n}"}
        },
        "chargeCredits",
    )


async def _confirm(fake: FakeStripe, intent_id: str, times: int = 2) -> None:
    """Stripe confirms the payment (and, as it may, delivers the event again)."""
    for _ in range(times):
        assert (
            await fake.send_event("payment_intent.succeeded", fake.payment_intents[intent_id])
            == 200
        )


async def test_concurrent_crossings_pay_once_and_the_monthly_cap_holds(
    db: TortoiseContext,
    server_env: dict[str, str],
    settings: Settings,
    fake_stripe: FakeStripe,
    tmp_path: Path,
) -> None:
    # given a tenant with 100 credits, a Stripe customer with a card, and auto top-up below 90
    # buying a 50-credit pack at most twice a month
    member = await make_member(CREDITS)
    tenant = await Tenant.get(id=member.tenant_id)
    tenant.stripe_customer_id = "cus_top_up"
    await tenant.save(update_fields=["stripe_customer_id"])
    fake_stripe.set_default_payment_method("cus_top_up", "pm_card_visa")
    await AutoTopUp.create(
        tenant_id=tenant.id,
        enabled=True,
        below_credits=BELOW,
        price_id=PACK,
        max_per_month=MAX_PER_MONTH,
        updated_at=utcnow(),
    )
    env = {
        **server_env,
        "STRIPE_API_KEY": "sk_test_fake",
        "STRIPE_API_BASE": fake_stripe.url,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "CREDIT_PACKS": f"{PACK}:{PACK_CREDITS}",
        "AUTO_TOP_UP_POLL_SECONDS": "0.2",
        "AUTO_TOP_UP_RECHECK_SECONDS": "0",
        "OUTBOX_POLL_SECONDS": "1",
    }

    with running_servers([env, env], tmp_path) as pair:
        async with Client(pair, member) as client:
            # when 300 charges of 1 credit are in flight at once on both servers
            first = await _burst(client, member.slug, FIRST_BURST, 0)

            # then the 100 credits are spent, and exactly one payment is made
            assert typenames(first) == {
                "ChargeCreditsSuccess": CREDITS,
                "InsufficientCredits": FIRST_BURST - CREDITS,
            }
            await eventually(
                lambda: len(fake_stripe.payment_intents) >= 1, timeout=20, what="a payment"
            )
            (pending,) = await AutoTopUpAttempt.filter(tenant_id=tenant.id)
            assert pending.status is TopUpStatus.PENDING
            keys = {r.headers["idempotency-key"] for r in fake_stripe.payment_intent_creations()}
            assert keys == {f"auto-top-up-{pending.id}"}
            assert len(fake_stripe.payment_intents) == 1
            assert not await CreditGrant.exists(tenant_id=tenant.id)

            # when Stripe confirms it (the event delivered twice); from now on the fake
            # confirms each new payment by itself, as Stripe sends its webhook
            fake_stripe.webhook_target = f"{pair[0].url}/webhooks/stripe"
            (intent_id,) = fake_stripe.payment_intents
            await _confirm(fake_stripe, intent_id)

            # then one grant of the pack's 50 credits is made
            grants = await CreditGrant.filter(tenant_id=tenant.id)
            assert [grant.amount for grant in grants] == [PACK_CREDITS]

            # when charges cross the threshold again: a second payment (the cap is 2)
            second = await _burst(client, member.slug, LATER_BURST, FIRST_BURST)
            assert typenames(second) == {"ChargeCreditsSuccess": LATER_BURST}
            await eventually(
                lambda: len(fake_stripe.payment_intents) == 2, timeout=20, what="a 2nd payment"
            )
            await eventually(
                lambda: CreditGrant.filter(tenant_id=tenant.id).count(),
                until=lambda count: count == 2,
                what="the 2nd grant",
            )
            (second_intent,) = set(fake_stripe.payment_intents) - {intent_id}
            await _confirm(fake_stripe, second_intent, times=1)  # a replay grants nothing

            # and crossing once more pays nothing: the month's two purchases are made
            third = await _burst(client, member.slug, LATER_BURST, FIRST_BURST + LATER_BURST)
            assert typenames(third) == {"ChargeCreditsSuccess": LATER_BURST}

    # then two payments and two grants in all; the attempts say so; a new check refuses
    assert len(fake_stripe.payment_intents) == 2
    assert len(fake_stripe.payment_intent_creations()) == 2
    assert await CreditGrant.filter(tenant_id=tenant.id).count() == MAX_PER_MONTH
    attempts = await AutoTopUpAttempt.filter(tenant_id=tenant.id)
    assert [attempt.status for attempt in attempts] == [TopUpStatus.SUCCEEDED] * 2
    top_up_settings = settings.model_copy(update={"credit_packs": {PACK: PACK_CREDITS}})
    assert (
        await start_attempt(settings=top_up_settings, locks=LocalTenantLocks(), tenant_id=tenant.id)
        is None
    )
    ledger = await read_ledger(tenant.id)
    charged = CREDITS + 2 * LATER_BURST
    assert len(ledger.usages) == charged
    print(f"payments: 2; charged {charged} of {CREDITS + MAX_PER_MONTH * PACK_CREDITS}")
