"""Input objects convert to the same values through the compiled plans as through strawberry's
own conversion, for every argument of every root field (resolvers/inputs.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
)
from graphql.utilities import coerce_input_value
from strawberry.schema.schema import Schema
from strawberry.types.arguments import convert_arguments

from resolvers.inputs import _input_definitions, use_input_plans
from resolvers.schema import build_schema

SCALARS: dict[str, Any] = {
    "String": "text",
    "ID": "7d3e0d3c-3a8e-4b57-9a43-3f0a5f0bb7a1",
    "Int": 3,
    "Float": 1.5,
    "Boolean": True,
    "DateTime": "2026-11-25T10:00:00+00:00",
    "JSON": {"a": 1},
}


def external(input_type: GraphQLInputType, shape: str) -> Any:
    """A value as a client would send it. `shape`: "full" gives every field, "required" only
    the non-null ones, "nulls" null for every nullable one."""
    nullable = not isinstance(input_type, GraphQLNonNull)
    if isinstance(input_type, GraphQLNonNull):
        input_type = input_type.of_type
    if nullable and shape == "nulls":
        return None
    if isinstance(input_type, GraphQLList):
        return [external(input_type.of_type, shape), external(input_type.of_type, "full")]
    if isinstance(input_type, GraphQLEnumType):
        return next(iter(input_type.values))
    if isinstance(input_type, GraphQLScalarType):
        return SCALARS[input_type.name]
    assert isinstance(input_type, GraphQLInputObjectType)
    return {
        name: external(field.type, shape)
        for name, field in input_type.fields.items()
        if shape != "required" or isinstance(field.type, GraphQLNonNull)
    }


def root_fields(schema: Schema) -> Iterator[tuple[str, str]]:
    for root in (schema._schema.query_type, schema._schema.mutation_type):
        assert root is not None
        for name, field in root.fields.items():
            if field.args:
                yield root.name, name


SCHEMA = build_schema()
FIELDS = list(root_fields(SCHEMA))


@pytest.fixture(autouse=True)
def _input_plans() -> None:
    # The plans belong to the input types: an app built with them off (GRAPHQL_FAST_PATHS) took
    # them away.
    use_input_plans(SCHEMA, True)


def test_a_schema_built_without_input_plans_leaves_conversion_to_strawberry() -> None:
    # when a schema is built with the fast path off
    without = build_schema(fast_paths=frozenset())

    # then no input type has a conversion of ours
    assert all(definition.from_input is None for definition in _input_definitions(without))


def convert(schema: Schema, type_name: str, field_name: str, shape: str) -> dict[str, Any]:
    graphql_field = schema._schema.get_type(type_name).fields[field_name]  # type: ignore[union-attr]
    coerced = {
        name: coerce_input_value(external(argument.type, shape), argument.type)
        for name, argument in graphql_field.args.items()
        if shape != "required" or isinstance(argument.type, GraphQLNonNull)
    }
    field = schema.get_field_for_type(field_name, type_name)
    assert field is not None
    return convert_arguments(
        coerced,
        field.arguments,
        scalar_registry=schema.schema_converter.scalar_registry,
        config=schema.config,
    )


def test_every_input_type_has_a_compiled_conversion() -> None:
    definitions = _input_definitions(SCHEMA)
    assert {definition.name for definition in definitions} >= {"CreateTaskInput", "CreatePlanInput"}
    assert all(definition.from_input is not None for definition in definitions)


@pytest.mark.parametrize("shape", ["full", "required", "nulls"])
@pytest.mark.parametrize(("type_name", "field_name"), FIELDS)
def test_compiled_and_generic_conversion_agree(type_name: str, field_name: str, shape: str) -> None:
    # given the arguments of a root field, converted through the compiled plans
    compiled = convert(SCHEMA, type_name, field_name, shape)
    definitions = _input_definitions(SCHEMA)
    plans = [definition.from_input for definition in definitions]

    # when strawberry converts them itself
    try:
        for definition in definitions:
            definition.from_input = None
        generic = convert(SCHEMA, type_name, field_name, shape)
    finally:
        for definition, plan in zip(definitions, plans, strict=True):
            definition.from_input = plan

    # then the two are equal, down to the types of nested inputs
    assert compiled == generic
    assert repr(compiled) == repr(generic)
