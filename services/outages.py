"""Which failures mean the database is away (an outage), not a bug."""

from __future__ import annotations

import asyncpg
from tortoise.exceptions import DBConnectionError


def database_unreachable(error: BaseException) -> bool:
    """A lost or refused database connection, or a server starting up or shutting down.

    asyncpg's InternalClientError belongs here too: a connection whose session the server
    terminated can come back from the pool still consuming that error, and the next statement
    on it fails with "cannot switch to state ...; another operation is in progress" (seen
    while PostgreSQL restarts under load)."""
    return isinstance(
        error,
        OSError
        | DBConnectionError
        | asyncpg.PostgresConnectionError
        | asyncpg.exceptions.OperatorInterventionError
        | asyncpg.InterfaceError
        | asyncpg.exceptions.InternalClientError,
    )
