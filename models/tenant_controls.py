"""A tenant row as an account read needs it, with which spending controls the tenant has, in
one statement that builds no model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from models.alerts import UsageAlert
from models.reservations import CreditReservation, ReservationStatus
from models.tenancy import Membership, Tenant
from models.top_up import AutoTopUp


@dataclass(frozen=True, slots=True)
class TenantControls:
    event_sequence: int
    # The stored `usage_alert_thresholds` (None: the defaults), decoded.
    alert_thresholds: list[int] | None
    # Auto top-up's `below_credits` when it is on (enabled, not paused); None: off.
    top_up_below: int | None
    # Whether there is anything to read of each control (the reads themselves need the
    # allowance window, known only later). A flag may be set with nothing that counts (an
    # expired hold still HELD, an alert of an earlier window): the read then finds nothing.
    member_limits: bool
    held: bool
    alerts: bool


async def tenant_controls(
    tenant_ids: Sequence[UUID], connection: Any
) -> dict[UUID, TenantControls]:
    """Each tenant's event sequence, alert thresholds and auto top-up threshold, and whether it
    has member limits, reservations still HELD and usage alerts. Most tenants have none of
    them: an account read then skips three statements (one per control), where it ran four
    for the controls beside this one."""
    if not tenant_ids:
        return {}
    if connection is None:
        connection = Tenant._meta.db
    ids = [str(tenant_id) for tenant_id in tenant_ids]
    if connection.capabilities.dialect == "postgres":
        # One array: the same text (one prepared statement) whatever the number of tenants.
        held, tenants, params = "$1", "= ANY($2::uuid[])", [ReservationStatus.HELD.value, ids]
    else:
        held, tenants = "?", f"IN ({', '.join('?' * len(ids))})"
        params = [ReservationStatus.HELD.value, *ids]
    sql = (
        "SELECT t.id, t.event_sequence, t.usage_alert_thresholds,"
        f" (SELECT a.below_credits FROM {AutoTopUp._meta.db_table} a"
        "  WHERE a.tenant_id = t.id AND a.enabled AND a.paused_at IS NULL),"
        f" EXISTS (SELECT 1 FROM {Membership._meta.db_table} m"
        "  WHERE m.tenant_id = t.id AND m.credit_limit IS NOT NULL),"
        f" EXISTS (SELECT 1 FROM {CreditReservation._meta.db_table} r"
        f"  WHERE r.tenant_id = t.id AND r.status = {held}),"
        f" EXISTS (SELECT 1 FROM {UsageAlert._meta.db_table} u WHERE u.tenant_id = t.id)"
        f" FROM {Tenant._meta.db_table} t WHERE t.id {tenants}"
    )
    _, rows = await connection.execute_query(sql, params)
    thresholds = Tenant._meta.fields_map["usage_alert_thresholds"].to_python_value
    found = {}
    for row in rows:
        id_, sequence, stored, below, limits, holds, alerts = tuple(row)
        found[UUID(str(id_))] = TenantControls(
            event_sequence=int(sequence),
            alert_thresholds=thresholds(stored),
            top_up_below=None if below is None else int(below),
            member_limits=bool(limits),
            held=bool(holds),
            alerts=bool(alerts),
        )
    return found
