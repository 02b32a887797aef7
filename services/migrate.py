"""Apply the aerich migrations of this repository to a database.

The migration files live in the top-level `migrations` package (`migrations/models/`), a sibling
of `services` both in the repository and in an installed copy; set MIGRATIONS_DIR to use another
`migrations` folder. Every migration carries SQL for SQLite and PostgreSQL, so the same files build the schema
on both, from empty, through `aerich upgrade` (never `generate_schemas` / `init-db`).
"""

from __future__ import annotations

import os
from pathlib import Path

from aerich import Command
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext

from services.catalog_admin import seed_kit_types
from settings import tortoise_config

APP = "models"


def migrations_dir() -> Path:
    """The folder aerich calls `location`: it holds one sub-folder per app (`models/`)."""
    if override := os.environ.get("MIGRATIONS_DIR"):
        return Path(override).resolve()
    return Path(__file__).resolve().parent.parent / "migrations"


async def apply_migrations(database_url: str) -> list[str]:
    """Apply every pending migration, oldest first; return the applied file names.

    Idempotent: a second run applies nothing and returns []. Each migration runs in a
    transaction (on SQLite aerich's `executescript` commits first, so there it is not atomic).
    Then the credit catalog gets the kit's types it lacks (data, not schema: seeded here
    rather than in a migration, so a catalog an admin changed is left as it is).
    """
    location = migrations_dir()
    if not (location / APP).is_dir():
        raise FileNotFoundError(
            f"No migrations at {location / APP}: set MIGRATIONS_DIR to the `migrations` folder "
            "(the one holding `models/`)."
        )
    # tortoise 1.1.9 caches each model's INSERT SQL per (connection name, table), not per
    # dialect: after a SQLite run in this process, aerich's own INSERT INTO "aerich" would
    # reuse SQLite's SQL on PostgreSQL. The cache is only a cache; rebuilding it is safe.
    EXECUTOR_CACHE.clear()
    # aerich calls Tortoise.init(), which adopts the current context, or creates one and leaves
    # it set for the rest of the task. Our own context keeps that state to this block and
    # closes its connections; the caller's context, if any, is active again afterwards.
    async with (
        TortoiseContext(),
        Command(tortoise_config(database_url), app=APP, location=str(location)) as command,
    ):
        applied = await command.upgrade(run_in_transaction=True)
        await seed_kit_types()
        return applied
