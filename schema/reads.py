"""What a field reads, declared next to it (strawberry field `metadata`), for the fast paths.

Planning is deny-by-default: a query plan calls a field's resolver itself, and runs a query
again from the start when it gives up, so it plans a field with a resolver only when the
resolver is declared a read (`PURE_READ`): it changes nothing, and calling it twice gives the
same answer. A page read goes further and does not call the resolver at all: the database
builds the field's value from the columns declared here (`page`, `row`, `column`, ...). A check
added to such a resolver would be skipped there; checks belong in permission classes, and a
field with one (or any field extension) is never planned.

Tables and columns are named as `models.json_pages` knows them; this module stays pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KEY = "credits-api:read"


@dataclass(frozen=True, slots=True)
class Read:
    """The resolver only reads: no writes, no side effects, the same answer if called twice."""


@dataclass(frozen=True, slots=True)
class Column(Read):
    """The value of this row's `name` column, written as the field's type says (a string, an
    ID, a timestamp or an enum's name)."""

    name: str


@dataclass(frozen=True, slots=True)
class Key(Column):
    """The row's id: the type is a row of `table`."""

    table: str


@dataclass(frozen=True, slots=True)
class Count(Read):
    """How many rows of `table` point at this row by `column`."""

    table: str
    column: str


@dataclass(frozen=True, slots=True)
class Children(Read):
    """A page of the rows (of the node type's table) that point at this row by `column`."""

    column: str


@dataclass(frozen=True, slots=True)
class Parent(Read):
    """The row (of the field type's table) this row points at by its `column`."""

    column: str


@dataclass(frozen=True, slots=True)
class Page(Read):
    """A root page of the tenant's rows (of the node type's table), optionally filtered: the
    argument `filter_argument` (its Python name), when given, must equal `filter_column`."""

    filter_argument: str | None = None
    filter_column: str | None = None


@dataclass(frozen=True, slots=True)
class Row(Read):
    """One of the tenant's rows (of the field type's table) by the argument `argument`."""

    argument: str = "id"


def declare(read: Read) -> Mapping[str, Any]:
    """The field `metadata` declaring `read`."""
    return {KEY: read}


PURE_READ = declare(Read())


def column(name: str) -> Mapping[str, Any]:
    return declare(Column(name))


def key(table: str) -> Mapping[str, Any]:
    return declare(Key("id", table))


def count(table: str, column: str) -> Mapping[str, Any]:
    return declare(Count(table, column))


def children(column: str) -> Mapping[str, Any]:
    return declare(Children(column))


def parent(column: str) -> Mapping[str, Any]:
    return declare(Parent(column))


def page(filter_argument: str | None = None, filter_column: str | None = None) -> Mapping[str, Any]:
    return declare(Page(filter_argument, filter_column))


def row(argument: str = "id") -> Mapping[str, Any]:
    return declare(Row(argument))


def declared(metadata: Mapping[str, Any] | None) -> Read | None:
    """The read a field's `metadata` declares, if any."""
    read = (metadata or {}).get(KEY)
    return read if isinstance(read, Read) else None
