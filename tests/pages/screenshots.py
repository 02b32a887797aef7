"""Takes the README's screenshots of the pages: `.venv/bin/python -m tests.pages.screenshots`
(chromium and chromedriver from `make browser`).

A scratch SQLite database gets the demo data (`credits-api seed-demo`) and a few charges made
through the API, a production-mode server serves it, and headless Chromium saves /pricing with
the credit types open and the demo tenant's credits page, at desktop width and at 360 px.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
from selenium.webdriver import Chrome

from tests.api.queries import CREATE_PROJECT, CREATE_TASK
from tests.pages.browser import (
    all_by_testid,
    by_testid,
    shown,
    sign_in,
    start_chromium,
    text_of,
    wait_for,
    wait_live,
)
from tests.servers import REPO, Server, running_server

DOCS = REPO / "docs"
DEMO_TENANT = "acme"
DEMO_OWNER = "demo@example.com"


def seed(env: dict[str, str]) -> str:
    """Migrates and seeds the scratch database; returns the demo owner's token."""
    run = [sys.executable, "-m", "cli"]
    subprocess.run([*run, "migrate"], env=env, cwd=REPO, check=True, capture_output=True)
    seeded = subprocess.run(
        [*run, "seed-demo"], env=env, cwd=REPO, check=True, capture_output=True, text=True
    )
    for line in seeded.stdout.splitlines():
        if line.startswith(f"{DEMO_OWNER}: "):
            return line.split(": ", 1)[1].strip()
    raise RuntimeError(f"seed-demo printed no token for {DEMO_OWNER}:\n{seeded.stdout}")


def spend(server: Server, token: str) -> None:
    """A project and five tasks: 7 of the Free plan's 10 credits."""
    headers = {"Authorization": f"Bearer {token}", "X-Tenant": DEMO_TENANT}

    def call(query: str, input: dict[str, str]) -> dict[str, Any]:
        body: dict[str, Any] = httpx.post(
            server.graphql_url,
            json={"query": query, "variables": {"input": input}},
            headers=headers,
        ).json()
        assert "errors" not in body, body
        return body["data"]

    project_id = call(CREATE_PROJECT, {"name": "Website relaunch"})["createProject"]["project"][
        "id"
    ]
    for title in ("Wireframes", "Copy", "Images", "Review", "Launch"):
        call(CREATE_TASK, {"projectId": project_id, "title": title})


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            "DATABASE_URL": f"sqlite://{Path(scratch) / 'demo.sqlite3'}",
            "JWT_SECRET": secrets.token_hex(32),
            "CREDITS_ENV": "production",
        }
        token = seed({**os.environ, **env})
        with running_server(env, Path(scratch)) as server:
            spend(server, token)
            driver = start_chromium()
            try:
                driver.set_window_size(1100, 900)
                driver.get(f"{server.url}/pricing")
                wait_for(driver, lambda d: all_by_testid(d, "plan"), "the plans")
                by_testid(driver, "credits-feature").click()
                wait_for(driver, lambda d: shown(d, "credit-type"), "the credit types")
                save(driver, "pages-pricing.png")

                sign_in(driver, server, DEMO_TENANT, token)
                wait_live(driver)
                wait_for(driver, lambda d: text_of(d, "credits-used") == "7", "the demo's usage")
                wait_for(driver, lambda d: len(all_by_testid(d, "usage-row")) == 6, "the ledger")
                save(driver, "pages-credits.png")

                driver.set_window_size(360, 800)
                driver.refresh()
                wait_live(driver)
                save(driver, "pages-credits-360.png")
            finally:
                driver.quit()


def save(driver: Chrome, name: str) -> None:
    """A screenshot of the whole page: the window is made as tall as the document first."""
    width = driver.get_window_size()["width"]
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, height + 140)
    driver.save_screenshot(str(DOCS / name))
    print(DOCS / name)


if __name__ == "__main__":
    main()
