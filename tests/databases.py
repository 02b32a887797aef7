"""Creating and dropping whole PostgreSQL databases, for the suite's session database, a private
cluster's scratch database and the benchmarks' own database (bench/ imports this module too).

Each function takes the URL of the database it acts on and works through the server's
`postgres` maintenance database; sessions still connected to the target are ended first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlparse

import asyncpg


async def recreate_database(url: str) -> None:
    """Drops the database named in `url` if it exists and creates it empty."""
    await drop_database(url)
    async with _maintenance(url) as (admin, name):
        await admin.execute(f'CREATE DATABASE "{name}"')


async def drop_database(url: str) -> None:
    async with _maintenance(url) as (admin, name):
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@asynccontextmanager
async def _maintenance(url: str) -> AsyncIterator[tuple[asyncpg.Connection, str]]:
    """A connection to the `postgres` database of `url`'s server, and the name `url` targets."""
    admin = await asyncpg.connect(url.rsplit("/", 1)[0] + "/postgres")
    try:
        yield admin, urlparse(url).path.lstrip("/")
    finally:
        await admin.close()
