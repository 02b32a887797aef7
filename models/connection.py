"""How tortoise connects: the DATABASE_URL, plus pool options a URL cannot carry."""

from __future__ import annotations

from typing import Any

import asyncpg
from tortoise.backends.base.config_generator import expand_db_url

ASYNCPG_ENGINE = "tortoise.backends.asyncpg"


async def keep_session(connection: asyncpg.Connection) -> None:
    """The pool's reset step, without the reset query.

    By default asyncpg sends `SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL;` each time a connection goes back to its pool: one more round trip after every
    statement run outside a transaction (measured in bench/: half of the statements of a read).
    This project keeps no session state on pooled connections (no advisory locks, LISTEN,
    cursors or SET), so there is nothing to reset. asyncpg still rolls back a transaction left
    open before it calls this, so a leaked transaction is never handed on.
    """


def connection_config(database_url: str) -> str | dict[str, Any]:
    """The tortoise `connections` entry for a URL: PostgreSQL (asyncpg) gets `keep_session`."""
    if not database_url.startswith(("postgres://", "asyncpg://")):
        return database_url
    config = expand_db_url(database_url)
    if config["engine"] == ASYNCPG_ENGINE:
        config["credentials"]["reset"] = keep_session
    return config
