"""PostgreSQL restarted under load: the pool recovers and no request hangs past its timeout.

The PostgreSQL that gets restarted is this test's own cluster (tests/hardening/private_postgres.py)
on a free port, never the machine's shared one.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from tortoise.context import TortoiseContext

from models import CreditBalance, CreditUsage, Task
from services.migrate import apply_migrations
from settings import tortoise_config
from tests import backends
from tests.conftest import JWT_SECRET
from tests.databases import recreate_database
from tests.factories import Member, make_member
from tests.hardening.private_postgres import (
    PrivateCluster,
    private_cluster,
    require_private_postgres,
)
from tests.servers import Server, running_server
from tests.waiting import eventually

pytestmark = pytest.mark.multiprocess

REQUEST_TIMEOUT = 5.0
# The client waits this much longer than the server's own request timeout before it calls a
# request hung: a hang is an answer that never comes, not a slow one.
CLIENT_TIMEOUT = REQUEST_TIMEOUT + 5.0
DATABASE = "credits_scratch_pg_restart"
OUTAGE_SECONDS = 1.5
WORKERS = 4
# What the client sees of an unexpected exception (resolvers/schema.py masks it; the log has it).
MASKED = "Unexpected error."

# Only the outcome: a success's nested fields (its task's project, its usage's user) would be read
# after the commit, and during the outage that read would turn an answered charge into an error.
CREATE_TASK = """
mutation($input: CreateTaskInput!) {
  createTask(input: $input) { __typename ... on Error { code message } }
}
"""


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    backends.require_postgres("restarts a private PostgreSQL under a real server")
    require_private_postgres()


@dataclass(frozen=True)
class Answer:
    """One createTask call as the client saw it."""

    sent: float
    received: float
    outcome: str
    detail: str = ""


async def call(client: httpx.AsyncClient, server: Server, member: Member, n: int) -> Answer:
    sent = time.monotonic()
    try:
        response = await client.post(
            server.graphql_url,
            json={
                "query": CREATE_TASK,
                "variables": {"input": {"projectId": str(member.project_id), "title": f"{n}"}},
            },
            headers=member.headers,
            timeout=CLIENT_TIMEOUT,
        )
    except httpx.TimeoutException:
        return Answer(sent, time.monotonic(), "hung")
    except httpx.HTTPError as error:
        return Answer(sent, time.monotonic(), "transport", type(error).__name__)
    received = time.monotonic()
    if response.status_code != 200:
        return Answer(sent, received, f"http {response.status_code}", response.text[:500])
    body: dict[str, Any] = response.json()
    if body.get("errors"):
        error = body["errors"][0]
        code = (error.get("extensions") or {}).get("code")
        if code is None and error.get("message") == MASKED:
            return Answer(sent, received, "top-level masked", MASKED)
        return Answer(sent, received, f"top-level {code}", str(error)[:500])
    result = body["data"]["createTask"]
    return Answer(sent, received, result["__typename"], result.get("code") or "")


async def seed(url: str) -> Member:
    """A tenant with a generous allowance, its owner and a project."""
    async with TortoiseContext() as orm:
        await orm.init(config=tortoise_config(url))
        return await make_member(credits=100_000)


async def read_books(url: str, tenant_id: UUID) -> tuple[int, int, int, int]:
    """(ledger rows, tasks, balance.used, sum of ledger amounts) for the tenant."""
    async with TortoiseContext() as orm:
        await orm.init(config=tortoise_config(url))
        usages = await CreditUsage.filter(tenant_id=tenant_id)
        tasks = await Task.filter(tenant_id=tenant_id).count()
        assert {usage.object_id for usage in usages} == set(
            await Task.filter(tenant_id=tenant_id).values_list("id", flat=True)
        )
        used = sum(balance.used for balance in await CreditBalance.filter(tenant_id=tenant_id))
        return len(usages), tasks, used, sum(usage.amount for usage in usages)


async def migrated_database(cluster: PrivateCluster) -> str:
    url = cluster.url(DATABASE)
    await recreate_database(url)
    await apply_migrations(url)
    return url


async def test_postgres_restart_is_survived(tmp_path: Path) -> None:
    with private_cluster() as cluster:
        # given a server on a private PostgreSQL, with a tenant that has plenty of credits
        url = await migrated_database(cluster)
        member = await seed(url)
        env = {
            "DATABASE_URL": url,
            "REDIS_URL": backends.REDIS_URL,
            "REDIS_PREFIX": backends.new_redis_prefix(),
            "JWT_SECRET": JWT_SECRET,
            "REQUEST_TIMEOUT_SECONDS": str(REQUEST_TIMEOUT),
        }
        answers: list[Answer] = []
        stopping = asyncio.Event()
        with running_server(env, tmp_path) as server:
            async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as client:
                counter = iter(range(1_000_000))

                async def keep_charging() -> None:
                    while not stopping.is_set():
                        answers.append(await call(client, server, member, next(counter)))

                workers = [asyncio.ensure_future(keep_charging()) for _ in range(WORKERS)]
                try:
                    # when charges flow continuously,
                    await eventually(
                        lambda: sum(a.outcome == "CreateTaskSuccess" for a in answers) >= 20,
                        what="20 charges to succeed before the restart",
                        timeout=30,
                    )
                    # PostgreSQL is stopped (fast: sessions terminated) for a moment,
                    stopped_at = time.monotonic()
                    await asyncio.to_thread(cluster.stop)
                    down_at = time.monotonic()
                    await asyncio.sleep(OUTAGE_SECONDS)  # the outage itself, not a wait
                    # and started again,
                    await asyncio.to_thread(cluster.start)
                    up_at = time.monotonic()
                    # then charges succeed again by themselves,
                    await eventually(
                        lambda: any(
                            a.outcome == "CreateTaskSuccess" and a.sent >= up_at for a in answers
                        ),
                        what="createTask to recover after PostgreSQL came back",
                        timeout=30,
                    )
                    recovered_at = min(
                        a.received
                        for a in answers
                        if a.outcome == "CreateTaskSuccess" and a.sent >= up_at
                    )
                    # (and keep succeeding for a while)
                    settled = len(answers)
                    await eventually(
                        lambda: len(answers) >= settled + 40,
                        what="40 more answers after the recovery",
                        timeout=30,
                    )
                finally:
                    stopping.set()
                    await asyncio.gather(*workers)

        during = [a for a in answers if a.received >= stopped_at and a.sent <= up_at]
        after = [a for a in answers if a.sent >= recovered_at]
        figures = {
            "answers": len(answers),
            "during outage": dict(Counter(a.outcome for a in during)),
            "during details": dict(Counter(a.detail for a in during if a.detail)),
            "after recovery": dict(Counter(a.outcome for a in after)),
            "stop took": round(down_at - stopped_at, 2),
            "recovered after start": round(recovered_at - up_at, 2),
            "slowest answer": round(max(a.received - a.sent for a in answers), 2),
        }
        print(figures)

        # every request was answered within its timeout: none hung, none lost its connection
        assert not [a for a in answers if a.outcome in ("hung", "transport")], figures
        assert max(a.received - a.sent for a in answers) < CLIENT_TIMEOUT, figures
        # requests during the outage got a clear error: typed Unavailable or a masked top-level
        # error, never a 500 or a leaked traceback
        assert during, figures
        allowed = {"CreateTaskSuccess", "Unavailable", "top-level masked", "top-level TIMEOUT"}
        assert {a.outcome for a in during} <= allowed, figures
        assert not [a for a in answers if "Traceback" in a.detail or "asyncpg" in a.detail], figures
        # once recovered, the pool serves every charge again
        assert {a.outcome for a in after} == {"CreateTaskSuccess"}, figures
        # and no charge exists without its task, nor a task without its charge
        successes = sum(a.outcome == "CreateTaskSuccess" for a in answers)
        rows, tasks, used, amount = await read_books(url, member.tenant_id)
        assert rows == tasks == used == amount, (rows, tasks, used, amount)
        # (a request that timed out may still have committed; an answered success always did)
        assert successes <= tasks <= len(answers), (successes, tasks, len(answers))
