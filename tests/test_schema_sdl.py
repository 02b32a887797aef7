"""The committed schema.graphql is the schema the server serves (a drift fails the suite), and
all of it is documented."""

from __future__ import annotations

import difflib
from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    build_schema,
    is_introspection_type,
    is_specified_scalar_type,
)

from resolvers.schema import schema

COMMITTED = Path(__file__).resolve().parent.parent / "schema.graphql"
FIX = "run `credits-api export-schema --output schema.graphql` and commit the result"


def test_committed_schema_matches_the_served_schema() -> None:
    # given the schema the code builds, printed the way `credits-api export-schema` prints it
    printed = schema.as_str() + "\n"

    # when it is compared with the committed file
    assert COMMITTED.exists(), f"schema.graphql is missing: {FIX}"
    committed = COMMITTED.read_text()

    # then they are identical
    if printed != committed:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                printed.splitlines(keepends=True),
                "schema.graphql (committed)",
                "schema (printed from the code)",
                n=1,
            )
        )
        raise AssertionError(f"schema.graphql is out of date: {FIX}.\n{diff}")


def test_every_public_type_field_argument_and_enum_value_is_described() -> None:
    # given the schema the server serves, as a client's tooling reads it
    served = build_schema(schema.as_str())

    # when every named type, field, argument, input field and enum value is visited
    undescribed = [
        path
        for name, named in served.type_map.items()
        if not (is_introspection_type(named) or is_specified_scalar_type(named))
        for path, description in _documented(name, named)
        if not description
    ]

    # then each of them tells a client what it is
    assert undescribed == []


def _documented(name: str, named: GraphQLNamedType) -> list[tuple[str, str | None]]:
    """(schema coordinate, description) of `named` and of everything declared inside it."""
    found: list[tuple[str, str | None]] = [(name, named.description)]
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        for field_name, field in named.fields.items():
            found.append((f"{name}.{field_name}", field.description))
            found.extend(
                (f"{name}.{field_name}({arg_name}:)", arg.description)
                for arg_name, arg in field.args.items()
            )
    elif isinstance(named, GraphQLInputObjectType):
        found.extend(
            (f"{name}.{field_name}", field.description)
            for field_name, field in named.fields.items()
        )
    elif isinstance(named, GraphQLEnumType):
        found.extend(
            (f"{name}.{value_name}", value.description)
            for value_name, value in named.values.items()
        )
    return found
