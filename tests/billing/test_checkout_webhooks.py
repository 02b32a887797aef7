"""Checkout, the billing portal and Stripe webhooks, against the fake Stripe server."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

from models import (
    CreditBalance,
    CreditGrant,
    GrantSource,
    Plan,
    PlanFeature,
    PlanFeatureType,
    StripeEvent,
    SubscriptionStatus,
    Tenant,
    TenantSubscription,
)
from services.auth import mint_token
from services.clock import utcnow
from tests.billing.conftest import sign
from tests.billing.fake_stripe import FakeStripe, event_payload, subscription_object
from tests.conftest import JWT_SECRET, Api
from tests.factories import make_tenant, make_user

CHECKOUT = """
mutation($input: CreateCheckoutSessionInput!) {
  createCheckoutSession(input: $input) {
    __typename
    ... on CreateCheckoutSessionSuccess { url }
    ... on Error { code message }
  }
}
"""
PACK_CHECKOUT = """
mutation($input: CreateCreditPackCheckoutSessionInput!) {
  createCreditPackCheckoutSession(input: $input) {
    __typename
    ... on CreateCreditPackCheckoutSessionSuccess { url }
    ... on Error { code message }
  }
}
"""
PORTAL = """
mutation { createBillingPortalSession {
  __typename
  ... on CreateBillingPortalSessionSuccess { url }
  ... on Error { code message }
} }
"""
TENANT = """
{ tenant { plan { name } subscription { status currentPeriodStart currentPeriodEnd } }
  usageSummary { periodStart periodEnd limit remaining } }
"""

PERIOD_START = 1_893_456_000  # 2030-01-01T00:00:00Z
PERIOD_END = 1_896_134_400  # 2030-02-01T00:00:00Z


async def _pro_plan() -> Plan:
    plan = await Plan.create(
        name="Pro", stripe_price_monthly="price_pro_monthly", stripe_price_yearly="price_pro_yearly"
    )
    await PlanFeature.create(
        plan=plan, name="credits", title="Credits", type=PlanFeatureType.MONTHLY, value=1000
    )
    return plan


async def _deliver(api: Api, payload: bytes, signature: str | None = None) -> Any:
    return await api.client.post(
        "/webhooks/stripe",
        content=payload,
        headers={"Stripe-Signature": signature if signature is not None else sign(payload)},
    )


async def test_checkout_then_signed_webhook_puts_the_tenant_on_the_plan_with_stripe_period(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant on a small plan, its owner, and a Pro plan with Stripe prices
    tenant = await make_tenant(10)
    owner = await make_user(tenant)
    pro = await _pro_plan()
    token = mint_token(owner, secret=JWT_SECRET)

    # when the owner asks for a yearly Checkout session, twice
    urls = []
    for _ in range(2):
        result = await billing_api.gql(
            CHECKOUT,
            {"input": {"planId": str(pro.id), "interval": "YEARLY"}},
            token=token,
            tenant=tenant.slug,
        )
        assert result["createCheckoutSession"]["__typename"] == "CreateCheckoutSessionSuccess"
        urls.append(result["createCheckoutSession"]["url"])

    # then the tenant's Stripe customer was created once and each session sells the yearly price
    assert all(url.startswith("https://checkout.stripe.test/c/pay/cs_test_") for url in urls)
    customers = fake_stripe.received("/v1/customers")
    assert len(fake_stripe.customers) == 1
    assert customers[0].headers["idempotency-key"] == f"customer-{tenant.id}"
    await tenant.refresh_from_db()
    assert tenant.stripe_customer_id in fake_stripe.customers
    sessions = fake_stripe.received("/v1/checkout/sessions")
    assert len(sessions) == 2
    sent = sessions[0].params
    assert sent["mode"] == "subscription"
    assert sent["customer"] == tenant.stripe_customer_id
    assert sent["line_items"] == [{"price": "price_pro_yearly", "quantity": "1"}]
    assert sent["metadata"]["tenant_id"] == str(tenant.id)
    assert sent["subscription_data"]["metadata"]["plan_id"] == str(pro.id)

    # when Stripe completes the checkout and sends the signed webhook
    subscription = fake_stripe.add_subscription(
        customer=tenant.stripe_customer_id or "",
        price="price_pro_yearly",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
    )
    session = {
        "id": "cs_test_done",
        "object": "checkout.session",
        "mode": "subscription",
        "customer": tenant.stripe_customer_id,
        "subscription": subscription["id"],
        "metadata": {"tenant_id": str(tenant.id), "plan_id": str(pro.id), "kind": "plan"},
        "payment_status": "paid",
    }
    payload = event_payload("evt_checkout", "checkout.session.completed", session, int(time.time()))
    response = await _deliver(billing_api, payload)

    # then the tenant is on Pro, active, with Stripe's period, and its credits follow it
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "applied"
    data = await billing_api.gql(TENANT, token=token, tenant=tenant.slug)
    assert data["tenant"]["plan"]["name"] == "Pro"
    assert data["tenant"]["subscription"] == {
        "status": "ACTIVE",
        "currentPeriodStart": "2030-01-01T00:00:00+00:00",
        "currentPeriodEnd": "2030-02-01T00:00:00+00:00",
    }
    assert data["usageSummary"]["periodStart"] == "2030-01-01T00:00:00+00:00"
    assert data["usageSummary"]["limit"] == 1000
    stored = await TenantSubscription.get(tenant_id=tenant.id)
    assert stored.stripe_subscription_id == subscription["id"]


async def test_forged_or_stale_signatures_get_400_and_change_nothing(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant with a Stripe customer and a Pro plan
    tenant = await make_tenant(10)
    await Tenant.filter(id=tenant.id).update(stripe_customer_id="cus_forged")
    await _pro_plan()
    subscription = subscription_object(
        "sub_forged",
        customer="cus_forged",
        price="price_pro_monthly",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
    )
    payload = event_payload(
        "evt_forged", "customer.subscription.updated", subscription, int(time.time())
    )

    # when it arrives signed with another secret, with a tampered body, stale, or unsigned
    attempts = [
        (payload, sign(payload, secret="whsec_someone_else")),
        (payload.replace(b"active", b"trialing"), sign(payload)),
        (payload, sign(payload, timestamp=int(time.time()) - 301)),
        (payload, ""),
    ]
    responses = [await _deliver(billing_api, body, header) for body, header in attempts]

    # then each is refused with 400 and nothing changed
    assert [response.status_code for response in responses] == [400, 400, 400, 400]
    assert await StripeEvent.all().count() == 0
    stored = await TenantSubscription.get(tenant_id=tenant.id)
    assert stored.stripe_subscription_id is None
    assert (await Plan.get(id=stored.plan_id)).name != "Pro"


async def test_the_same_event_delivered_twice_or_concurrently_is_applied_once(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a credit pack Checkout session for a tenant
    tenant = await make_tenant(10)
    owner = await make_user(tenant)
    token = mint_token(owner, secret=JWT_SECRET)
    result = await billing_api.gql(
        PACK_CHECKOUT, {"input": {"priceId": "price_pack_500"}}, token=token, tenant=tenant.slug
    )
    assert result["createCreditPackCheckoutSession"]["__typename"] == (
        "CreateCreditPackCheckoutSessionSuccess"
    )
    sent = fake_stripe.received("/v1/checkout/sessions")[0].params
    assert sent["mode"] == "payment"
    assert sent["line_items"] == [{"price": "price_pack_500", "quantity": "1"}]
    session_id = next(iter(fake_stripe.checkout_sessions))
    session = {
        **fake_stripe.checkout_sessions[session_id],
        "status": "complete",
        "payment_status": "paid",
    }
    payload = event_payload("evt_pack", "checkout.session.completed", session, int(time.time()))

    # when the paid event is delivered once, then four more times at once
    first = await _deliver(billing_api, payload)
    again = await asyncio.gather(*(_deliver(billing_api, payload) for _ in range(4)))

    # then one PURCHASE grant of 500 credits exists and every delivery got 200
    assert first.json()["result"] == "applied"
    assert [response.status_code for response in again] == [200] * 4
    assert {response.json()["result"] for response in again} == {"duplicate"}
    grants = await CreditGrant.filter(tenant_id=tenant.id)
    assert [(grant.source, grant.amount, grant.remaining) for grant in grants] == [
        (GrantSource.PURCHASE, 500, 500)
    ]
    assert await StripeEvent.filter(id="evt_pack").count() == 1
    summary = await billing_api.gql(
        "{ usageSummary { limit remaining } }", token=token, tenant=tenant.slug
    )
    assert summary["usageSummary"] == {"limit": 510, "remaining": 510}

    # when another event for the same Checkout session arrives (a different event id)
    other = event_payload(
        "evt_pack_async", "checkout.session.async_payment_succeeded", session, int(time.time())
    )
    await _deliver(billing_api, other)

    # then the session still granted once
    assert await CreditGrant.filter(tenant_id=tenant.id).count() == 1


async def test_out_of_order_subscription_events_never_regress_state(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant whose Stripe customer is known, and a Pro plan
    tenant = await make_tenant(10)
    await Tenant.filter(id=tenant.id).update(stripe_customer_id="cus_order")
    pro = await _pro_plan()
    now = int(time.time())
    second_period = subscription_object(
        "sub_order",
        customer="cus_order",
        price="price_pro_monthly",
        period_start=PERIOD_END,
        period_end=PERIOD_END + 28 * 86400,
    )
    first_period = subscription_object(
        "sub_order",
        customer="cus_order",
        price="price_pro_monthly",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        status="incomplete",
    )

    # when the newer update arrives before the older creation
    newer = event_payload("evt_new", "customer.subscription.updated", second_period, now)
    older = event_payload("evt_old", "customer.subscription.created", first_period, now - 60)
    assert (await _deliver(billing_api, newer)).json()["result"] == "applied"
    assert (await _deliver(billing_api, older)).json()["result"] == "stale"

    # then the newer state stands (and the older event is recorded as processed)
    stored = await TenantSubscription.get(tenant_id=tenant.id)
    assert stored.plan_id == pro.id
    assert stored.status is SubscriptionStatus.ACTIVE
    assert stored.current_period_start == datetime.fromtimestamp(PERIOD_END, UTC)
    assert await StripeEvent.filter(id__in=["evt_new", "evt_old"]).count() == 2

    # when Stripe later deletes the subscription
    deleted = {**second_period, "status": "canceled"}
    payload = event_payload("evt_deleted", "customer.subscription.deleted", deleted, now + 60)
    assert (await _deliver(billing_api, payload)).json()["result"] == "applied"

    # then the tenant has no spending subscription any more
    stored = await TenantSubscription.get(tenant_id=tenant.id)
    assert stored.status is SubscriptionStatus.CANCELED


async def test_invoice_paid_moves_the_credit_period_with_stripe(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a tenant subscribed through Stripe, in its first period
    tenant = await make_tenant(10)
    await Tenant.filter(id=tenant.id).update(stripe_customer_id="cus_renew")
    await _pro_plan()
    subscription = fake_stripe.add_subscription(
        customer="cus_renew",
        price="price_pro_monthly",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
    )
    now = int(time.time())
    created = event_payload("evt_c", "customer.subscription.created", subscription, now - 10)
    assert (await _deliver(billing_api, created)).status_code == 200

    # when Stripe renews it (the subscription moves on) and the invoice is paid
    fake_stripe.subscriptions[subscription["id"]] = subscription_object(
        subscription["id"],
        customer="cus_renew",
        price="price_pro_monthly",
        period_start=PERIOD_END,
        period_end=PERIOD_END + 28 * 86400,
    )
    invoice = {
        "id": "in_1",
        "object": "invoice",
        "customer": "cus_renew",
        "parent": {"subscription_details": {"subscription": subscription["id"]}},
    }
    paid = event_payload("evt_paid", "invoice.paid", invoice, now)
    assert (await _deliver(billing_api, paid)).json()["result"] == "applied"

    # then the credit period is Stripe's new period
    stored = await TenantSubscription.get(tenant_id=tenant.id)
    assert stored.current_period_start == datetime.fromtimestamp(PERIOD_END, UTC)
    assert stored.current_period_end == datetime.fromtimestamp(PERIOD_END + 28 * 86400, UTC)


async def test_billing_portal_session_url(billing_api: Api, fake_stripe: FakeStripe) -> None:
    # given a tenant admin
    tenant = await make_tenant(10)
    owner = await make_user(tenant)

    # when they open the billing portal
    result = await billing_api.gql(
        PORTAL, token=mint_token(owner, secret=JWT_SECRET), tenant=tenant.slug
    )

    # then they get the portal URL for the tenant's (new) Stripe customer
    assert result["createBillingPortalSession"]["url"].startswith("https://billing.stripe.test/")
    await tenant.refresh_from_db()
    sent = fake_stripe.received("/v1/billing_portal/sessions")[0].params
    assert sent["customer"] == tenant.stripe_customer_id


async def test_without_stripe_billing_answers_billing_disabled(api: Api) -> None:
    # given a server with no STRIPE_API_KEY
    tenant = await make_tenant(10)
    owner = await make_user(tenant)
    token = mint_token(owner, secret=JWT_SECRET)
    plan = await _pro_plan()

    # when billing features are used
    checkout = await api.gql(
        CHECKOUT, {"input": {"planId": str(plan.id)}}, token=token, tenant=tenant.slug
    )
    portal = await api.gql(PORTAL, token=token, tenant=tenant.slug)
    payload = event_payload("evt_x", "invoice.paid", {"id": "in_x"}, int(utcnow().timestamp()))
    webhook = await _deliver(api, payload)

    # then each says BILLING_DISABLED, and nothing else is affected
    assert checkout["createCheckoutSession"]["code"] == "BILLING_DISABLED"
    assert portal["createBillingPortalSession"]["__typename"] == "BillingDisabled"
    assert webhook.status_code == 400
    summary = await api.gql("{ usageSummary { limit } }", token=token, tenant=tenant.slug)
    assert summary["usageSummary"]["limit"] == 10


async def test_admin_sets_plan_prices_that_checkout_then_sells(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a platform admin and a tenant owner
    admin = await make_user(admin=True)
    admin_token = mint_token(admin, secret=JWT_SECRET)
    tenant = await make_tenant(10)
    owner = await make_user(tenant)
    owner_token = mint_token(owner, secret=JWT_SECRET)

    # when the admin creates a plan with a monthly price, then adds a yearly one
    created = await billing_api.gql(
        """mutation($input: CreatePlanInput!) { createPlan(input: $input) {
             ... on CreatePlanSuccess { plan { id } } } }""",
        {
            "input": {
                "name": "Team",
                "features": [
                    {"name": "credits", "title": "Credits", "type": "MONTHLY", "value": 50}
                ],
                "stripePriceMonthly": "price_team_m",
            }
        },
        token=admin_token,
    )
    plan_id = created["createPlan"]["plan"]["id"]
    no_yearly = await billing_api.gql(
        CHECKOUT,
        {"input": {"planId": plan_id, "interval": "YEARLY"}},
        token=owner_token,
        tenant=tenant.slug,
    )
    await billing_api.gql(
        """mutation($input: UpdatePlanInput!) { updatePlan(input: $input) { __typename } }""",
        {"input": {"id": plan_id, "stripePriceYearly": "price_team_y"}},
        token=admin_token,
    )
    yearly = await billing_api.gql(
        CHECKOUT,
        {"input": {"planId": plan_id, "interval": "YEARLY"}},
        token=owner_token,
        tenant=tenant.slug,
    )

    # then Checkout refuses the missing price, then sells the one the admin set
    assert no_yearly["createCheckoutSession"]["code"] == "VALIDATION_FAILED"
    assert yearly["createCheckoutSession"]["__typename"] == "CreateCheckoutSessionSuccess"
    sent = fake_stripe.received("/v1/checkout/sessions")[-1].params
    assert sent["line_items"] == [{"price": "price_team_y", "quantity": "1"}]
    plan = await Plan.get(id=plan_id)
    assert (plan.stripe_price_monthly, plan.stripe_price_yearly) == ("price_team_m", "price_team_y")


async def test_a_stripe_renewal_rolls_the_ended_period_over_once(
    billing_api: Api, fake_stripe: FakeStripe
) -> None:
    # given a Stripe subscription to 1,000 credits a month, at most 100 rolling over, whose
    # first period used 950
    tenant = await make_tenant(10)
    await Tenant.filter(id=tenant.id).update(stripe_customer_id="cus_roll")
    plan = await _pro_plan()
    await PlanFeature.filter(plan_id=plan.id, name="credits").update(rollover_max=100)
    subscription = fake_stripe.add_subscription(
        customer="cus_roll",
        price="price_pro_monthly",
        period_start=PERIOD_START,
        period_end=PERIOD_END,
    )
    now = int(time.time())
    created = event_payload("evt_rc", "customer.subscription.created", subscription, now - 10)
    assert (await _deliver(billing_api, created)).status_code == 200
    spent = await CreditBalance.filter(
        tenant_id=tenant.id, period_start=datetime.fromtimestamp(PERIOD_START, UTC)
    ).update(used=950, charged=950)
    assert spent == 1

    # when Stripe renews it, and tells so twice (the update and its redelivery under a new id)
    renewed = subscription_object(
        subscription["id"],
        customer="cus_roll",
        price="price_pro_monthly",
        period_start=PERIOD_END,
        period_end=PERIOD_END + 28 * 86400,
    )
    fake_stripe.subscriptions[subscription["id"]] = renewed
    for number in range(2):
        update = event_payload(
            f"evt_ru{number}", "customer.subscription.updated", renewed, now + number
        )
        assert (await _deliver(billing_api, update)).status_code == 200

    # then the 50 unused credits became one ROLLOVER grant, spendable until the new period ends
    grants = await CreditGrant.filter(tenant_id=tenant.id, source=GrantSource.ROLLOVER)
    assert [(grant.amount, grant.expires_at) for grant in grants] == [
        (50, datetime.fromtimestamp(PERIOD_END + 28 * 86400, UTC))
    ]
