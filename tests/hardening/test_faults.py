"""Faults with real processes (PostgreSQL + Redis): Redis stopped and restarted during charges,
a server SIGKILLed in the middle of 100 concurrent charges, SIGTERM with requests in flight.

The Redis that gets stopped is this test's own redis-server on a free port, never the machine's."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from redis.asyncio import Redis
from tortoise.context import TortoiseContext

from models import CreditBalance, CreditUsage, Task
from tests import backends
from tests.factories import make_member
from tests.remote import create_task, metric
from tests.servers import Server, free_port, running_server, running_servers
from tests.waiting import eventually, eventually_blocking

pytestmark = pytest.mark.multiprocess


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    backends.require_postgres("fault tests run real processes on PostgreSQL + Redis")


class OwnRedis:
    """A redis-server subprocess that this test may stop and restart."""

    def __init__(self, log_dir: Path) -> None:
        self.port = free_port()
        self.log_dir = log_dir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = (self.log_dir / f"redis-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        eventually_blocking(self._accepting, what=f"own redis-server on port {self.port}")

    def _accepting(self) -> bool:
        assert self.process is not None and self.process.poll() is None, "redis-server exited"
        return backends.reachable(self.url, self.port)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    redis = OwnRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


async def assert_ledger_matches_objects(tenant_id: UUID) -> tuple[int, int]:
    """No charge without its object, no object without its charge, balance == ledger."""
    usages = await CreditUsage.filter(tenant_id=tenant_id)
    task_ids = set(await Task.filter(tenant_id=tenant_id).values_list("id", flat=True))
    assert {usage.object_id for usage in usages} == task_ids
    assert len(usages) == len(task_ids)
    used = sum(usage.amount for usage in usages)
    balances = await CreditBalance.filter(tenant_id=tenant_id)
    assert sum(balance.charged for balance in balances) == used
    return len(task_ids), used


async def test_redis_stopped_and_restarted_during_charges(
    db: TortoiseContext, server_env: dict[str, str], own_redis: OwnRedis, tmp_path: Path
) -> None:
    # given a tenant with 20 credits, served by a process on our own Redis
    member = await make_member(credits=20)
    outcomes: list[str] = []
    with running_server({**server_env, "REDIS_URL": own_redis.url}, tmp_path) as server:
        async with httpx.AsyncClient(timeout=30) as client:

            async def charge(n: int) -> str:
                result = await create_task(client, server, member, f"{n}")
                outcomes.append(result["__typename"])
                return str(result["__typename"])

            async def recovered() -> bool:
                outcome = await charge(200)
                assert outcome in ("CreateTaskSuccess", "Unavailable"), outcome
                return outcome == "CreateTaskSuccess"

            # when 8 tasks are charged, Redis stops, 6 more are tried, and Redis comes back
            before = await asyncio.gather(*(charge(n) for n in range(8)))
            own_redis.stop()
            during = await asyncio.gather(*(charge(100 + n) for n in range(6)))
            own_redis.start()
            await eventually(
                recovered, timeout=20, interval=0.1, what="charges to recover after Redis returned"
            )
            after = [await charge(300 + n) for n in range(15)]
            ready = await client.get(f"{server.url}/readyz")

    # then charges before succeed, charges while Redis is down fail closed as UNAVAILABLE,
    assert before == ["CreateTaskSuccess"] * 8
    assert during == ["Unavailable"] * 6
    # the service recovers by itself, and spends exactly the 20 credits: no overspend, none lost
    assert after.count("CreateTaskSuccess") == 11
    assert set(after[11:]) == {"InsufficientCredits"}
    assert ready.status_code == 200
    tasks, used = await assert_ledger_matches_objects(member.tenant_id)
    assert tasks == used == outcomes.count("CreateTaskSuccess") == 20


async def test_a_server_killed_during_100_concurrent_charges_loses_nothing(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given two servers sharing PostgreSQL and Redis, and a tenant with plenty of credits
    member = await make_member(credits=1_000)
    answered: list[str] = []
    with running_servers([server_env, server_env], tmp_path) as (victim, survivor):
        limits = httpx.Limits(max_connections=200)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:

            async def charge(server: Server, n: int) -> str:
                result = await create_task(client, server, member, f"{n}")
                answered.append(result["__typename"])
                return str(result["__typename"])

            # when 100 charges are sent at once, half to each server,
            calls = [
                asyncio.ensure_future(charge(victim if n % 2 else survivor, n)) for n in range(100)
            ]
            # and one server is SIGKILLed once some of them have been answered
            await eventually(
                lambda: len(answered) >= 10, timeout=30, interval=0.005, what="10 charges answered"
            )
            victim.process.send_signal(signal.SIGKILL)
            victim.process.wait(10)
            results = await asyncio.gather(*calls, return_exceptions=True)
            # the survivor keeps charging (the victim's lock, if it held one, expires)
            last = await create_task(client, survivor, member, "last")

    # then every answered charge is in the ledger with its task, and nothing else is
    survivor_results = [result for n, result in enumerate(results) if n % 2 == 0]
    assert survivor_results == ["CreateTaskSuccess"] * 50
    assert last["__typename"] == "CreateTaskSuccess"
    tasks, used = await assert_ledger_matches_objects(member.tenant_id)
    successes = [result for result in results if result == "CreateTaskSuccess"]
    # the victim may have committed charges whose answers it never sent, never the reverse
    assert len(successes) + 1 <= tasks <= 101
    assert used == tasks


async def test_sigterm_lets_in_flight_requests_finish(
    db: TortoiseContext, server_env: dict[str, str], own_redis: OwnRedis, tmp_path: Path
) -> None:
    # given a server (JSON logs) whose tenant lock someone else holds, so charges queue up
    member = await make_member(credits=100)
    prefix = server_env["REDIS_PREFIX"]
    env = {**server_env, "REDIS_URL": own_redis.url, "LOG_JSON": "true"}
    redis = Redis.from_url(own_redis.url)
    lock_key = f"{prefix}lock:tenant:{member.tenant_id}"
    await redis.set(lock_key, "someone-else", px=20_000)
    try:
        with running_server(env, tmp_path) as server:
            async with httpx.AsyncClient(timeout=30) as client:
                calls = [
                    asyncio.ensure_future(create_task(client, server, member, f"{n}"))
                    for n in range(10)
                ]
                await eventually(
                    lambda: metric(client, server, "credits_http_requests_in_progress"),
                    until=lambda count: count >= 10,
                    timeout=20,
                    interval=0.02,
                    what="10 requests in flight",
                )

                # when the server gets SIGTERM while all 10 wait, and the lock is then freed
                server.process.send_signal(signal.SIGTERM)
                await redis.delete(lock_key)
                results = await asyncio.gather(*calls)
            exit_code = server.process.wait(20)
    finally:
        await redis.aclose()

    # then every in-flight request finished with its charge, and the process exited cleanly
    assert [result["__typename"] for result in results] == ["CreateTaskSuccess"] * 10
    # (uvicorn re-raises the SIGTERM it handled, after its graceful shutdown completed)
    assert exit_code in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in server.log()
    tasks, _ = await assert_ledger_matches_objects(member.tenant_id)
    assert tasks == 10
    # and the JSON log lines carry the request id and the tenant
    lines = [json.loads(line) for line in server.log().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("event") == "request"]
    assert len([line for line in requests if line.get("operation") == "createTask"]) == 10
    assert all(line["request_id"] and line["tenant"] == member.slug for line in requests[-10:])
