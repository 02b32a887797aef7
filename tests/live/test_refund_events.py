"""usageUpdated carries refunds: a deleted refundable task's refund reaches a subscriber of a
real server, as the REFUND row with the summary net of it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from tests.factories import Member
from tests.live.client import PROTOCOLS, LiveClient
from tests.live.conftest import graphql
from tests.refundable import TASK_CREATION, make_refundable
from tests.remote import create_task
from tests.servers import start_server

REFUND_UPDATED = """
subscription {
  usageUpdated {
    sequence
    summary { used limit remaining byType { type used count } }
    creditUsage {
      id type amount objectId kind refunded refundedBy { email } reverses { id refunded }
    }
  }
}
"""

DELETE_TASK = """
mutation($input: DeleteTaskInput!) {
  deleteTask(input: $input) {
    __typename
    ... on DeleteTaskSuccess { refund { id } }
  }
}
"""


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_refund_reaches_the_subscriber_as_its_refund_row(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    server_env: dict[str, str],
    tmp_path: Path,
    http: httpx.AsyncClient,
) -> None:
    # given a server on which tasks are refundable, a tenant that spent 1 of 10 on a task,
    # and a subscriber
    await make_refundable(TASK_CREATION)
    server = start_server(server_env, tmp_path)
    try:
        member = await make_member(10)
        created = await create_task(http, server, member, "Doomed")
        client = await LiveClient.connect(
            server.ws_url, protocol, token=member.token, tenant=member.slug
        )
        await client.subscribe(REFUND_UPDATED)
        first = await client.next_event()
        assert (first["summary"]["used"], first["creditUsage"]) == (1, None)

        # when the task is deleted over HTTP
        variables = {"input": {"id": created["task"]["id"]}}
        deleted = await graphql(
            http, server, DELETE_TASK, variables, token=member.token, tenant=member.slug
        )
        refund_id = deleted["deleteTask"]["refund"]["id"]

        # then the subscriber receives the refund, next in sequence, net of it
        event = await client.next_event()
        assert event["sequence"] == first["sequence"] + 1
        assert (event["summary"]["used"], event["summary"]["remaining"]) == (0, 10)
        assert event["summary"]["byType"] == [{"type": TASK_CREATION, "used": 0, "count": 0}]
        usage = event["creditUsage"]
        assert (usage["id"], usage["kind"], usage["amount"]) == (refund_id, "REFUND", -1)
        assert usage["objectId"] == created["task"]["id"]
        assert usage["reverses"] == {"id": created["usage"]["id"], "refunded": True}
        assert usage["refundedBy"] == {"email": member.email}
        await client.close()
    finally:
        server.stop()
