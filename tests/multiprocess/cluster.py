"""Real uvicorn processes sharing the test's PostgreSQL and Redis, and an HTTP client for them."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest

from models import CreditBalance, CreditUsage, Project, Task
from tests import backends
from tests.factories import make_project, make_tenant, make_user, token_for
from tests.servers import Server, start_server

POSTGRES_ONLY = pytest.mark.skipif(
    not backends.is_postgres(),
    reason="needs PostgreSQL + Redis shared by several processes (TEST_BACKEND=postgres); "
    "SQLite and the in-process lock only serve one process",
)
REQUEST_TIMEOUT = 30.0


@dataclass(frozen=True)
class Workspace:
    """A tenant with one owner and one project, made directly in the database (free)."""

    tenant_id: UUID
    slug: str
    project_id: UUID
    token: str


async def given_workspace(credits: int) -> Workspace:
    tenant = await make_tenant(credits)
    owner = await make_user(tenant)
    project = await make_project(tenant, by=owner)
    return Workspace(tenant.id, tenant.slug, project.id, token_for(owner))


@dataclass(frozen=True)
class Ledger:
    """What the database holds for a tenant: the truth the API's answers are checked against."""

    task_ids: set[UUID]
    project_ids: set[UUID]
    usages: list[CreditUsage]
    used: int

    def usages_of(self, credit_type: str) -> list[CreditUsage]:
        return [usage for usage in self.usages if usage.type == credit_type]


async def read_ledger(tenant_id: UUID) -> Ledger:
    balances = await CreditBalance.filter(tenant_id=tenant_id)
    return Ledger(
        task_ids=set(await Task.filter(tenant_id=tenant_id).values_list("id", flat=True)),
        project_ids=set(await Project.filter(tenant_id=tenant_id).values_list("id", flat=True)),
        usages=await CreditUsage.filter(tenant_id=tenant_id),
        used=sum(balance.used for balance in balances),
    )


@asynccontextmanager
async def servers(envs: list[dict[str, str]], log_dir: Path) -> AsyncIterator[list[Server]]:
    """Starts one `credits-api serve` process per env, in parallel; stops them all after."""
    started = await asyncio.gather(
        *(asyncio.to_thread(start_server, env, log_dir) for env in envs), return_exceptions=True
    )
    running = [server for server in started if isinstance(server, Server)]
    try:
        for outcome in started:
            if isinstance(outcome, BaseException):
                raise outcome
        yield running
    finally:
        await asyncio.gather(*(asyncio.to_thread(server.stop) for server in running))


class Client:
    """GraphQL over real HTTP to several servers, as one workspace's owner."""

    def __init__(self, targets: list[Server], workspace: Workspace) -> None:
        self._targets = targets
        self._headers = {"Authorization": f"Bearer {workspace.token}", "X-Tenant": workspace.slug}
        # No pool limit: every request of a burst gets its own connection and is in flight at once.
        self._http = httpx.AsyncClient(
            timeout=REQUEST_TIMEOUT,
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=None),
        )

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._http.aclose()

    async def gql(
        self, query: str, variables: dict[str, Any] | None = None, *, server: int = 0
    ) -> dict[str, Any]:
        target = self._targets[server % len(self._targets)]
        response = await self._http.post(
            target.graphql_url,
            json={"query": query, "variables": variables or {}},
            headers=self._headers,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def burst(
        self, count: int, query: str, variables: Callable[[int], dict[str, Any]], field: str
    ) -> list[dict[str, Any]]:
        """Sends `count` requests at once, alternating between the servers; returns the
        `field` of each answer, in request order."""
        answers = await asyncio.gather(
            *(self.gql(query, variables(number), server=number) for number in range(count))
        )
        return [answer[field] for answer in answers]


def typenames(results: list[dict[str, Any]]) -> Counter[str]:
    return Counter(result["__typename"] for result in results)


async def wait_for_log(targets: list[Server], text: str, *, within: float = 5.0) -> int:
    """Polls the servers' logs until one contains `text`; returns how often it appears in all."""
    deadline = time.monotonic() + within
    while True:
        found = sum(server.log().count(text) for server in targets)
        if found or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)
