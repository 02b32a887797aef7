"""Live-usage tests: real uvicorn processes, real websocket clients, members made by factories."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise.context import TortoiseContext

from settings import Settings
from tests import factories
from tests.factories import Member
from tests.remote import post_graphql
from tests.servers import Server, running_server


@pytest.fixture
def make_member(db: TortoiseContext) -> Callable[..., Awaitable[Member]]:
    """`await make_member(credits)`: a member made in the test's database."""
    return factories.make_member


@pytest.fixture
def server(server_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    with running_server(server_env, tmp_path) as started:
        yield started


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


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
    return await post_graphql(http, server.graphql_url, query, variables, headers=headers)


@pytest.fixture
def settings_prefix(settings: Settings) -> str:
    """The test's Redis key and channel prefix."""
    return settings.redis_prefix
