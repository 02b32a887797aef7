"""Charging any action of the client's app (the kit's `CreditsServer.create`), and the dry run.

`charge_credits` goes through the ledger like `create_task` (same queue, lock, guard,
transaction, idempotency, batching, events and outbox): the request only differs in what is
paid for, an object of the client's app named by its path (`ObjectPath`) instead of a row
inserted here. `check_credits` asks the same pure `decide()` what a charge would answer now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from models import CreditUsage, Membership
from services.catalog import Catalog
from services.clock import utcnow
from services.errors import (
    CreditScope,
    DomainError,
    ErrorCode,
    InsufficientCredits,
    NoActiveSubscription,
    NotFound,
    ValidationFailed,
)
from services.ledger.decide import Accepted, decide
from services.ledger.members import member_left
from services.ledger.reads import load_account
from services.ledger.requests import ChargeRequest, ObjectPath
from services.validation import clean_idempotency_key, parse_id, request_fingerprint

if TYPE_CHECKING:
    from services.runtime import Runtime

MAX_QUANTITY = 1_000
MAX_OBJECT_ID = 512


def clean_quantity(quantity: int) -> int:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationFailed("quantity", f"quantity must be between 1 and {MAX_QUANTITY:,}.")
    return quantity


def clean_object_id(value: str) -> str:
    """An object of the client's app: a path (`/app/acme/reports/42`) or a UUID, at most 512
    printable characters without whitespace. A UUID is stored in its canonical form, so the
    same object is always named the same way."""
    if (
        not 1 <= len(value) <= MAX_OBJECT_ID
        or not value.isprintable()
        or any(char.isspace() for char in value)
    ):
        raise ValidationFailed(
            "objectId",
            f"objectId must be 1 to {MAX_OBJECT_ID} printable characters without spaces.",
        )
    if value.startswith("/"):
        return value
    try:
        return str(UUID(value))
    except ValueError:
        raise ValidationFailed(
            "objectId", "objectId must be a path starting with '/' or a UUID."
        ) from None


async def charged_user(
    *, tenant_id: UUID, caller_id: UUID | None, user_id: str | None
) -> UUID | None:
    """Who a charge is for. A user (`caller_id`) is charged themself: they may name only
    their own id. An API key (`caller_id` None) charges the tenant's member it names, or no
    one."""
    if user_id is None:
        return caller_id
    named = parse_id("userId", user_id)
    if caller_id is not None:
        if named != caller_id:
            raise ValidationFailed(
                "userId", "A user charges for themself: userId may only be your own id."
            )
        return named
    if not await Membership.exists(tenant_id=tenant_id, user_id=named):
        raise NotFound("User")
    return named


async def charge_credits(
    *,
    runtime: Runtime,
    tenant_id: UUID,
    caller_id: UUID | None,
    type: str,
    quantity: int,
    object_id: str,
    user_id: str | None,
    idempotency_key: str | None,
) -> CreditUsage:
    """Charges `quantity` units of the credit type `type` for the object `object_id`, on
    behalf of `caller_id` (a user) or of the member `user_id` names (an API key, whose
    `caller_id` is None), within the tenant's and the user's rate limits."""
    await runtime.limiter.hit(action="chargeCredits", tenant_id=tenant_id, user_id=caller_id)
    quantity = clean_quantity(quantity)
    path = clean_object_id(object_id)
    key = clean_idempotency_key(idempotency_key)
    credit_type = await runtime.catalog.credit_type(type)
    charged_for = await charged_user(tenant_id=tenant_id, caller_id=caller_id, user_id=user_id)
    request: ChargeRequest[CreditUsage] = ChargeRequest(
        tenant_id=tenant_id,
        user_id=charged_for,
        credit_type=credit_type,
        new=ObjectPath(path),
        quantity=quantity,
        idempotency_key=key,
        fingerprint=request_fingerprint(
            key,
            "chargeCredits",
            {
                "type": credit_type.value,
                "quantity": quantity,
                "objectId": path,
                "userId": str(charged_for) if charged_for else None,
            },
        ),
    )
    return (await runtime.charger.charge(request)).usage


@dataclass(frozen=True, slots=True)
class CreditCheck:
    """What a charge of `required` credits of `type` would answer now."""

    allowed: bool
    type: str
    required: int
    # Credits left now, before the charge; None when unlimited.
    remaining: int | None
    # Credits available in the period, used included; None when unlimited.
    limit: int | None
    reason: ErrorCode | None = None
    message: str | None = None
    # With an InsufficientCredits reason: whose credits are short.
    scope: CreditScope | None = None


async def check_credits(
    *, catalog: Catalog, tenant_id: UUID, type: str, quantity: int, user_id: UUID | None = None
) -> CreditCheck:
    """The dry run of `charge_credits` by `user_id` (None: an API key charging no one): its
    checks in its order, then the same `decide()` on the tenant's account as it is now (read
    without the lock: a charge a moment later may find it changed). Charges nothing. Where the
    member's own limit leaves them less than the tenant's credits do, `remaining` and `limit`
    are the member's."""
    credit_type = await catalog.find(type)
    required = 0
    refusal: DomainError | None = None
    try:
        clean_quantity(quantity)
        if credit_type is None:
            raise NotFound(f"Credit type '{type}'")
        required = credit_type.amount * quantity
    except DomainError as error:
        refusal = error
    try:
        account = await load_account(tenant_id, utcnow(), None, for_charge=False)
    except NoActiveSubscription as error:
        refusal = refusal or error
        return CreditCheck(False, type, required, 0, 0, refusal.code, refusal.message)
    remaining = account.remaining
    # Held credits are neither charged nor remaining, but still part of the period's credits.
    limit = None if remaining is None else account.balance.charged + account.held + remaining
    if (member := member_left(account, user_id)) is not None:
        remaining, limit = member.left, member.limit
    if refusal is None and credit_type is not None:
        request: ChargeRequest[CreditUsage] = ChargeRequest(
            tenant_id=tenant_id,
            user_id=user_id,
            credit_type=credit_type,
            new=ObjectPath("/"),
            quantity=quantity,
        )
        result = decide([request], {tenant_id: account}, used_keys={}, parents=set()).results[0]
        if isinstance(result, Accepted):
            return CreditCheck(True, type, required, remaining, limit)
        assert isinstance(result, DomainError)
        refusal = result
    assert refusal is not None
    scope = None
    if isinstance(refusal, InsufficientCredits):
        # What the charge's refusal says: the member's own figures for a MEMBER refusal.
        remaining, limit, scope = refusal.remaining, refusal.limit, refusal.scope
    return CreditCheck(
        False, type, required, remaining, limit, refusal.code, refusal.message, scope
    )
