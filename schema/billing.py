"""Types of credit grants and Stripe billing: grants, the outbox, Checkout and the portal."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from schema.errors import (
    BillingDisabled,
    NotFound,
    Unavailable,
    ValidationFailed,
)
from schema.scalars import described


@strawberry.enum(description="Where a credit grant came from.")
class GrantSource(Enum):
    PURCHASE = described(
        "PURCHASE", description="Bought, e.g. a credit pack paid through Stripe Checkout."
    )
    PROMOTIONAL = described(
        "PROMOTIONAL", description="Given for free, e.g. a promotion or a goodwill gesture."
    )
    ADJUSTMENT = described("ADJUSTMENT", description="A correction made by a platform admin.")
    ROLLOVER = described(
        "ROLLOVER",
        description="Unused allowance of the period that ended, up to the plan's `rolloverMax`; "
        "expires at the end of the period after it.",
    )


@strawberry.enum(description="How often a subscription is billed.")
class BillingInterval(Enum):
    MONTHLY = described("MONTHLY", description="Billed every month.")
    YEARLY = described("YEARLY", description="Billed every year.")


@strawberry.enum(description="Where a meter event owed to Stripe stands.")
class OutboxStatus(Enum):
    PENDING = described("PENDING", description="Not yet accepted by Stripe; retried with backoff.")
    SENT = described("SENT", description="Accepted by Stripe.")
    RECONCILE = described(
        "RECONCILE",
        description="No longer retried (Stripe refused it for good, or it was not sent within "
        "Stripe's dedupe window of about 24 h): check it against Stripe by hand.",
    )


@strawberry.type(
    description="Credits on top of the plan allowance. Spent after the allowance, by priority "
    "(lowest first), then earliest expiry, then oldest."
)
class CreditGrant:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    amount: int = strawberry.field(description="Credits granted.")
    remaining: int = strawberry.field(description="Credits not spent yet (0 once voided).")
    priority: int = strawberry.field(description="Lower numbers are spent first.")
    expires_at: datetime | None = strawberry.field(description="When it expires; null: never.")
    source: GrantSource = strawberry.field(description="Why the credits were granted.")
    reason: str | None = strawberry.field(description="A note on the grant.")
    voided_at: datetime | None = strawberry.field(description="When a platform admin voided it.")
    created_at: datetime = strawberry.field(description="When it was granted.")
    active: bool = strawberry.field(
        description="Whether it can pay now (not voided, not expired, credits left)."
    )

    @classmethod
    def from_row(cls, row: Any, *, active: bool) -> CreditGrant:
        return cls(
            id=strawberry.ID(str(row.id)),
            amount=row.amount,
            remaining=row.remaining,
            priority=row.priority,
            expires_at=row.expires_at,
            source=GrantSource(row.source.value),
            reason=row.reason,
            voided_at=row.voided_at,
            created_at=row.created_at,
            active=active,
        )


@strawberry.type(description="A meter event owed to Stripe for one ledger row.")
class BillingOutboxEntry:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    tenant_id: strawberry.ID = strawberry.field(description="The tenant billed.")
    usage_id: strawberry.ID = strawberry.field(
        description="The ledger row; also the meter event's identifier."
    )
    cancels: strawberry.ID | None = strawberry.field(
        description="On a refund's row: the charge whose meter event it cancels (a meter event "
        "adjustment); null for a meter event."
    )
    event_name: str = strawberry.field(description="The Stripe meter's event name.")
    unit: str = strawberry.field(description="The usage unit, e.g. `task-credits`.")
    value: int = strawberry.field(description="Units reported.")
    status: OutboxStatus = strawberry.field(description="Pending, sent, or to reconcile by hand.")
    attempts: int = strawberry.field(description="Send attempts so far.")
    next_attempt_at: datetime = strawberry.field(description="When the relay tries next.")
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    created_at: datetime = strawberry.field(description="When the charge committed.")
    sent_at: datetime | None = strawberry.field(description="When Stripe accepted it.")

    @classmethod
    def from_row(cls, row: Any) -> BillingOutboxEntry:
        return cls(
            id=strawberry.ID(str(row.id)),
            tenant_id=strawberry.ID(str(row.tenant_id)),
            usage_id=strawberry.ID(str(row.usage_id)),
            cancels=strawberry.ID(str(row.cancels)) if row.cancels else None,
            event_name=row.event_name,
            unit=row.unit,
            value=row.value,
            status=OutboxStatus(row.status.value),
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at,
            last_error=row.last_error,
            created_at=row.created_at,
            sent_at=row.sent_at,
        )


@strawberry.type(description="A credit pack on sale through Stripe Checkout.")
class CreditPack:
    price_id: str = strawberry.field(description="The Stripe one-time price id.")
    credits: int = strawberry.field(description="Credits granted when paid.")


@strawberry.input(description="Credits to grant a tenant.")
class GrantCreditsInput:
    tenant_slug: str = strawberry.field(description="The tenant's slug.")
    amount: int = strawberry.field(description="Credits to grant (≥ 1).")
    priority: int = strawberry.field(default=0, description="Lower numbers are spent first.")
    expires_at: datetime | None = strawberry.field(
        default=None, description="When the credits expire; null: never."
    )
    source: GrantSource = strawberry.field(
        default=GrantSource.ADJUSTMENT, description="Why the credits are granted."
    )
    reason: str | None = strawberry.field(default=None, description="A note (≤ 500 characters).")


@strawberry.input(description="The grant to void.")
class VoidGrantInput:
    id: strawberry.ID = strawberry.field(description="The grant's id.")


@strawberry.input(description="The plan to subscribe to through Stripe Checkout.")
class CreateCheckoutSessionInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan.")
    interval: BillingInterval = strawberry.field(
        default=BillingInterval.MONTHLY, description="Billed monthly or yearly."
    )


@strawberry.input(description="The credit pack to buy through Stripe Checkout.")
class CreateCreditPackCheckoutSessionInput:
    price_id: str = strawberry.field(description="The pack's Stripe price id (see `creditPacks`).")


@strawberry.type(description="The credits were granted.")
class GrantCreditsSuccess:
    grant: CreditGrant = strawberry.field(description="The new grant.")


@strawberry.type(description="The grant is void; its unspent credits are gone.")
class VoidGrantSuccess:
    grant: CreditGrant = strawberry.field(description="The grant as it is now.")


@strawberry.type(description="Send the customer to this Stripe Checkout page.")
class CreateCheckoutSessionSuccess:
    url: str = strawberry.field(description="The Stripe Checkout URL.")


@strawberry.type(description="Send the customer to this Stripe Checkout page.")
class CreateCreditPackCheckoutSessionSuccess:
    url: str = strawberry.field(description="The Stripe Checkout URL.")


@strawberry.type(description="Send the customer to this Stripe billing portal page.")
class CreateBillingPortalSessionSuccess:
    url: str = strawberry.field(description="The Stripe billing portal URL.")


GrantCreditsResult = Annotated[
    GrantCreditsSuccess | NotFound | ValidationFailed | Unavailable,
    strawberry.union("GrantCreditsResult", description="Result of grantCredits."),
]
VoidGrantResult = Annotated[
    VoidGrantSuccess | NotFound | ValidationFailed | Unavailable,
    strawberry.union("VoidGrantResult", description="Result of voidGrant."),
]
CreateCheckoutSessionResult = Annotated[
    CreateCheckoutSessionSuccess | BillingDisabled | NotFound | ValidationFailed | Unavailable,
    strawberry.union("CreateCheckoutSessionResult", description="Result of createCheckoutSession."),
]
CreateCreditPackCheckoutSessionResult = Annotated[
    CreateCreditPackCheckoutSessionSuccess | BillingDisabled | ValidationFailed | Unavailable,
    strawberry.union(
        "CreateCreditPackCheckoutSessionResult",
        description="Result of createCreditPackCheckoutSession.",
    ),
]
CreateBillingPortalSessionResult = Annotated[
    CreateBillingPortalSessionSuccess | BillingDisabled | Unavailable,
    strawberry.union(
        "CreateBillingPortalSessionResult", description="Result of createBillingPortalSession."
    ),
]
