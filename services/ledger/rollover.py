"""Rollover: when a period ends, its unused allowance (up to the plan's `rolloverMax`) becomes a
ROLLOVER grant that expires at the end of the next period.

A period turns in two places: the server's own calendar (`allowance.current_allowances`, when
a charge or an account change finds the period over, under the tenant lock) and Stripe's (a
subscription webhook moving the period forward). Both call `persist`. The grant's id is
derived from the tenant and the ended period, so however many processes see the period turn,
and however often Stripe repeats its event, the grant exists once: a second insert finds it.
Readers that find the period over before anyone persisted the turn show the same grant, built
in memory with the same id, so `usageSummary` does not jump when the first charge persists it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid5

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CreditBalance, CreditGrant, GrantSource, PlanFeature
from services.credit_types import CREDITS_FEATURE
from services.ledger.account import Grant, allowance_limit

# uuid5 namespace of rollover grant ids (any fixed UUID; changing it would duplicate grants).
NAMESPACE = UUID("6f1d2f4e-8b0a-4c55-9d0e-7c3b1e2a9f10")


@dataclass(frozen=True, slots=True)
class Rollover:
    """What the period [ended_start, ended_end) passes on, spendable until `expires_at`."""

    tenant_id: UUID
    ended_start: datetime
    ended_end: datetime
    amount: int
    expires_at: datetime

    @property
    def grant_id(self) -> UUID:
        return uuid5(NAMESPACE, f"{self.tenant_id}:{self.ended_start.isoformat()}")

    def as_grant(self) -> Grant:
        return Grant(
            id=self.grant_id,
            remaining=self.amount,
            expires_at=self.expires_at,
            priority=0,
            created_at=self.ended_end,
        )


def rollover_amount(*, limit: int | None, used: int, rollover_max: int | None) -> int:
    """Unused allowance, capped; nothing for an unlimited allowance or without a cap."""
    if limit is None or rollover_max is None:
        return 0
    return max(0, min(limit - used, rollover_max))


async def used_in_periods(
    periods: Iterable[tuple[UUID, datetime]], connection: BaseDBAsyncClient | None
) -> dict[tuple[UUID, datetime], int]:
    """The allowance each (tenant, period start) used: one statement; a period without a
    balance row used nothing."""
    wanted = set(periods)
    if not wanted:
        return {}
    rows = await CreditBalance.filter(
        tenant_id__in=list({tenant_id for tenant_id, _ in wanted}),
        period_start__in=list({start for _, start in wanted}),
    ).using_db(connection)
    used = {(row.tenant_id, row.period_start): row.used for row in rows}
    return {period: used.get(period, 0) for period in wanted}


async def persist(rollover: Rollover, connection: BaseDBAsyncClient) -> None:
    """Writes the rollover grant unless it exists (callers hold the tenant lock; the id is the
    guard if an expired lock let two in)."""
    if rollover.amount <= 0:
        return
    if await CreditGrant.filter(id=rollover.grant_id).using_db(connection).exists():
        return
    await CreditGrant.create(
        id=rollover.grant_id,
        tenant_id=rollover.tenant_id,
        amount=rollover.amount,
        remaining=rollover.amount,
        priority=0,
        expires_at=rollover.expires_at,
        source=GrantSource.ROLLOVER,
        reason=(
            f"Unused allowance of the period {rollover.ended_start:%Y-%m-%d} to "
            f"{rollover.ended_end:%Y-%m-%d}."
        ),
        using_db=connection,
    )


@dataclass(frozen=True, slots=True)
class Turn:
    """A period [ended_start, ended_end) of a tenant ended; the next one ends at `next_end`;
    `feature` is the plan's credits feature (its `rollover_max` set)."""

    tenant_id: UUID
    ended_start: datetime
    ended_end: datetime
    next_end: datetime
    feature: PlanFeature


async def rollovers(turns: list[Turn], connection: BaseDBAsyncClient | None) -> list[Rollover]:
    """What each turn passes on (amounts of 0 included): one statement for all of them."""
    used = await used_in_periods(((turn.tenant_id, turn.ended_start) for turn in turns), connection)
    return [
        Rollover(
            tenant_id=turn.tenant_id,
            ended_start=turn.ended_start,
            ended_end=turn.ended_end,
            amount=rollover_amount(
                limit=allowance_limit(turn.feature.type, turn.feature.value),
                used=used[(turn.tenant_id, turn.ended_start)],
                rollover_max=turn.feature.rollover_max,
            ),
            expires_at=turn.next_end,
        )
        for turn in turns
    ]


async def roll_over_ended_period(
    connection: BaseDBAsyncClient,
    *,
    tenant_id: UUID,
    plan_id: UUID,
    ended_start: datetime,
    ended_end: datetime,
    next_end: datetime,
) -> None:
    """For a period that ended outside the server's calendar (Stripe renewed it): the grant
    its plan's credits feature rolls over, if any."""
    feature = (
        await PlanFeature.filter(plan_id=plan_id, name=CREDITS_FEATURE).using_db(connection).first()
    )
    if feature is None or feature.rollover_max is None:
        return
    turn = Turn(tenant_id, ended_start, ended_end, next_end, feature)
    for rollover in await rollovers([turn], connection):
        await persist(rollover, connection)
