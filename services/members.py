"""Member limits: an owner or admin caps what one member may spend of the tenant's pool, and
anyone reading a membership sees what its member used in the current allowance window.

The limit is set through `change_account` (under the tenant's lock, bumping its event
sequence), so every process's kept account is stale at once and the next charge decides on
the new limit; the check itself is `ledger.members.member_refusal`, inside `decide()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Membership
from models.member_usage import member_usages
from services.clock import utcnow
from services.errors import NotFound, ValidationFailed
from services.ledger.account import Allowance
from services.ledger.allowance import current_allowances
from services.validation import parse_id

if TYPE_CHECKING:
    from services.ledger.charger import Charger

# GraphQL's Int is 32 bits: a limit can be no larger anyway.
MAX_LIMIT = 2**31 - 1


def clean_limit(limit: int | None) -> int | None:
    if limit is not None and not 0 <= limit <= MAX_LIMIT:
        raise ValidationFailed("limit", "limit must be zero or more, or null to remove it.")
    return limit


async def set_member_credit_limit(
    *, charger: Charger, tenant_id: UUID, user_id: str, limit: int | None
) -> Membership:
    """Sets (or, with None, removes) the limit of the tenant's member `user_id`. A user who is
    not a member of the tenant is NotFound; nothing is changed on a refusal."""
    member = parse_id("userId", user_id)
    clean = clean_limit(limit)

    async def change(connection: BaseDBAsyncClient) -> None:
        changed = await (
            Membership.filter(tenant_id=tenant_id, user_id=member)
            .using_db(connection)
            .update(credit_limit=clean)
        )
        if changed != 1:
            # Raised inside the change: its transaction, event sequence included, is undone.
            raise NotFound("User")

    await charger.change_account(tenant_id, change)
    return await Membership.get(tenant_id=tenant_id, user_id=member).select_related("tenant")


async def credits_used(keys: Sequence[tuple[UUID, UUID]]) -> list[int]:
    """What each (tenant, user) member used in their tenant's current allowance window, net of
    refunds: one statement for the windows and one for the sums, whatever the number."""
    if not keys:
        return []
    tenant_ids = list(dict.fromkeys(tenant_id for tenant_id, _ in keys))
    allowances = await current_allowances(tenant_ids, utcnow())
    windows = {
        tenant_id: (allowance.balance_start, allowance.balance_end)
        for tenant_id, allowance in allowances.items()
        if isinstance(allowance, Allowance)
    }
    pairs = [key for key in dict.fromkeys(keys) if key[0] in windows]
    usages = await member_usages(windows, None, members=pairs)
    used = {(usage.tenant_id, usage.user_id): usage.used for usage in usages}
    return [used.get(key, 0) for key in keys]
