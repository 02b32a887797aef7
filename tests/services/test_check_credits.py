"""checkCredits, the dry run, answers what the chargeCredits that follows it gets: a property
over random allowances, used credits, grants (amounts, expiries) and quantities."""

from __future__ import annotations

import uuid
from datetime import timedelta

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from models import CreditGrant, GrantSource
from services import charges, usage
from services.clock import utcnow
from services.credit_types import PROJECT_CREATION, TASK_CREATION
from services.errors import DomainError, ErrorCode, InsufficientCredits
from services.runtime import Runtime
from tests.factories import make_tenant, make_user

# A grant: its amount, and when it expires (days from now; None: never).
GRANTS = st.lists(
    st.tuples(st.integers(1, 10), st.one_of(st.none(), st.sampled_from([-1, 1, 30]))),
    max_size=3,
)
# A quantity, or one worked out from what remains: all of it, or one unit more (the boundary).
QUANTITIES = st.one_of(
    st.integers(1, 25), st.sampled_from([0, -2, 1_001]), st.sampled_from(["all", "one-more"])
)


@st.composite
def accounts(draw: st.DrawFn) -> tuple[int | None, int]:
    """A plan allowance (None: unlimited) and how much of it is already used."""
    allowance = draw(st.one_of(st.none(), st.integers(0, 30)))
    used = draw(st.integers(0, allowance if allowance is not None else 30))
    return allowance, used


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    account=accounts(),
    grants=GRANTS,
    type=st.sampled_from([TASK_CREATION.value, PROJECT_CREATION.value, "no-such-type"]),
    quantity=QUANTITIES,
)
async def test_the_dry_run_answers_what_the_charge_that_follows_gets(
    runtime: Runtime,
    account: tuple[int | None, int],
    grants: list[tuple[int, int | None]],
    type: str,
    quantity: int | str,
) -> None:
    # given a tenant with that allowance, those grants, and that much already used
    allowance, used = account
    tenant = await make_tenant(allowance)
    user = await make_user(tenant)
    now = utcnow()
    for amount, days in grants:
        await CreditGrant.create(
            tenant=tenant,
            amount=amount,
            remaining=amount,
            source=GrantSource.PROMOTIONAL,
            expires_at=None if days is None else now + timedelta(days=days),
        )
    if used:
        await charges.charge_credits(
            runtime=runtime,
            tenant_id=tenant.id,
            caller_id=user.id,
            type=TASK_CREATION.value,
            quantity=used,
            object_id="/used",
            user_id=None,
            idempotency_key=None,
        )
    before = await usage.usage_summary(tenant_id=tenant.id)
    if isinstance(quantity, str):
        unit = await runtime.catalog.find(type)
        left = before["remaining"] if before["remaining"] is not None else 40
        units = left // (unit.amount if unit else 1)
        quantity = max(units, 1) if quantity == "all" else units + 1

    # when the dry run is asked, then the charge is made
    check = await charges.check_credits(
        catalog=runtime.catalog, tenant_id=tenant.id, type=type, quantity=quantity
    )
    try:
        charged = await charges.charge_credits(
            runtime=runtime,
            tenant_id=tenant.id,
            caller_id=user.id,
            type=type,
            quantity=quantity,
            object_id=f"/app/{uuid.uuid4()}",
            user_id=None,
            idempotency_key=None,
        )
        refusal: DomainError | None = None
    except DomainError as error:
        refusal = error
    after = await usage.usage_summary(tenant_id=tenant.id)

    # then the dry run said what the charge did, from what remained before it
    assert check.remaining == before["remaining"]
    assert check.allowed is (refusal is None), (check, refusal)
    if refusal is None:
        assert check.reason is None
        assert charged.amount == check.required
        if check.remaining is not None:
            assert after["remaining"] == check.remaining - check.required
    else:
        assert check.reason is not None and check.reason.value == refusal.code.value
        assert after["remaining"] == before["remaining"]
        if isinstance(refusal, InsufficientCredits):
            assert check.reason is ErrorCode.INSUFFICIENT_CREDITS
            assert (check.required, check.remaining, check.limit) == (
                refusal.required,
                refusal.remaining,
                refusal.limit,
            )
