"""Live-usage tests: real uvicorn processes, real websocket clients, tenants made by factories."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise.context import TortoiseContext

from settings import Settings
from tests.api.queries import CREATE_TASK
from tests.factories import make_project, make_tenant, make_user, token_for
from tests.servers import Server, start_server


@dataclass
class Member:
    """A signed-in user of a tenant with one project, ready to spend credits."""

    tenant_id: str
    slug: str
    email: str
    token: str
    project_id: str


@pytest.fixture
def make_member(db: TortoiseContext) -> Callable[..., Awaitable[Member]]:
    async def make(credits: int | None = 1000) -> Member:
        tenant = await make_tenant(credits)
        user = await make_user(tenant)
        project = await make_project(tenant, by=user)
        return Member(str(tenant.id), tenant.slug, user.email, token_for(user), str(project.id))

    return make


@pytest.fixture
def server(server_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    started = start_server(server_env, tmp_path)
    yield started
    started.stop()


async def graphql(
    http: httpx.AsyncClient,
    server: Server,
    query: str,
    variables: dict[str, Any],
    *,
    token: str,
    tenant: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    if tenant:
        headers["X-Tenant"] = tenant
    response = await http.post(
        server.graphql_url, json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


async def create_task(
    http: httpx.AsyncClient, server: Server, member: Member, title: str = "Task"
) -> dict[str, Any]:
    """Charges one task over HTTP; returns the `createTask` result."""
    response = await http.post(
        server.graphql_url,
        json={
            "query": CREATE_TASK,
            "variables": {"input": {"projectId": member.project_id, "title": title}},
        },
        headers={"Authorization": f"Bearer {member.token}", "X-Tenant": member.slug},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["createTask"]


@pytest.fixture
def settings_prefix(settings: Settings) -> str:
    """The test's Redis key and channel prefix."""
    return settings.redis_prefix
