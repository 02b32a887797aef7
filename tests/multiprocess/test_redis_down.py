"""Redis down: charged mutations fail closed and fast; reads keep working."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from tortoise.context import TortoiseContext

from tests.api.queries import CREATE_PROJECT, CREATE_TASK, SUMMARY
from tests.factories import make_member
from tests.multiprocess.cluster import (
    POSTGRES_ONLY,
    Client,
    read_ledger,
)
from tests.servers import free_port, running_server

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

# Not a performance assertion: only a guard against a hang (the design target is ~1 s).
HANG_GUARD_SECONDS = 5.0
PROJECTS = "{ projects(first: 10) { edges { node { id name } } } }"
CREDIT_TYPES = "{ creditTypes { value amount } }"


async def test_charges_fail_closed_when_redis_is_unreachable(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a server whose Redis is a closed port, and a tenant with credits
    member = await make_member(50)
    env = {**server_env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    before = await read_ledger(member.tenant_id)
    with running_server(env, tmp_path) as server:
        async with Client([server], member) as client:
            # when a task and a project are created
            elapsed = {}
            answers = {}
            for name, query, variables in (
                (
                    "createTask",
                    CREATE_TASK,
                    {"input": {"projectId": str(member.project_id), "title": "T"}},
                ),
                ("createProject", CREATE_PROJECT, {"input": {"name": "P"}}),
            ):
                started = time.perf_counter()
                answers[name] = (await client.gql(query, variables))[name]
                elapsed[name] = time.perf_counter() - started
            print(f"Redis down, seconds to UNAVAILABLE: {elapsed}")

            # then each is refused as UNAVAILABLE, without hanging
            for name, answer in answers.items():
                assert answer["__typename"] == "Unavailable", answer
                assert answer["code"] == "UNAVAILABLE"
                assert elapsed[name] < HANG_GUARD_SECONDS
            # and reads still work, since they need only the database
            projects = (await client.gql(PROJECTS))["projects"]["edges"]
            assert [edge["node"]["id"] for edge in projects] == [str(member.project_id)]
            summary = (await client.gql(SUMMARY))["usageSummary"]
            assert (summary["used"], summary["limit"], summary["remaining"]) == (0, 50, 50)
            assert len((await client.gql(CREDIT_TYPES))["creditTypes"]) >= 2
            # and the server reports itself not ready
            async with httpx.AsyncClient() as http:
                ready = await http.get(f"{server.url}/readyz")
            assert ready.status_code == 503
            assert ready.json()["checks"] == {"database": True, "redis": False}

    # and nothing was created or charged
    after = await read_ledger(member.tenant_id)
    assert after == before
    assert (after.used, len(after.task_ids), len(after.usages)) == (0, 0, 0)
