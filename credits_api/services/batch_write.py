"""A charge batch's writes on PostgreSQL, in one statement.

A batch writes the tenants' balances, grants and event sequences (each guarded: applied only
onto exactly the row versions its decisions were made on) and inserts the new objects, ledger
rows and outbox rows. As separate statements that was four to six round trips while the tenant
lock is held and every waiting request of the tenant waits with it; as data-modifying CTEs over
`unnest`ed arrays it is one. The statement returns how many rows each guarded update changed;
the caller rolls the transaction back when a guard did not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model


@dataclass
class BatchWrite:
    """Collects the parts of the statement; `execute` returns the guarded updates' row counts
    in the order they were added, beside the counts each guard requires."""

    _parts: list[str] = field(default_factory=list)
    _checks: list[tuple[str, int]] = field(default_factory=list)
    _params: list[Any] = field(default_factory=list)

    def guarded_update(
        self, sql: str, arrays: Sequence[tuple[list[Any], str]], expected: int
    ) -> None:
        """`sql` is an UPDATE … FROM unnest({}) … RETURNING 1, `{}` standing for the arrays'
        placeholders; the guard holds if it updates `expected` rows."""
        name = f"guarded_{len(self._checks)}"
        self._parts.append(f"{name} AS ({sql.format(self._arrays(arrays))})")
        self._checks.append((name, expected))

    def insert(self, model: type[Model], rows: Sequence[Model]) -> None:
        meta = model._meta
        columns = [
            (name, column)
            for name, column in meta.fields_db_projection.items()
            if not meta.fields_map[name].generated
        ]
        arrays = [
            (
                [getattr(row, name) for row in rows],
                _array_type(meta.fields_map[name].get_for_dialect("postgres", "SQL_TYPE")),
            )
            for name, _column in columns
        ]
        names = ", ".join(f'"{column}"' for _name, column in columns)
        self._parts.append(
            f'inserted_{len(self._parts)} AS (INSERT INTO "{meta.db_table}" ({names})'
            f" SELECT * FROM unnest({self._arrays(arrays)}) RETURNING 1)"
        )

    async def execute(self, connection: BaseDBAsyncClient) -> tuple[list[int], list[int]]:
        counts = ", ".join(f"(SELECT count(*) FROM {name})" for name, _ in self._checks) or "1"
        sql = f"WITH {', '.join(self._parts)} SELECT {counts}"
        _, rows = await connection.execute_query(sql, self._params)
        found = list(rows[0].values()) if self._checks else []
        return [int(count) for count in found], [expected for _, expected in self._checks]

    def _arrays(self, arrays: Sequence[tuple[list[Any], str]]) -> str:
        placeholders = []
        for values, array_type in arrays:
            self._params.append(values)
            placeholders.append(f"${len(self._params)}::{array_type}[]")
        return ", ".join(placeholders)


def _array_type(sql_type: str) -> str:
    """The element type to send values as. Strings go as `text` and are checked against the
    column's length on insert: a cast to `varchar(n)` would silently cut them instead."""
    upper = sql_type.upper()
    if upper.startswith(("VARCHAR", "CHAR")):
        return "text"
    if upper.startswith("JSON"):
        raise TypeError("JSON columns are not written by charge batches")
    return sql_type
