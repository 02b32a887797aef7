"""Refunds in the ledger: what each grant paid is recorded with every charge, a refund gives
it back, a closed period's charge leaves the current period alone, and a charge is refunded at
most once however many deletes and refunds race for it."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from models import (
    CreditBalance,
    CreditDraw,
    CreditGrant,
    CreditUsage,
    CreditUsageKind,
    GrantSource,
    Project,
    Task,
    Tenant,
    User,
)
from services import refunds, tasks
from services.clock import utcnow
from services.errors import Conflict, DomainError, NotFound
from services.runtime import Runtime
from services.usage import usage_summary
from settings import Settings
from tests import backends
from tests.factories import create_charged_task, make_project, make_tenant, make_user
from tests.refundable import TASK_CREATION, make_refundable


async def _grant(tenant: Tenant, amount: int, priority: int = 0) -> CreditGrant:
    return await CreditGrant.create(
        tenant=tenant,
        amount=amount,
        remaining=amount,
        priority=priority,
        source=GrantSource.PROMOTIONAL,
    )


async def _tenant_with_project(credits: int | None) -> tuple[Tenant, User, Project]:
    tenant = await make_tenant(credits)
    user = await make_user(tenant)
    return tenant, user, await make_project(tenant, by=user)


async def test_every_charge_records_what_each_grant_paid(runtime: Runtime) -> None:
    # given 2 credits of allowance and two grants of 2 and 3, spent in that order
    tenant, user, project = await _tenant_with_project(2)
    first, second = await _grant(tenant, 2, priority=0), await _grant(tenant, 3, priority=1)

    # when 7 tasks are charged one after another (on PostgreSQL the later ones take the
    # one-statement path, the first the transaction)
    for number in range(7):
        await create_charged_task(runtime, project, user, title=f"t{number}")

    # then each charge's allowance part plus its draws is its amount, and the draws say which
    # grant paid: the allowance first, then the first grant, then the second
    usages = await CreditUsage.filter(tenant_id=tenant.id).order_by("sequence")
    draws = {
        usage.id: [
            (draw.grant_id, draw.amount) for draw in await CreditDraw.filter(usage_id=usage.id)
        ]
        for usage in usages
    }
    for usage in usages:
        assert usage.from_allowance + sum(amount for _, amount in draws[usage.id]) == usage.amount
    assert [draws[usage.id] for usage in usages] == [
        [],
        [],
        [(first.id, 1)],
        [(first.id, 1)],
        [(second.id, 1)],
        [(second.id, 1)],
        [(second.id, 1)],
    ]


async def test_a_closed_periods_charge_is_refunded_without_changing_the_current_period(
    runtime: Runtime,
) -> None:
    # given a charge made in the last period (its balance row closed) and one in this period
    tenant, user, project = await _tenant_with_project(10)
    old = await create_charged_task(runtime, project, user, title="last month")
    month_ago = utcnow() - timedelta(days=31)
    await CreditBalance.filter(tenant_id=tenant.id).update(
        period_start=month_ago - timedelta(days=1), period_end=month_ago + timedelta(days=1)
    )
    await CreditUsage.filter(id=old.usage.id).update(created_at=month_ago)
    # (as a new period would: the account this process kept is no longer the current one)
    runtime.charger.batches.kept.forget([tenant.id])
    await create_charged_task(runtime, project, user, title="this month")
    before = await usage_summary(tenant_id=tenant.id)
    assert before["used"] == 1

    # when the old charge is refunded
    refund = await refunds.refund_credits(
        runtime=runtime,
        tenant_id=tenant.id,
        user_id=user.id,
        usage_id=str(old.usage.id),
        reason="late",
    )

    # then the ledger has the refund, the closed period's row gives the credit back, and the
    # current period is exactly as it was
    assert (refund.amount, refund.kind, refund.reverses_id) == (
        -1,
        CreditUsageKind.REFUND,
        old.usage.id,
    )
    assert await usage_summary(tenant_id=tenant.id) == before
    closed = await CreditBalance.get(tenant_id=tenant.id, period_start__lt=month_ago)
    assert (closed.used, closed.charged, closed.by_type) == (0, 0, {TASK_CREATION: [0, 0]})


async def test_the_unique_reverses_column_refuses_a_second_refund_past_the_checks(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a refunded charge, and the check for an existing refund switched off (as for a
    # writer whose lock expired and that read before the other committed)
    tenant, user, project = await _tenant_with_project(10)
    charge = (await create_charged_task(runtime, project, user)).usage
    await refunds.refund_credits(
        runtime=runtime, tenant_id=tenant.id, user_id=user.id, usage_id=str(charge.id), reason=None
    )
    after_first = await usage_summary(tenant_id=tenant.id)

    async def nothing_refunded(charges: Any, connection: Any) -> set[Any]:
        return {c.id for c in charges}

    monkeypatch.setattr(refunds, "unrefunded", nothing_refunded)

    # when it is refunded again
    with pytest.raises(Conflict):
        await refunds.refund_credits(
            runtime=runtime,
            tenant_id=tenant.id,
            user_id=user.id,
            usage_id=str(charge.id),
            reason=None,
        )

    # then the database refused it and undid the whole transaction
    assert await CreditUsage.filter(reverses_id=charge.id).count() == 1
    assert await usage_summary(tenant_id=tenant.id) == after_first


async def _race(
    runtimes: list[Runtime], tenant: Tenant, task_ids: list[Any], charges: list[CreditUsage]
) -> list[Any]:
    """Per task, 5 deletes and 5 refundCredits of its charge at once, over `runtimes`."""
    calls = []
    for number in range(10):
        runtime = runtimes[number % len(runtimes)]
        for task_id, charge in zip(task_ids, charges, strict=True):
            if number % 2:
                calls.append(
                    tasks.delete_task(
                        runtime=runtime,
                        tenant_id=tenant.id,
                        user_id=charge.user_id,
                        task_id=task_id,
                    )
                )
            else:
                calls.append(
                    refunds.refund_credits(
                        runtime=runtime,
                        tenant_id=tenant.id,
                        user_id=charge.user_id,
                        usage_id=str(charge.id),
                        reason=None,
                    )
                )
    outcomes = await asyncio.gather(*calls, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, DomainError):
            raise outcome
    return outcomes


async def _assert_refunded_once_each(tenant: Tenant, outcomes: list[Any], count: int) -> None:
    assert all(
        not isinstance(outcome, DomainError) or isinstance(outcome, NotFound | Conflict)
        for outcome in outcomes
    ), [
        outcome
        for outcome in outcomes
        if isinstance(outcome, DomainError) and not isinstance(outcome, NotFound | Conflict)
    ]
    usages = await CreditUsage.filter(tenant_id=tenant.id)
    charges = [usage for usage in usages if usage.kind is CreditUsageKind.CHARGE]
    reversed_ids = [usage.reverses_id for usage in usages if usage.kind is CreditUsageKind.REFUND]
    assert len(charges) == count
    assert sorted(map(str, reversed_ids)) == sorted(str(charge.id) for charge in charges)
    assert await Task.filter(tenant_id=tenant.id).count() == 0
    summary = await usage_summary(tenant_id=tenant.id)
    assert summary["used"] == sum(usage.amount for usage in usages) == 0


async def _tasks(runtime: Runtime, count: int) -> tuple[Tenant, list[Any], list[CreditUsage]]:
    tenant, user, project = await _tenant_with_project(20)
    created = [
        await create_charged_task(runtime, project, user, title=f"t{n}") for n in range(count)
    ]
    return tenant, [c.obj.id for c in created], [c.usage for c in created]


async def test_racing_deletes_and_refunds_refund_each_charge_once(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given 8 charged tasks of a refundable type
    await make_refundable(TASK_CREATION, runtime=runtime)
    tenant, task_ids, charges = await _tasks(runtime, 8)

    # when each is deleted 5 times and its charge refunded 5 times, all at once
    outcomes = await _race([runtime], tenant, task_ids, charges)

    # then each charge has exactly one refund, and the summary is net of all of them
    await _assert_refunded_once_each(tenant, outcomes, 8)


async def test_racing_deletes_and_refunds_from_two_processes_refund_each_charge_once(
    db: object, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    backends.require_postgres("needs PostgreSQL + Redis: two runtimes contend through Redis")
    await make_refundable(TASK_CREATION)
    # given two independent runtimes (as two processes) and 8 charged refundable tasks
    first, second = Runtime.build(settings), Runtime.build(settings)
    try:
        tenant, task_ids, charges = await _tasks(first, 8)
        # when each is deleted and refunded 5 times each, at once, over both
        outcomes = await _race([first, second], tenant, task_ids, charges)
    finally:
        await first.close()
        await second.close()

    # then each charge has exactly one refund
    await _assert_refunded_once_each(tenant, outcomes, 8)


async def test_refund_events_carry_the_refund_row(runtime: Runtime) -> None:
    # given a live listener of a tenant with a charge
    tenant, user, project = await _tenant_with_project(10)
    charge = (await create_charged_task(runtime, project, user)).usage
    async with runtime.bus.listen(tenant.id) as listener:
        # when the charge is refunded
        refund = await refunds.refund_credits(
            runtime=runtime,
            tenant_id=tenant.id,
            user_id=user.id,
            usage_id=str(charge.id),
            reason=None,
        )
        event = await asyncio.wait_for(listener.queue.get(), 5)

    # then the event is the refund's: its sequence, its row, the net summary
    assert event.sequence == refund.sequence
    assert event.usage is not None
    assert (event.usage["id"], event.usage["kind"], event.usage["amount"]) == (
        str(refund.id),
        "REFUND",
        -1,
    )
    assert event.usage["reversesId"] == str(charge.id)
    assert event.summary["used"] == 0
    tenant_row = await Tenant.get(id=tenant.id)
    assert tenant_row.event_sequence == refund.sequence
