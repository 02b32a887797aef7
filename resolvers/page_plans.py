"""Root pages of projects and tasks planned as one statement that returns their JSON.

`Query.projects` and `Query.tasks` (and `Query.project` and `Query.task`, one row by id), when
everything selected below them is a column, a count, a cursor, a nested page of tasks, a
task's project or a creator, are read by `services.page_reads`: the database builds the
field's whole response value. Anything else below them (a field this module does not know)
leaves the field to the ordinary plan, field by field.

The mapping below restates what the resolvers in `schema.types` and `resolvers.query` read;
tests/api/test_page_reads.py holds both paths to the same response text.

The field's value is an `orjson.Fragment`, JSON text that `encode_json` (graphql_app) writes
into the response as it is; nothing else reads a query's result data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
)
from graphql.execution.collect_fields import FieldDetailsList
from strawberry.schema.schema_converter import GraphQLCoreConverter

from services import page_reads
from services.page_reads import RequestedPage, shapes

# (parent type, field) → (table, the argument that filters it, and the column it filters)
ROOT_PAGES = {
    ("Query", "projects"): ("project", None, None),
    ("Query", "tasks"): ("task", "projectId", "project_id"),
}
# (parent type, field) → the table of the one row it reads, by its `id` argument
ROOT_ROWS = {("Query", "project"): "project", ("Query", "task"): "task"}
TABLES = {"Project": "project", "Task": "task", "User": "user"}
COLUMNS: dict[tuple[str, str], Any] = {
    ("Project", "id"): shapes.Id("id"),
    ("Project", "name"): shapes.Text("name"),
    ("Project", "description"): shapes.Text("description"),
    ("Project", "createdAt"): shapes.Timestamp("created_at"),
    ("Project", "taskCount"): shapes.ChildCount("task", "project_id"),
    ("Task", "id"): shapes.Id("id"),
    ("Task", "title"): shapes.Text("title"),
    ("Task", "description"): shapes.Text("description"),
    ("Task", "createdAt"): shapes.Timestamp("created_at"),
    ("User", "id"): shapes.Id("id"),
    ("User", "email"): shapes.Text("email"),
}
ENUMS = {("Task", "status"): "status"}
# (type, field) → (table of the page, column pointing at this row)
CHILD_PAGES = {("Project", "tasks"): ("task", "project_id")}
# (type, field) → (table of the parent, column of this row pointing at it)
PARENTS = {
    ("Task", "project"): ("project", "project_id"),
    ("Project", "createdBy"): ("user", "created_by_id"),
    ("Task", "createdBy"): ("user", "created_by_id"),
}

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

    async def _read(self, context: Any, requested: list[RequestedPage]) -> orjson.Fragment:
        tenant_id = await context.tenant_id()
        text = await page_reads.read_pages(
            tenant_id=tenant_id, compiled=self.compiled, arguments=requested
        )
        # Goes into the response as it is: parsing 37 KB for orjson to write it again was about
        # a quarter of such a read's CPU in the server.
        return orjson.Fragment(text)


def plan_root_page(
    parent: GraphQLObjectType,
    field_def: GraphQLField,
    details: FieldDetailsList,
    subfields: Subfields,
    argument_values: ArgumentValues,
) -> PageRead | None:
    """A `PageRead` for a root field, or None where the ordinary plan must answer it."""
    where = (parent.name, details[0].node.name.value)
    known = where in ROOT_PAGES or where in ROOT_ROWS
    if not known or _has_extensions(field_def) or not page_reads.supported():
        return None
    planner = _Planner(subfields)
    spec: shapes.PageSpec | shapes.RowSpec
    try:
        if where in ROOT_ROWS:
            table = ROOT_ROWS[where]
            spec = shapes.RowSpec(
                table,
                planner.node(field_def, details, table),
                source=_PageSource(field_def, details, filter_argument="id"),
            )
        else:
            table, filter_argument, filter_column = ROOT_PAGES[where]
            spec = planner.page(
                field_def,
                details,
                table,
                parent_column=None,
                filter_column=filter_column,
                filter_argument=filter_argument,
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
        table: str,
        *,
        parent_column: str | None,
        filter_column: str | None,
        filter_argument: str | None,
    ) -> shapes.PageSpec:
        entries = self.entries(
            field_def,
            details,
            {
                "edges": lambda edges, sub: shapes.Edges(self.edge(edges, sub, table)),
                "pageInfo": lambda info, sub: shapes.PageRecord(
                    self.entries(
                        info,
                        sub,
                        {
                            "hasNextPage": lambda _field, _sub: shapes.HasNextPage(),
                            "endCursor": lambda _field, _sub: shapes.EndCursor(),
                        },
                    )
                ),
            },
        )
        return shapes.PageSpec(
            table=table,
            record=shapes.PageRecord(entries),
            parent_column=parent_column,
            filter_column=filter_column,
            source=_PageSource(field_def, details, filter_argument),
        )

    def edge(self, field_def: GraphQLField, details: FieldDetailsList, table: str) -> shapes.Record:
        return shapes.Record(
            self.entries(
                field_def,
                details,
                {
                    "cursor": lambda _field, _sub: shapes.Cursor(),
                    "node": lambda node, sub: self.node(node, sub, table),
                },
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

    def node(self, field_def: GraphQLField, details: FieldDetailsList, table: str) -> shapes.Record:
        node_type = _object_type(field_def.type)
        if TABLES.get(node_type.name) != table:
            raise Declined(f"{node_type.name} is not a row of {table}")
        entries: list[tuple[str, Any]] = []
        for key, sub in self.subfields(node_type, details).items():
            name = sub[0].node.name.value
            entries.append((key, self.node_field(node_type, name, sub)))
        return shapes.Record(tuple(entries))

    def node_field(self, node_type: GraphQLObjectType, name: str, details: FieldDetailsList) -> Any:
        if name == "__typename":
            return shapes.Constant(node_type.name)
        field_def = node_type.fields[name]
        if _has_extensions(field_def):
            raise Declined(f"{node_type.name}.{name} has field extensions")
        where = (node_type.name, name)
        if where in COLUMNS:
            return COLUMNS[where]
        if where in ENUMS:
            enum_type = _named(field_def.type)
            assert isinstance(enum_type, GraphQLEnumType)
            return shapes.Choice(
                ENUMS[where],
                tuple((value.value, name) for name, value in enum_type.values.items()),
            )
        if where in CHILD_PAGES:
            table, column = CHILD_PAGES[where]
            return self.page(
                field_def,
                details,
                table,
                parent_column=column,
                filter_column=None,
                filter_argument=None,
            )
        if where in PARENTS:
            table, column = PARENTS[where]
            return shapes.Parent(table, column, self.node(field_def, details, table))
        raise Declined(f"{node_type.name}.{name}")


def _has_extensions(field_def: GraphQLField) -> bool:
    strawberry_field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return strawberry_field is None or bool(strawberry_field.extensions)


def _named(output_type: GraphQLOutputType) -> Any:
    while isinstance(output_type, GraphQLNonNull | GraphQLList):
        output_type = output_type.of_type
    return output_type


def _object_type(output_type: GraphQLOutputType) -> GraphQLObjectType:
    named = _named(output_type)
    if not isinstance(named, GraphQLObjectType):
        raise Declined(f"{named} is not an object type")
    return named
