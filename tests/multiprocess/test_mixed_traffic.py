"""Issue 17's mixed traffic across processes: createTask, chargeCredits of 1 to 3 units and
deletes of refundable tasks, all at once on two servers, never overspend, and the ledger stays
whole: each refund reverses exactly one charge, and every charge paid for an object."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tortoise.context import TortoiseContext

from models import CreditUsageKind, Project, Tenant, User
from services.runtime import Runtime
from settings import Settings
from tests.api.queries import CREATE_TASK
from tests.api.test_charge_credits import CHARGE
from tests.factories import create_charged_task, make_member
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, read_ledger
from tests.multiprocess.test_refunds import DELETE_TASK
from tests.refundable import TASK_CREATION, make_refundable
from tests.servers import running_servers

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

LIMIT = 80
DELETABLE = 30  # charged before the race: 50 credits are left
REQUESTS = 300


async def test_mixed_charges_and_refunding_deletes_from_two_processes_keep_the_ledger_whole(
    db: TortoiseContext, settings: Settings, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given refundable tasks, a tenant allowed 80 credits that already has 30 charged tasks
    # (50 credits left), and two server processes on the same PostgreSQL and Redis
    await make_refundable(TASK_CREATION)
    member = await make_member(LIMIT)
    tenant = await Tenant.get(id=member.tenant_id)
    project = await Project.get(id=member.project_id)
    owner = await User.get(email=member.email)
    runtime = Runtime.build(settings)
    try:
        doomed = [
            str((await create_charged_task(runtime, project, owner, title=f"D{n}")).obj.id)
            for n in range(DELETABLE)
        ]
    finally:
        await runtime.close()
    quantities = random.Random(23).choices([1, 2, 3], k=REQUESTS)

    def request(number: int) -> tuple[str, dict[str, Any], str]:
        kind = number % 3
        if kind == 0:
            task = {"projectId": str(project.id), "title": f"Task {number}"}
            return CREATE_TASK, {"input": task}, "createTask"
        if kind == 1:
            charge = {
                "type": TASK_CREATION,
                "quantity": quantities[number],
                "objectId": f"/app/{tenant.slug}/reports/{number}",
            }
            return CHARGE, {"input": charge}, "chargeCredits"
        # every doomed task is deleted three or four times, from both servers
        return DELETE_TASK, {"input": {"id": doomed[(number // 3) % DELETABLE]}}, "deleteTask"

    with running_servers([server_env, server_env], tmp_path) as pair:
        async with Client(pair, member) as client:
            # when 300 requests of the three kinds are in flight at once over both servers
            results = await client.burst_mixed(REQUESTS, request)

    kinds = Counter(result["__typename"] for result in results)
    print(f"answers: {dict(kinds)}")
    # then each doomed task was deleted once (the repeats find nothing), its charge refunded
    assert kinds["DeleteTaskSuccess"] == DELETABLE
    assert kinds["NotFound"] == REQUESTS // 3 - DELETABLE
    assert set(kinds) <= {
        "CreateTaskSuccess",
        "ChargeCreditsSuccess",
        "InsufficientCredits",
        "DeleteTaskSuccess",
        "NotFound",
    }, kinds
    ledger = await read_ledger(tenant.id)
    charges = [usage for usage in ledger.usages if usage.kind is CreditUsageKind.CHARGE]
    refunds = [usage for usage in ledger.usages if usage.kind is CreditUsageKind.REFUND]
    # and every refund reverses exactly one charge, of a doomed task, for its whole amount
    by_id = {usage.id: usage for usage in charges}
    assert len({refund.reverses_id for refund in refunds}) == len(refunds) == DELETABLE
    for refund in refunds:
        charge = by_id[refund.reverses_id]  # type: ignore[index]
        assert str(charge.object_id) in doomed
        assert refund.amount == -charge.amount
    # and the ledger's net total is what the balance says was used, never over the limit
    net = sum(usage.amount for usage in ledger.usages)
    assert net == ledger.used <= LIMIT
    # and every charge paid for an object: a task still there, a deleted one it refunded, or a
    # path that chargeCredits named
    live_tasks = {usage.object_id for usage in charges if usage.object_id in ledger.task_ids}
    refunded = {
        usage.object_id for usage in charges if usage.id in {r.reverses_id for r in refunds}
    }
    paths = [usage for usage in charges if usage.object_path]
    assert live_tasks == ledger.task_ids
    assert len(live_tasks) + len(refunded) + len(paths) == len(charges)
