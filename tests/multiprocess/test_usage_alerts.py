"""Usage alerts across processes: concurrent charges on two servers past 50, 80 and 100 % raise
exactly three alerts, on the live subscription and at a real webhook receiver, each signed;
a grant that takes usage back under 80 % resolves the 80 and 100 alerts once."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise.context import TortoiseContext

from models import AlertState, UsageAlert, WebhookEndpoint, WebhookEvent
from services.clock import utcnow
from tests.api.test_charge_credits import CHARGE
from tests.factories import make_member, make_user, token_for
from tests.live.client import TRANSPORT_WS, LiveClient
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, typenames
from tests.remote import post_graphql
from tests.servers import running_servers
from tests.services.webhooks_helpers import readme_verifier
from tests.waiting import eventually
from tests.webhook_receiver import WebhookReceiver

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

CREDITS = 100
ATTEMPTS = 110
LIVE = """
subscription {
  usageUpdated {
    sequence
    summary { used limit }
    creditUsage { id }
    alert { id threshold state used limit }
    alerts { threshold state }
  }
}
"""
GRANT = """
mutation($slug: String!, $amount: Int!) {
  grantCredits(input: {tenantSlug: $slug, amount: $amount}) { __typename }
}
"""


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver().start()
    yield server
    server.stop()


async def _events_until(client: LiveClient, done: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    while not done(events):
        events.append(await client.next_event(wait=20))
    return events


async def test_concurrent_charges_on_two_processes_raise_each_alert_once_and_a_grant_resolves(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path, receiver: WebhookReceiver
) -> None:
    # given a tenant with 100 credits, the default thresholds, a webhook endpoint at a real
    # receiver, and two server processes on the same PostgreSQL and Redis
    member = await make_member(CREDITS)
    secret = "whsec_" + secrets.token_hex(16)
    await WebhookEndpoint.create(
        tenant_id=member.tenant_id, url=receiver.url, secret=secret, created_at=utcnow()
    )
    admin = {"Authorization": f"Bearer {token_for(await make_user(admin=True))}"}

    def charge(number: int) -> dict[str, Any]:
        return {"input": {"type": "credit-task-creation", "objectId": f"/r/{number}"}}

    with running_servers([server_env, server_env], tmp_path) as pair:
        live = await LiveClient.connect(
            pair[1].ws_url, TRANSPORT_WS, token=member.token, tenant=member.slug
        )
        try:
            await live.subscribe(LIVE)
            first = await live.next_event()
            assert first["summary"]["used"] == 0
            async with Client(pair, member) as client:
                # when 110 charges of 1 credit are in flight at once, split across both servers
                results = await client.burst(ATTEMPTS, CHARGE, charge, "chargeCredits")
                assert typenames(results) == {
                    "ChargeCreditsSuccess": CREDITS,
                    "InsufficientCredits": ATTEMPTS - CREDITS,
                }
                # then the subscriber (on the second server) sees exactly three alerts reached,
                # 50, 80 and 100 %, each on the charge that crossed it
                charged = await _events_until(
                    live, lambda events: sum(1 for e in events if e["creditUsage"]) == CREDITS
                )
                alerts = [e["alert"] for e in charged if e["alert"]]
                assert [(a["threshold"], a["state"], a["used"], a["limit"]) for a in alerts] == [
                    (50, "REACHED", 50, 100),
                    (80, "REACHED", 80, 100),
                    (100, "REACHED", 100, 100),
                ]
                for event in charged:
                    if event["alert"]:
                        assert event["summary"]["used"] == event["alert"]["used"]
                # and the receiver gets three events, one per threshold, each validly signed
                verify = readme_verifier()
                await eventually(lambda: len(receiver.received) == 3, what="three webhooks")
                bodies = [request.json for request in receiver.received]
                assert sorted((body["type"], body["data"]["threshold"]) for body in bodies) == [
                    ("usage.threshold.reached", 50),
                    ("usage.threshold.reached", 80),
                    ("usage.threshold.reached", 100),
                ]
                assert len({body["id"] for body in bodies}) == 3
                assert {body["data"]["alertId"] for body in bodies} == {a["id"] for a in alerts}
                assert all(
                    verify(r.body, r.headers["credits-signature"], secret)
                    for r in receiver.received
                )
                assert not verify(
                    receiver.received[0].body,
                    receiver.received[0].headers["credits-signature"],
                    "whsec_forged",
                )

                # when a platform admin grants 30 credits (100 of 130: under 80 %)
                async with httpx.AsyncClient() as http:
                    granted = await post_graphql(
                        http,
                        pair[0].graphql_url,
                        GRANT,
                        {"slug": member.slug, "amount": 30},
                        headers=admin,
                    )
                assert granted["grantCredits"]["__typename"] == "GrantCreditsSuccess"
                # then the subscriber's next event resolves 80 and 100, the lower shown first
                (resolved,) = await _events_until(live, lambda events: len(events) == 1)
                assert resolved["creditUsage"] is None
                assert resolved["alert"]["threshold"] == 80
                assert sorted((a["threshold"], a["state"]) for a in resolved["alerts"]) == [
                    (80, "RESOLVED"),
                    (100, "RESOLVED"),
                ]
                # and the receiver gets the two resolutions, once each
                await eventually(lambda: len(receiver.received) == 5, what="two resolutions")
        finally:
            await live.close()

    later = [request.json for request in receiver.received[3:]]
    assert sorted((body["type"], body["data"]["threshold"]) for body in later) == [
        ("usage.threshold.resolved", 80),
        ("usage.threshold.resolved", 100),
    ]
    assert all(
        verify(r.body, r.headers["credits-signature"], secret) for r in receiver.received[3:]
    )
    # and the database holds one alert per threshold, and five events, no more
    rows = await UsageAlert.filter(tenant_id=member.tenant_id).order_by("threshold")
    assert [(row.threshold, row.state) for row in rows] == [
        (50, AlertState.REACHED),
        (80, AlertState.RESOLVED),
        (100, AlertState.RESOLVED),
    ]
    kinds = Counter(row.type.value for row in await WebhookEvent.filter(tenant_id=member.tenant_id))
    assert kinds == {"usage.threshold.reached": 3, "usage.threshold.resolved": 2}
