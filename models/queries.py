"""Query helpers the ORM cannot express."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from uuid import UUID

from models.credits import CreditBalance, CreditGrant
from models.plans import PlanFeature, TenantSubscription
from models.tenancy import Membership, Tenant
from models.work import Task


@dataclass(slots=True)
class TaskRow:
    """The columns of a task the API reads, with the names of `Task`'s attributes, read without
    building a tortoise model: a model per row was most of the data layer's CPU in a read of 50
    projects with 10 tasks each. `status` is the stored `TaskStatus` value."""

    id: UUID
    project_id: UUID
    title: str
    description: str | None
    status: str
    created_by_id: UUID | None
    created_at: datetime


TASK_ROW_COLUMNS = ", ".join(field.name for field in fields(TaskRow))


async def first_tasks_of_projects(
    tenant_id: UUID, project_ids: Sequence[UUID], per_project: int
) -> list[TaskRow]:
    """The first `per_project` tasks (oldest first) of each project, in one statement.

    Only UUID objects and an int are interpolated, so the SQL cannot be injected into.
    """
    if not project_ids or per_project <= 0:
        return []
    ids = ", ".join(f"'{UUID(str(project_id))}'" for project_id in project_ids)
    sql = (
        f"SELECT {TASK_ROW_COLUMNS} FROM ("
        " SELECT task.*, ROW_NUMBER() OVER "
        "  (PARTITION BY project_id ORDER BY created_at, id) AS position"
        f" FROM task WHERE tenant_id = '{UUID(str(tenant_id))}' AND project_id IN ({ids})"
        f") ranked WHERE position <= {int(per_project)} ORDER BY project_id, position"
    )
    db = Task._meta.db
    _, rows = await db.execute_query(sql)
    if db.capabilities.dialect == "postgres":
        # The driver already returns UUIDs, aware datetimes and strings.
        return [TaskRow(*row) for row in rows]
    return [_converted(row) for row in rows]


def _converted(row: Any) -> TaskRow:
    """A row of a driver that returns UUIDs and datetimes as text (SQLite), converted the way
    the model's fields convert them."""
    id_, project_id, title, description, status, created_by_id, created_at = row
    return TaskRow(
        id=UUID(id_),
        project_id=UUID(project_id),
        title=title,
        description=description,
        status=status,
        created_by_id=UUID(created_by_id) if created_by_id is not None else None,
        created_at=Task._meta.fields_map["created_at"].to_python_value(created_at),
    )


@dataclass(frozen=True, slots=True)
class AccountVersion:
    """What a tenant's spendable state was built from, read in one statement: its event
    sequence, subscription, plan feature, one balance row and its spendable grants (count and
    total)."""

    event_sequence: int
    plan_id: UUID | None
    status: str | None
    period_start: datetime | None
    period_end: datetime | None
    feature_type: str | None
    feature_value: int | None
    balance_version: int | None
    balance_used: int | None
    balance_charged: int | None
    grant_count: int
    grant_total: int


# Each field of `AccountVersion`: the column it is read from and its PostgreSQL type. The
# aliases are those of `account_versions`: t tenant, s subscription, f the plan's credits
# feature, b the balance row, g the spendable grants (`spendable_grants`). The charger's
# one-statement batch compares a kept account with the same columns.
ACCOUNT_VERSION_COLUMNS: dict[str, tuple[str, str]] = {
    "event_sequence": ("t.event_sequence", "bigint"),
    "plan_id": ("s.plan_id", "uuid"),
    "status": ("s.status", "text"),
    "period_start": ("s.current_period_start", "timestamptz"),
    "period_end": ("s.current_period_end", "timestamptz"),
    "feature_type": ("f.type", "text"),
    "feature_value": ("f.value", "int"),
    "balance_version": ("b.version", "int"),
    "balance_used": ("b.used", "int"),
    "balance_charged": ("b.charged", "int"),
    "grant_count": ("coalesce(g.count, 0)", "bigint"),
    "grant_total": ("coalesce(g.total, 0)", "bigint"),
}


def spendable_grants(tenants: str, expiry: str) -> str:
    """A subquery of each tenant's grants that can pay at `expiry` (a placeholder): tenant_id,
    count, total. `tenants` restricts tenant_id, e.g. `IN ($1, $2)` or `= ANY($1::uuid[])`."""
    return (
        "(SELECT tenant_id, count(*) AS count, sum(remaining) AS total"
        f" FROM {CreditGrant._meta.db_table} WHERE tenant_id {tenants}"
        " AND remaining > 0 AND voided_at IS NULL"
        f" AND (expires_at IS NULL OR expires_at > {expiry}) GROUP BY tenant_id)"
    )


async def account_versions(
    tenant_ids: Sequence[UUID],
    balances: dict[UUID, UUID],
    feature_name: str,
    now: datetime,
    connection: Any,
    *,
    lock: bool = False,
) -> dict[UUID, AccountVersion]:
    """Each tenant's `AccountVersion`, with the balance row given for it (tenant → balance id;
    a tenant without one reads no balance) and the grants that can pay at `now`.

    `lock` (PostgreSQL): the same statement locks the tenants' rows, in id order, for the rest
    of the transaction. It returns each tenant row as it is once locked (the event sequence
    included), but reads the other tables as they were when the statement began: if it had to
    wait for another writer, what it read of them may be older than that writer's commit. Every
    writer of an account bumps the event sequence, so such a read never matches a kept account
    and the account is read again, by a later statement."""
    if not tenant_ids:
        return {}
    postgres = connection.capabilities.dialect == "postgres"
    ids = [str(tenant_id) for tenant_id in tenant_ids]
    balance_ids = [str(balance_id) for balance_id in balances.values()]
    params: list[Any]
    if postgres:
        # Arrays: the same text (one prepared statement) whatever the number of tenants.
        grant_tenants, expiry, balance_in, feature, tenants = (
            "= ANY($1::uuid[])",
            "$2",
            "= ANY($3::uuid[])",
            "$4",
            "= ANY($5::uuid[])",
        )
        params = [ids, now, balance_ids, feature_name, ids]
    else:
        # SQLite's `?` are positional: in the order they appear.
        grant_tenants = f"IN ({', '.join('?' * len(ids))})"
        expiry, feature = "?", "?"
        balance_in = f"IN ({', '.join('?' * len(balance_ids))})" if balance_ids else "IN (NULL)"
        tenants = grant_tenants
        params = [*ids, now, *balance_ids, feature_name, *ids]
    grants = spendable_grants(grant_tenants, expiry)
    columns = ", ".join(column for column, _ in ACCOUNT_VERSION_COLUMNS.values())
    sql = (
        f"SELECT t.id, {columns}"
        f" FROM {Tenant._meta.db_table} t"
        f" LEFT JOIN {TenantSubscription._meta.db_table} s ON s.tenant_id = t.id"
        f" LEFT JOIN {grants} g ON g.tenant_id = t.id"
        f" LEFT JOIN {CreditBalance._meta.db_table} b"
        f" ON b.tenant_id = t.id AND b.id {balance_in}"
        f" LEFT JOIN {PlanFeature._meta.db_table} f"
        f" ON f.plan_id = s.plan_id AND f.name = {feature}"
        f" WHERE t.id {tenants}"
    )
    if lock and postgres:
        sql += " ORDER BY t.id FOR UPDATE OF t"
    _, rows = await connection.execute_query(sql, params)
    return {UUID(str(row[0])): _account_version(tuple(row)[1:]) for row in rows}


def _account_version(values: Sequence[Any]) -> AccountVersion:
    """A row of `ACCOUNT_VERSION_COLUMNS`, converted as the models' fields convert them (SQLite
    returns UUIDs and datetimes as text)."""
    row = dict(zip(ACCOUNT_VERSION_COLUMNS, values, strict=True))
    moment = TenantSubscription._meta.fields_map["current_period_start"].to_python_value
    return AccountVersion(
        event_sequence=int(row["event_sequence"]),
        plan_id=UUID(str(row["plan_id"])) if row["plan_id"] is not None else None,
        status=row["status"],
        period_start=moment(row["period_start"]),
        period_end=moment(row["period_end"]),
        feature_type=row["feature_type"],
        feature_value=row["feature_value"],
        balance_version=row["balance_version"],
        balance_used=row["balance_used"],
        balance_charged=row["balance_charged"],
        grant_count=int(row["grant_count"]),
        grant_total=int(row["grant_total"]),
    )


@dataclass(frozen=True, slots=True)
class MembershipRow:
    """A user's membership of a tenant, with the tenant's slug and name."""

    tenant_id: UUID
    slug: str
    name: str
    # The stored `Role` value.
    role: str


async def membership_by_slug(user_id: UUID, slug: str) -> MembershipRow | None:
    """The user's membership of the tenant named `slug`, in one statement that builds no
    model: the ORM's `select_related` query was 4 % of the server's CPU in a charge over 100
    tenants (each (user, tenant) is read again whenever its short cache entry runs out)."""
    db = Membership._meta.db
    postgres = db.capabilities.dialect == "postgres"
    first, second = ("$1", "$2") if postgres else ("?", "?")
    _, rows = await db.execute_query(
        f"SELECT t.id, t.slug, t.name, m.role FROM {Membership._meta.db_table} m"
        f" JOIN {Tenant._meta.db_table} t ON t.id = m.tenant_id"
        f" WHERE m.user_id = {first} AND t.slug = {second} LIMIT 1",
        [str(user_id), slug],
    )
    if not rows:
        return None
    tenant_id, tenant_slug, name, role = tuple(rows[0])
    return MembershipRow(UUID(str(tenant_id)), tenant_slug, name, role)
