"""The credit catalog and charging any action: inputs, results and the dry run's answer."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.errors import (
    ChargeRefusal,
    Conflict,
    CreditScope,
    ErrorCode,
    NotFound,
    ValidationFailed,
)
from schema.types import CreditType, CreditUsage


@strawberry.input(description="A new credit type.")
class CreateCreditTypeInput:
    value: str = strawberry.field(
        description="Stable key, 1 to 64 of `a-z`, `0-9` and `-`, e.g. `report-export`."
    )
    name: str = strawberry.field(description="Display name, 1 to 200 characters.")
    description: str | None = strawberry.field(
        default=None, description="What is charged, and when."
    )
    amount: int = strawberry.field(description="Credits one unit costs, 1 to 1,000,000.")
    refundable: bool | None = strawberry.field(
        default=None,
        description="Whether deleting the object paid for gives the credits back (default false).",
    )
    usage_unit: str | None = strawberry.field(
        default=None, description="The usage-based billing unit (default: none)."
    )
    meter_event_name: str | None = strawberry.field(
        default=None, description="The Stripe meter event reporting its charges (default: none)."
    )


@strawberry.input(description="Changes to a credit type; omitted fields stay as they are.")
class UpdateCreditTypeInput:
    value: str = strawberry.field(description="The credit type's key.")
    name: str | None = strawberry.field(default=None, description="New display name.")
    description: str | None = strawberry.field(default=None, description="New description.")
    amount: int | None = strawberry.field(
        default=None, description="New price of one unit; applies to later charges only."
    )
    refundable: bool | None = strawberry.field(default=None, description="New refundability.")
    usage_unit: str | None = strawberry.field(
        default=None, description="New usage-based billing unit; an empty string removes it."
    )
    meter_event_name: str | None = strawberry.field(
        default=None, description="New Stripe meter event name; an empty string removes it."
    )


@strawberry.input(description="A charge for any action of your app.")
class ChargeCreditsInput:
    type: str = strawberry.field(description="The credit type's `value`.")
    quantity: int = strawberry.field(
        default=1, description="Units charged, 1 to 1,000: the charge is the amount times this."
    )
    object_id: str = strawberry.field(
        description="What is paid for: a path starting with `/` (e.g. `/app/acme/reports/42`) "
        "or a UUID; at most 512 printable characters without spaces."
    )
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The member charged. An API key may name any member of its tenant (none: "
        "no user); a user may only name themself (the default).",
    )


@strawberry.type(description="The credit type was added to the catalog.")
class CreateCreditTypeSuccess:
    credit_type: CreditType = strawberry.field(description="The new credit type.")


@strawberry.type(description="The credit type was changed.")
class UpdateCreditTypeSuccess:
    credit_type: CreditType = strawberry.field(description="The credit type as it is now.")


@strawberry.type(description="The credits were charged.")
class ChargeCreditsSuccess:
    usage: CreditUsage = strawberry.field(description="The ledger row of the charge.")


@strawberry.type(description="What a charge would answer now (the dry run); nothing charged.")
class CreditCheck:
    allowed: bool = strawberry.field(description="Whether the charge would succeed now.")
    type: str = strawberry.field(description="The credit type asked about.")
    required: int = strawberry.field(
        description="Credits the charge would cost (0 for an unknown type)."
    )
    remaining: int | None = strawberry.field(
        description="Credits left now, before the charge; null when unlimited. The caller's "
        "own, when their member limit leaves them less than the tenant has."
    )
    limit: int | None = strawberry.field(
        description="Credits available in the period, used included; null when unlimited. The "
        "caller's member limit, when it leaves them less than the tenant has."
    )
    reason: ErrorCode | None = strawberry.field(
        description="Why the charge would fail (its error's code); null when allowed."
    )
    message: str | None = strawberry.field(
        description="The failure's message, for the user; null when allowed."
    )
    scope: CreditScope | None = strawberry.field(
        default=None,
        description="With reason INSUFFICIENT_CREDITS: whose credits are short (TENANT or "
        "MEMBER, as the charge's `InsufficientCredits.scope`); null otherwise.",
    )


CreateCreditTypeResult = Annotated[
    CreateCreditTypeSuccess | ValidationFailed | Conflict,
    strawberry.union("CreateCreditTypeResult", description="Result of createCreditType."),
]
UpdateCreditTypeResult = Annotated[
    UpdateCreditTypeSuccess | NotFound | ValidationFailed,
    strawberry.union("UpdateCreditTypeResult", description="Result of updateCreditType."),
]
ChargeCreditsResult = Annotated[
    ChargeCreditsSuccess | ChargeRefusal,
    strawberry.union("ChargeCreditsResult", description="Result of chargeCredits."),
]
