"""/pricing and the Stripe return pages in a real browser, and the headers every page is sent with."""

from __future__ import annotations

import httpx
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from tortoise.context import TortoiseContext

from models import PlanFeature, PlanFeatureType
from resolvers.pages import CONTENT_SECURITY_POLICY, PAGES
from tests.factories import make_plan
from tests.pages.browser import all_by_testid, by_testid, wait_for
from tests.remote import post_graphql
from tests.servers import Server

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
    paths = [path.replace("{tenant}", "acme") for path in PAGES]
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
