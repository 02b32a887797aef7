"""Driving the pages in Debian's headless Chromium (selenium with Debian's chromedriver), and
reading what they requested from Chrome's network log."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

import pytest
from selenium import webdriver
from selenium.webdriver import Chrome
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.backends import IN_CI
from tests.servers import Server

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--window-size=1200,1000",
)
# How long a page may take to show what a test waits for (a page load, a sign-in).
PAGE_TIMEOUT = 15


def require_browser() -> None:
    """Skips (locally) or fails (CI) when Debian's chromium or chromedriver is missing."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        message = f"{', '.join(missing)} not installed (`make browser` installs them)"
        if IN_CI:
            pytest.fail(message + " (CI=true: a missing browser is a failure)")
        pytest.skip(message)


def start_chromium() -> Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    # Every request a page makes is in the performance log (see `requested_urls`).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return Chrome(service=Service(CHROMEDRIVER), options=options)


def requested_urls(driver: Chrome) -> list[str]:
    """Every URL the browser requested (documents, scripts, styles, fetches, websockets) since
    the log was last read."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    # data: URLs fetch nothing from anywhere (Chrome's own error page, shown when a test blocks
    # a navigation, draws its images with them; the pages' CSP would refuse them).
    return [url for url in urls if url != "about:blank" and not url.startswith("data:")]


def same_origin(url: str, server: Server) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "ws") and parsed.netloc == f"127.0.0.1:{server.port}"


def by_testid(driver: Chrome, name: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid={name}]")


def all_by_testid(driver: Chrome, name: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, f"[data-testid={name}]")


def shown(driver: Chrome, name: str) -> WebElement | None:
    """The element if it is displayed (a condition for `wait_for`), else None."""
    element = by_testid(driver, name)
    return element if element.is_displayed() else None


def text_of(driver: Chrome, name: str) -> str:
    return by_testid(driver, name).text


def wait_for(
    driver: Chrome,
    condition: Callable[[Chrome], Any],
    what: str,
    timeout: float = PAGE_TIMEOUT,
) -> Any:
    """Polls `condition` until it is truthy and returns its value; a timeout names `what`."""
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        condition, message=f"waited {timeout:g} s for {what}"
    )


def sign_in(driver: Chrome, server: Server, slug: str, token: str) -> None:
    """Opens the tenant's credits page and signs in by pasting the token, as a person would."""
    driver.get(f"{server.url}/app/{slug}/settings/credits")
    wait_for(driver, lambda d: shown(d, "token-input"), "the sign-in form")
    by_testid(driver, "token-input").send_keys(token)
    by_testid(driver, "sign-in").click()


def wait_live(driver: Chrome) -> None:
    wait_for(driver, lambda d: text_of(d, "live-status") == "live", "the live status to read live")
