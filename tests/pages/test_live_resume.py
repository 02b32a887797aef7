"""The credits page after its websocket drops: it says so, reconnects by itself and catches up
with what was charged meanwhile. In its own module: it stops the module's server."""

from __future__ import annotations

from pathlib import Path

import httpx
from selenium.webdriver import Chrome
from tortoise.context import TortoiseContext

from models import Project, User
from services.runtime import Runtime
from tests.factories import create_charged_task, make_member
from tests.pages.browser import all_by_testid, sign_in, text_of, wait_for, wait_live
from tests.remote import create_task
from tests.servers import Server, start_server


async def test_the_page_resumes_after_a_dropped_connection_and_catches_up(
    db: TortoiseContext,
    runtime: Runtime,
    page: Chrome,
    server: Server,
    pages_env: dict[str, str],
    tmp_path: Path,
    http: httpx.AsyncClient,
) -> None:
    # given a tenant's credits page, live
    member = await make_member(10)
    sign_in(page, server, member.slug, member.token)
    wait_live(page)
    page.execute_script("window.sameDocument = true")

    # when the server goes away, the page says it is reconnecting
    server.stop()
    wait_for(page, lambda d: text_of(d, "live-status") == "reconnecting…", "the dropped status")

    # and a task is charged meanwhile (by another process: this test's, through the service)
    project = await Project.get(id=member.project_id)
    await create_charged_task(runtime, project, await User.get(email=member.email), title="Away")

    # when the server is back on the same address
    restarted = start_server(pages_env, tmp_path, port=server.port)
    try:
        # then the page is live again and shows the charge made while it was away
        wait_live(page)
        wait_for(page, lambda d: text_of(d, "credits-used") == "1", "the missed charge")
        wait_for(page, lambda d: len(all_by_testid(d, "usage-row")) == 1, "the missed row")

        # and follows new charges again, all without a reload
        result = await create_task(http, restarted, member, "After")
        assert result["__typename"] == "CreateTaskSuccess", result
        wait_for(page, lambda d: text_of(d, "credits-used") == "2", "the next charge")
        assert page.execute_script("return window.sameDocument") is True
    finally:
        restarted.stop()
