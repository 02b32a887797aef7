"""The one place domain failures become GraphQL: typed union members for expected failures,
top-level errors with `extensions.code` for auth and bad requests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graphql import GraphQLError

from schema import errors as gql
from services import errors as domain

T = TypeVar("T")


def top_level(code: str, message: str, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **extensions})


def auth_error(error: domain.AuthError) -> GraphQLError:
    return top_level(error.code, error.message)


def union_member(error: domain.DomainError) -> gql.Error:
    code = gql.ErrorCode(error.code.value)
    match error:
        case domain.InsufficientCredits():
            return gql.InsufficientCredits(
                code=code,
                message=error.message,
                credit_type=error.credit_type,
                required=error.required,
                remaining=error.remaining,
                limit=error.limit,
                scope=gql.CreditScope(error.scope.value),
            )
        case domain.ValidationFailed():
            return gql.ValidationFailed(code=code, message=error.message, field=error.field)
        case domain.RateLimited():
            return gql.RateLimited(
                code=code, message=error.message, retry_after_seconds=error.retry_after_seconds
            )
        case domain.NotFound():
            return gql.NotFound(code=code, message=error.message)
        case domain.Conflict():
            return gql.Conflict(code=code, message=error.message)
        case domain.Unavailable():
            return gql.Unavailable(code=code, message=error.message)
        case domain.NoActiveSubscription():
            return gql.NoActiveSubscription(code=code, message=error.message)
        case domain.BillingDisabled():
            return gql.BillingDisabled(code=code, message=error.message)
        case domain.FeatureNotIncluded():
            return gql.FeatureNotIncluded(code=code, message=error.message, feature=error.feature)
    raise TypeError(f"unmapped domain error {type(error).__name__}")


async def as_result(
    action: Awaitable[T], success: Callable[[T], Any], allowed: tuple[type, ...] = ()
) -> Any:
    """Runs a mutation's service call: its value becomes the success member, an expected
    failure the matching error member. A failure the union does not list becomes a top-level
    error rather than an invalid response."""
    try:
        value = await action
    except domain.DomainError as error:
        member = union_member(error)
        if allowed and not isinstance(member, allowed):
            raise top_level("BAD_REQUEST", error.message) from error
        return member
    except domain.AuthError as error:
        raise auth_error(error) from error
    return success(value)


async def for_query(action: Awaitable[T]) -> T:
    """Runs a query's service call: a failure is a top-level error (queries have no unions)."""
    try:
        return await action
    except domain.ValidationFailed as error:
        raise top_level("BAD_REQUEST", error.message, field=error.field) from error
    except domain.NotFound as error:
        raise top_level("NOT_FOUND", error.message) from error
    except domain.DomainError as error:
        raise top_level(error.code.value, error.message) from error
    except domain.AuthError as error:
        raise auth_error(error) from error


async def or_none(action: Awaitable[T]) -> T | None:
    """Like `for_query`, but an object that is not found (or is another tenant's) is null."""
    try:
        return await for_query(action)
    except GraphQLError as error:
        if error.extensions and error.extensions.get("code") == "NOT_FOUND":
            return None
        raise
