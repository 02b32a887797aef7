"""Root pages of projects and tasks planned as one statement that returns their JSON.

A root field declared a `reads.Page` or `reads.Row` (`Query.projects`, `Query.tasks`,
`Query.project`, `Query.task`), when everything selected below it is a declared column, count,
nested page or parent row (`schema.reads`, next to each field in `schema.types`), a cursor or a
page's info, is read by `services.page_reads`: the database builds the field's whole response
value, and the resolver is not called. Anything else below it (a field declaring nothing, a
field with extensions) leaves the field to the ordinary plan, field by field.
tests/api/test_page_reads.py holds both paths to the same response text.

The field's value is `JsonText`, JSON text that `encode_json` (graphql_app) writes
into the response as it is; nothing else reads a query's result data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
)
from graphql.execution.collect_fields import FieldDetailsList
from strawberry.schema.schema_converter import GraphQLCoreConverter

from resolvers.json_text import JsonText
from schema import reads
from services import page_reads
from services.page_reads import RequestedPage, shapes

# Collects the sub-selections of fields of an object type: graphql-core's `collect_subfields`
# with the operation's fragments, as the plan compiler calls it.
Subfields = Callable[[GraphQLObjectType, FieldDetailsList], dict[str, FieldDetailsList]]
# Coerces a field's arguments for this request (the plan's `Run`, field definition, nodes).
ArgumentValues = Callable[[Any, GraphQLField, FieldDetailsList], dict[str, Any]]


class Declined(Exception):
    """The selection holds something only the field-by-field plan answers."""


@dataclass(frozen=True, slots=True)
class _PageSource:
    field_def: GraphQLField
    details: FieldDetailsList
    filter_argument: str | None


class PageRead:
    """Called by the plan in place of the root field's resolver; gives the field's value,
    already complete."""

    def __init__(self, compiled: shapes.CompiledPages, argument_values: ArgumentValues) -> None:
        self.compiled = compiled
        self.argument_values = argument_values

    def __call__(self, source: Any, info: Any, run: Any, planned: Any) -> Awaitable[object]:
        requested = []
        for page in self.compiled.pages:
            page_source: _PageSource = page.source
            values = self.argument_values(run, page_source.field_def, page_source.details)
            filter_argument = page_source.filter_argument
            requested.append(
                RequestedPage(
                    first=values.get("first"),
                    after=values.get("after"),
                    filter_value=values.get(filter_argument) if filter_argument else None,
                    filter_name=filter_argument or "",
                )
            )
        return self._read(info.context, requested)

    async def _read(self, context: Any, requested: list[RequestedPage]) -> JsonText:
        tenant_id = await context.tenant_id()
        text = await page_reads.read_pages(
            tenant_id=tenant_id, compiled=self.compiled, arguments=requested
        )
        # Goes into the response as it is: parsing 37 KB for orjson to write it again was about
        # a quarter of such a read's CPU in the server.
        return JsonText(text)


def plan_root_page(
    parent: GraphQLObjectType,
    field_def: GraphQLField,
    details: FieldDetailsList,
    subfields: Subfields,
    argument_values: ArgumentValues,
) -> PageRead | None:
    """A `PageRead` for a root field, or None where the ordinary plan must answer it."""
    read = _declared(field_def)
    if not isinstance(read, reads.Page | reads.Row) or not page_reads.supported():
        return None
    planner = _Planner(subfields)
    spec: shapes.PageSpec | shapes.RowSpec
    try:
        if isinstance(read, reads.Row):
            node = planner.node(field_def, details)
            spec = shapes.RowSpec(
                node.table,
                node.record,
                source=_PageSource(field_def, details, _argument(field_def, read.argument)),
            )
        else:
            filter_argument = read.filter_argument
            spec = planner.page(
                field_def,
                details,
                parent_column=None,
                filter_column=read.filter_column,
                filter_argument=None
                if filter_argument is None
                else _argument(field_def, filter_argument),
            )
    except Declined:
        return None
    return PageRead(page_reads.compile_pages(spec), argument_values)


class _Planner:
    def __init__(self, subfields: Subfields) -> None:
        self.subfields = subfields

    def page(
        self,
        field_def: GraphQLField,
        details: FieldDetailsList,
        *,
        parent_column: str | None,
        filter_column: str | None,
        filter_argument: str | None,
    ) -> shapes.PageSpec:
        # The table of the page's nodes, found when the selection reaches one.
        tables: list[str] = []
        entries = self.entries(
            field_def,
            details,
            {
                "edges": lambda edges, sub: shapes.Edges(self.edge(edges, sub, tables)),
                "pageInfo": lambda info, sub: shapes.PageRecord(
                    self.entries(
                        info,
                        sub,
                        {
                            "hasNextPage": lambda _field, _sub: shapes.HasNextPage(),
                            "hasPreviousPage": lambda _field, _sub: shapes.HasPreviousPage(),
                            "startCursor": lambda _field, _sub: shapes.StartCursor(),
                            "endCursor": lambda _field, _sub: shapes.EndCursor(),
                        },
                    )
                ),
            },
        )
        if not tables:
            # No node selected: the rows still come from the node type's table.
            tables.append(_table_of(_node_type(field_def)))
        return shapes.PageSpec(
            table=tables[0],
            record=shapes.PageRecord(entries),
            parent_column=parent_column,
            filter_column=filter_column,
            source=_PageSource(field_def, details, filter_argument),
        )

    def edge(
        self, field_def: GraphQLField, details: FieldDetailsList, tables: list[str]
    ) -> shapes.Record:
        def node(node_def: GraphQLField, sub: FieldDetailsList) -> shapes.Record:
            read = self.node(node_def, sub)
            tables.append(read.table)
            return read.record

        return shapes.Record(
            self.entries(
                field_def,
                details,
                {"cursor": lambda _field, _sub: shapes.Cursor(), "node": node},
            )
        )

    def entries(
        self,
        field_def: GraphQLField,
        details: FieldDetailsList,
        known: dict[str, Callable[[GraphQLField, FieldDetailsList], Any]],
    ) -> tuple[tuple[str, Any], ...]:
        """The (response key, value) pairs of a connection, edge or page info selection: each
        field built by `known`, `__typename` a constant, anything else declined."""
        object_type = _object_type(field_def.type)
        entries: list[tuple[str, Any]] = []
        for key, sub in self.subfields(object_type, details).items():
            name = sub[0].node.name.value
            if name == "__typename":
                entries.append((key, shapes.Constant(object_type.name)))
            elif name in known:
                entries.append((key, known[name](object_type.fields[name], sub)))
            else:
                raise Declined(f"{object_type.name}.{name}")
        return tuple(entries)

    def node(self, field_def: GraphQLField, details: FieldDetailsList) -> _Node:
        """The row a field's object type is read from, as the selection asks for it."""
        node_type = _object_type(field_def.type)
        entries: list[tuple[str, Any]] = []
        for key, sub in self.subfields(node_type, details).items():
            name = sub[0].node.name.value
            entries.append((key, self.node_field(node_type, name, sub)))
        return _Node(_table_of(node_type), shapes.Record(tuple(entries)))

    def node_field(self, node_type: GraphQLObjectType, name: str, details: FieldDetailsList) -> Any:
        if name == "__typename":
            return shapes.Constant(node_type.name)
        field_def = node_type.fields[name]
        read = _declared(field_def)
        match read:
            case reads.Column(column):
                return _column(column, field_def.type)
            case reads.Count(table, column):
                return shapes.ChildCount(table, column)
            case reads.Children(column):
                return self.page(
                    field_def,
                    details,
                    parent_column=column,
                    filter_column=None,
                    filter_argument=None,
                )
            case reads.Parent(column):
                parent = self.node(field_def, details)
                return shapes.Parent(parent.table, column, parent.record)
        raise Declined(f"{node_type.name}.{name} declares no column")


@dataclass(frozen=True, slots=True)
class _Node:
    table: str
    record: shapes.Record


def _declared(field_def: GraphQLField) -> reads.Read | None:
    """What the field declares it reads; nothing for a field with extensions (permissions)."""
    strawberry_field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if strawberry_field is None or strawberry_field.extensions:
        return None
    return reads.declared(strawberry_field.metadata)


def _table_of(object_type: GraphQLObjectType) -> str:
    key = _declared(object_type.fields["id"]) if "id" in object_type.fields else None
    if not isinstance(key, reads.Key):
        raise Declined(f"{object_type.name} is not declared a row")
    return key.table


def _column(column: str, output_type: GraphQLOutputType) -> Any:
    """The column as the field's type writes it."""
    named = _named(output_type)
    if named is GraphQLID:
        return shapes.Id(column)
    if named is GraphQLString:
        return shapes.Text(column)
    if isinstance(named, GraphQLEnumType):
        return shapes.Choice(
            column, tuple((value.value, name) for name, value in named.values.items())
        )
    if named.name == "DateTime":
        return shapes.Timestamp(column)
    raise Declined(f"no column of type {named}")


def _argument(field_def: GraphQLField, python_name: str) -> str:
    """The GraphQL name of the field's argument `python_name`."""
    for name, argument in field_def.args.items():
        strawberry_argument = (argument.extensions or {}).get(
            GraphQLCoreConverter.DEFINITION_BACKREF
        )
        if getattr(strawberry_argument, "python_name", None) == python_name:
            return name
    raise Declined(f"no argument {python_name}")


def _node_type(connection: GraphQLField) -> GraphQLObjectType:
    edges = _object_type(connection.type).fields.get("edges")
    node = _object_type(edges.type).fields.get("node") if edges is not None else None
    if node is None:
        raise Declined("not a connection")
    return _object_type(node.type)


def _named(output_type: GraphQLOutputType) -> Any:
    while isinstance(output_type, GraphQLNonNull | GraphQLList):
        output_type = output_type.of_type
    return output_type


def _object_type(output_type: GraphQLOutputType) -> GraphQLObjectType:
    named = _named(output_type)
    if not isinstance(named, GraphQLObjectType):
        raise Declined(f"{named} is not an object type")
    return named
