"""Credit grants: credits on top of the plan allowance (packs, promotions, adjustments).

The ledger spends them (services.ledger); this module creates, voids and lists them. Every
change runs through `Charger.change_account`: under the tenant lock, in one transaction with
the tenant's event sequence, and live subscribers see the new balance.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CreditGrant, GrantSource
from services.clock import utcnow
from services.errors import NotFound, ValidationFailed
from services.pagination import Page, paginate
from services.tenants import get_tenant_by_slug
from services.validation import clean_text, parse_id

if TYPE_CHECKING:
    from services.ledger.charger import Charger

__all__ = ["GrantSource", "add_purchased_grant", "grant_credits", "list_grants", "void_grant"]

MAX_GRANT = 1_000_000_000
MAX_PRIORITY = 1_000_000
MAX_REASON = 500


async def grant_credits(
    *,
    charger: Charger,
    tenant_slug: str,
    amount: int,
    priority: int = 0,
    expires_at: datetime | None = None,
    source: GrantSource = GrantSource.ADJUSTMENT,
    reason: str | None = None,
) -> CreditGrant:
    """Gives the tenant `amount` credits on top of its allowance."""
    tenant = await get_tenant_by_slug(tenant_slug)
    if not 1 <= amount <= MAX_GRANT:
        raise ValidationFailed("amount", f"amount must be 1 to {MAX_GRANT}.")
    if source is GrantSource.ROLLOVER:
        raise ValidationFailed(
            "source", "ROLLOVER grants come from a period's unused allowance, not by hand."
        )
    if not -MAX_PRIORITY <= priority <= MAX_PRIORITY:
        raise ValidationFailed("priority", f"priority must be within ±{MAX_PRIORITY}.")
    if expires_at is not None:
        if expires_at.tzinfo is None:
            raise ValidationFailed("expiresAt", "expiresAt needs a time zone.")
        if expires_at <= utcnow():
            raise ValidationFailed("expiresAt", "expiresAt must be in the future.")
    clean_reason = clean_text("reason", reason, max_length=MAX_REASON, required=False)

    async def change(connection: BaseDBAsyncClient) -> CreditGrant:
        return await CreditGrant.create(
            tenant_id=tenant.id,
            amount=amount,
            remaining=amount,
            priority=priority,
            expires_at=expires_at,
            source=source,
            reason=clean_reason,
            using_db=connection,
        )

    return await charger.change_account(tenant.id, change)


async def add_purchased_grant(
    connection: BaseDBAsyncClient,
    *,
    tenant_id: UUID,
    amount: int,
    checkout_session_id: str,
    reason: str,
) -> CreditGrant | None:
    """A purchased pack, inside the caller's transaction; once per Checkout session."""
    if await CreditGrant.exists(
        stripe_checkout_session_id=checkout_session_id, using_db=connection
    ):
        return None
    return await CreditGrant.create(
        tenant_id=tenant_id,
        amount=amount,
        remaining=amount,
        priority=0,
        source=GrantSource.PURCHASE,
        reason=reason,
        stripe_checkout_session_id=checkout_session_id,
        using_db=connection,
    )


async def void_grant(*, charger: Charger, grant_id: str) -> CreditGrant:
    """Voids a grant: its unused credits are forfeited. Voiding twice is harmless.

    `remaining` drops to 0 as well, so a charge that read the grant before the void (even one
    whose lock expired) fails the ledger's guarded update instead of spending it.
    """
    grant = await CreditGrant.get_or_none(id=parse_id("id", grant_id))
    if grant is None:
        raise NotFound("Grant")

    async def change(connection: BaseDBAsyncClient) -> CreditGrant:
        await (
            CreditGrant.filter(id=grant.id, voided_at__isnull=True)
            .using_db(connection)
            .update(voided_at=utcnow(), remaining=0)
        )
        return await CreditGrant.get(id=grant.id, using_db=connection)

    return await charger.change_account(grant.tenant_id, change)


async def list_grants(
    *, tenant_id: UUID, first: int | None, after: str | None
) -> Page[CreditGrant]:
    """The tenant's grants, newest first, spent and voided ones included."""
    return await paginate(
        CreditGrant.filter(tenant_id=tenant_id), first=first, after=after, newest_first=True
    )


def is_active(grant: CreditGrant, now: datetime | None = None) -> bool:
    moment = now or utcnow()
    return (
        grant.voided_at is None
        and grant.remaining > 0
        and (grant.expires_at is None or grant.expires_at > moment)
    )
