from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from redis.asyncio import Redis
from tortoise import Tortoise, connections
from tortoise.context import TortoiseContext

from app import create_app
from services.catalog_admin import seed_kit_types
from services.migrate import apply_migrations
from services.runtime import Runtime
from settings import FastPath, Settings, tortoise_config
from tests import backends

JWT_SECRET = "test-secret-" + "x" * 32


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database, built once per session through the real migrations."""
    if backends.is_postgres():
        backends.require_services()
        backends.recreate_database(backends.POSTGRES_DB)
        url = backends.postgres_url()
    else:
        url = f"sqlite://{tmp_path_factory.mktemp('db') / 'template.sqlite3'}"
    asyncio.run(apply_migrations(url))
    yield url
    if backends.is_postgres():
        backends.drop_database(backends.POSTGRES_DB)


@pytest.fixture
def database_url(database_template: str, tmp_path: Path) -> Iterator[str]:
    """A clean, migrated database for one test."""
    if backends.is_postgres():
        asyncio.run(_empty(database_template))
        yield database_template
    else:
        path = tmp_path / "test.sqlite3"
        path.write_bytes(Path(database_template.removeprefix("sqlite://")).read_bytes())
        yield f"sqlite://{path}"


async def _empty(url: str) -> None:
    async with TortoiseContext() as orm:
        await orm.init(config=tortoise_config(url))
        connection = connections.get("default")
        # DELETE, foreign-key triggers off for the session: on tables of a few rows it takes a
        # tenth of the time TRUNCATE does (which makes new files for every table), and it is
        # what most of the suite's per-test setup was spending.
        deletes = "; ".join(f'DELETE FROM "{table}"' for table in _tables())
        await connection.execute_script(
            f"SET session_replication_role = replica; {deletes}; "
            "SET session_replication_role = DEFAULT"
        )
        # The catalog as a freshly migrated database has it.
        await seed_kit_types()


def _tables() -> list[str]:
    """Every table of the project's models (aerich's own is left as it is)."""
    models = Tortoise.apps["models"].values()
    return sorted({model._meta.db_table for model in models} - {"aerich"})


@pytest.fixture
def settings(database_url: str) -> Iterator[Settings]:
    redis_url = None
    prefix = "credits:"
    if backends.is_postgres():
        redis_url = backends.REDIS_URL
        prefix = backends.new_redis_prefix()
    yield Settings(
        database_url=database_url,
        redis_url=redis_url,
        redis_prefix=prefix,
        jwt_secret=JWT_SECRET,
        rate_limits=False,
    )
    if redis_url:
        asyncio.run(_forget_redis_keys(redis_url, prefix))


async def _forget_redis_keys(url: str, prefix: str) -> None:
    redis = Redis.from_url(url)
    try:
        keys = [key async for key in redis.scan_iter(match=f"{prefix}*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[TortoiseContext]:
    """The ORM bound to the test's database, for service tests."""
    async with TortoiseContext() as orm:
        await orm.init(config=tortoise_config(settings.database_url))
        yield orm


@pytest.fixture
async def runtime(db: TortoiseContext, settings: Settings) -> AsyncIterator[Runtime]:
    built = Runtime.build(settings)
    yield built
    await built.close()


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[Api]:
    """The app in-process (ASGI), lifespan run; its ORM context is also the test's."""
    async with in_process(settings) as client:
        yield client


@asynccontextmanager
async def in_process(settings: Settings, *, span_exporter: Any = None) -> AsyncIterator[Api]:
    """The app built with `settings`, in-process. One at a time: its ORM context is the
    process's (e.g. the same database with GRAPHQL_FAST_PATHS on, then off). `span_exporter`
    turns tracing on into it."""
    app = create_app(settings, span_exporter=span_exporter)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Api(client, app.state.shared)


def require_fast_paths(settings: Settings, *paths: FastPath) -> None:
    """Skips a test of fast paths the run switched off (GRAPHQL_FAST_PATHS)."""
    missing = [path.value for path in paths if path not in settings.graphql_fast_paths]
    if missing:
        pytest.skip(f"GRAPHQL_FAST_PATHS leaves out {', '.join(missing)}")


class Api:
    """A GraphQL client for tests: `await api.gql(query, variables, token=..., tenant=...)`."""

    def __init__(self, client: httpx.AsyncClient, shared: dict[str, Any]) -> None:
        self.client = client
        self.shared = shared

    @property
    def runtime(self) -> Runtime:
        return self.shared["runtime"]

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        tenant: str | None = None,
    ) -> httpx.Response:
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if tenant:
            headers["X-Tenant"] = tenant
        return await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        tenant: str | None = None,
    ) -> dict[str, Any]:
        response = await self.post(query, variables, token=token, tenant=tenant)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]


@pytest.fixture(autouse=True)
def _fresh_executor_cache() -> None:
    # tortoise caches INSERT SQL per connection name, not per dialect (see tests/test_migrations.py).
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    EXECUTOR_CACHE.clear()


@pytest.fixture
def server_env(settings: Settings) -> dict[str, str]:
    """Environment for a real server process on the test's database (and Redis)."""
    env = {
        "DATABASE_URL": settings.database_url,
        "JWT_SECRET": JWT_SECRET,
        "REDIS_PREFIX": settings.redis_prefix,
    }
    if settings.redis_url:
        env["REDIS_URL"] = settings.redis_url
    return env
