"""The benchmarks' own PostgreSQL database, recreated empty for each run."""

from __future__ import annotations

from urllib.parse import urlparse


async def recreate_database(url: str) -> None:
    """Drops and recreates the database named in `url` (never one the suite or app uses)."""
    import asyncpg

    name = urlparse(url).path.lstrip("/")
    admin = await asyncpg.connect(url.rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
