"""Reservations across two server processes on PostgreSQL + Redis: concurrent holds never hold
more than the pool, a charge never succeeds on held credits, commits of less than held free
the rest, and an expired hold frees its credits without any job running."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tortoise.context import TortoiseContext

from models import CreditReservation, ReservationStatus
from tests.api.test_charge_credits import CHARGE
from tests.api.test_reservations import COMMIT, RESERVE
from tests.factories import make_member
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, read_ledger, typenames
from tests.servers import running_servers
from tests.waiting import eventually

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

TASK = "credit-task-creation"
SUMMARY = "{ usageSummary { used remaining reserved } }"


def reserve(quantity: int, ttl: int) -> dict[str, Any]:
    return {"input": {"type": TASK, "quantity": quantity, "ttlSeconds": ttl}}


def charge(number: int) -> dict[str, Any]:
    return {"input": {"type": TASK, "objectId": f"/app/jobs/{number}"}}


async def test_holds_across_two_processes_never_exceed_the_pool_and_expire_by_themselves(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given two tenants of 50 credits each and two server processes on the same DB and Redis
    racing, settling = await make_member(50), await make_member(50)
    with running_servers([server_env, server_env], tmp_path) as pair:
        async with Client(pair, racing) as first, Client(pair, settling) as second:
            # when 100 holds of 1 credit race, split across both servers
            holds = await first.burst(100, RESERVE, lambda _: reserve(1, 300), "reserveCredits")
            # then exactly the 50 that fit are held, the others refused for lack of credits
            assert typenames(holds) == {"ReserveCreditsSuccess": 50, "InsufficientCredits": 50}
            # and no charge succeeds on the held credits, on either server
            charged = await first.burst(20, CHARGE, charge, "chargeCredits")
            assert typenames(charged) == {"InsufficientCredits": 20}

            # given the other tenant holds all 50: 25 for long, 25 for 5 seconds
            kept = await second.burst(5, RESERVE, lambda _: reserve(5, 300), "reserveCredits")
            brief = await second.burst(5, RESERVE, lambda _: reserve(5, 5), "reserveCredits")
            assert typenames(kept + brief) == {"ReserveCreditsSuccess": 10}
            # when the long ones are committed for 2 of their 5 credits each, on both servers
            commits = await second.burst(
                5,
                COMMIT,
                lambda n: {"input": {"id": kept[n]["reservation"]["id"], "quantity": 2}},
                "commitReservation",
            )
            # then 2 each is charged and the other 3 freed
            assert [c["usage"]["amount"] for c in commits] == [2] * 5
            assert all(c["reservation"]["status"] == "COMMITTED" for c in commits)

            # when the brief holds expire (no job runs), both servers see their credits free
            for server in (0, 1):

                async def summary(server: int = server) -> dict[str, Any]:
                    answer: dict[str, Any] = (await second.gql(SUMMARY, server=server))[
                        "usageSummary"
                    ]
                    return answer

                await eventually(
                    summary,
                    until=lambda s: s == {"used": 10, "remaining": 40, "reserved": 0},
                    what=f"the expired holds' credits to be free on server {server}",
                )
            # then exactly the 40 freed credits can be charged, across both servers
            charged = await second.burst(60, CHARGE, charge, "chargeCredits")
            assert typenames(charged) == {"ChargeCreditsSuccess": 40, "InsufficientCredits": 20}

    # and the database agrees: never more than the pool charged or held
    racing_ledger, settling_ledger = (
        await read_ledger(racing.tenant_id),
        await read_ledger(settling.tenant_id),
    )
    assert (racing_ledger.used, settling_ledger.used) == (0, 50)
    assert (
        await CreditReservation.filter(
            tenant_id=racing.tenant_id, status=ReservationStatus.HELD
        ).count()
        == 50
    )
    statuses = await CreditReservation.filter(tenant_id=settling.tenant_id).values_list(
        "status", flat=True
    )
    assert sorted(statuses) == ["COMMITTED"] * 5 + ["HELD"] * 5  # the expired ones stay HELD
