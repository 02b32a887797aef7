"""Reservations through the services and the charger, on the real database: concurrent holds
never exceed the pool, a commit is a normal ledger row (outbox, refund, live event)."""

from __future__ import annotations

import asyncio

import pytest

from models import BillingOutbox, CreditReservation, CreditUsage, ReservationStatus, Tenant, User
from services import charges, errors, refunds, reservations
from services.runtime import Runtime
from services.usage import usage_summary
from tests.factories import make_tenant, make_user

TASK = "credit-task-creation"


async def reserve(
    runtime: Runtime, tenant: Tenant, user: User, quantity: int = 1, key: str | None = None
) -> reservations.Reservation:
    return await reservations.reserve_credits(
        runtime=runtime,
        tenant_id=tenant.id,
        caller_id=user.id,
        type=TASK,
        quantity=quantity,
        ttl_seconds=300,
        object_id="/app/jobs/1",
        idempotency_key=key,
    )


async def charge(runtime: Runtime, tenant: Tenant, user: User, quantity: int = 1) -> CreditUsage:
    return await charges.charge_credits(
        runtime=runtime,
        tenant_id=tenant.id,
        caller_id=user.id,
        type=TASK,
        quantity=quantity,
        object_id="/app/other/1",
        user_id=None,
        idempotency_key=None,
    )


async def test_concurrent_holds_never_hold_more_than_the_pool(runtime: Runtime) -> None:
    # given a tenant with 50 credits
    tenant = await make_tenant(50)
    user = await make_user(tenant)

    # when 100 holds of 1 credit race in one process (batched by the charger)
    results = await asyncio.gather(
        *(reserve(runtime, tenant, user) for _ in range(100)), return_exceptions=True
    )

    # then exactly 50 are held and the others refused for lack of credits
    held = [r for r in results if isinstance(r, reservations.Reservation)]
    refused = [r for r in results if isinstance(r, errors.InsufficientCredits)]
    assert (len(held), len(refused)) == (50, 50), results
    assert (
        await CreditReservation.filter(tenant_id=tenant.id, status=ReservationStatus.HELD).count()
        == 50
    )
    summary = await usage_summary(tenant_id=tenant.id)
    assert (summary["used"], summary["reserved"], summary["remaining"]) == (0, 50, 0)
    # and a charge never succeeds on the held credits
    with pytest.raises(errors.InsufficientCredits):
        await charge(runtime, tenant, user)


async def test_concurrent_commits_of_one_reservation_charge_once(runtime: Runtime) -> None:
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    reservation = await reserve(runtime, tenant, user, quantity=5)

    # when ten commits of 3 race
    results = await asyncio.gather(
        *(
            reservations.commit_reservation(
                runtime=runtime, tenant_id=tenant.id, reservation_id=str(reservation.id), quantity=3
            )
            for _ in range(10)
        )
    )

    # then all answer the one charge of 3, and the other 2 are free
    assert len({usage.id for _, usage in results}) == 1
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 1
    summary = await usage_summary(tenant_id=tenant.id)
    assert (summary["used"], summary["reserved"], summary["remaining"]) == (3, 0, 7)


async def test_a_commit_is_a_normal_ledger_row_refundable_and_reported_to_stripe(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given billing on and 4 credits held
    monkeypatch.setattr(runtime.charger.batches, "_billing_enabled", lambda: True)
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    reservation = await reserve(runtime, tenant, user, quantity=4)
    # (a hold is not reported: nothing is charged yet)
    assert await BillingOutbox.filter(tenant_id=tenant.id).count() == 0

    # when 2 are committed
    committed, usage = await reservations.commit_reservation(
        runtime=runtime, tenant_id=tenant.id, reservation_id=str(reservation.id), quantity=2
    )

    # then the charge is the reserver's, with an outbox row for its meter event
    assert committed.status is ReservationStatus.COMMITTED
    assert (usage.amount, usage.quantity, usage.user_id, usage.object_path) == (
        2,
        2,
        user.id,
        "/app/jobs/1",
    )
    outbox = await BillingOutbox.get(tenant_id=tenant.id)
    assert (outbox.usage_id, outbox.value) == (usage.id, 2)
    # and it can be refunded like any charge
    refund = await refunds.refund_credits(
        runtime=runtime,
        tenant_id=tenant.id,
        user_id=user.id,
        usage_id=str(usage.id),
        reason="job failed",
    )
    assert refund.amount == -2
    summary = await usage_summary(tenant_id=tenant.id)
    assert (summary["used"], summary["reserved"], summary["remaining"]) == (0, 0, 10)


async def test_holds_commits_and_releases_are_live_events_with_the_reserved_summary(
    runtime: Runtime,
) -> None:
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    async with runtime.bus.listen(tenant.id) as listener:
        # when 6 are held, 2 of them committed, and another hold released
        reservation = await reserve(runtime, tenant, user, quantity=6)
        held = await listener.next()
        await reservations.commit_reservation(
            runtime=runtime, tenant_id=tenant.id, reservation_id=str(reservation.id), quantity=2
        )
        committed = await listener.next()
        other = await reserve(runtime, tenant, user, quantity=3)
        await listener.next()
        await reservations.release_reservation(
            runtime=runtime, tenant_id=tenant.id, reservation_id=str(other.id)
        )
        released = await listener.next()

    # then each event's summary says what is reserved, used and left
    def shown(event: object) -> tuple[int, int, int]:
        summary = event.summary  # type: ignore[attr-defined]
        return summary["used"], summary["reserved"], summary["remaining"]

    assert (shown(held), held.usage) == ((0, 6, 4), None)
    assert shown(committed) == (2, 0, 8)
    assert committed.usage is not None and committed.usage["amount"] == 2
    assert shown(released) == (2, 0, 8)
    assert released.sequence == held.sequence + 3
