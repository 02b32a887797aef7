"""A subscriber only ever sees its own tenant, and only after authenticating for it."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import httpx
import pytest

from tests.factories import Member, make_plan, make_user, token_for
from tests.live.client import LEGACY_WS, PROTOCOLS, LiveClient, Refused, refusal_code, subscribed
from tests.live.conftest import graphql
from tests.remote import create_task
from tests.servers import Server

SET_TENANT_PLAN = """
mutation($input: SetTenantPlanInput!) {
  setTenantPlan(input: $input) { __typename ... on Error { code message } }
}
"""


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_subscriber_receives_nothing_from_another_tenant(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given tenant A and a subscriber of tenant B
    spender = await make_member(100)
    watcher = await make_member(100)
    client, first = await subscribed(server.ws_url, protocol, watcher)

    # when A spends three times, then B once
    for number in range(3):
        assert (await create_task(http, server, spender, f"A{number}"))[
            "__typename"
        ] == "CreateTaskSuccess"
    mine = await create_task(http, server, watcher, "B")

    # then B's subscriber's next event is B's own charge: none of A's came before it
    event = await client.next_event()
    assert event["creditUsage"]["id"] == mine["usage"]["id"]
    assert event["sequence"] == first["sequence"] + 1
    assert event["summary"]["used"] == 1
    await client.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_bad_credentials_are_refused_with_4403(
    protocol: str, make_member: Callable[..., Awaitable[Member]], server: Server
) -> None:
    # given a member of tenant A and another tenant B
    member = await make_member()
    other = await make_member()
    outsider = token_for(await make_user())

    # then connection_init is refused with 4403 for: a forged token, no token, a tenant the
    # user is not a member of, a user with no tenant at all, no tenant named, and a tenant name
    # no tenant could have (a NUL would not even reach PostgreSQL)
    url = server.ws_url
    assert await refusal_code(url, protocol, token="not-a-jwt", tenant=member.slug) == 4403
    assert await refusal_code(url, protocol, token=member.token + "x", tenant=member.slug) == 4403
    assert await refusal_code(url, protocol, token=None, tenant=member.slug) == 4403
    assert await refusal_code(url, protocol, token=member.token, tenant=other.slug) == 4403
    assert await refusal_code(url, protocol, token=outsider, tenant=member.slug) == 4403
    assert await refusal_code(url, protocol, token=member.token, tenant=None) == 4403
    assert (
        await refusal_code(url, protocol, token=member.token, tenant=member.slug + "\x00") == 4403
    )


async def test_legacy_protocol_runs_no_operation_before_connection_init(
    make_member: Callable[..., Awaitable[Member]], server: Server
) -> None:
    # given a legacy graphql-ws socket that skips connection_init
    from websockets.asyncio.client import connect

    async with connect(server.ws_url, subprotocols=[LEGACY_WS]) as ws:  # type: ignore[list-item]
        # when it starts a subscription straight away
        await ws.send(
            json.dumps({"type": "start", "id": "1", "payload": {"query": "{ __typename }"}})
        )
        # then the server closes it as unauthorised, without running anything
        client = LiveClient(ws, LEGACY_WS)
        with pytest.raises(Refused) as refused:
            await client.receive(wait=10)
        assert refused.value.code == 4401


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_plan_change_is_an_event_too(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a tenant on a 10-credit plan, a subscriber, and a platform admin
    member = await make_member(10)
    admin = token_for(await make_user(admin=True))
    bigger = await make_plan(50)
    client, first = await subscribed(server.ws_url, protocol, member)
    assert first["summary"]["limit"] == 10

    # when the admin moves the tenant to a 50-credit plan
    changed = await graphql(
        http,
        server,
        SET_TENANT_PLAN,
        {"input": {"tenantSlug": member.slug, "planId": str(bigger.id)}},
        token=admin,
    )
    assert changed["setTenantPlan"]["__typename"] == "SetTenantPlanSuccess", changed

    # then the subscriber sees the new limit, with no ledger row, next in sequence
    event = await client.next_event()
    assert event["sequence"] == first["sequence"] + 1
    assert event["creditUsage"] is None
    assert event["summary"]["limit"] == 50
    await client.close()
