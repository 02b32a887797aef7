"""No overspend across processes: two servers race 200 task creations for 50 credits."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise.context import TortoiseContext

from tests.api.queries import CREATE_TASK
from tests.factories import make_member
from tests.multiprocess.cluster import (
    POSTGRES_ONLY,
    Client,
    log_count,
    read_ledger,
    typenames,
)
from tests.servers import running_servers
from tests.waiting import eventually

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

CREDITS = 50
ATTEMPTS = 200
TASK_CREATION = "credit-task-creation"


async def race_for_credits(client: Client, project_id: str) -> list[dict[str, object]]:
    return await client.burst(
        ATTEMPTS,
        CREATE_TASK,
        lambda number: {"input": {"projectId": project_id, "title": f"Task {number}"}},
        "createTask",
    )


def successes_per_server(results: list[dict[str, object]]) -> list[int]:
    # Request n went to server n % 2 (see Client.burst).
    return [
        sum(1 for r in results[index::2] if r["__typename"] == "CreateTaskSuccess")
        for index in range(2)
    ]


async def test_two_processes_never_spend_more_than_the_allowance(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a tenant with exactly 50 credits and two server processes on the same DB and Redis
    member = await make_member(CREDITS)
    with running_servers([server_env, server_env], tmp_path) as pair:
        async with Client(pair, member) as client:
            # when 200 task creations are in flight at once, split across both servers
            results = await race_for_credits(client, str(member.project_id))

    # then exactly 50 succeed and every other one is refused for lack of credits
    print(f"successes per server: {successes_per_server(results)}")
    assert typenames(results) == {"CreateTaskSuccess": 50, "InsufficientCredits": 150}
    refused = [result for result in results if result["__typename"] == "InsufficientCredits"]
    assert {(r["code"], r["required"], r["remaining"], r["limit"]) for r in refused} == {
        ("INSUFFICIENT_CREDITS", 1, 0, CREDITS)
    }
    # and the database holds exactly the 50 paid tasks, each with its one ledger row
    ledger = await read_ledger(member.tenant_id)
    usages = ledger.usages_of(TASK_CREATION)
    assert len(ledger.task_ids) == 50
    assert len(usages) == 50
    assert ledger.used == CREDITS
    assert {usage.object_id for usage in usages} == ledger.task_ids
    created = {r["task"]["id"] for r in results if r["__typename"] == "CreateTaskSuccess"}
    assert created == {str(task_id) for task_id in ledger.task_ids}


async def test_an_expired_lock_still_cannot_overspend(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given two servers whose tenant lock expires (50 ms) long before their charge transaction
    # ends (slowed to 300 ms), so the processes really do reach the critical section together
    member = await make_member(CREDITS)
    # (a generous charge timeout: this test is about the guard, and must not turn queue waits on
    # a loaded machine into UNAVAILABLE answers)
    env = {
        **server_env,
        "LOCK_TTL_SECONDS": "0.05",
        "TEST_SLOW_CHARGE_SECONDS": "0.3",
        "CHARGE_TIMEOUT_SECONDS": "20",
        # small batches: many lock hand-overs, so the processes overlap many times
        "CHARGE_BATCH_SIZE": "8",
    }
    with running_servers([env, env], tmp_path) as pair:
        async with Client(pair, member) as client:
            # when 200 task creations are in flight at once, split across both servers
            results = await race_for_credits(client, str(member.project_id))
            # then a lock did expire while its holder was still inside the transaction
            expired = await eventually(
                lambda: log_count(pair, "credit lock expired while held"),
                timeout=5,
                what="a server to log a lock that expired while held",
            )
            stale_reads = log_count(pair, "credit balance changed under the lock")
    print(
        f"locks expired while held: {expired}; stale reads caught by the guard: {stale_reads}; "
        f"successes per server: {successes_per_server(results)}"
    )
    # and both processes charged, but neither ever read what the other was changing: the one
    # whose Redis lock had expired waited on the tenant's row lock for the other's commit (no
    # lost race, so no retry and no UNAVAILABLE)
    assert all(successes > 0 for successes in successes_per_server(results))
    assert stale_reads == 0

    # and still exactly 50 charges went through, and the rest were refused for lack of credits
    assert typenames(results) == {"CreateTaskSuccess": 50, "InsufficientCredits": 150}
    ledger = await read_ledger(member.tenant_id)
    usages = ledger.usages_of(TASK_CREATION)
    assert len(ledger.task_ids) == len(usages) == 50
    assert ledger.used == CREDITS
    assert {usage.object_id for usage in usages} == ledger.task_ids
