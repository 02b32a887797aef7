"""Usage alerts in the database: read with an account, written with the change that caused
them (in its transaction, under the tenant's lock), each with its webhook event.

The transitions themselves are decided, pure, in `alerts`. The unique (tenant, period_start,
threshold) keeps one alert per threshold per window even if a writer's lock expired; the
guard on the state read refuses a change decided on a stale read (`StaleRead`: the batch is
decided again).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from models import AlertState, UsageAlert, WebhookEventType
from services.ledger.account import AlertMark
from services.ledger.alerts import Transition
from services.ledger.writes import StaleRead
from services.webhooks.events import emit


async def read_alert_marks(
    windows: Mapping[UUID, datetime], connection: BaseDBAsyncClient | None
) -> dict[UUID, tuple[AlertMark, ...]]:
    """Each tenant's alerts of its current window (`windows`: tenant -> window start) and its
    REACHED alerts of other windows, in one statement."""
    if not windows:
        return {}
    rows = await UsageAlert.filter(
        Q(state=AlertState.REACHED) | Q(period_start__in=list(set(windows.values()))),
        tenant_id__in=list(windows),
    ).using_db(connection)
    marks: dict[UUID, list[AlertMark]] = defaultdict(list)
    for row in rows:
        if row.state is AlertState.REACHED or row.period_start == windows[row.tenant_id]:
            marks[row.tenant_id].append(
                AlertMark(
                    id=row.id,
                    threshold=row.threshold,
                    window_start=row.period_start,
                    state=AlertState(row.state),
                    used=row.used,
                    limit=row.limit,
                    created_at=row.created_at,
                )
            )
    return {
        tenant_id: tuple(sorted(found, key=lambda mark: (mark.window_start, mark.threshold)))
        for tenant_id, found in marks.items()
    }


async def write_alerts(
    transitions: Sequence[Transition], now: datetime, connection: BaseDBAsyncClient
) -> None:
    """Writes the transitions and emits their webhook events, in the caller's transaction."""
    if not transitions:
        return
    created = [t for t in transitions if t.created]
    if created:
        await UsageAlert.bulk_create(
            [
                UsageAlert(
                    id=t.mark.id,
                    tenant_id=t.tenant_id,
                    threshold=t.mark.threshold,
                    state=t.mark.state,
                    used=t.mark.used,
                    limit=t.mark.limit,
                    period_start=t.mark.window_start,
                    created_at=t.mark.created_at,
                    resolved_at=None,
                    sequence=t.sequence,
                )
                for t in created
            ],
            using_db=connection,
        )
    for t in transitions:
        if t.created:
            continue
        state = t.mark.state
        before = AlertState.RESOLVED if state is AlertState.REACHED else AlertState.REACHED
        changed = (
            await UsageAlert.filter(id=t.mark.id, tenant_id=t.tenant_id, state=before)
            .using_db(connection)
            .update(
                state=state,
                used=t.mark.used,
                limit=t.mark.limit,
                resolved_at=now if state is AlertState.RESOLVED else None,
                sequence=t.sequence,
            )
        )
        if changed != 1:
            # Not in the state its transition was decided on: another writer got in.
            raise StaleRead
    for t in transitions:
        await emit(
            connection=connection,
            tenant_id=t.tenant_id,
            type=(
                WebhookEventType.USAGE_THRESHOLD_REACHED
                if t.mark.state is AlertState.REACHED
                else WebhookEventType.USAGE_THRESHOLD_RESOLVED
            ),
            data={
                "threshold": t.mark.threshold,
                "used": t.mark.used,
                "limit": t.mark.limit,
                "periodStart": t.mark.window_start.isoformat(),
                "alertId": str(t.mark.id),
                "state": t.mark.state.value,
            },
        )


async def alerts_by_sequence(
    tenant_id: UUID, sequences: Iterable[int]
) -> dict[int, tuple[dict[str, Any], ...]]:
    """The tenant's alerts whose last change was made by one of these events (by sequence),
    as those events carry them: what a replay of the events shows (an alert changed again
    since shows with its later event)."""
    wanted = list(set(sequences))
    if not wanted:
        return {}
    rows = await UsageAlert.filter(tenant_id=tenant_id, sequence__in=wanted)
    grouped: dict[int, list[UsageAlert]] = defaultdict(list)
    for row in rows:
        grouped[row.sequence].append(row)
    return {sequence: _row_payloads(found) for sequence, found in grouped.items()}


def _row_payloads(rows: list[UsageAlert]) -> tuple[dict[str, Any], ...]:
    # The headline first (see `alerts.headline`): the highest reached, else the lowest resolved.
    ordered = sorted(
        rows,
        key=lambda row: (
            row.state is not AlertState.REACHED,
            -row.threshold if row.state is AlertState.REACHED else row.threshold,
        ),
    )
    return tuple(
        {
            "id": str(row.id),
            "threshold": row.threshold,
            "state": AlertState(row.state).value,
            "used": row.used,
            "limit": row.limit,
            "periodStart": row.period_start.isoformat(),
            "createdAt": row.created_at.isoformat(),
            "resolvedAt": row.resolved_at.isoformat() if row.resolved_at else None,
        }
        for row in ordered
    )
