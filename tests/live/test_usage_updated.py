"""usageUpdated over both protocols, against a real server: first message, charges, order."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from tests.api.test_charge_credits import CHARGE
from tests.factories import Member
from tests.live.client import PROTOCOLS, subscribed
from tests.remote import create_task, post_graphql
from tests.servers import Server


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_charge_over_http_reaches_the_subscriber(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a tenant with 10 credits that already spent one, and a subscriber
    member = await make_member(10)
    await create_task(http, server, member, "Before")
    client, first = await subscribed(server.ws_url, protocol, member)

    # then the first message is the current summary, without a ledger row
    assert first["creditUsage"] is None
    assert (first["summary"]["used"], first["summary"]["limit"]) == (1, 10)
    assert first["summary"]["remaining"] == 9
    assert first["summary"]["byType"] == [{"type": "credit-task-creation", "used": 1, "count": 1}]
    assert first["summary"]["periodStart"] and first["summary"]["periodEnd"]

    # when a task is created over HTTP
    result = await create_task(http, server, member, "Live")
    assert result["__typename"] == "CreateTaskSuccess"

    # then the subscriber receives the new summary and the ledger row, next in sequence
    event = await client.next_event()
    assert event["sequence"] == first["sequence"] + 1
    assert (event["summary"]["used"], event["summary"]["remaining"]) == (2, 8)
    assert event["summary"]["byType"] == [{"type": "credit-task-creation", "used": 2, "count": 2}]
    usage = event["creditUsage"]
    assert usage["id"] == result["usage"]["id"]
    assert usage["objectId"] == result["task"]["id"]
    assert (usage["type"], usage["amount"]) == ("credit-task-creation", 1)
    assert usage["user"] == {"email": member.email}
    assert usage["createdAt"]
    await client.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_sequence_grows_by_one_per_charge(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a subscriber
    member = await make_member(100)
    client, first = await subscribed(server.ws_url, protocol, member)

    # when five tasks are created one after another
    for number in range(5):
        await create_task(http, server, member, f"Task {number}")

    # then five events follow, sequence +1 each, usage growing by one each
    events = [await client.next_event() for _ in range(5)]
    assert [event["sequence"] for event in events] == [first["sequence"] + n for n in range(1, 6)]
    assert [event["summary"]["used"] for event in events] == [1, 2, 3, 4, 5]
    await client.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_charge_of_any_action_reaches_the_subscriber_with_its_quantity_and_object(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a subscriber
    member = await make_member(10)
    client, first = await subscribed(server.ws_url, protocol, member)

    # when 3 units are charged for an object of the app over HTTP
    charge = {"type": "credit-task-creation", "quantity": 3, "objectId": "/app/r/7"}
    data = await post_graphql(
        http, server.graphql_url, CHARGE, {"input": charge}, headers=member.headers
    )
    result = data["chargeCredits"]

    # then the subscriber receives that ledger row, as the mutation answered it
    event = await client.next_event()
    assert event["sequence"] == first["sequence"] + 1
    assert event["summary"]["used"] == 3
    usage = event["creditUsage"]
    assert usage["id"] == result["usage"]["id"]
    assert (usage["type"], usage["amount"], usage["quantity"], usage["objectId"]) == (
        "credit-task-creation",
        3,
        3,
        "/app/r/7",
    )
    assert usage["user"] == {"email": member.email}
    await client.close()
