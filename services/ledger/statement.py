"""A charge batch's writes on PostgreSQL, in one statement (the guards themselves: `writes`).

A batch writes the tenants' balances, grants and event sequences (each guarded: applied only
onto exactly the row versions its decisions were made on) and inserts the new objects, ledger
rows and outbox rows. As separate statements that was four to six round trips while the tenant
lock is held and every waiting request of the tenant waits with it; as data-modifying CTEs over
`unnest`ed arrays it is one. The statement tells whether each guarded update changed as many
rows as it must; the caller rolls the transaction back when a guard did not hold.

Gated (`require`): the statement first evaluates a check (one boolean, `ok`), and every update
and insert applies only if it holds. With a check the statement can run on its own, outside a
transaction: if the check fails nothing is written, and if a guard fails after the check held,
the statement raises (`GUARD_FAILED`), which undoes all of it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

GUARD_FAILED = "credits-api: a batch guard failed after its check held"


@dataclass
class BatchWrite:
    """Collects the parts of the statement; `execute` runs it and tells whether the check and
    every guarded update (each must change exactly as many rows as expected) held."""

    _parts: list[str] = field(default_factory=list)
    _checks: list[tuple[str, int]] = field(default_factory=list)
    _params: list[Any] = field(default_factory=list)
    _gated: bool = False

    def require(self, sql: str) -> None:
        """`sql` (a SELECT of one row with one boolean column, `ok`; its values added with
        `param`/`arrays`) gates every part added after it. Must come first."""
        if self._parts:
            raise ValueError("the check must come before the parts it gates")
        self._parts.append(f"checked AS MATERIALIZED ({sql})")
        self._gated = True

    def param(self, value: Any, sql_type: str) -> str:
        """A placeholder for `value`, sent as `sql_type`."""
        self._params.append(value)
        return f"${len(self._params)}::{sql_type}"

    def guarded_update(
        self, sql: str, arrays: Sequence[tuple[list[Any], str]], expected: int
    ) -> None:
        """`sql` is an UPDATE … FROM unnest({}) … RETURNING 1, `{}` standing for the arrays'
        placeholders; the guard holds if it updates `expected` rows."""
        name = f"guarded_{len(self._checks)}"
        statement = sql.format(self.arrays(arrays))
        if self._gated:
            body, returning, rest = statement.rpartition(" RETURNING ")
            if not returning:
                raise ValueError("a guarded update must end with RETURNING")
            statement = f"{body} AND (SELECT ok FROM checked) RETURNING {rest}"
        self._parts.append(f"{name} AS ({statement})")
        self._checks.append((name, expected))

    def insert(self, model: type[Model], rows: Sequence[Model]) -> None:
        columns = _insert_columns(model)
        arrays = [
            ([getattr(row, name) for row in rows], array_type)
            for name, array_type in columns.fields
        ]
        gate = " WHERE (SELECT ok FROM checked)" if self._gated else ""
        self._parts.append(
            f"inserted_{len(self._parts)} AS ({columns.insert_into}"
            f" SELECT * FROM unnest({self.arrays(arrays)}){gate} RETURNING 1)"
        )

    async def execute(self, connection: BaseDBAsyncClient) -> bool:
        """Runs the statement: True if the check (if any) and every guard held. Without a
        check a failed guard leaves the writes to the caller's rollback; with one it raises."""
        counts = [f"(SELECT count(*) FROM {name})" for name, _ in self._checks]
        held = " AND ".join(
            f"{count} = {self.param(expected, 'int')}"
            for count, (_, expected) in zip(counts, self._checks, strict=True)
        )
        if self._gated:
            # The cast fails only in the ELSE branch, which PostgreSQL evaluates only when a
            # guard failed after the check held: the error undoes the whole statement.
            result = (
                "SELECT ok, CASE WHEN NOT ok OR (" + (held or "TRUE") + ") THEN TRUE"
                f" ELSE ('{GUARD_FAILED}' || {counts[0] if counts else 0})::boolean END"
                " FROM (SELECT (SELECT ok FROM checked) AS ok) AS gate"
            )
        else:
            result = f"SELECT TRUE, {held or 'TRUE'}"
        sql = f"WITH {', '.join(self._parts)} {result}"
        _, rows = await connection.execute_query(sql, self._params)
        ok, guards_held = rows[0].values()
        return bool(ok) and bool(guards_held)

    def arrays(self, arrays: Sequence[tuple[list[Any], str]]) -> str:
        """Placeholders for `arrays` (values, element type), comma-separated."""
        placeholders = []
        for values, array_type in arrays:
            self._params.append(values)
            placeholders.append(f"${len(self._params)}::{array_type}[]")
        return ", ".join(placeholders)


@dataclass(frozen=True)
class _InsertColumns:
    # (attribute, element type of its array) for each column a batch writes, in table order.
    fields: tuple[tuple[str, str], ...]
    insert_into: str


@functools.cache
def _insert_columns(model: type[Model]) -> _InsertColumns:
    """What an insert of `model` rows writes, worked out once per model rather than per batch:
    the field metadata lookups were a visible part of every batch's fixed cost (`bench.charger`:
    a one-charge batch 1.6 to 1.8 -> 1.4 to 1.5 ms of CPU)."""
    meta = model._meta
    columns = [
        (name, column)
        for name, column in meta.fields_db_projection.items()
        if not meta.fields_map[name].generated
    ]
    names = ", ".join(f'"{column}"' for _name, column in columns)
    return _InsertColumns(
        fields=tuple(
            (name, _array_type(meta.fields_map[name].get_for_dialect("postgres", "SQL_TYPE")))
            for name, _column in columns
        ),
        insert_into=f'INSERT INTO "{meta.db_table}" ({names})',
    )


def _array_type(sql_type: str) -> str:
    """The element type to send values as. Strings go as `text` and are checked against the
    column's length on insert: a cast to `varchar(n)` would silently cut them instead."""
    upper = sql_type.upper()
    if upper.startswith(("VARCHAR", "CHAR")):
        return "text"
    if upper.startswith("JSON"):
        raise TypeError("JSON columns are not written by charge batches")
    return sql_type
