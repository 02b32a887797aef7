"""Input objects built from a plan made once per input type, not field by field per request.

Strawberry converts an input object by resolving every field's type annotation, converting its
GraphQL name and testing the type's wrappers, for every field of every request: about 24 µs for
`CreateTaskInput`, on every charged mutation. The types cannot change while the process runs, so
`compile_inputs` gives each input type a `from_input` (strawberry's own hook for building an
input) that knows which fields are plain values (scalars, optional or not: strawberry passes
them through unchanged) and hands every other field to strawberry's conversion, as before.

The hook belongs to the input types, which every schema built from them shares: the schema
built last decides whether they convert through plans (`use_input_plans`); a process serves one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING
from typing import Any

from strawberry.relay.types import GlobalID
from strawberry.schema.schema import Schema
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import InputContext, _is_leaf_type
from strawberry.types.base import StrawberryMaybe, StrawberryObjectDefinition, StrawberryOptional

FromInput = Callable[[type, Mapping[str, Any], InputContext], Any]


def use_input_plans(schema: Schema, enabled: bool) -> None:
    """Gives every input type of `schema` that has no `from_input` of its own a compiled one,
    or (not `enabled`) takes the compiled ones away: strawberry converts those types itself."""
    for definition in _input_definitions(schema):
        if enabled and definition.from_input is None:
            definition.from_input = _compiled(definition, schema)
        elif not enabled and _is_compiled(definition.from_input):
            definition.from_input = None


def _is_compiled(from_input: FromInput | None) -> bool:
    return getattr(from_input, "__module__", None) == __name__


def _input_definitions(schema: Schema) -> list[StrawberryObjectDefinition]:
    definitions = []
    for graphql_type in schema._schema.type_map.values():
        extension = getattr(graphql_type, "extensions", None) or {}
        definition = extension.get(GraphQLCoreConverter.DEFINITION_BACKREF)
        if isinstance(definition, StrawberryObjectDefinition) and definition.is_input:
            definitions.append(definition)
    return definitions


def _compiled(definition: StrawberryObjectDefinition, schema: Schema) -> FromInput:
    config = schema.config
    registry = schema.schema_converter.scalar_registry
    # As strawberry does: a field without a default is None unless the value gives it.
    implicit: dict[str, Any] = {
        field.python_name: None
        for field in definition.fields
        if field.default_value is MISSING and field.default_factory is MISSING
    }
    fields = []
    for field in definition.fields:
        field_type = field.resolve_type(type_definition=definition)
        inner = field_type
        if isinstance(inner, StrawberryOptional) and not isinstance(inner, StrawberryMaybe):
            inner = inner.of_type
        plain = _is_leaf_type(inner, registry, skip_classes=(GlobalID,))
        fields.append(
            (config.name_converter.from_field(field), field.python_name, plain, field_type)
        )

    def from_input(type_: type, value: Mapping[str, Any], context: InputContext) -> Any:
        kwargs = dict(implicit)
        for graphql_name, python_name, plain, field_type in fields:
            if graphql_name in value:
                given = value[graphql_name]
                kwargs[python_name] = (
                    given if plain else context.convert(given, field_type, graphql_name)
                )
        return type_(**kwargs)

    return from_input
