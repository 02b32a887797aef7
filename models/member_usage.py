"""What members spent: their limits and their net charges in a window, in one statement."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from models.credits import CreditUsage, CreditUsageKind
from models.tenancy import Membership


@dataclass(frozen=True, slots=True)
class MemberUsage:
    tenant_id: UUID
    user_id: UUID
    credit_limit: int | None
    # The member's charges in the window that no refund reverses.
    used: int


async def member_usages(
    windows: Mapping[UUID, tuple[datetime, datetime]],
    connection: Any,
    *,
    limited_only: bool = False,
    members: Sequence[tuple[UUID, UUID]] = (),
) -> list[MemberUsage]:
    """Each membership of the tenants of `windows` (tenant -> [start, end)) with what its user
    spent in their tenant's window: every membership with a limit (`limited_only`), or the
    (tenant, user) pairs of `members`. One statement."""
    if not windows or (not limited_only and not members):
        return []
    if connection is None:
        connection = Membership._meta.db
    postgres = connection.capabilities.dialect == "postgres"
    numbers: Iterator[int] = iter(range(1, 1_000_000))
    params: list[Any] = []

    def param(value: Any) -> str:
        params.append(str(value) if isinstance(value, UUID) else value)
        return f"${next(numbers)}" if postgres else "?"

    # Placeholders are numbered in the order they appear: SQLite's `?` are positional.
    kind = param(CreditUsageKind.CHARGE.value)
    in_window = " OR ".join(
        f"(u.tenant_id = {param(tenant_id)} AND u.created_at >= {param(start)}"
        f" AND u.created_at < {param(end)})"
        for tenant_id, (start, end) in windows.items()
    )
    tenants = ", ".join(param(tenant_id) for tenant_id in windows)
    if limited_only:
        which = "m.credit_limit IS NOT NULL"
    else:
        which = (
            "("
            + " OR ".join(
                f"(m.tenant_id = {param(tenant_id)} AND m.user_id = {param(user_id)})"
                for tenant_id, user_id in members
            )
            + ")"
        )
    usage = CreditUsage._meta.db_table
    sql = (
        "SELECT m.tenant_id, m.user_id, m.credit_limit, COALESCE(SUM(u.amount), 0)"
        f" FROM {Membership._meta.db_table} m"
        f" LEFT JOIN {usage} u ON u.tenant_id = m.tenant_id AND u.user_id = m.user_id"
        f" AND u.kind = {kind} AND ({in_window})"
        f" AND NOT EXISTS (SELECT 1 FROM {usage} r WHERE r.reverses_id = u.id)"
        f" WHERE m.tenant_id IN ({tenants}) AND {which}"
        " GROUP BY m.tenant_id, m.user_id, m.credit_limit"
    )
    _, rows = await connection.execute_query(sql, params)
    return [
        MemberUsage(
            tenant_id=UUID(str(row[0])),
            user_id=UUID(str(row[1])),
            credit_limit=None if row[2] is None else int(row[2]),
            used=int(row[3]),
        )
        for row in rows
    ]
