"""Several real servers sharing the test's PostgreSQL and Redis: an HTTP client for them, and
what the database and their logs hold afterwards."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
import pytest

from models import CreditBalance, CreditUsage, Project, Task
from tests import backends
from tests.factories import Member
from tests.remote import post_graphql
from tests.servers import Server

POSTGRES_ONLY = pytest.mark.skipif(
    not backends.is_postgres(),
    reason="needs PostgreSQL + Redis shared by several processes (TEST_BACKEND=postgres); "
    "SQLite and the in-process lock only serve one process",
)
REQUEST_TIMEOUT = 30.0


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


class Client:
    """GraphQL over real HTTP to several servers, as one member."""

    def __init__(self, targets: list[Server], member: Member) -> None:
        self._targets = targets
        self._headers = member.headers
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
        return await post_graphql(
            self._http, target.graphql_url, query, variables, headers=self._headers
        )

    async def burst(
        self, count: int, query: str, variables: Callable[[int], dict[str, Any]], field: str
    ) -> list[dict[str, Any]]:
        """Sends `count` requests at once, alternating between the servers; returns the
        `field` of each answer, in request order."""
        return await self.burst_mixed(count, lambda number: (query, variables(number), field))

    async def burst_mixed(
        self, count: int, request: Callable[[int], tuple[str, dict[str, Any], str]]
    ) -> list[dict[str, Any]]:
        """Like `burst`, each request its own: `request(n)` gives its query, variables and the
        field of its answer."""
        requests = [request(number) for number in range(count)]

        async def send(number: int) -> dict[str, Any]:
            query, variables, field = requests[number]
            answer: dict[str, Any] = (await self.gql(query, variables, server=number))[field]
            return answer

        return list(await asyncio.gather(*(send(number) for number in range(count))))


def typenames(results: list[dict[str, Any]]) -> Counter[str]:
    return Counter(result["__typename"] for result in results)


def log_count(targets: list[Server], text: str) -> int:
    """How often `text` appears in the servers' logs, all together."""
    return sum(server.log().count(text) for server in targets)
