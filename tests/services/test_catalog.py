"""The catalog as a process keeps it: read once, dropped when a change is announced."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from redis.asyncio import Redis
from tortoise.context import TortoiseContext

from models import CreditTypeRow
from services import catalog as catalog_module
from services.catalog import CATALOG_TOPIC, Catalog
from services.catalog_admin import CreditTypeChange, create_credit_type, update_credit_type
from services.demo import seed_demo
from services.errors import NotFound, Unavailable
from services.events import LocalEventBus, RedisEventBus
from services.runtime import Runtime
from tests import backends
from tests.waiting import eventually


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the catalog's reads of the database."""
    counted: list[int] = []
    real = CreditTypeRow.all

    def counting_all(*args: Any, **kwargs: Any) -> Any:
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(CreditTypeRow, "all", counting_all)
    return counted


async def test_charges_read_the_catalog_once_however_many_there_are(
    db: TortoiseContext, reads: list[int]
) -> None:
    catalog = Catalog(LocalEventBus())
    # when 100 charges look their type up, 50 of them at once on a cold copy
    await asyncio.gather(*(catalog.credit_type("credit-task-creation") for _ in range(50)))
    for _ in range(50):
        assert (await catalog.credit_type("credit-task-creation")).amount == 1
    # then the database was read once
    assert len(reads) == 1


async def test_a_change_is_read_again_once_and_applies_at_once(
    db: TortoiseContext, reads: list[int]
) -> None:
    catalog = Catalog(LocalEventBus())
    assert (await catalog.credit_type("credit-task-creation")).amount == 1
    # when an admin changes the amount through this process
    await update_credit_type(
        catalog=catalog, value="credit-task-creation", change=CreditTypeChange(amount=4)
    )
    # then the next lookup has it, from one more read
    assert (await catalog.credit_type("credit-task-creation")).amount == 4
    assert (await catalog.credit_type("credit-task-creation")).amount == 4
    assert len(reads) == 2


async def test_an_unknown_type_is_not_found_until_it_is_added(db: TortoiseContext) -> None:
    catalog = Catalog(LocalEventBus())
    with pytest.raises(NotFound):
        await catalog.credit_type("report-export")
    await create_credit_type(
        catalog=catalog,
        value="report-export",
        name="Report export",
        description=None,
        amount=5,
        refundable=True,
    )
    found = await catalog.credit_type("report-export")
    assert (found.amount, found.refundable, found.description) == (5, True, "")


async def test_a_copy_is_read_again_after_its_maximum_age(
    db: TortoiseContext, reads: list[int]
) -> None:
    # given a copy kept at t=0 (a change whose announcement was lost is made behind its back)
    now = [0.0]
    catalog = Catalog(LocalEventBus(), clock=lambda: now[0])
    await catalog.credit_type("credit-task-creation")
    await CreditTypeRow.filter(value="credit-task-creation").update(amount=7)
    # then it is used until its maximum age, and read again after
    now[0] = catalog_module.MAX_AGE_SECONDS - 1
    assert (await catalog.credit_type("credit-task-creation")).amount == 1
    now[0] = catalog_module.MAX_AGE_SECONDS + 1
    assert (await catalog.credit_type("credit-task-creation")).amount == 7
    assert len(reads) == 2


async def test_an_announcement_on_redis_reaches_every_other_bus() -> None:
    backends.require_postgres("the Redis bus runs on the postgres backend (PostgreSQL + Redis)")
    prefix = backends.new_redis_prefix()
    redis = Redis.from_url(backends.REDIS_URL)
    buses = [RedisEventBus(redis, prefix=prefix) for _ in range(2)]
    told = [0, 0]
    try:
        for index, bus in enumerate(buses):
            await bus.watch(CATALOG_TOPIC, lambda index=index: told.__setitem__(index, 1))
        # when one process announces a change of the catalog
        await buses[0].announce(CATALOG_TOPIC)
        # then both processes hear of it (the announcer at once)
        assert told[0] == 1
        await eventually(lambda: told[1] == 1, what="the other bus to hear the announcement")
        # and the announcement channel is no tenant's usage channel
        assert all(bus.channel_count == 0 for bus in buses)
    finally:
        for bus in buses:
            await bus.close()
        await redis.aclose()


async def test_seed_demo_adds_the_kit_types_a_catalog_lacks(runtime: Runtime) -> None:
    # given a catalog without the task type (an empty table: the demo seeds it anyway)
    await CreditTypeRow.filter(value="credit-task-creation").delete()
    # when the demo is seeded
    await seed_demo(charger=runtime.charger)
    # then the catalog has both kit types again
    values = await CreditTypeRow.all().order_by("value").values_list("value", flat=True)
    assert values == ["credit-project-creation", "credit-task-creation"]


async def test_an_unreachable_database_is_unavailable_and_the_next_lookup_reads_again(
    db: TortoiseContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the database is unreachable while the catalog is first read
    catalog = Catalog(LocalEventBus())
    real = CreditTypeRow.all

    def unreachable(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionRefusedError("database down")

    monkeypatch.setattr(CreditTypeRow, "all", unreachable)
    # then a charge's lookup answers Unavailable (as its batch would), not a crash
    with pytest.raises(Unavailable):
        await catalog.credit_type("credit-task-creation")
    # and once it is back, the next lookup reads it
    monkeypatch.setattr(CreditTypeRow, "all", real)
    assert (await catalog.credit_type("credit-task-creation")).amount == 1
