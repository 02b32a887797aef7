"""The ledger's writes: each guarded, so that a decision made on a stale read never applies.

A batch changes the tenants' balance rows, grants and event sequences. Each change is an
UPDATE that applies only onto exactly the row it was decided on: the balance at the version
read (and never past the allowance), each grant at the amount read, the event sequence at the
value read. The Redis lock keeps processes from contending, but it can expire while its
holder still works; then the guard refuses the late writer (`StaleRead`) and its batch is
decided again on a fresh read. The guards are written once, below (`GuardedUpdate`); the
dialects differ only in where the rows come from (PostgreSQL `unnest`s arrays inside the
batch's one statement, see `statement`; SQLite reads a VALUES list, one statement per table).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import OperationalError
from tortoise.models import Model

from models import CreditBalance, CreditGrant, PlanFeature, Tenant, TenantSubscription
from models.queries import ACCOUNT_VERSION_COLUMNS, spendable_grants
from services.credit_types import CREDITS_FEATURE
from services.ledger.account import Account
from services.ledger.allowance import SPENDING_STATUSES
from services.ledger.memory import kept_version
from services.ledger.statement import GUARD_FAILED, BatchWrite


class StaleRead(Exception):
    """A guarded update hit no row: another writer got in (an expired lock); re-read and redo."""


@dataclass(frozen=True, slots=True)
class GuardedUpdate:
    """An UPDATE of one table from rows of values `v`, applied to a row only where
    `condition` holds; it holds for every row or the batch is undone."""

    table: str
    alias: str
    # The columns of `v` and their PostgreSQL types.
    columns: tuple[tuple[str, str], ...]
    assign: str
    condition: str

    def sql(self, source: str) -> str:
        return (
            f"UPDATE {self.table} AS {self.alias} SET {self.assign} FROM {source}"
            f" WHERE {self.condition} RETURNING 1"
        )


BALANCES = GuardedUpdate(
    table=CreditBalance._meta.db_table,
    alias="b",
    columns=(
        ("id", "uuid"),
        ("version", "int"),
        ("max_used", "int"),
        ("used", "int"),
        ("charged", "int"),
        ("by_type", "jsonb"),
    ),
    assign="used = v.used, charged = v.charged, by_type = v.by_type, version = v.version + 1",
    # Only onto the version read, and never past the allowance.
    condition="b.id = v.id AND b.version = v.version"
    " AND (v.max_used IS NULL OR b.used <= v.max_used)",
)
GRANTS = GuardedUpdate(
    table=CreditGrant._meta.db_table,
    alias="g",
    columns=(("id", "uuid"), ("expected", "int"), ("remaining", "int")),
    assign="remaining = v.remaining",
    condition="g.id = v.id AND g.remaining = v.expected",
)
SEQUENCES = GuardedUpdate(
    table=Tenant._meta.db_table,
    alias="t",
    columns=(("id", "uuid"), ("expected", "bigint"), ("next", "bigint")),
    assign="event_sequence = v.next",
    condition="t.id = v.id AND t.event_sequence = v.expected",
)

Updates = list[tuple[GuardedUpdate, list[tuple[Any, ...]]]]
Inserts = list[tuple[type[Model], list[Any]]]


def account_updates(changes: Sequence[tuple[Account, Account]]) -> Updates:
    """The guarded updates that take each account from what was read (`before`) to what the
    batch decided (`after`)."""
    balances: list[tuple[Any, ...]] = []
    grants: list[tuple[Any, ...]] = []
    for before, after in changes:
        if after.balance.charged == before.balance.charged:
            continue
        balances.append(
            (
                before.balance.id,
                before.balance.version,
                _max_used_before(before, after),
                after.balance.used,
                after.balance.charged,
                json.dumps(after.balance.by_type),
            )
        )
        grants.extend(
            (old.id, old.remaining, new.remaining)
            for old, new in zip(before.grants, after.grants, strict=True)
            if new.remaining != old.remaining
        )
    sequences = [
        (before.tenant_id, before.event_sequence, after.event_sequence) for before, after in changes
    ]
    return [(BALANCES, balances), (GRANTS, grants), (SEQUENCES, sequences)]


def _max_used_before(before: Account, after: Account) -> int | None:
    """The most the allowance may have been used before this batch for it to still fit."""
    limit = before.allowance.limit
    return None if limit is None else limit - (after.balance.used - before.balance.used)


async def write_each(connection: BaseDBAsyncClient, updates: Updates, inserts: Inserts) -> None:
    """The updates one statement per table, then the inserts (SQLite: inside the batch's
    transaction, which `StaleRead` rolls back)."""
    for update, rows in updates:
        if not rows:
            continue
        names = [name for name, _ in update.columns]
        source = (
            "(SELECT "
            + ", ".join(f"column{number} AS {name}" for number, name in enumerate(names, 1))
            + " FROM (VALUES "
            + ", ".join("(" + ", ".join("?" * len(names)) + ")" for _ in rows)
            + ")) AS v"
        )
        values = [str(value) if isinstance(value, UUID) else value for row in rows for value in row]
        changed, _ = await connection.execute_query(update.sql(source), values)
        if changed != len(rows):
            raise StaleRead
    for model, objects in inserts:
        if objects:
            await model.bulk_create(objects, using_db=connection)


async def write_at_once(
    connection: BaseDBAsyncClient,
    updates: Updates,
    inserts: Inserts,
    *,
    kept: dict[UUID, Account] | None = None,
    now: datetime | None = None,
) -> bool:
    """The updates and the inserts as ONE statement (PostgreSQL, see `statement`), with the
    same guards, row by row. True if they held.

    `kept` (tenant -> the account as kept before this batch): the statement first locks the
    tenants' rows and checks that each account is still exactly that one (`_require_kept`),
    and writes nothing otherwise; it is then safe outside a transaction. A guard failing
    after the check held raises `StaleRead`, and nothing was written."""
    write = BatchWrite()
    if kept is not None:
        assert now is not None
        _require_kept(write, kept, now)
    for update, rows in updates:
        if rows:
            names = ", ".join(name for name, _ in update.columns)
            write.guarded_update(
                update.sql(f"unnest({{}}) AS v({names})"),
                [
                    ([row[index] for row in rows], sql_type)
                    for index, (_, sql_type) in enumerate(update.columns)
                ],
                expected=len(rows),
            )
    for model, objects in inserts:
        if objects:
            write.insert(model, objects)
    try:
        return await write.execute(connection)
    except OperationalError as error:
        if GUARD_FAILED in str(error):
            raise StaleRead from error
        raise


def _require_kept(write: BatchWrite, kept: dict[UUID, Account], now: datetime) -> None:
    """Gates `write` on every tenant's account being what `kept` says: the columns
    `account_versions` reads equal the kept account's `kept_version` and the subscription
    still spends, after locking the tenants' rows in id order. A tenant row that was changed
    while the statement waited for its lock is compared as it is now: every writer of an
    account bumps its event sequence, so the check fails instead of passing a stale read."""
    accounts = list(kept.values())
    versions = [kept_version(account) for account in accounts]
    compared = [name for name in ACCOUNT_VERSION_COLUMNS if name != "status"]
    tenant_ids = [account.tenant_id for account in accounts]
    grants = spendable_grants(
        "= ANY(" + write.arrays([(tenant_ids, "uuid")]) + ")", write.param(now, "timestamptz")
    )
    expected = write.arrays(
        [
            (tenant_ids, "uuid"),
            ([account.balance.id for account in accounts], "uuid"),
            *(
                ([getattr(version, name) for version in versions], ACCOUNT_VERSION_COLUMNS[name][1])
                for name in compared
            ),
        ]
    )
    matches = " AND ".join(
        f"{ACCOUNT_VERSION_COLUMNS[name][0]} IS NOT DISTINCT FROM e.{name}" for name in compared
    )
    write.require(
        "SELECT count(*) = " + write.param(len(accounts), "int") + " AS ok FROM (SELECT t.id"
        f" FROM {Tenant._meta.db_table} t"
        f" JOIN unnest({expected}) AS e(id, balance_id, {', '.join(compared)}) ON e.id = t.id"
        f" JOIN {TenantSubscription._meta.db_table} s ON s.tenant_id = t.id"
        f" JOIN {CreditBalance._meta.db_table} b ON b.id = e.balance_id AND b.tenant_id = t.id"
        f" LEFT JOIN {PlanFeature._meta.db_table} f"
        f" ON f.plan_id = s.plan_id AND f.name = {write.param(CREDITS_FEATURE, 'text')}"
        f" LEFT JOIN {grants} g ON g.tenant_id = t.id"
        " WHERE s.status = ANY("
        + write.param([status.value for status in SPENDING_STATUSES], "text[]")
        + f") AND {matches} ORDER BY t.id FOR UPDATE OF t) AS matched"
    )


async def lock_tenant_rows(tenant_ids: Sequence[UUID], connection: BaseDBAsyncClient) -> None:
    """Locks the tenants' rows for the rest of the transaction, before anything is read.

    The Redis lock keeps processes from contending, but it can expire while its holder still
    works. Every writer of an account (`change_account`; a charge batch with its first
    statement, see `memory.still_current`) takes these rows first, so a writer whose Redis lock
    expired waits for the other's commit and reads what it wrote, instead of racing it, losing
    at the guard and retrying (three lost races in a row answered UNAVAILABLE). In id order, so
    writers sharing tenants cannot deadlock. SQLite has one writer at a time already."""
    if connection.capabilities.dialect != "postgres" or not tenant_ids:
        return
    # Raw: the ORM's query (it drops FOR UPDATE from a values query, so it would build a model
    # per row) was 2 % of the server's CPU over 100 tenants.
    await connection.execute_query(
        f"SELECT 1 FROM {Tenant._meta.db_table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE",
        [list(tenant_ids)],
    )
