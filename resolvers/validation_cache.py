"""Validation results kept per parsed document, found by the document's identity.

Strawberry's `ValidationCache` keys an LRU cache by the document's value: every request hashes
the whole syntax tree again (for a createTask, about 1 % of the charge). The parser cache hands
out the same `DocumentNode` for the same text, so the node itself identifies the document; the
cache holds the node, so its id cannot be reused by another while the entry lives.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSchema
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.schema import validate_document

# (schema, document, rules) → what they are, and the errors
_Entry = tuple[GraphQLSchema, Any, tuple[Any, ...], list[GraphQLError]]


class DocumentValidations:
    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._entries: OrderedDict[tuple[int, int, tuple[Any, ...]], _Entry] = OrderedDict()

    def errors(
        self, schema: GraphQLSchema, document: Any, rules: tuple[Any, ...]
    ) -> list[GraphQLError]:
        key = (id(schema), id(document), rules)
        entry = self._entries.get(key)
        if entry is not None and entry[0] is schema and entry[1] is document:
            self._entries.move_to_end(key)
            return entry[3]
        errors = validate_document(schema, document, rules)
        self._entries[key] = (schema, document, rules, errors)
        while len(self._entries) > self._maxsize:
            self._entries.popitem(last=False)
        return errors


class IdentityValidationCache(SchemaExtension):
    """Use as `lambda: IdentityValidationCache(validations)`, one `DocumentValidations` per
    schema, after the parser cache."""

    def __init__(self, validations: DocumentValidations) -> None:
        super().__init__()
        self.validations = validations

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        context.pre_execution_errors = self.validations.errors(
            context.schema._schema, context.graphql_document, tuple(context.validation_rules)
        )
        yield
