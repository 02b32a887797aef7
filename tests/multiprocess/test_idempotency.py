"""Idempotency across processes: one key, twenty concurrent requests, one charge."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise.context import TortoiseContext

from tests.api.queries import CREATE_TASK
from tests.factories import make_member
from tests.multiprocess.cluster import (
    POSTGRES_ONLY,
    Client,
    read_ledger,
    typenames,
)
from tests.servers import running_servers

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]


async def test_one_idempotency_key_charges_once_across_processes(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a tenant with credits to spare and two server processes
    member = await make_member(50)
    project_id = str(member.project_id)
    same_request = {"input": {"projectId": project_id, "title": "Once"}, "key": "retry-1"}
    with running_servers([server_env, server_env], tmp_path) as pair:
        async with Client(pair, member) as client:
            # when 20 requests with ONE idempotency key are in flight at once on both servers
            results = await client.burst(20, CREATE_TASK, lambda _: same_request, "createTask")
            # and the key is then reused with a different title
            reuse = {"input": {"projectId": project_id, "title": "Other"}, "key": "retry-1"}
            reused = (await client.gql(CREATE_TASK, reuse, server=1))["createTask"]

    # then every request got the same task and the same ledger row
    assert typenames(results) == {"CreateTaskSuccess": 20}
    assert len({result["task"]["id"] for result in results}) == 1
    assert len({result["usage"]["id"] for result in results}) == 1
    assert {result["task"]["title"] for result in results} == {"Once"}
    # and the reuse with another input is a conflict
    assert reused["__typename"] == "Conflict"
    assert reused["code"] == "CONFLICT"
    # and the database holds one task, one ledger row, one credit spent
    ledger = await read_ledger(member.tenant_id)
    assert ledger.task_ids == {ledger.usages[0].object_id}
    assert [(str(u.id), u.amount) for u in ledger.usages] == [(results[0]["usage"]["id"], 1)]
    assert str(ledger.usages[0].object_id) == results[0]["task"]["id"]
    assert ledger.used == 1
