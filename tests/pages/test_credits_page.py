"""The tenant's credits page in a real browser: sign-in, the period's figures, live updates from
charges made outside the browser, the limit banner, the ledger, and what it never shows."""

from __future__ import annotations

import time

import httpx
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select
from tortoise.context import TortoiseContext

from models import Tenant
from tests.api.queries import CREATE_PROJECT, FEATURE
from tests.factories import Member, make_member, make_user, token_for
from tests.pages.browser import (
    all_by_testid,
    by_testid,
    shown,
    sign_in,
    text_of,
    wait_for,
    wait_live,
)
from tests.remote import create_task, post_graphql
from tests.servers import Server

# The promise of the page: a charge made anywhere shows within a second, without a reload.
LIVE_DEADLINE_SECONDS = 1.0


def figures(driver: Chrome) -> tuple[str, str, str]:
    """Used, limit and remaining, as the page shows them."""
    return (
        text_of(driver, "credits-used"),
        text_of(driver, "credits-limit"),
        text_of(driver, "credits-remaining"),
    )


async def charge(http: httpx.AsyncClient, server: Server, member: Member, title: str = "T") -> None:
    result = await create_task(http, server, member, title)
    assert result["__typename"] == "CreateTaskSuccess", result


async def test_the_page_shows_the_period_and_follows_charges_live_up_to_the_limit(
    db: TortoiseContext, page: Chrome, server: Server, http: httpx.AsyncClient
) -> None:
    # given a tenant with 4 credits a month that already spent 2
    member = await make_member(4)
    await charge(http, server, member, "Before 1")
    await charge(http, server, member, "Before 2")

    # when its owner opens the credits page and signs in with the keyboard (paste, Enter)
    page.get(f"{server.url}/app/{member.slug}/settings/credits")
    token_input = wait_for(page, lambda d: shown(d, "token-input"), "the sign-in form")
    token_input.send_keys(member.token, Keys.ENTER)

    # then the period's figures are shown, live, with the ledger; the token is in
    # sessionStorage and in no URL
    wait_live(page)
    assert figures(page) == ("2", "4", "2")
    wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 2, "the two ledger rows")
    assert page.execute_script("return sessionStorage.getItem('credits-api.token')") == member.token
    assert member.token not in page.current_url
    assert not by_testid(page, "limit-banner").is_displayed()
    page.execute_script("window.sameDocument = true")

    # when a task is created through the API, from outside the browser
    await charge(http, server, member, "Live")
    charged_at = time.monotonic()

    # then credits-used moves within a second, and the rest follows, without a reload
    wait_for(
        page,
        lambda d: text_of(d, "credits-used") == "3",
        "credits-used to reach 3",
        timeout=LIVE_DEADLINE_SECONDS,
    )
    assert time.monotonic() - charged_at < LIVE_DEADLINE_SECONDS
    assert figures(page) == ("3", "4", "1")
    wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 3, "the new ledger row")
    assert page.execute_script("return window.sameDocument") is True

    # when the last credit is spent
    await charge(http, server, member, "Last")

    # then the limit banner shows the API's own message
    banner = wait_for(page, lambda d: shown(d, "limit-banner"), "the limit banner")
    expected = await post_graphql(
        http, server.graphql_url, FEATURE, {"name": "credits"}, headers=member.headers
    )
    assert expected["featureUsage"]["message"]
    assert banner.text == expected["featureUsage"]["message"]
    assert figures(page) == ("4", "4", "0")
    assert page.execute_script("return window.sameDocument") is True


async def test_another_tenants_usage_never_appears(
    db: TortoiseContext, page: Chrome, server: Server, http: httpx.AsyncClient
) -> None:
    # given two tenants; the other one has spent credits already
    mine = await make_member(10)
    theirs = await make_member(50)
    for title in ("Theirs 1", "Theirs 2", "Theirs 3"):
        await charge(http, server, theirs, title)

    # when my page is open and live, and both tenants spend, theirs first
    sign_in(page, server, mine.slug, mine.token)
    wait_live(page)
    await charge(http, server, theirs, "Theirs 4")
    await charge(http, server, mine, "Mine")

    # then my page shows my charge only: my figures, my rows, never their member
    wait_for(page, lambda d: text_of(d, "credits-used") == "1", "my charge")
    wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 1, "my ledger row")
    assert figures(page) == ("1", "10", "9")
    assert theirs.email not in page.page_source
    assert "Theirs" not in page.page_source

    # when I open their page with my token
    page.get(f"{server.url}/app/{theirs.slug}/settings/credits")

    # then it says I may not see it, and shows none of their figures
    error = wait_for(page, lambda d: shown(d, "error"), "the refusal")
    assert "cannot see the credits" in error.text
    assert not page.find_element(By.ID, "dashboard").is_displayed()
    assert text_of(page, "credits-used") == ""


async def test_a_bad_token_gets_a_clear_message(
    db: TortoiseContext, page: Chrome, server: Server
) -> None:
    member = await make_member(10)

    # when someone signs in with a token that is not one
    sign_in(page, server, member.slug, "not-a-token")

    # then the page says so, keeps the sign-in form, and keeps nothing
    error = wait_for(page, lambda d: shown(d, "error"), "the error message")
    assert "token was not accepted" in error.text
    assert by_testid(page, "token-input").is_displayed()
    assert page.execute_script("return sessionStorage.getItem('credits-api.token')") is None


async def test_the_ledger_pages_and_filters_by_type_and_member(
    db: TortoiseContext, page: Chrome, server: Server, http: httpx.AsyncClient
) -> None:
    # given an owner's project and 21 tasks, and one task by a colleague: 23 ledger rows
    owner = await make_member(100)
    tenant = await Tenant.get(slug=owner.slug)
    colleague_user = await make_user(tenant)
    colleague = Member(
        tenant.id, tenant.slug, colleague_user.email, token_for(colleague_user), owner.project_id
    )
    project = await post_graphql(
        http,
        server.graphql_url,
        CREATE_PROJECT,
        {"input": {"name": "Charged"}},
        headers=owner.headers,
    )
    assert project["createProject"]["__typename"] == "CreateProjectSuccess"
    for number in range(21):
        await charge(http, server, owner, f"Task {number}")
    await charge(http, server, colleague, "By the colleague")

    # when the owner opens the page
    sign_in(page, server, owner.slug, owner.token)
    wait_live(page)

    # then the newest 20 rows show, and "Older" shows the other 3
    assert figures(page) == ("24", "100", "76")
    wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 20, "the first page")
    by_testid(page, "ledger-older").click()
    wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 3, "the second page")
    by_testid(page, "ledger-newer").click()
    wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 20, "the first page again")

    # when filtered by type: only the project's charge
    select_option(page, "type-filter", "Project creation")
    rows = wait_for(page, lambda d: rows_if(d, 1), "the project row")
    assert "Project creation" in rows[0].text

    # when filtered by member as well as by task type: only the colleague's task
    select_option(page, "type-filter", "Task creation")
    select_option(page, "member-filter", colleague.email)
    rows = wait_for(page, lambda d: rows_if(d, 1), "the colleague's row")
    assert colleague.email in rows[0].text


def rows_if(driver: Chrome, count: int) -> list[WebElement]:
    """The ledger's rows once there are `count` of them (an empty list until then)."""
    rows = all_by_testid(driver, "usage-row")
    return rows if len(rows) == count else []


def select_option(driver: Chrome, testid: str, label: str) -> None:
    Select(by_testid(driver, testid)).select_by_visible_text(label)


async def test_the_pages_fit_a_360_px_wide_screen(
    db: TortoiseContext, page: Chrome, server: Server, http: httpx.AsyncClient
) -> None:
    # given a tenant with a ledger, and a 360 px wide screen
    member = await make_member(10)
    await charge(http, server, member, "A task with a rather long title")
    page.set_window_size(360, 800)

    # when the credits page is open, then nothing is wider than the screen
    sign_in(page, server, member.slug, member.token)
    wait_live(page)
    wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 1, "the ledger row")
    assert_no_sideways_scrolling(page)

    # when the pricing page is open, with the credit types, then neither is it
    page.get(f"{server.url}/pricing")
    wait_for(page, lambda d: all_by_testid(d, "plan"), "the plans")
    by_testid(page, "credits-feature").click()
    wait_for(page, lambda d: shown(d, "credit-type"), "the credit types")
    assert_no_sideways_scrolling(page)


def assert_no_sideways_scrolling(driver: Chrome) -> None:
    width = driver.execute_script("return document.documentElement.clientWidth")
    assert width <= 360
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
