"""Member limits across processes: 4 members with limits 10/20/30/unlimited charge a pool of
100 at once on two servers; no member passes their limit, the pool never passes 100, and each
refusal names the credits that ran short."""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise.context import TortoiseContext

from models import Role
from tests.factories import Member, make_project, make_tenant, make_user, token_for
from tests.multiprocess.cluster import POSTGRES_ONLY, Client, read_ledger
from tests.remote import post_graphql
from tests.servers import running_servers

pytestmark = [pytest.mark.multiprocess, POSTGRES_ONLY]

POOL = 100
LIMITS: list[int | None] = [10, 20, 30, None]
CHARGES_EACH = 50  # 4 x 50 = 200 charges of 1 credit: more than the pool and the limits allow
CHARGE = """
mutation($input: ChargeCreditsInput!) {
  chargeCredits(input: $input) {
    __typename
    ... on ChargeCreditsSuccess { usage { amount user { id } } }
    ... on InsufficientCredits { scope required remaining limit }
    ... on Error { code message }
  }
}"""
SET_LIMIT = """
mutation($input: SetMemberCreditLimitInput!) {
  setMemberCreditLimit(input: $input) {
    __typename
    ... on SetMemberCreditLimitSuccess { membership { creditLimit creditsUsed } }
  }
}"""


async def test_members_never_pass_their_limits_nor_the_pool_across_two_processes(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a tenant with a pool of 100, its owner, and 4 members
    tenant = await make_tenant(POOL)
    owner = await make_user(tenant)
    project = await make_project(tenant, by=owner)
    users = [await make_user(tenant, role=Role.MEMBER) for _ in LIMITS]
    members = [
        Member(tenant.id, tenant.slug, user.email, token_for(user), project.id) for user in users
    ]
    owner_headers = {"Authorization": f"Bearer {token_for(owner)}", "X-Tenant": tenant.slug}

    with running_servers([server_env, server_env], tmp_path) as pair:
        # and limits of 10, 20, 30 and none, set by the owner through the first server
        async with httpx.AsyncClient() as http:
            for user, limit in zip(users, LIMITS, strict=True):
                set_ = await post_graphql(
                    http,
                    pair[0].graphql_url,
                    SET_LIMIT,
                    {"input": {"userId": str(user.id), "limit": limit}},
                    headers=owner_headers,
                )
                assert set_["setMemberCreditLimit"]["membership"]["creditLimit"] == limit

        # when each member sends 50 charges of 1 credit, all 200 at once, across both servers
        async def member_burst(member: Member) -> list[dict[str, Any]]:
            async with Client(pair, member) as client:
                return await client.burst(
                    CHARGES_EACH,
                    CHARGE,
                    lambda n: {
                        "input": {
                            "type": "credit-task-creation",
                            "objectId": f"/m/{member.email}/{n}",
                        }
                    },
                    "chargeCredits",
                )

        answers = await asyncio.gather(*(member_burst(member) for member in members))

    # then every answer is a charge or a refusal for lack of credits
    ledger = await read_ledger(tenant.id)
    used_by: Counter[str] = Counter(str(usage.user_id) for usage in ledger.usages)
    refusals: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for user, limit, results in zip(users, LIMITS, answers, strict=True):
        kinds = Counter(result["__typename"] for result in results)
        assert set(kinds) <= {"ChargeCreditsSuccess", "InsufficientCredits"}, kinds
        charged = kinds["ChargeCreditsSuccess"]
        # and what each member was told they were charged is what the ledger holds for them
        assert used_by[str(user.id)] == charged
        # and no member passed their limit
        if limit is not None:
            assert charged <= limit
        for result in results:
            if result["__typename"] == "InsufficientCredits":
                refusals[result["scope"]].append(result)
                # a member refusal is theirs: at their limit, nothing left of it
                if result["scope"] == "MEMBER":
                    assert limit is not None
                    assert (result["remaining"], result["limit"]) == (0, limit)
                    assert charged == limit
    # and the pool was never passed: the ledger sums to exactly 100, all of it spent
    assert ledger.used == sum(usage.amount for usage in ledger.usages) == POOL
    # and a tenant refusal came only once the pool was empty
    assert all(result["remaining"] == 0 for result in refusals["TENANT"])
    assert len(refusals["MEMBER"]) + len(refusals["TENANT"]) == 200 - POOL
    print(
        f"charged per member: {[used_by[str(user.id)] for user in users]}; refusals: "
        f"{ {scope: len(found) for scope, found in refusals.items()} }"
    )
