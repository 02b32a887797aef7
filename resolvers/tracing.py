"""A span per GraphQL operation (HTTP and websocket), when tracing is on (`services/tracing`).

The span is named by the operation's type and its root fields as the schema names them, once
the document has been validated (`graphql.mutation createTask`, `graphql.query projects
usageSummary`), never by client-chosen text: not the operation name, not an alias, and not a
field of a document that failed validation (it may not exist). Until then, and for a document
that never validates, it is `graphql.operation`. Attributes: `graphql.operation.type`, the tenant
slug and the request id; no document, variables, tokens or error messages (a variable's value
can be echoed in one). A response with top-level errors sets the status to ERROR, described
by their codes.

The extension only hooks the operation and its execution, never the resolvers: a resolver hook
would add field middleware, which turns the query plans off (`resolvers/execution.py`); planned
operations run inside the same execution hook, so they get their span too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension

from resolvers.context import Context
from services import tracing

UNVALIDATED = "graphql.operation"
# W3C Trace Context: a caller's trace that the operation's span continues.
TRACE_HEADERS = ("traceparent", "tracestate")
_SAFE_TENANT = re.compile(r"[a-z0-9-]{1,64}")


class OperationTracing(SchemaExtension):
    def __init__(self) -> None:
        self._span: tracing.Current | None = None

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        attributes: dict[str, str | int | bool] = {}
        carrier = None
        if isinstance(context, Context):
            attributes["credits.request_id"] = context.request_id
            slug = (context.tenant_slug or "").strip().lower()
            if _SAFE_TENANT.fullmatch(slug):
                attributes["credits.tenant"] = slug
            # Only the trace context headers: the others (Authorization!) stay where they are.
            headers = context.request.headers
            carrier = {name: headers[name] for name in TRACE_HEADERS if name in headers}
        span = self._span = tracing.start_current(UNVALIDATED, attributes, carrier)
        if span is None:  # tracing was turned off after the schema was built
            yield
            return
        try:
            yield
        except BaseException as error:  # a cancelled (timed out) or crashed operation
            span.fail(type(error).__name__)
            raise
        else:
            codes = self._error_codes()
            if codes:
                span.fail(", ".join(codes))
        finally:
            span.close()

    def on_execute(self) -> Iterator[None]:
        # Execution starts only once the document parsed and validated.
        span = self._span
        if span is not None:
            document = self.execution_context.graphql_document
            operation = (
                get_operation_ast(document, self.execution_context.operation_name)
                if document is not None
                else None
            )
            if operation is not None and document is not None:
                kind = operation.operation.value
                span.rename(span_name(kind, root_field_names(document, operation)))
                span.set_attribute("graphql.operation.type", kind)
        yield

    def _error_codes(self) -> list[str]:
        result = self.execution_context.result
        errors = getattr(result, "errors", None) or self.execution_context.pre_execution_errors
        codes = [str((error.extensions or {}).get("code") or "ERROR") for error in errors or ()]
        return sorted(set(codes))


def span_name(kind: str, fields: list[str]) -> str:
    return f"graphql.{kind} {' '.join(fields)}" if fields else f"graphql.{kind}"


def root_field_names(document: DocumentNode, operation: OperationDefinitionNode) -> list[str]:
    """The schema names of the operation's root fields, fragments followed, aliases ignored;
    each once, sorted (the same fields asked in another order make the same name)."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    names: set[str] = set()
    _collect(operation.selection_set, fragments, names, set())
    return sorted(names)


def _collect(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    names: set[str],
    seen: set[str],
) -> None:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            _collect(selection.selection_set, fragments, names, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:
                seen.add(name)
                _collect(fragment.selection_set, fragments, names, seen)
