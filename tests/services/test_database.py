"""Pooled PostgreSQL connections skip asyncpg's reset query but never hand on a transaction."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest
from tortoise.context import TortoiseContext

from models import Tenant
from models.connection import connection_config, keep_session
from tests import backends


def test_only_postgres_urls_get_the_pool_options() -> None:
    # given a SQLite and a PostgreSQL URL
    sqlite_url = "sqlite://data/x.sqlite3"
    postgres_url = "postgres://postgres@127.0.0.1:5432/db?maxsize=7"

    # when they become tortoise connection entries
    sqlite_entry = connection_config(sqlite_url)
    postgres_entry = connection_config(postgres_url)

    # then SQLite is untouched and PostgreSQL keeps its URL's options plus keep_session
    assert sqlite_entry == sqlite_url
    assert isinstance(postgres_entry, dict)
    assert postgres_entry["credentials"]["reset"] is keep_session
    assert postgres_entry["credentials"]["maxsize"] == "7"
    assert postgres_entry["credentials"]["database"] == "db"


@pytest.fixture
def wire(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement asyncpg sends to the server."""
    sent: list[str] = []
    for method in ("execute", "executemany", "fetch", "fetchrow", "fetchval"):
        original = getattr(asyncpg.connection.Connection, method)

        def counting(self: Any, query: str, *args: Any, _original: Any = original, **kw: Any):
            sent.append(query)
            return _original(self, query, *args, **kw)

        monkeypatch.setattr(asyncpg.connection.Connection, method, counting)
    return sent


async def test_a_read_is_one_statement_on_the_wire(db: TortoiseContext, wire: list[str]) -> None:
    if not backends.is_postgres():
        pytest.skip("asyncpg's pool reset exists on PostgreSQL only")
    backends.require_services()
    # given a warm pool
    await Tenant.all().count()
    wire.clear()

    # when the ORM reads outside a transaction
    await Tenant.filter(slug="nobody").first()

    # then only the query itself went to the server: no reset round trip on release
    assert len(wire) == 1, wire
    assert wire[0].lstrip().upper().startswith("SELECT")


async def test_a_transaction_left_open_is_rolled_back_on_release(database_url: str) -> None:
    if not backends.is_postgres():
        pytest.skip("asyncpg's pool exists on PostgreSQL only")
    backends.require_services()
    # given a one-connection pool with our reset, and a connection returned to it while a
    # transaction it opened is still open
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=1, reset=keep_session)
    try:
        async with pool.acquire() as connection:
            first_pid = connection.get_server_pid()
            await connection.execute("BEGIN")
            await connection.execute("CREATE TEMP TABLE leaked (id int)")

        # when that connection is acquired again
        async with pool.acquire() as connection:
            second_pid = connection.get_server_pid()
            in_transaction = connection.is_in_transaction()
            leaked = await connection.fetchval("SELECT to_regclass('pg_temp.leaked')")
    finally:
        await pool.close()

    # then it is the same session, out of the transaction, whose work was rolled back
    assert second_pid == first_pid
    assert not in_transaction
    assert leaked is None
