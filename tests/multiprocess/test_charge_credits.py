"""chargeCredits across processes: mixed with createTask it never overspends, and a new price
set through one process is what the next charge on another pays."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise.context import TortoiseContext

from tests.api.queries import CREATE_TASK
from tests.api.test_charge_credits import CHARGE
from tests.factories import make_member, make_user, token_for
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, read_ledger, typenames
from tests.remote import post_graphql
from tests.servers import running_servers
from tests.waiting import eventually

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

CREDITS = 50
ATTEMPTS = 200
TASK_CREATION = "credit-task-creation"
CHECK = """
query($type: String!, $quantity: Int!) {
  checkCredits(type: $type, quantity: $quantity) { allowed required remaining }
}"""
UPDATE_TYPE = """
mutation($input: UpdateCreditTypeInput!) {
  updateCreditType(input: $input) { __typename ... on UpdateCreditTypeSuccess { creditType { amount } } }
}"""


async def test_mixed_charges_from_two_processes_never_overspend(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a tenant with 50 credits and two server processes on the same DB and Redis
    member = await make_member(CREDITS)
    quantities = random.Random(17).choices([1, 2, 3], k=ATTEMPTS)

    def request(number: int) -> tuple[str, dict[str, Any], str]:
        if number % 3 == 0:
            task = {"projectId": str(member.project_id), "title": f"Task {number}"}
            return CREATE_TASK, {"input": task}, "createTask"
        charge = {
            "type": TASK_CREATION,
            "quantity": quantities[number],
            "objectId": f"/app/{member.slug}/reports/{number}",
        }
        return CHARGE, {"input": charge}, "chargeCredits"

    with running_servers([server_env, server_env], tmp_path) as pair:
        async with Client(pair, member) as client:
            # when 200 requests, a third createTask and the rest chargeCredits of 1 to 3 units,
            # are in flight at once, split across both servers
            results = await client.burst_mixed(ATTEMPTS, request)

    # then every answer is a charge or a refusal for lack of credits
    kinds = typenames(results)
    assert set(kinds) <= {"CreateTaskSuccess", "ChargeCreditsSuccess", "InsufficientCredits"}, kinds
    for result in results:
        if result["__typename"] == "InsufficientCredits":
            assert result["required"] > result["remaining"]
    # and what the answers say was charged is what the ledger holds, never above the allowance
    charged = sum(result["usage"]["amount"] for result in results if result.get("usage"))
    ledger = await read_ledger(member.tenant_id)
    assert ledger.used == charged == sum(usage.amount for usage in ledger.usages) <= CREDITS
    # and each charge is for its own object: a task inserted with it, or the path it named
    paths = {usage.object_path: usage.quantity for usage in ledger.usages if usage.object_path}
    tasks = {usage.object_id for usage in ledger.usages if usage.object_id}
    assert tasks == ledger.task_ids
    assert len(paths) + len(tasks) == len(ledger.usages)
    for path, quantity in paths.items():
        assert quantity == quantities[int(path.rsplit("/", 1)[1])]
    # and the credits ran out (the last ones may be left over by a refused bigger charge)
    assert ledger.used >= CREDITS - 2
    print(f"answers: {dict(kinds)}; used {ledger.used} of {CREDITS}")


async def test_a_new_amount_set_on_one_process_is_charged_by_the_next_charge_on_the_other(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given two servers, the second already charging at the kit's price (its catalog kept)
    member = await make_member(100)
    admin = {"Authorization": f"Bearer {token_for(await make_user(admin=True))}"}
    charge = {"input": {"type": TASK_CREATION, "quantity": 2, "objectId": "/app/r/1"}}
    with running_servers([server_env, server_env], tmp_path) as (first, second):
        async with Client([first, second], member) as client, httpx.AsyncClient() as http:
            before = (await client.gql(CHARGE, charge, server=1))["chargeCredits"]
            assert before["usage"]["amount"] == 2
            # when a platform admin makes the type cost 5 through the first server
            updated = await post_graphql(
                http,
                first.graphql_url,
                UPDATE_TYPE,
                {"input": {"value": TASK_CREATION, "amount": 5}},
                headers=admin,
            )
            assert updated["updateCreditType"]["creditType"]["amount"] == 5

            # then the second server soon asks the new price (its dry run charges nothing)
            async def required_on_second() -> int:
                check = await client.gql(CHECK, {"type": TASK_CREATION, "quantity": 2}, server=1)
                return int(check["checkCredits"]["required"])

            await eventually(
                required_on_second,
                until=lambda required: required == 10,
                what="the second server to charge the new amount",
            )
            # and its next charge pays it, while the first charge keeps what it cost
            after = (await client.gql(CHARGE, charge, server=1))["chargeCredits"]
    assert after["usage"]["amount"] == 10
    ledger = await read_ledger(member.tenant_id)
    assert sorted(usage.amount for usage in ledger.usages) == [2, 10]
    assert ledger.used == 12
