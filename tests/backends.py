"""Which database and coordination backend the suite runs on, chosen by TEST_BACKEND.

`sqlite`: a SQLite file per test and the in-process lock and bus (the embedded default).
`postgres`: PostgreSQL + Redis, as in production. Under CI=true a missing service fails the run.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from urllib.parse import urlparse

import pytest

from tests import databases

BACKEND = os.environ.get("TEST_BACKEND", "sqlite")
POSTGRES_BASE = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# One database per test session, so sessions run side by side (and CI's two runs) never
# empty each other's data; the session drops it at the end.
POSTGRES_DB = os.environ.get("TEST_POSTGRES_DB") or f"credits_api_test_{uuid.uuid4().hex[:8]}"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
IN_CI = os.environ.get("CI", "").lower() == "true"


def is_postgres() -> bool:
    return BACKEND == "postgres"


def reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def require_services() -> None:
    """Skips (locally) or fails (CI) when PostgreSQL or Redis is not running."""
    missing = [
        name
        for name, url, port in (("PostgreSQL", POSTGRES_BASE, 5432), ("Redis", REDIS_URL, 6379))
        if not reachable(url, port)
    ]
    if missing:
        message = f"{' and '.join(missing)} not reachable"
        if IN_CI:
            pytest.fail(message + " (CI=true: a missing service is a failure)")
        pytest.skip(message)


def require_postgres(reason: str) -> None:
    """Skips unless the suite runs on PostgreSQL + Redis (saying why the test needs them), and
    then requires both to be reachable."""
    if not is_postgres():
        pytest.skip(f"{reason} (TEST_BACKEND=postgres)")
    require_services()


def postgres_url(database: str = POSTGRES_DB) -> str:
    return f"{POSTGRES_BASE}/{database}"


def new_redis_prefix() -> str:
    return f"credits-test:{uuid.uuid4().hex[:12]}:"


def recreate_database(name: str) -> None:
    asyncio.run(databases.recreate_database(postgres_url(name)))


def drop_database(name: str) -> None:
    asyncio.run(databases.drop_database(postgres_url(name)))
