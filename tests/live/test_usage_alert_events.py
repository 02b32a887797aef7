"""UsageEvent.alert on a real server: the event of the charge that crossed a threshold carries
the alert, the others none; a client that resumes with afterSequence sees it replayed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from tests.factories import Member
from tests.live.client import PROTOCOLS, LiveClient
from tests.remote import create_task
from tests.servers import Server

LIVE = """
subscription($after: Int) {
  usageUpdated(afterSequence: $after) {
    sequence
    creditUsage { id }
    alert { threshold state used limit periodStart createdAt }
    alerts { threshold }
  }
}
"""


async def _subscribe(
    server: Server, protocol: str, member: Member, after: int | None
) -> LiveClient:
    client = await LiveClient.connect(
        server.ws_url, protocol, token=member.token, tenant=member.slug
    )
    await client.subscribe(LIVE, variables={"after": after})
    return client


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_the_charge_that_crosses_a_threshold_carries_its_alert_live_and_replayed(
    protocol: str,
    make_member: Callable[..., Awaitable[Member]],
    server: Server,
    http: httpx.AsyncClient,
) -> None:
    # given a subscriber of a tenant with 4 credits (thresholds 50, 80, 100)
    member = await make_member(4)
    client = await _subscribe(server, protocol, member, None)
    try:
        first = await client.next_event()
        assert (first["alert"], first["alerts"]) == (None, [])
        # when four tasks are created, one after the other
        for number in range(4):
            result = await create_task(http, server, member, f"T{number}")
            assert result["__typename"] == "CreateTaskSuccess"
        events: list[dict[str, Any]] = [await client.next_event() for _ in range(4)]
    finally:
        await client.close()
    # then the 2nd (50 %) and the 4th carry their alert; 3 of 4 (75 %) crosses nothing, and
    # the 4th crosses 80 and 100 at once: it shows 100, and both in `alerts`
    shown = [(e["alert"] or {}).get("threshold") for e in events]
    assert shown == [None, 50, None, 100]
    assert events[1]["alert"]["state"] == "REACHED"
    assert (events[3]["alert"]["used"], events[3]["alert"]["limit"]) == (4, 4)
    assert [[a["threshold"] for a in e["alerts"]] for e in events] == [[], [50], [], [100, 80]]

    # when a client resumes after the first summary
    again = await _subscribe(server, protocol, member, first["sequence"])
    try:
        replayed = [await again.next_event() for _ in range(4)]
    finally:
        await again.close()
    # then the replayed charges carry the same alerts
    assert [e["sequence"] for e in replayed] == [e["sequence"] for e in events]
    assert [e["alert"] for e in replayed] == [e["alert"] for e in events]
