"""The executable schema and the extensions guarding it."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import structlog
from graphql import GraphQLError
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule, specified_rules
from strawberry import Schema
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionContext

from resolvers.document_checks import CheckedDocuments, DocumentChecks
from resolvers.execution import execution_context_class
from resolvers.inputs import use_input_plans
from resolvers.mutation import Mutation
from resolvers.query import Query
from resolvers.subscription import Subscription
from resolvers.tracing import OperationTracing
from services import tracing
from services.ledger import database_unreachable
from services.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from services.webhooks.endpoints import MAX_ENDPOINTS
from settings import FastPath

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2_000
MAX_COST = 5_000
# The lists without `first` that lead to paginated fields, and the most items each returns;
# any other such list counts as a full page (query_cost).
LIST_BOUNDS = {"Query.webhookEndpoints": MAX_ENDPOINTS}

log = structlog.get_logger(__name__)


def is_unexpected(error: GraphQLError) -> bool:
    """Mask only what nobody meant to say: errors we raise on purpose carry a code, and
    graphql-core's own parse/validation errors have no original exception."""
    original = error.original_error
    if original is None:
        return False
    return not isinstance(original, GraphQLError | InvalidOperationTypeError)


# Strawberry raises InvalidOperationTypeError when a transport cannot run an operation's type:
# a query or mutation sent on the legacy graphql-ws protocol, which carries subscriptions only.
WRONG_TRANSPORT = (
    "This connection runs subscriptions only: send queries and mutations over HTTP, or over "
    "a websocket speaking graphql-transport-ws."
)


class MaskUnexpectedErrors(MaskErrors):
    """Masks unexpected errors as "Unexpected error." with `extensions.code: INTERNAL` (a lost
    database connection as `UNAVAILABLE`, with nothing of the exception either), and gives
    every other top-level error without a code (parse, validation, variable coercion, limits)
    `BAD_REQUEST`, so clients can branch on `extensions.code` for every error."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        if error.original_error is not None and database_unreachable(error.original_error):
            # An outage is not a bug: say so, so that clients retry instead of reporting it.
            masked.message = "The database is unreachable; retry shortly."
            masked.extensions = {"code": "UNAVAILABLE"}
        else:
            masked.extensions = {"code": "INTERNAL"}
        return masked

    def _process_result(self, result: object) -> None:
        # strawberry's checks `result` against a runtime-checkable Protocol, which costs more
        # than the rest of the extension on an answer without errors.
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = self._process_errors(errors)  # type: ignore[attr-defined]

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            if isinstance(error.original_error, InvalidOperationTypeError):
                error.message = WRONG_TRANSPORT
            if not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": "BAD_REQUEST"}
        return processed


class CreditsSchema(Schema):
    # Which fast paths the schema runs with (the HTTP view reads ORJSON_RESPONSES here).
    fast_paths: frozenset[FastPath] = frozenset()
    # graphql's rules and the limits', and the parser's token limit: set on every operation's
    # context as it is made, where AddValidationRules and MaxTokensLimiter would each be an
    # extension that strawberry instantiates and wraps per request to set the same value.
    validation_rules: tuple[type[ASTValidationRule], ...] = tuple(specified_rules)
    max_tokens: int = MAX_TOKENS

    def _create_execution_context(self, *args: Any, **kwargs: Any) -> ExecutionContext:
        context = super()._create_execution_context(*args, **kwargs)
        context.validation_rules = self.validation_rules
        context.parse_options["max_tokens"] = self.max_tokens
        return context

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Runs before MaskErrors: the traceback is logged (with the request id bound by the
        # middleware) and only then replaced by "Unexpected error." for the client.
        for error in errors:
            original = error.original_error
            if original is None or not is_unexpected(error):
                log.debug("graphql error", message=error.message, path=error.path)
            elif database_unreachable(original):
                log.warning("database unreachable", path=error.path, error=repr(original))
            else:
                log.error(
                    "unexpected error",
                    path=error.path,
                    exc_info=(type(original), original, original.__traceback__),
                )


def build_schema(
    *,
    production: bool = False,
    max_depth: int = MAX_DEPTH,
    max_aliases: int = MAX_ALIASES,
    max_tokens: int = MAX_TOKENS,
    max_cost: int = MAX_COST,
    fast_paths: Collection[FastPath] = frozenset(FastPath),
) -> Schema:
    # The limiters build a new rule class per instance, and validations are kept per set of
    # rule classes: built per request they made every request miss the cache and validate
    # again (about 40% of the server's CPU in bench/). Build the rules once per schema.
    rules = [
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules,
    ]
    if production:
        rules.append(NoSchemaIntrospectionCustomRule)
    documents = CheckedDocuments(maxsize=256 if FastPath.DOCUMENT_CACHE in fast_paths else 0)
    extensions: list = [
        # Parsing, validation, the cost limit and the metrics' label (once per query text
        # with fast path document-cache).
        lambda: DocumentChecks(
            documents,
            max_cost=max_cost,
            default_page_size=DEFAULT_PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
            list_bounds=LIST_BOUNDS,
        ),
        MaskUnexpectedErrors,
    ]
    if tracing.active():
        # First, so its span wraps the others' work and ends after MaskErrors gave every error
        # its code. Off, the schema has no such extension at all: nothing to run per request.
        extensions.insert(0, OperationTracing)
    schema = CreditsSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        # Production does not help a prober map the schema with "Did you mean ...?".
        config=StrawberryConfig(disable_field_suggestions=production),
        execution_context_class=execution_context_class(fast_paths),
    )
    schema.fast_paths = frozenset(fast_paths)
    schema.validation_rules = (*specified_rules, *rules)
    schema.max_tokens = max_tokens
    use_input_plans(schema, FastPath.INPUT_PLANS in fast_paths)
    return schema


# The schema as clients see it in development (for export-schema and the SDL drift test); it
# runs nothing, so it takes no fast path (input plans would be the input types' for everyone).
schema = build_schema(fast_paths=frozenset())
