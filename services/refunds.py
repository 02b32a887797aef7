"""Refunds as use cases: by hand (`refundCredits`), and the charges a delete gives back.

The ledger writes them (`services.ledger.refunds`: one transaction with the cause, under the
tenant's lock, at most once per charge); this module decides which charges a cause gives back.
Which credit types a delete refunds is read from the catalog here, in `refundable_types` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CreditUsage, CreditUsageKind
from services.errors import Conflict, NotFound
from services.ledger.refunds import ALREADY_REFUNDED, Refund, unrefunded
from services.validation import clean_text, parse_id

if TYPE_CHECKING:
    from services.catalog import Catalog
    from services.runtime import Runtime

MAX_REASON = 500
USAGE = "Credit usage"


async def refundable_types(catalog: Catalog) -> frozenset[str]:
    """The values of the credit types whose charges a delete gives back (the catalog's
    `refundable`, from the process's copy: no query on a warm catalog)."""
    return frozenset(
        credit_type.value for credit_type in await catalog.credit_types() if credit_type.refundable
    )


async def refund_credits(
    *,
    runtime: Runtime,
    tenant_id: UUID | None,
    user_id: UUID,
    usage_id: str,
    reason: str | None,
) -> CreditUsage:
    """Refunds one charge by hand, whatever its type's `refundable` (an admin correcting a
    mistake), as `user_id`. `tenant_id`: the caller's tenant; None for a platform admin (any
    tenant's charge).
    NotFound: no such charge in the tenant, or a REFUND row; Conflict: already refunded."""
    id_ = parse_id("usageId", usage_id)
    clean_reason = clean_text("reason", reason, max_length=MAX_REASON, required=False)
    scope = CreditUsage.filter(id=id_)
    if tenant_id is not None:
        scope = scope.filter(tenant_id=tenant_id)
    found = await scope.limit(1).values_list("tenant_id", "kind")
    if not found or found[0][1] != CreditUsageKind.CHARGE:
        raise NotFound(USAGE)
    # The lock to take is the charge's tenant's; the charge is read again under it.
    charge_tenant = UUID(str(found[0][0]))

    async def precheck() -> None:
        # A refund is never undone: once refunded, the answer needs neither lock nor transaction.
        if await CreditUsage.filter(reverses_id=id_).exists():
            raise Conflict(ALREADY_REFUNDED)

    async def cause(connection: BaseDBAsyncClient) -> tuple[None, list[Refund]]:
        charge = (
            await CreditUsage.filter(id=id_, tenant_id=charge_tenant).using_db(connection).first()
        )
        if charge is None or charge.kind is not CreditUsageKind.CHARGE:
            raise NotFound(USAGE)
        if not await unrefunded([charge], connection):
            raise Conflict(ALREADY_REFUNDED)
        return None, [Refund(charge, user_id, clean_reason)]

    _, refunds = await runtime.charger.refund(charge_tenant, cause, precheck=precheck)
    return refunds[0]


async def charges_to_refund(
    catalog: Catalog,
    tenant_id: UUID,
    object_ids: Sequence[UUID],
    connection: BaseDBAsyncClient,
    *,
    by: UUID | None,
) -> list[Refund]:
    """The charges of refundable types that paid for `object_ids` (deleted in this
    transaction, by `by`) and are not refunded yet, in the order of `object_ids`."""
    types = await refundable_types(catalog)
    if not types or not object_ids:
        return []
    # Compared as text: an object id is any string path once `objectId` is a String.
    wanted = [str(object_id) for object_id in object_ids]
    charges = await CreditUsage.filter(
        tenant_id=tenant_id,
        object_id__in=wanted,
        kind=CreditUsageKind.CHARGE,
        type__in=list(types),
    ).using_db(connection)
    open_ids = await unrefunded(charges, connection)
    order = {object_id: index for index, object_id in enumerate(wanted)}
    return [
        Refund(charge, by)
        for charge in sorted(charges, key=lambda charge: (order[str(charge.object_id)], charge.id))
        if charge.id in open_ids
    ]


async def deletes_refund(catalog: Catalog) -> bool:
    """Whether a delete may refund anything: when no type is refundable it needs no lock."""
    return bool(await refundable_types(catalog))
