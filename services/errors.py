"""The domain's expected failures. The API layer maps each to a typed GraphQL union member."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    INSUFFICIENT_CREDITS = "INSUFFICIENT_CREDITS"
    NO_ACTIVE_SUBSCRIPTION = "NO_ACTIVE_SUBSCRIPTION"
    NOT_FOUND = "NOT_FOUND"
    VALIDATION_FAILED = "VALIDATION_FAILED"
    CONFLICT = "CONFLICT"
    UNAVAILABLE = "UNAVAILABLE"
    RATE_LIMITED = "RATE_LIMITED"
    BILLING_DISABLED = "BILLING_DISABLED"
    FEATURE_NOT_INCLUDED = "FEATURE_NOT_INCLUDED"


class DomainError(Exception):
    code: ErrorCode

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found.")
        self.what = what


class ValidationFailed(DomainError):
    code = ErrorCode.VALIDATION_FAILED

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


class Unavailable(DomainError):
    code = ErrorCode.UNAVAILABLE


class NoActiveSubscription(DomainError):
    code = ErrorCode.NO_ACTIVE_SUBSCRIPTION

    def __init__(self) -> None:
        super().__init__("The tenant has no active subscription, so it has no credits.")


class CreditScope(StrEnum):
    """Whose credits ran short: the tenant's pool, or a member's own limit within it."""

    TENANT = "TENANT"
    MEMBER = "MEMBER"


class InsufficientCredits(DomainError):
    """`scope` TENANT: `remaining` and `limit` are the tenant's; MEMBER: the member's own
    (what they have left of their limit, and the limit)."""

    code = ErrorCode.INSUFFICIENT_CREDITS

    def __init__(
        self,
        *,
        credit_type: str,
        required: int,
        remaining: int,
        limit: int,
        scope: CreditScope = CreditScope.TENANT,
    ) -> None:
        whose = "credits" if scope is CreditScope.TENANT else "credits within your member limit"
        super().__init__(
            f"Not enough {whose} for {credit_type}: {required} required, {remaining} remaining."
        )
        self.credit_type = credit_type
        self.required = required
        self.remaining = remaining
        self.limit = limit
        self.scope = scope


class RateLimited(DomainError):
    code = ErrorCode.RATE_LIMITED

    def __init__(self, retry_after_seconds: float) -> None:
        super().__init__(f"Too many requests; retry after {retry_after_seconds:.1f} s.")
        self.retry_after_seconds = retry_after_seconds


class BillingDisabled(DomainError):
    code = ErrorCode.BILLING_DISABLED

    def __init__(self) -> None:
        super().__init__("Billing is not configured on this server (no STRIPE_API_KEY).")


class FeatureNotIncluded(DomainError):
    """The tenant's plan does not include a feature the operation needs (e.g. `api`)."""

    code = ErrorCode.FEATURE_NOT_INCLUDED

    def __init__(self, feature: str, message: str) -> None:
        super().__init__(message)
        self.feature = feature


class AuthError(Exception):
    """Not a domain result: becomes a top-level GraphQL error with extensions.code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Unauthenticated(AuthError):
    def __init__(self, message: str = "Authentication required.") -> None:
        super().__init__("UNAUTHENTICATED", message)


class Forbidden(AuthError):
    def __init__(self, message: str = "Not allowed.") -> None:
        super().__init__("FORBIDDEN", message)
