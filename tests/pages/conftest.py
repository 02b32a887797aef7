"""The pages in a real headless Chromium against a real `credits-api serve` process in production
mode (no GraphiQL, no introspection: the pages need neither).

A browser and a server start once per module (each takes seconds): the module's tests share one
migrated database, and each test makes its own tenants, which are isolated from each other by
design. Every test ends by checking, from Chrome's network log, that its pages requested nothing
from another origin.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from selenium.webdriver import Chrome

from services.migrate import apply_migrations
from tests import backends, databases
from tests.conftest import JWT_SECRET, _forget_redis_keys
from tests.pages.browser import requested_urls, require_browser, same_origin, start_chromium
from tests.servers import Server, start_server


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    require_browser()
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def pages_database(
    database_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated database for the module's server and its tests."""
    if not backends.is_postgres():
        path = tmp_path_factory.mktemp("pages") / "pages.sqlite3"
        path.write_bytes(Path(database_template.removeprefix("sqlite://")).read_bytes())
        yield f"sqlite://{path}"
        return
    url = backends.postgres_url(f"{backends.POSTGRES_DB}_pages_{uuid.uuid4().hex[:6]}")
    asyncio.run(databases.recreate_database(url))
    asyncio.run(apply_migrations(url))
    yield url
    asyncio.run(databases.drop_database(url))


@pytest.fixture
def database_url(pages_database: str) -> str:
    """The tests' factories write where the module's server reads (no truncation per test)."""
    return pages_database


@pytest.fixture(scope="module")
def pages_env(pages_database: str) -> Iterator[dict[str, str]]:
    env = {
        "DATABASE_URL": pages_database,
        "JWT_SECRET": JWT_SECRET,
        "CREDITS_ENV": "production",
    }
    if not backends.is_postgres():
        yield env
        return
    prefix = backends.new_redis_prefix()
    yield env | {"REDIS_URL": backends.REDIS_URL, "REDIS_PREFIX": prefix}
    asyncio.run(_forget_redis_keys(backends.REDIS_URL, prefix))


@pytest.fixture(scope="module")
def server(pages_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    started = start_server(pages_env, tmp_path_factory.mktemp("pages-server"))
    yield started
    started.stop()


@pytest.fixture
def page(browser: Chrome, server: Server) -> Iterator[Chrome]:
    """The browser on a blank tab, this test's storage cleared; afterwards, every request the
    test's pages made must have gone to the server's own origin."""
    browser.set_window_size(1200, 1000)
    browser.get(f"{server.url}/healthz")
    browser.execute_script("sessionStorage.clear()")
    browser.get_log("performance")  # drop what came before the test
    yield browser
    foreign = [url for url in requested_urls(browser) if not same_origin(url, server)]
    # Leaving the page closes its websocket: a server stopping next need not wait for it.
    browser.get("about:blank")
    assert foreign == [], f"the pages requested other origins: {foreign}"


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client
