"""A period's rollover grant is written once, however many processes find the period over."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise.context import TortoiseContext

from models import CreditBalance, CreditGrant, GrantSource, Tenant
from tests.api.queries import CREATE_TASK
from tests.factories import make_member
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, read_ledger, typenames
from tests.servers import running_servers
from tests.services.test_rollover import allow_rollover, end_the_period

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

MONTHLY = 20
ROLLOVER_MAX = 5
ATTEMPTS = 60


async def test_two_processes_charging_into_a_new_period_write_one_rollover_grant(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given 20 credits a month with up to 5 rolling over, and a period that used 12, then ended
    member = await make_member(MONTHLY)
    tenant = await Tenant.get(id=member.tenant_id)
    await allow_rollover(tenant, ROLLOVER_MAX)
    ended = await end_the_period(tenant)
    await CreditBalance.create(
        tenant_id=tenant.id,
        period_start=ended.current_period_start,
        period_end=ended.current_period_end,
        used=12,
        charged=12,
        by_type={},
    )

    # when two server processes race 60 task creations into the new period
    with running_servers([server_env, server_env], tmp_path) as pair:
        async with Client(pair, member) as client:
            results = await client.burst(
                ATTEMPTS,
                CREATE_TASK,
                lambda n: {"input": {"projectId": str(member.project_id), "title": f"T{n}"}},
                "createTask",
            )

    # then the turn wrote exactly one ROLLOVER grant, of 5 (8 unused, capped), and it paid:
    # exactly the new allowance plus the rollover succeeded
    grants = await CreditGrant.filter(tenant_id=tenant.id, source=GrantSource.ROLLOVER)
    assert [(grant.amount, grant.remaining) for grant in grants] == [(ROLLOVER_MAX, 0)]
    assert typenames(results) == {
        "CreateTaskSuccess": MONTHLY + ROLLOVER_MAX,
        "InsufficientCredits": ATTEMPTS - MONTHLY - ROLLOVER_MAX,
    }
    ledger = await read_ledger(tenant.id)
    assert len(ledger.task_ids) == len(ledger.usages) == MONTHLY + ROLLOVER_MAX
