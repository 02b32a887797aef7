"""/pricing and the Stripe return pages in a real browser, and the headers every page is sent with."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from tortoise.context import TortoiseContext

from models import PlanFeature, PlanFeatureType
from resolvers.pages import BILLING_RETURNS, CONTENT_SECURITY_POLICY, PAGES
from tests.billing.fake_stripe import FakeStripe
from tests.factories import make_member, make_plan
from tests.pages.browser import (
    all_by_testid,
    by_testid,
    requested_urls,
    same_origin,
    shown,
    wait_for,
)
from tests.remote import post_graphql
from tests.servers import Server

CHECKOUT_URL = "https://checkout.stripe.test/c/pay/"


@pytest.fixture(scope="module")
def fake_stripe() -> Iterator[FakeStripe]:
    fake = FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def pages_env(pages_env: dict[str, str], fake_stripe: FakeStripe) -> dict[str, str]:
    """Billing on: the module's server talks to a local fake of Stripe."""
    return {
        **pages_env,
        "STRIPE_API_KEY": "sk_test_fake",
        "STRIPE_API_BASE": fake_stripe.url,
        "CREDIT_PACKS": "price_pack_500:500",
    }


CATALOG = """
{
  plans { name features { title } }
  creditTypes { name description amount }
}
"""


async def test_pricing_shows_every_plan_and_credits_opens_the_credit_types(
    db: TortoiseContext, page: Chrome, server: Server, http: httpx.AsyncClient
) -> None:
    # given two plans: a monthly allowance with an included feature, and an unlimited one
    starter = await make_plan(500, name="Starter")
    await PlanFeature.create(
        plan=starter, name="api", title="API access", type=PlanFeatureType.INCLUDED
    )
    await make_plan(None, name="Scale")
    catalog = await post_graphql(http, server.graphql_url, CATALOG, headers={})

    # when the pricing page is opened
    page.get(f"{server.url}/pricing")
    cards = wait_for(page, lambda d: all_by_testid(d, "plan"), "the plans")

    # then there is one card per plan, with its name and every feature
    assert len(cards) == len(catalog["plans"]) >= 2
    for plan, card in zip(catalog["plans"], cards, strict=True):
        assert plan["name"] in card.text
        for feature in plan["features"]:
            assert feature["title"] in card.text
    by_name = {card.text.splitlines()[0]: card.text for card in cards}
    assert "Credits: 500 per month" in by_name["Starter"]
    assert "Credits: unlimited" in by_name["Scale"]
    assert not by_testid(page, "credit-type").is_displayed()

    # when the credits feature is opened from the keyboard
    by_testid(page, "credits-feature").send_keys(Keys.ENTER)

    # then the credit-type table lists every credit type: name, description, amount
    rows = wait_for(
        page,
        lambda d: [row for row in all_by_testid(d, "credit-type") if row.is_displayed()],
        "the credit-type table",
    )
    shown = [row.find_elements("css selector", "th, td") for row in rows]
    assert [[cell.text for cell in cells] for cells in shown] == [
        [credit_type["name"], credit_type["description"], str(credit_type["amount"])]
        for credit_type in catalog["creditTypes"]
    ]


def test_every_page_answers_with_a_same_origin_content_security_policy(server: Server) -> None:
    # given the pages' paths, a tenant's credits page among them
    paths = [path.replace("{tenant}", "acme") for path in [*PAGES, *BILLING_RETURNS]]
    assert {"/pricing", "/billing/success", "/billing/cancel", "/billing"} <= set(paths)

    for path in [*paths, "/web/js/credits.js", "/web/vendor/graphql-ws/client.js"]:
        # when each is fetched
        response = httpx.get(server.url + path)

        # then it is served, with a policy that names no other origin
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert policy == CONTENT_SECURITY_POLICY
        assert "default-src 'none'" in policy
        assert "http" not in policy and "*" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_stripe_return_pages_say_what_happened_and_link_back(
    page: Chrome, server: Server
) -> None:
    expectations = {
        "/billing/success": "payment went through",
        "/billing/cancel": "Nothing was charged",
        "/billing": "billing portal",
    }
    for path, words in expectations.items():
        # when a customer comes back from Stripe to the return URL
        page.get(server.url + path)

        # then the page says what happened and links back (get() returns once it has loaded)
        assert words in page.find_element(By.TAG_NAME, "main").text
        assert by_testid(page, "back-link").get_attribute("href") == f"{server.url}/pricing"

    # when the tab is signed in to a tenant, then the way back leads to its credits page
    page.execute_script("sessionStorage.setItem('credits-api.tenant', 'acme')")
    page.get(server.url + "/billing/success")
    back = by_testid(page, "back-link")
    assert back.get_attribute("href") == f"{server.url}/app/acme/settings/credits"
    assert back.text == "Back to your credits"


async def test_signed_in_with_billing_on_a_plan_or_a_credit_pack_opens_stripe_checkout(
    db: TortoiseContext, page: Chrome, server: Server, fake_stripe: FakeStripe
) -> None:
    # given a tenant's owner, and a plan with a monthly Stripe price
    member = await make_member(10)
    pro = await make_plan(1000, name="Pro monthly")
    pro.stripe_price_monthly = "price_pro_monthly"
    await pro.save()
    # Stripe's Checkout is another origin: the browser may be sent there, but goes no further.
    page.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*.stripe.test/*"]})
    try:
        # when the owner signs in on the pricing page, from its Sign in button
        page.get(f"{server.url}/pricing")
        wait_for(page, lambda d: all_by_testid(d, "plan"), "the plans")
        page.find_element(By.CSS_SELECTOR, "#account button").click()
        by_testid(page, "token-input").send_keys(member.token, Keys.ENTER)

        # then their own plan reads as current and the others can be chosen
        wait_for(page, lambda d: shown(d, "checkout"), "the checkout buttons")
        cards = {card.text.splitlines()[0]: card for card in all_by_testid(page, "plan")}
        assert [name for name, card in cards.items() if "Your current plan." in card.text] != []

        # when they choose the plan
        cards["Pro monthly"].find_element(By.CSS_SELECTOR, "[data-testid=checkout]").click()

        # then a Checkout session for its monthly price sends the browser to Stripe
        assert wait_for_redirect(page, server).startswith(CHECKOUT_URL)
        [session] = fake_stripe.received("/v1/checkout/sessions")
        assert session.params["line_items"][0]["price"] == "price_pro_monthly"

        # when the tenant's credits page is opened in the same tab (still signed in)
        page.get(f"{server.url}/app/{member.slug}/settings/credits")

        # then the credit pack is for sale, and buying it goes through Checkout too
        buy = wait_for(page, lambda d: shown(d, "buy-pack"), "the credit pack")
        assert buy.text == "Buy 500 credits"
        buy.click()
        assert wait_for_redirect(page, server).startswith(CHECKOUT_URL)
        pack = fake_stripe.received("/v1/checkout/sessions")[1]
        assert pack.params["line_items"][0]["price"] == "price_pack_500"
    finally:
        page.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def wait_for_redirect(driver: Chrome, server: Server) -> str:
    """The one URL of another origin the browser went to next (read from its network log)."""
    elsewhere: list[str] = []

    def redirected(d: Chrome) -> bool:
        elsewhere.extend(url for url in requested_urls(d) if not same_origin(url, server))
        return bool(elsewhere)

    wait_for(driver, redirected, "the browser to leave for Stripe")
    assert len(elsewhere) == 1, elsewhere
    [url] = elsewhere
    return url
