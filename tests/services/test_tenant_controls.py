"""The tenant-row read of an account: which spending controls a tenant has (so an account read
skips the reads of those it has not), and its event sequence and thresholds."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from models import (
    AlertState,
    AutoTopUp,
    CreditReservation,
    Membership,
    ReservationStatus,
    Tenant,
    UsageAlert,
)
from models.tenant_controls import tenant_controls
from services.clock import utcnow
from services.ledger.reads import load_account
from tests.factories import make_tenant, make_user

pytestmark = pytest.mark.usefixtures("db")


async def test_a_tenant_without_spending_controls_has_none_flagged() -> None:
    # given a subscribed tenant with a member that has no limit, and nothing else
    tenant = await make_tenant(10)
    await make_user(tenant)
    await Tenant.filter(id=tenant.id).update(event_sequence=7, usage_alert_thresholds=[25, 75])

    # when its row is read
    controls = (await tenant_controls([tenant.id], None))[tenant.id]

    # then it has its sequence and thresholds, and no control to read
    assert (controls.event_sequence, controls.alert_thresholds) == (7, [25, 75])
    assert (controls.top_up_below, controls.member_limits, controls.held, controls.alerts) == (
        None,
        False,
        False,
        False,
    )


async def test_each_spending_control_is_flagged_for_its_tenant_only() -> None:
    # given one tenant with a member limit, a reservation HELD, a REACHED alert and auto
    # top-up on, one with auto top-up paused and a reservation already committed, and one
    # with neither
    now = utcnow()
    full, paused, bare = await make_tenant(10), await make_tenant(10), await make_tenant(10)
    member = await make_user(full)
    await Membership.filter(tenant_id=full.id, user_id=member.id).update(credit_limit=3)
    for tenant, status in ((full, ReservationStatus.HELD), (paused, ReservationStatus.COMMITTED)):
        await CreditReservation.create(
            tenant=tenant,
            user=None,
            type="credit-task-creation",
            quantity=1,
            amount=1,
            status=status,
            expires_at=now + timedelta(minutes=5),
            created_at=now,
        )
    await UsageAlert.create(
        tenant=full,
        threshold=50,
        state=AlertState.REACHED,
        used=1,
        limit=10,
        period_start=now,
        created_at=now,
        sequence=1,
    )
    for tenant, paused_at in ((full, None), (paused, now)):
        await AutoTopUp.create(
            tenant=tenant,
            enabled=True,
            below_credits=4,
            price_id="price_1",
            max_per_month=2,
            paused_at=paused_at,
            updated_at=now,
        )

    # when their rows are read together
    controls = await tenant_controls([full.id, paused.id, bare.id, uuid4()], None)

    # then each tenant's controls are its own (and an unknown tenant has no row)
    flags = {
        tenant_id: (found.top_up_below, found.member_limits, found.held, found.alerts)
        for tenant_id, found in controls.items()
    }
    assert flags == {
        full.id: (4, True, True, True),
        paused.id: (None, False, False, False),
        bare.id: (None, False, False, False),
    }
    # and the account of the tenant with them carries them all
    account = await load_account(full.id, now, None, for_charge=True)
    assert account.auto_top_up_below == 4
    assert account.members[member.id].limit == 3
    assert [hold.amount for hold in account.holds] == [1]
    assert [mark.threshold for mark in account.alerts] == [50]
