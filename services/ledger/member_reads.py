"""The member limits an account carries (`Account.members`), read with the account."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models.member_usage import member_usages
from services.ledger.account import Allowance, MemberSpend


async def limited_members(
    allowances: Mapping[UUID, Allowance], connection: BaseDBAsyncClient | None
) -> dict[UUID, dict[UUID, MemberSpend]]:
    """Each tenant's members that have a limit, with what they used in the allowance window:
    one statement for all the tenants; a tenant without member limits has none."""
    usages = await member_usages(
        {
            tenant_id: (allowance.balance_start, allowance.balance_end)
            for tenant_id, allowance in allowances.items()
        },
        connection,
        limited_only=True,
    )
    found: dict[UUID, dict[UUID, MemberSpend]] = defaultdict(dict)
    for usage in usages:
        if usage.credit_limit is not None:
            found[usage.tenant_id][usage.user_id] = MemberSpend(usage.credit_limit, usage.used)
    return found
