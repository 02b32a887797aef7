"""Auto top-up through the API, in-process, against the fake Stripe: setAutoTopUp (roles,
validation, tenant isolation), one payment when charges cross the threshold, granted once when
Stripe confirms, and a declined card that sends the failure event and grants nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from models import (
    AutoTopUp,
    AutoTopUpAttempt,
    CreditGrant,
    GrantSource,
    Role,
    Tenant,
    TopUpStatus,
    WebhookEndpoint,
)
from services.clock import utcnow
from services.webhooks.signing import signature_header
from settings import Settings
from tests.api.test_charge_credits import CHARGE
from tests.billing.conftest import sign
from tests.billing.fake_stripe import DECLINED_CARD, FakeStripe, event_payload
from tests.conftest import Api, in_process
from tests.factories import make_tenant, make_user, token_for
from tests.waiting import eventually
from tests.webhook_receiver import WebhookReceiver

PACK = "price_pack_500"
SET = """
mutation($input: SetAutoTopUpInput!) {
  setAutoTopUp(input: $input) {
    __typename
    ... on SetAutoTopUpSuccess { tenant { slug autoTopUp {
      enabled belowCredits priceId maxPerMonth purchasesThisMonth pausedAt } } }
    ... on ValidationFailed { field }
    ... on Error { code message }
  }
}
"""
READ = "{ tenant { autoTopUp { enabled belowCredits priceId maxPerMonth purchasesThisMonth pausedAt } } }"
SUMMARY = "{ usageSummary { used limit remaining } }"


@pytest.fixture
def top_up_settings(billing_settings: Settings) -> Settings:
    return billing_settings.model_copy(
        update={
            "auto_top_up_poll_seconds": 0.1,
            "auto_top_up_recheck_seconds": 0.0,
            "auto_top_up_retry_seconds": 0.05,
            "webhook_poll_seconds": 0.1,
            "webhook_retry_base_seconds": 0.05,
        }
    )


@pytest.fixture
async def api(top_up_settings: Settings) -> AsyncIterator[Api]:
    async with in_process(top_up_settings) as running:
        yield running


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    running = WebhookReceiver().start()
    yield running
    running.stop()


def _input(**overrides: Any) -> dict[str, Any]:
    return {
        "input": {
            "enabled": True,
            "belowCredits": 5,
            "priceId": PACK,
            "maxPerMonth": 2,
            **overrides,
        }
    }


async def _customer(fake: FakeStripe, tenant: Tenant, method: str | None = "pm_card_visa") -> None:
    """The tenant has a Stripe customer, with `method` as its default payment method."""
    customer = f"cus_{tenant.slug}"
    tenant.stripe_customer_id = customer
    await tenant.save(update_fields=["stripe_customer_id"])
    fake.customers[customer] = {"id": customer, "object": "customer", "metadata": {}}
    if method:
        fake.set_default_payment_method(customer, method)


async def _charge(api: Api, token: str, slug: str, number: int) -> str:
    charge = {"type": "credit-task-creation", "objectId": f"/app/{slug}/r/{number}"}
    result = await api.gql(CHARGE, {"input": charge}, token=token, tenant=slug)
    return str(result["chargeCredits"]["__typename"])


async def test_owner_and_admin_set_auto_top_up_and_tenant_shows_it(
    api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant with a Stripe customer and a default card, its owner and an admin
    tenant = await make_tenant(10)
    owner, admin = await make_user(tenant), await make_user(tenant, role=Role.ADMIN)
    await _customer(fake_stripe, tenant)

    # then nothing is set at first
    before = await api.gql(READ, token=token_for(owner), tenant=tenant.slug)
    assert before["tenant"]["autoTopUp"] is None

    # when the owner sets it, then the admin changes it
    first = await api.gql(SET, _input(), token=token_for(owner), tenant=tenant.slug)
    second = await api.gql(
        SET, _input(belowCredits=0, maxPerMonth=1), token=token_for(admin), tenant=tenant.slug
    )

    # then each answer shows the settings saved, and the tenant reads the last ones
    assert first["setAutoTopUp"]["tenant"]["autoTopUp"] == {
        "enabled": True,
        "belowCredits": 5,
        "priceId": PACK,
        "maxPerMonth": 2,
        "purchasesThisMonth": 0,
        "pausedAt": None,
    }
    assert second["setAutoTopUp"]["__typename"] == "SetAutoTopUpSuccess"
    after = await api.gql(READ, token=token_for(owner), tenant=tenant.slug)
    assert after["tenant"]["autoTopUp"]["belowCredits"] == 0
    assert after["tenant"]["autoTopUp"]["maxPerMonth"] == 1
    assert await AutoTopUp.filter(tenant_id=tenant.id).count() == 1


async def test_a_member_may_not_set_auto_top_up(api: Api, fake_stripe: FakeStripe) -> None:
    # given a member (not an owner or admin) of a tenant with a card
    tenant = await make_tenant(10)
    member = await make_user(tenant, role=Role.MEMBER)
    await _customer(fake_stripe, tenant)

    # when the member sets auto top-up
    response = await api.client.post(
        "/graphql",
        json={"query": SET, "variables": _input()},
        headers={"Authorization": f"Bearer {token_for(member)}", "X-Tenant": tenant.slug},
    )

    # then it is FORBIDDEN and nothing is saved
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert not await AutoTopUp.exists(tenant_id=tenant.id)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"priceId": "price_unknown"}, "priceId"),
        ({"belowCredits": -1}, "belowCredits"),
        ({"maxPerMonth": 0}, "maxPerMonth"),
    ],
)
async def test_bad_input_is_a_validation_error_and_changes_nothing(
    api: Api, fake_stripe: FakeStripe, overrides: dict[str, Any], field: str
) -> None:
    # given a tenant whose auto top-up is set
    tenant = await make_tenant(10)
    owner = await make_user(tenant)
    await _customer(fake_stripe, tenant)
    token = token_for(owner)
    assert (await api.gql(SET, _input(), token=token, tenant=tenant.slug))["setAutoTopUp"][
        "__typename"
    ] == "SetAutoTopUpSuccess"

    # when the owner sends a bad value
    result = (await api.gql(SET, _input(**overrides), token=token, tenant=tenant.slug))[
        "setAutoTopUp"
    ]

    # then it is ValidationFailed on that field, and the saved settings are unchanged
    assert result["__typename"] == "ValidationFailed"
    assert result["field"] == field
    saved = (await api.gql(READ, token=token, tenant=tenant.slug))["tenant"]["autoTopUp"]
    assert (saved["belowCredits"], saved["priceId"], saved["maxPerMonth"]) == (5, PACK, 2)


async def test_turning_it_on_needs_a_default_payment_method(
    api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant without a Stripe customer, and one whose customer has no default card
    bare = await make_tenant(10)
    no_card = await make_tenant(10)
    await _customer(fake_stripe, no_card, method=None)

    for tenant in (bare, no_card):
        owner = await make_user(tenant)
        # when its owner turns auto top-up on
        result = (await api.gql(SET, _input(), token=token_for(owner), tenant=tenant.slug))[
            "setAutoTopUp"
        ]
        # then it is ValidationFailed on `enabled`, and nothing is saved
        assert result["__typename"] == "ValidationFailed", result
        assert result["field"] == "enabled"
        assert "default payment method" in result["message"]
        assert not await AutoTopUp.exists(tenant_id=tenant.id)

        # but turning it off needs no card
        off = await api.gql(SET, _input(enabled=False), token=token_for(owner), tenant=tenant.slug)
        assert off["setAutoTopUp"]["__typename"] == "SetAutoTopUpSuccess"


async def test_another_tenants_auto_top_up_is_not_seen_or_changed(
    api: Api, fake_stripe: FakeStripe
) -> None:
    # given two tenants; A sets auto top-up
    a, b = await make_tenant(10), await make_tenant(10)
    a_owner, b_owner = await make_user(a), await make_user(b)
    await _customer(fake_stripe, a)
    await _customer(fake_stripe, b)
    await api.gql(SET, _input(belowCredits=7), token=token_for(a_owner), tenant=a.slug)

    # when B's owner reads its tenant and sets its own
    seen = await api.gql(READ, token=token_for(b_owner), tenant=b.slug)
    await api.gql(SET, _input(belowCredits=3), token=token_for(b_owner), tenant=b.slug)

    # then B saw nothing of A's, and A's settings are A's still
    assert seen["tenant"]["autoTopUp"] is None
    a_read = await api.gql(READ, token=token_for(a_owner), tenant=a.slug)
    assert a_read["tenant"]["autoTopUp"]["belowCredits"] == 7
    # and A's owner cannot act on B by naming it
    response = await api.client.post(
        "/graphql",
        json={"query": SET, "variables": _input(belowCredits=0)},
        headers={"Authorization": f"Bearer {token_for(a_owner)}", "X-Tenant": b.slug},
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await AutoTopUp.get(tenant_id=b.id)).below_credits == 3


async def test_crossing_the_threshold_pays_once_and_grants_once_stripe_confirms(
    api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant with 10 credits, auto top-up below 5 with the 500-credit pack
    tenant = await make_tenant(10)
    owner = await make_user(tenant)
    token = token_for(owner)
    await _customer(fake_stripe, tenant)
    await api.gql(SET, _input(), token=token, tenant=tenant.slug)

    # when charges take it from 10 to 0, crossing the threshold with several of them
    answers = [await _charge(api, token, tenant.slug, number) for number in range(12)]

    # then the 10 that fit are charged, and exactly one payment is made, off-session
    assert answers.count("ChargeCreditsSuccess") == 10
    await eventually(
        lambda: len(fake_stripe.payment_intents) == 1, what="one PaymentIntent at the fake"
    )
    (request,) = fake_stripe.payment_intent_creations()
    attempt = await AutoTopUpAttempt.get(tenant_id=tenant.id)
    assert request.params["customer"] == tenant.stripe_customer_id
    assert request.params["payment_method"] == "pm_card_visa"
    assert request.params["off_session"] == "true" and request.params["confirm"] == "true"
    assert request.params["amount"] == "1000" and request.params["currency"] == "usd"
    assert request.params["metadata"]["auto_top_up_attempt_id"] == str(attempt.id)
    assert request.headers["idempotency-key"] == f"auto-top-up-{attempt.id}"
    # and nothing is granted before Stripe confirms
    assert attempt.status is TopUpStatus.PENDING
    assert not await CreditGrant.exists(tenant_id=tenant.id)

    # when Stripe's signed payment_intent.succeeded arrives, and is delivered again
    (intent,) = fake_stripe.payment_intents.values()
    for event_id in ("evt_ok_1", "evt_ok_1", "evt_ok_2"):
        payload = event_payload(event_id, "payment_intent.succeeded", intent, 1_900_000_000)
        response = await api.client.post(
            "/webhooks/stripe", content=payload, headers={"Stripe-Signature": sign(payload)}
        )
        assert response.status_code == 200

    # then one PURCHASE grant of 500 is made, whatever the replays
    grants = await CreditGrant.filter(tenant_id=tenant.id)
    assert [(grant.amount, grant.source) for grant in grants] == [(500, GrantSource.PURCHASE)]
    await attempt.refresh_from_db()
    assert attempt.status is TopUpStatus.SUCCEEDED and attempt.grant_id == grants[0].id
    summary = (await api.gql(SUMMARY, token=token, tenant=tenant.slug))["usageSummary"]
    assert summary["remaining"] == 500
    read = await api.gql(READ, token=token, tenant=tenant.slug)
    assert read["tenant"]["autoTopUp"]["purchasesThisMonth"] == 1
    assert len(fake_stripe.payment_intents) == 1


async def test_a_declined_card_sends_the_failure_event_and_grants_nothing(
    api: Api, fake_stripe: FakeStripe, receiver: WebhookReceiver
) -> None:
    # given a tenant whose default card declines, with a webhook endpoint on a real receiver
    tenant = await make_tenant(3)
    owner = await make_user(tenant)
    token = token_for(owner)
    await _customer(fake_stripe, tenant, method=DECLINED_CARD)
    secret = "whsec_" + "k" * 32
    await WebhookEndpoint.create(
        tenant_id=tenant.id, url=receiver.url, secret=secret, created_at=utcnow()
    )
    await api.gql(SET, _input(belowCredits=2), token=token, tenant=tenant.slug)

    # when charges cross the threshold
    for number in range(3):
        assert await _charge(api, token, tenant.slug, number) == "ChargeCreditsSuccess"

    # then the receiver gets credits.auto_top_up.failed, signed with the endpoint's secret
    # (beside the usage alerts the charges reached)
    def failures() -> list[Any]:
        return [e for e in receiver.received if e.json["type"] == "credits.auto_top_up.failed"]

    await eventually(failures, what="the failure event at the receiver")
    (event,) = failures()
    body = event.json
    assert body["type"] == "credits.auto_top_up.failed"
    assert body["tenant"]["slug"] == tenant.slug
    assert body["data"]["priceId"] == PACK and body["data"]["credits"] == 500
    assert "declined" in body["data"]["reason"].lower()
    timestamp = int(event.headers["credits-signature"].split(",")[0].removeprefix("t="))
    assert event.headers["credits-signature"] == signature_header(secret, timestamp, event.body)
    # and nothing is granted; the attempt is FAILED and auto top-up paused
    assert not await CreditGrant.exists(tenant_id=tenant.id)
    attempt = await AutoTopUpAttempt.get(tenant_id=tenant.id)
    assert attempt.status is TopUpStatus.FAILED
    read = (await api.gql(READ, token=token, tenant=tenant.slug))["tenant"]["autoTopUp"]
    assert read["pausedAt"] is not None and read["purchasesThisMonth"] == 0

    # when Stripe's payment_intent.payment_failed arrives too, and more charges are refused
    (intent,) = fake_stripe.payment_intents.values()
    payload = event_payload("evt_failed", "payment_intent.payment_failed", intent, 1_900_000_000)
    await api.client.post(
        "/webhooks/stripe", content=payload, headers={"Stripe-Signature": sign(payload)}
    )
    assert await _charge(api, token, tenant.slug, 9) == "InsufficientCredits"

    # then no second event, no second payment: paused until setAutoTopUp again
    assert len(failures()) == 1
    assert len(fake_stripe.payment_intents) == 1
    assert await AutoTopUpAttempt.filter(tenant_id=tenant.id).count() == 1
