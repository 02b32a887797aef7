"""The aerich migrations build the schema from empty on SQLite and PostgreSQL, and match the models.

PostgreSQL: TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432). When it is unreachable
the PostgreSQL cases are skipped, or fail when CI=true.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext, get_current_context

from models import CreditTypeRow, Project, Tenant
from services.migrate import apply_migrations, migrations_dir
from settings import tortoise_config

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = (os.environ.get("TEST_POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432").rstrip(
    "/"
)
IN_CI = os.environ.get("CI", "").lower() in {"true", "1"}

NewDatabase = Callable[[], Awaitable[str]]


@pytest.fixture(autouse=True)
def _clear_executor_cache() -> Iterator[None]:
    # tortoise 1.1.9 caches INSERT SQL per (connection name, table) whatever the dialect; the
    # next test (here or elsewhere) may use connection "default" on the other dialect.
    yield
    EXECUTOR_CACHE.clear()


async def postgres_admin() -> asyncpg.Connection:
    try:
        return await asyncpg.connect(f"{POSTGRES_URL}/postgres", timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        reason = f"PostgreSQL unreachable at {POSTGRES_URL} ({exc!r}); set TEST_POSTGRES_URL"
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: PostgreSQL is required)")
        pytest.skip(reason)


@pytest.fixture(params=["sqlite", "postgres"])
async def dialect(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres":
        await (await postgres_admin()).close()
    return request.param


@pytest.fixture
async def new_database(dialect: str, tmp_path: Path) -> AsyncIterator[NewDatabase]:
    """Makes empty databases of the dialect; the PostgreSQL ones are dropped afterwards."""
    admin = await postgres_admin() if dialect == "postgres" else None
    names: list[str] = []

    async def new() -> str:
        names.append(name := f"credits_test_migrations_{uuid.uuid4().hex[:12]}")
        if admin is None:
            return f"sqlite://{tmp_path / name}.sqlite3"
        await admin.execute(f'CREATE DATABASE "{name}"')
        return f"{POSTGRES_URL}/{name}"

    yield new
    if admin is not None:
        for name in names:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@asynccontextmanager
async def orm(database_url: str) -> AsyncIterator[TortoiseContext]:
    async with TortoiseContext() as ctx:
        await ctx.init(config=tortoise_config(database_url))
        yield ctx


async def rows(conn: BaseDBAsyncClient, sql: str) -> list[tuple]:
    return sorted((tuple(row.values()) for row in await conn.execute_query_dict(sql)), key=repr)


async def schema(database_url: str) -> dict[str, list[tuple]]:
    """Tables, columns, indexes and constraints, ignoring column order and index names."""
    async with orm(database_url) as ctx:
        conn = ctx.db()
        if conn.capabilities.dialect == "postgres":
            where = "table_schema = 'public'"
            return {
                "columns": await rows(
                    conn,
                    "SELECT table_name, column_name, data_type, character_maximum_length,"
                    f" is_nullable, column_default FROM information_schema.columns WHERE {where}",
                ),
                "indexes": [
                    (table, re.sub(r"INDEX \S+ ON", "INDEX ON", definition))
                    for table, definition in await rows(
                        conn,
                        "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'",
                    )
                ],
                "constraints": await rows(
                    conn,
                    "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE connamespace = 'public'::regnamespace",
                ),
            }
        tables = [
            table
            for (table,) in await rows(
                conn,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
        ]
        snapshot: dict[str, list[tuple]] = {"tables": [(t,) for t in tables]}
        for table in tables:
            snapshot[f"{table}.columns"] = sorted(  # without the column's position
                row[1:] for row in await rows(conn, f'PRAGMA table_info("{table}")')
            )
            snapshot[f"{table}.foreign_keys"] = sorted(  # without the constraint's id and seq
                row[2:] for row in await rows(conn, f'PRAGMA foreign_key_list("{table}")')
            )
            indexes = []
            for index in await conn.execute_query_dict(f'PRAGMA index_list("{table}")'):
                columns = await conn.execute_query_dict(f'PRAGMA index_info("{index["name"]}")')
                indexes.append((index["unique"], tuple(c["name"] for c in columns)))
            snapshot[f"{table}.indexes"] = sorted(indexes)
        return snapshot


def migration_files() -> list[str]:
    files = (migrations_dir() / "models").glob("*.py")
    return sorted(
        (f.name for f in files if f.name.split("_")[0].isdigit()),
        key=lambda n: int(n.split("_")[0]),
    )


async def test_migrations_apply_from_empty_and_only_once(new_database: NewDatabase) -> None:
    url = await new_database()
    context = get_current_context()

    assert await apply_migrations(url) == migration_files() != []
    assert await apply_migrations(url) == []

    assert get_current_context() is context  # aerich's Tortoise state did not leak out
    async with orm(url) as ctx:
        conn = ctx.db()
        if conn.capabilities.dialect == "postgres":
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
        tables = {table for (table,) in await rows(conn, sql)}
        assert ctx.apps is not None
        assert {model._meta.db_table for model in ctx.apps.get_models_iterable()} <= tables
        # In the order applied (`rows` sorts by text, which puts 10_ before 1_).
        applied = await conn.execute_query_dict('SELECT version FROM "aerich" ORDER BY id')
        assert [row["version"] for row in applied] == migration_files()


@pytest.mark.parametrize("dialect", ["postgres"], indirect=True)
async def test_migrations_close_their_connections(new_database: NewDatabase) -> None:
    url = await new_database()
    await apply_migrations(url)

    admin = await postgres_admin()
    try:
        sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = $1"
        assert await admin.fetchval(sql, url.rsplit("/", 1)[1]) == 0
    finally:
        await admin.close()


async def test_migrated_schema_is_the_models_schema(new_database: NewDatabase) -> None:
    migrated, generated = await new_database(), await new_database()
    await apply_migrations(migrated)
    async with orm(generated) as ctx:
        await ctx.generate_schemas(safe=False)

    assert await schema(migrated) == await schema(generated)


async def test_no_model_change_lacks_a_migration(dialect: str) -> None:
    script = ROOT / "scripts" / "make_migration.py"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(script),
        "--check",
        "--dialect",
        dialect,
        env={**os.environ, "TEST_POSTGRES_URL": POSTGRES_URL},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, (
        f"{output.decode()}\nRun `.venv/bin/python scripts/make_migration.py NAME` to add it."
    )


async def test_models_work_on_the_migrated_schema(new_database: NewDatabase) -> None:
    url = await new_database()
    await apply_migrations(url)

    async with orm(url):
        tenant = await Tenant.create(slug="acme", name="Acme")
        project = await Project.create(tenant=tenant, name="Launch", created_at=datetime.now(UTC))
        assert await Project.filter(tenant_id=tenant.id).count() == 1
        fetched = await Project.get(id=project.id).prefetch_related("tenant")
        assert fetched.tenant.slug == "acme"


async def test_a_migrated_database_has_the_kits_credit_types(new_database: NewDatabase) -> None:
    # given a database migrated from empty, whose catalog an admin then changed
    url = await new_database()
    await apply_migrations(url)
    async with orm(url):
        rows = await CreditTypeRow.all().order_by("value").values_list("value", "amount")
        assert rows == [("credit-project-creation", 2), ("credit-task-creation", 1)]
        await CreditTypeRow.filter(value="credit-task-creation").update(amount=7)
    # when the migrations run again (a deploy)
    await apply_migrations(url)
    # then the admin's change stands
    async with orm(url):
        assert (await CreditTypeRow.get(value="credit-task-creation")).amount == 7
