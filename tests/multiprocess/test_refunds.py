"""Refunds across processes: two servers race deletes and refundCredits of the same charges
(and new charges) on one tenant; each charge is refunded exactly once and nothing is overspent."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tortoise.context import TortoiseContext

from models import CreditUsageKind
from tests.api.queries import CREATE_TASK
from tests.factories import make_member
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, read_ledger, typenames
from tests.refundable import TASK_CREATION, make_refundable
from tests.servers import running_servers

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

CREDITS = 50
TASKS = 20
EACH = 5  # deletes, and as many refundCredits, per task
CREATES = 60
RETRIES = 5

DELETE_TASK = """
mutation($input: DeleteTaskInput!) {
  deleteTask(input: $input) {
    __typename
    ... on DeleteTaskSuccess { deletedId refund { id amount reverses { id } } }
    ... on Error { code message }
  }
}
"""

REFUND = """
mutation($input: RefundCreditsInput!) {
  refundCredits(input: $input) {
    __typename
    ... on RefundCreditsSuccess { refund { id amount reverses { id } } }
    ... on Error { code message }
  }
}
"""

SUMMARY = "{ usageSummary { used limit remaining byType { type used count } } }"


async def test_two_processes_refund_each_charge_exactly_once(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given two servers on which tasks are refundable, and 20 charged tasks of 50 credits
    member = await make_member(CREDITS)
    await make_refundable(TASK_CREATION)
    with running_servers([server_env, server_env], tmp_path) as pair:
        async with Client(pair, member) as client:
            project = {"projectId": str(member.project_id)}
            created = [
                (await client.gql(CREATE_TASK, {"input": {**project, "title": f"t{n}"}}))[
                    "createTask"
                ]
                for n in range(TASKS)
            ]
            charges = {task["task"]["id"]: task["usage"]["id"] for task in created}

            # when, all at once and split over both servers, each task is deleted 5 times and
            # its charge refunded 5 times, while 60 new tasks are charged
            requests: list[tuple[str, str, dict[str, Any]]] = []
            for _ in range(EACH):
                for task_id, usage_id in charges.items():
                    requests.append(("deleteTask", DELETE_TASK, {"input": {"id": task_id}}))
                    requests.append(("refundCredits", REFUND, {"input": {"usageId": usage_id}}))
            for number in range(CREATES):
                variables = {"input": {**project, "title": f"new {number}"}}
                requests.insert(number * 3, ("createTask", CREATE_TASK, variables))
            retried: Counter[str] = Counter()
            results = await _send(client, requests, retried)
            summary = (await client.gql(SUMMARY))["usageSummary"]

    # then every answer is expected: one delete per task succeeded, the rest NotFound; one
    # refund per charge was made (by a delete or by hand), the others Conflict
    deletes = [r for (name, _, _), r in zip(requests, results, strict=True) if name == "deleteTask"]
    refunds = [
        r for (name, _, _), r in zip(requests, results, strict=True) if name == "refundCredits"
    ]
    creates = [r for (name, _, _), r in zip(requests, results, strict=True) if name == "createTask"]
    print(
        f"deletes: {typenames(deletes)}; refunds: {typenames(refunds)}; "
        f"creates: {typenames(creates)}; "
        f"retried after Unavailable: {retried}"
    )
    assert typenames(deletes) == {"DeleteTaskSuccess": TASKS, "NotFound": TASKS * (EACH - 1)}
    made = [r["refund"] for r in deletes if r["__typename"] == "DeleteTaskSuccess" and r["refund"]]
    made += [r["refund"] for r in refunds if r["__typename"] == "RefundCreditsSuccess"]
    assert sorted(refund["reverses"]["id"] for refund in made) == sorted(charges.values())
    assert set(typenames(refunds)) <= {"RefundCreditsSuccess", "Conflict", "NotFound"}
    assert set(typenames(creates)) <= {"CreateTaskSuccess", "InsufficientCredits"}

    # and the ledger agrees: each refund reverses one of the 20 charges, exactly once; the net
    # total is what the balance counts, within the allowance; tasks + refunded = charges
    ledger = await read_ledger(member.tenant_id)
    charged = [u for u in ledger.usages if u.kind is CreditUsageKind.CHARGE]
    refund_rows = [u for u in ledger.usages if u.kind is CreditUsageKind.REFUND]
    assert sorted(str(u.reverses_id) for u in refund_rows) == sorted(charges.values())
    assert all(u.amount == -1 for u in refund_rows)
    new_tasks = typenames(creates)["CreateTaskSuccess"]
    assert len(charged) == TASKS + new_tasks
    assert len(ledger.task_ids) == new_tasks
    net = sum(u.amount for u in ledger.usages)
    assert net == ledger.used == summary["used"] == new_tasks <= CREDITS
    assert summary["remaining"] == CREDITS - new_tasks


async def _send(
    client: Client, requests: list[tuple[str, str, dict[str, Any]]], retried: Counter[str]
) -> list[Any]:
    """Every request at once, alternating between the servers: each one's answer, in order.
    An `Unavailable` answer (nothing was changed, retry) is retried, as a client would."""

    async def send(number: int, name: str, query: str, variables: dict[str, Any]) -> Any:
        for _ in range(RETRIES):
            answer = (await client.gql(query, variables, server=number))[name]
            if answer["__typename"] != "Unavailable":
                return answer
            retried[answer["message"]] += 1
        return answer

    return await asyncio.gather(
        *(send(number, *request) for number, request in enumerate(requests))
    )
