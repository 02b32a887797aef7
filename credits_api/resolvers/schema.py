"""The executable schema and the extensions guarding it."""

from __future__ import annotations

from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry import Schema
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from credits_api.resolvers.mutation import Mutation
from credits_api.resolvers.query import Query
from credits_api.resolvers.subscription import Subscription

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2_000


def is_unexpected(error: GraphQLError) -> bool:
    """Mask only what nobody meant to say: errors we raise on purpose carry a code, and
    graphql-core's own parse/validation errors have no original exception."""
    original = error.original_error
    if original is None:
        return False
    return not isinstance(original, GraphQLError)


def build_schema(*, production: bool = False) -> Schema:
    extensions: list = [
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=is_unexpected),
    ]
    if production:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(),
    )


# The schema as clients see it in development (for export-schema and the SDL drift test).
schema = build_schema()
