"""What is done with an operation's text before it runs: parsed, validated, held to the query
cost limit and labelled for the metrics, each worked out once per query text.

strawberry's `ValidationCache` keys its LRU cache by the document's value, so every request
hashed the whole syntax tree again (19 µs for the bench's 50x10 read), and the cost limit walked
the tree again (25 µs). Here one entry per text holds the parsed document, its validation
errors and, per operation it defines, its cost formula and label: a request finds the entry by
its text (a string's hash is kept by the string) and only puts its variables into the formula.
One extension does it all: strawberry instantiates every extension per request and wraps each
hook it defines in a context manager, which cost more than the work of the parser cache, the
validation cache, the cost limit and the label's extensions themselves.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from graphql import GraphQLError, GraphQLSchema, OperationDefinitionNode, parse
from graphql.language import DocumentNode
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from resolvers.observability import label_operation, operation_label
from resolvers.query_cost import NO_BOUNDS, CostFormula, cost_error, cost_formula


class CheckedOperation(NamedTuple):
    formula: CostFormula
    # The request metrics' name for it (`observability.operation_label`).
    label: str


class CheckedDocument:
    """A document; its validation errors against one schema and set of rules, once validated;
    and what is known of the operations it defines, once each is asked for."""

    __slots__ = ("document", "errors", "operation_names", "operations", "rules", "schema")

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self.schema: GraphQLSchema | None = None
        self.rules: tuple[Any, ...] = ()
        self.errors: list[GraphQLError] = []
        self.operations: dict[str | None, CheckedOperation] = {}
        # Operations are kept only under the names the document defines: an operation name
        # is the client's choice, and must not grow the entry.
        self.operation_names = {
            definition.name.value
            for definition in document.definitions
            if isinstance(definition, OperationDefinitionNode) and definition.name
        }

    def validation_errors(
        self, schema: GraphQLSchema, rules: tuple[Any, ...]
    ) -> list[GraphQLError]:
        if self.schema is not schema or not (self.rules is rules or self.rules == rules):
            self.errors = validate_document(schema, self.document, rules)
            self.schema, self.rules = schema, rules
            self.operations = {}
        return self.errors

    def operation(
        self,
        name: str | None,
        *,
        default_page_size: int,
        max_page_size: int,
        list_bounds: Mapping[str, int] = NO_BOUNDS,
    ) -> CheckedOperation:
        """Of a validated document (`validation_errors` first)."""
        checked = self.operations.get(name)
        if checked is None:
            assert self.schema is not None
            formula = cost_formula(
                self.schema,
                self.document,
                operation_name=name,
                default_page_size=default_page_size,
                max_page_size=max_page_size,
                list_bounds=list_bounds,
            )
            checked = CheckedOperation(formula, operation_label(self.document, name))
            if name is None or name in self.operation_names:
                self.operations[name] = checked
        return checked


class CheckedDocuments:
    """One schema's documents by their text; the least recently used is dropped beyond
    `maxsize`, so unique texts cannot grow memory without limit (0: each request's document is
    checked for it alone). A text that does not parse is
    not kept: strawberry parses it again and reports why."""

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._entries: OrderedDict[str, tuple[Mapping[str, Any], CheckedDocument]] = OrderedDict()

    def parsed(self, query: str, options: Mapping[str, Any]) -> CheckedDocument | None:
        found = self._entries.get(query)
        if found is not None and found[0] == options:
            self._entries.move_to_end(query)
            return found[1]
        try:
            document = parse(query, **options)
        except GraphQLError:
            return None
        entry = CheckedDocument(document)
        self._entries[query] = (dict(options), entry)
        self._entries.move_to_end(query)
        while len(self._entries) > self._maxsize:
            self._entries.popitem(last=False)
        return entry


class DocumentChecks(SchemaExtension):
    """Parsing, validation, the query cost limit and the operation's label. Use as
    `lambda: DocumentChecks(documents, max_cost=…, default_page_size=…, max_page_size=…,
    list_bounds=…)`
    with one `CheckedDocuments` per schema. A document that fails validation is not costed;
    one over the cost limit is answered with the cost error alone and never runs; only an
    operation that passed both is labelled."""

    def __init__(
        self,
        documents: CheckedDocuments,
        *,
        max_cost: int,
        default_page_size: int,
        max_page_size: int,
        list_bounds: Mapping[str, int],
    ) -> None:
        super().__init__()
        self.documents = documents
        self.max_cost = max_cost
        self.default_page_size = default_page_size
        self.max_page_size = max_page_size
        self.list_bounds = list_bounds
        self._checked: CheckedDocument | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            self._checked = self.documents.parsed(context.query, context.parse_options)
            if self._checked is not None:
                context.graphql_document = self._checked.document
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            checked = self._checked
            if checked is None or checked.document is not document:
                # Parsed by someone else: checked all the same, for this request only.
                checked = CheckedDocument(document)
            rules = context.validation_rules
            errors = checked.validation_errors(
                context.schema._schema, rules if isinstance(rules, tuple) else tuple(rules)
            )
            if not errors:
                operation = checked.operation(
                    context.operation_name,
                    default_page_size=self.default_page_size,
                    max_page_size=self.max_page_size,
                    list_bounds=self.list_bounds,
                )
                cost = operation.formula.cost(context.variables)
                if cost > self.max_cost:
                    errors = [cost_error(cost, self.max_cost)]
                else:
                    label_operation(operation.label)
            # Set, even to no errors: strawberry then does not validate again.
            context.pre_execution_errors = errors
        yield
