"""Make the next aerich migration for SQLite and PostgreSQL at once, or check none is missing.

    .venv/bin/python scripts/make_migration.py NAME     writes migrations/models/<n>_<time>_NAME.py
    .venv/bin/python scripts/make_migration.py --check  exit 1, printing the SQL, if the models
                                                        have changes no migration covers
    --dialect sqlite|postgres   with --check: check only that dialect
    --manual sqlite             aerich cannot alter SQLite columns (type, null, default, comment):
                                leave SQLite's SQL empty and write the table rebuild by hand

aerich writes raw SQL for the database it runs against. So, for each dialect, this copies
migrations/ to a temporary folder, runs the aerich CLI there against a scratch database (`upgrade`
to head, then `migrate`; `init-db` when there is no migration yet), each in its own process, and
merges the two generated files into one whose upgrade()/downgrade() return the SQL for
`db.capabilities.dialect`. MODELS_STATE is the same on both dialects, so aerich can diff later.

PostgreSQL: a scratch database credits_scratch_<random> is created on TEST_POSTGRES_URL
(default postgres://postgres@127.0.0.1:5432) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
from aerich.utils import decompress_dict, get_formatted_compressed_data

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "migrations" / "models"
DIALECTS = ("sqlite", "postgres")
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL") or "postgres://postgres@127.0.0.1:5432"

TEMPLATE = """from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {{
{sql}}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    {models_state}
)
"""


async def _postgres(sql: str) -> None:
    conn = await asyncpg.connect(f"{POSTGRES_URL.rstrip('/')}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def scratch_database(dialect: str, workdir: Path) -> Iterator[str]:
    if dialect == "sqlite":
        yield f"sqlite://{workdir}/scratch.sqlite3"
        return
    name = f"credits_scratch_{uuid.uuid4().hex[:12]}"
    asyncio.run(_postgres(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES_URL.rstrip('/')}/{name}"
    finally:
        asyncio.run(_postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def aerich(workdir: Path, database_url: str, *args: str) -> None:
    """Run the aerich CLI with the repo's [tool.aerich] config, in workdir, on database_url."""
    command = [sys.executable, "-m", "aerich", "-c", str(ROOT / "pyproject.toml"), *args]
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        hint = ""
        if "NotSupportError" in done.stderr:
            hint = "\nHint: --manual sqlite leaves SQLite's SQL empty, to write by hand."
        sys.exit(
            f"aerich {' '.join(args)} failed on {database_url}:\n{done.stdout}{done.stderr}{hint}"
        )


def generate(dialect: str, name: str, workdir: Path) -> Path | None:
    """Bring a scratch database to head with the repo's migrations, then let aerich diff."""
    location = workdir / "migrations" / "models"
    if MIGRATIONS.is_dir():
        shutil.copytree(MIGRATIONS, location, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        location.mkdir(parents=True)
    before = set(location.glob("*.py"))
    with scratch_database(dialect, workdir) as url:
        if before:
            aerich(workdir, url, "upgrade")
            aerich(workdir, url, "migrate", "--name", name, "--no-input")
        else:
            aerich(workdir, url, "init-db")
    new = sorted(set(location.glob("*.py")) - before)
    return new[0] if new else None


def read_migration(path: Path) -> tuple[str, str, str]:
    """(upgrade SQL, downgrade SQL, MODELS_STATE) of an aerich-generated, one-dialect file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    upgrade, downgrade = asyncio.run(module.upgrade(None)), asyncio.run(module.downgrade(None))
    return upgrade.strip(), downgrade.strip(), module.MODELS_STATE


def literal(sql: str) -> str:
    if not sql:
        return '""'
    if '"""' in sql or "\\" in sql:
        return repr(sql)
    return f'"""\n{sql}\n"""'


def merge(files: dict[str, Path | None]) -> tuple[str, str]:
    """(file name, text) of the two-dialect migration made from each dialect's aerich file."""
    made = {dialect: read_migration(path) for dialect, path in files.items() if path}
    states = {dialect: decompress_dict(state) for dialect, (_, _, state) in made.items()}
    if len({repr(state) for state in states.values()}) != 1:
        sys.exit("MODELS_STATE differs between dialects; cannot merge into one migration.")
    sql = ""
    for dialect in DIALECTS:
        upgrade, downgrade, _ = made.get(dialect, ("", "", ""))
        sql += f'    "{dialect}": (\n{literal(upgrade)},\n{literal(downgrade)},\n    ),\n'
    name = next(path.name for path in files.values() if path)
    state = get_formatted_compressed_data(next(iter(states.values())))
    return name, TEMPLATE.format(sql=sql, models_state=state)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", nargs="?", help="name of the new migration, e.g. add_task_due")
    parser.add_argument("--check", action="store_true", help="only report missing migrations")
    parser.add_argument("--dialect", choices=DIALECTS, action="append", help="--check only these")
    parser.add_argument(
        "--manual",
        choices=DIALECTS,
        action="append",
        default=[],
        help="leave this dialect's SQL empty, to write by hand (e.g. a SQLite table rebuild)",
    )
    args = parser.parse_args()
    if args.check == bool(args.name):
        parser.error("give either a NAME for the new migration or --check")
    if not args.check and args.dialect:
        parser.error("a migration carries both dialects: --dialect goes with --check")
    dialects = [d for d in args.dialect or DIALECTS if d not in args.manual]

    with tempfile.TemporaryDirectory(prefix="make_migration_") as tmp:
        files: dict[str, Path | None] = {}
        for dialect in dialects:
            (workdir := Path(tmp, dialect)).mkdir()
            files[dialect] = generate(dialect, args.name or "check", workdir)
        if args.check:
            missing = {dialect: path for dialect, path in files.items() if path}
            for dialect, path in missing.items():
                print(f"-- {dialect}: the models have changes that no migration covers:")
                print(read_migration(path)[0])
            if not missing:
                print(f"OK: the migrations cover the models ({', '.join(dialects)}).")
            return 1 if missing else 0
        if not any(files.values()):
            print("No changes detected.")
            return 0
        name, text = merge(files)
        MIGRATIONS.mkdir(parents=True, exist_ok=True)
        (MIGRATIONS / name).write_text(text, encoding="utf-8")
    print(f"Wrote {(MIGRATIONS / name).relative_to(ROOT)}: review it.")
    for dialect in args.manual:
        print(f"Its {dialect} SQL is empty: write it by hand before committing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
