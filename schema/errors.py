"""Expected failures, returned as members of a mutation's result union."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.scalars import described


@strawberry.enum(description="Machine-readable reason of an expected failure.")
class ErrorCode(Enum):
    INSUFFICIENT_CREDITS = described(
        "INSUFFICIENT_CREDITS",
        description="The action costs more credits than the tenant has left.",
    )
    NO_ACTIVE_SUBSCRIPTION = described(
        "NO_ACTIVE_SUBSCRIPTION",
        description="The tenant has no subscription that may spend credits (ACTIVE or TRIALING).",
    )
    NOT_FOUND = described(
        "NOT_FOUND", description="The object does not exist, or belongs to another tenant."
    )
    VALIDATION_FAILED = described(
        "VALIDATION_FAILED", description="An input value was rejected; `field` names it."
    )
    CONFLICT = described(
        "CONFLICT",
        description="The request conflicts with another one or with the current state (an "
        "idempotency key reused with another input, a name already taken); nothing was changed.",
    )
    UNAVAILABLE = described(
        "UNAVAILABLE",
        description="A dependency (the credit lock, the database) is unavailable or too busy; "
        "retry, with the same idempotency key.",
    )
    RATE_LIMITED = described(
        "RATE_LIMITED", description="Too many requests; retry after `retryAfterSeconds`."
    )
    BILLING_DISABLED = described(
        "BILLING_DISABLED", description="Billing (Stripe) is not configured on this server."
    )
    FEATURE_NOT_INCLUDED = described(
        "FEATURE_NOT_INCLUDED",
        description="The tenant's plan does not include a feature the operation needs; "
        "`feature` names it.",
    )


@strawberry.enum(description="Whose credits ran short.")
class CreditScope(Enum):
    TENANT = described("TENANT", description="The tenant's credits (its pool).")
    MEMBER = described("MEMBER", description="The member's own limit within the tenant's credits.")


@strawberry.interface(description="An expected failure: nothing was changed or charged.")
class Error:
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(
    description="The tenant, or the member within it (`scope`), does not have enough credits "
    "for this action; nothing was charged."
)
class InsufficientCredits(Error):
    credit_type: str = strawberry.field(description="The credit type's `value` that was needed.")
    required: int = strawberry.field(description="Credits the action costs.")
    remaining: int = strawberry.field(
        description="Credits left in the current period (with scope MEMBER: what the member "
        "has left of their limit)."
    )
    limit: int = strawberry.field(
        description="Credits available in the period, used included (with scope MEMBER: the "
        "member's limit)."
    )
    scope: CreditScope = strawberry.field(
        default=CreditScope.TENANT,
        description="TENANT: the tenant's credits ran short; MEMBER: the charge fits the "
        "tenant's credits but not the member's own limit.",
    )


@strawberry.type(description="The tenant has no active subscription, so it has no credits.")
class NoActiveSubscription(Error):
    pass


@strawberry.type(description="The object does not exist, or belongs to another tenant.")
class NotFound(Error):
    pass


@strawberry.type(description="An input value was rejected.")
class ValidationFailed(Error):
    field: str = strawberry.field(description="The input field at fault, e.g. `title`.")


@strawberry.type(
    description="The request conflicts with another one (e.g. an idempotency key reused with "
    "another input, or a duplicate name)."
)
class Conflict(Error):
    pass


@strawberry.type(
    description="A dependency needed to charge safely (the credit lock) is unavailable; "
    "nothing was charged. Retry later."
)
class Unavailable(Error):
    pass


@strawberry.type(description="Too many requests; retry after the given delay.")
class RateLimited(Error):
    retry_after_seconds: float = strawberry.field(description="Seconds to wait before retrying.")


@strawberry.type(description="Billing is not configured on this server.")
class BillingDisabled(Error):
    pass


@strawberry.type(description="The tenant's plan does not include a feature this needs.")
class FeatureNotIncluded(Error):
    feature: str = strawberry.field(description="The plan feature's `name`, e.g. `api`.")


ALL_ERRORS = (
    InsufficientCredits,
    NoActiveSubscription,
    NotFound,
    ValidationFailed,
    Conflict,
    Unavailable,
    RateLimited,
    BillingDisabled,
    FeatureNotIncluded,
)


# What may refuse a charge: the members every charged mutation's result union shares, after its
# own success type (`CreateTaskSuccess | ChargeRefusal`).
ChargeRefusal = (
    InsufficientCredits
    | NoActiveSubscription
    | NotFound
    | ValidationFailed
    | Conflict
    | Unavailable
    | RateLimited
)
