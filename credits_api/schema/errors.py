"""Expected failures, returned as members of a mutation's result union."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Machine-readable reason of an expected failure.")
class ErrorCode(Enum):
    INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS"
    NO_ACTIVE_SUBSCRIPTION = "NO_ACTIVE_SUBSCRIPTION"
    NOT_FOUND = "NOT_FOUND"
    VALIDATION_FAILED = "VALIDATION_FAILED"
    CONFLICT = "CONFLICT"
    UNAVAILABLE = "UNAVAILABLE"
    RATE_LIMITED = "RATE_LIMITED"
    BILLING_DISABLED = "BILLING_DISABLED"


@strawberry.interface(description="An expected failure: nothing was changed or charged.")
class Error:
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(description="The tenant does not have enough credits for this action.")
class InsufficientCredits(Error):
    credit_type: str = strawberry.field(description="The credit type's `value` that was needed.")
    required: int = strawberry.field(description="Credits the action costs.")
    remaining: int = strawberry.field(description="Credits left in the current period.")
    limit: int = strawberry.field(description="Credits available in the period, used included.")


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


ALL_ERRORS = (
    InsufficientCredits,
    NoActiveSubscription,
    NotFound,
    ValidationFailed,
    Conflict,
    Unavailable,
    RateLimited,
    BillingDisabled,
)
