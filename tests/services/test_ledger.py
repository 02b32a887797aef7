"""The charge engine: atomic charge-and-create, idempotency, no overspend under concurrency."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from tortoise.exceptions import IntegrityError

from models import CreditBalance, CreditUsage, Project, Tenant, UsageAlert, User
from services import errors, projects
from services.credit_types import PROJECT_CREATION
from services.ledger.requests import ChargeRequest, NewObject
from services.outages import database_unreachable
from services.runtime import Runtime
from settings import Settings
from tests import backends
from tests.factories import create_charged_project, make_tenant, make_user
from tests.waiting import eventually


async def test_a_charge_creates_the_object_and_its_ledger_row_together(runtime: Runtime) -> None:
    # given a tenant with 10 credits
    tenant = await make_tenant(10)
    user = await make_user(tenant)

    # when a project is created
    created = await create_charged_project(runtime, tenant, user, name="Launch")

    # then the project and one usage row for it exist, and the balance counts 2
    project = await Project.get(id=created.obj.id)
    assert (project.name, project.tenant_id, project.created_by_id) == (
        "Launch",
        tenant.id,
        user.id,
    )  # type: ignore[attr-defined]
    row = await CreditUsage.get(tenant_id=tenant.id)
    assert (row.type, row.amount, row.object_id, row.user_id) == (  # type: ignore[attr-defined]
        "credit-project-creation",
        2,
        project.id,
        user.id,
    )
    assert created.usage.id == row.id
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 2


async def test_an_idempotency_key_charges_once_and_replays_the_first_result(
    runtime: Runtime,
) -> None:
    # given a tenant
    tenant = await make_tenant(10)
    user = await make_user(tenant)

    # when the same request is sent twice with one key
    first = await create_charged_project(runtime, tenant, user, key="k-1")
    second = await create_charged_project(runtime, tenant, user, key="k-1")

    # then one project and one charge exist, and both answers are the same
    assert (second.obj.id, second.usage.id) == (first.obj.id, first.usage.id)
    assert await Project.filter(tenant_id=tenant.id).count() == 1
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 1
    # and the key reused for another input is a conflict that charges nothing
    with pytest.raises(errors.Conflict):
        await create_charged_project(runtime, tenant, user, name="Other", key="k-1")
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 2


async def test_concurrent_retries_with_one_key_charge_once(runtime: Runtime) -> None:
    # given a tenant
    tenant = await make_tenant(10)
    user = await make_user(tenant)

    # when ten copies of one request race
    results = await asyncio.gather(
        *(create_charged_project(runtime, tenant, user, key="same") for _ in range(10))
    )

    # then all got the same project, charged once
    assert len({result.obj.id for result in results}) == 1
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 1


async def test_concurrent_charges_never_overspend(runtime: Runtime) -> None:
    # given a tenant with 10 credits (five projects' worth)
    tenant = await make_tenant(10)
    user = await make_user(tenant)

    # when 40 projects are requested at once
    outcomes = await asyncio.gather(
        *(create_charged_project(runtime, tenant, user, name=f"P{n}") for n in range(40)),
        return_exceptions=True,
    )

    # then exactly five succeed, the rest are refused with nothing left, and the books agree
    created = [o for o in outcomes if isinstance(o, projects.Created)]
    refused = [o for o in outcomes if isinstance(o, errors.InsufficientCredits)]
    assert (len(created), len(refused)) == (5, 35), outcomes
    assert {error.remaining for error in refused} == {0}
    assert await Project.filter(tenant_id=tenant.id).count() == 5
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 5
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 10


async def test_two_chargers_sharing_a_tenant_never_overspend(
    runtime: Runtime, settings: Settings
) -> None:
    # given a second charger, as in a second server process (same database, same Redis)
    other = Runtime.build(settings)
    tenant = await make_tenant(20)
    user = await make_user(tenant)
    try:
        # when both charge the same tenant concurrently, 30 projects each
        outcomes = await asyncio.gather(
            *(
                create_charged_project(charger_runtime, tenant, user, name=f"P{n}")
                for n in range(30)
                for charger_runtime in (runtime, other)
            ),
            return_exceptions=True,
        )
    finally:
        await other.close()

    # then ten projects (20 credits) succeed in total, never more
    created = [o for o in outcomes if isinstance(o, projects.Created)]
    unexpected = [
        o for o in outcomes if not isinstance(o, (projects.Created, errors.InsufficientCredits))
    ]
    assert unexpected == []
    assert len(created) == 10
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 10
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 20


async def test_tenants_do_not_share_allowances(runtime: Runtime) -> None:
    # given two tenants with 4 credits each
    first, second = await make_tenant(4), await make_tenant(4)
    first_user, second_user = await make_user(first), await make_user(second)

    # when both spend concurrently beyond their allowance
    outcomes = await asyncio.gather(
        *(create_charged_project(runtime, first, first_user) for _ in range(5)),
        *(create_charged_project(runtime, second, second_user) for _ in range(5)),
        return_exceptions=True,
    )

    # then each got exactly its own two projects
    assert sum(isinstance(o, projects.Created) for o in outcomes) == 4
    assert await Project.filter(tenant_id=first.id).count() == 2
    assert await Project.filter(tenant_id=second.id).count() == 2


async def test_a_validation_failure_charges_nothing(runtime: Runtime) -> None:
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    with pytest.raises(errors.ValidationFailed) as failed:
        await create_charged_project(runtime, tenant, user, name="\x1b[31m")
    assert failed.value.field == "name"
    assert not await CreditUsage.filter(tenant_id=tenant.id).exists()
    assert not await CreditBalance.filter(tenant_id=tenant.id, used__gt=0).exists()


async def test_one_batch_serves_many_tenants_each_with_its_own_result(runtime: Runtime) -> None:
    # given three tenants: one with room, one nearly spent, one without a subscription
    roomy, tight, unsubscribed = (
        await make_tenant(10),
        await make_tenant(2),
        await make_tenant(subscribed=False),
    )
    users = {tenant.id: await make_user(tenant) for tenant in (roomy, tight, unsubscribed)}

    # when all of their charges wait together (so they share a batch)
    outcomes = await asyncio.gather(
        *[
            create_charged_project(runtime, tenant, users[tenant.id], name=f"{tenant.slug}-{n}")
            for n in range(3)
            for tenant in (roomy, tight, unsubscribed)
        ],
        return_exceptions=True,
    )

    # then each tenant got exactly what it could pay for, and nothing more
    by_tenant: dict[object, list[str]] = {roomy.id: [], tight.id: [], unsubscribed.id: []}
    for index, outcome in enumerate(outcomes):
        tenant = (roomy, tight, unsubscribed)[index % 3]
        by_tenant[tenant.id].append(type(outcome).__name__)
    assert by_tenant[roomy.id] == ["Created"] * 3
    assert sorted(by_tenant[tight.id]) == ["Created", "InsufficientCredits", "InsufficientCredits"]
    assert by_tenant[unsubscribed.id] == ["NoActiveSubscription"] * 3
    assert await Project.filter(tenant_id=roomy.id).count() == 3
    assert await Project.filter(tenant_id=tight.id).count() == 1
    assert await Project.filter(tenant_id=unsubscribed.id).count() == 0
    assert (await CreditBalance.get(tenant_id=roomy.id)).used == 6
    assert (await CreditBalance.get(tenant_id=tight.id)).used == 2


async def test_an_insert_that_fails_fails_alone_and_charges_nothing(runtime: Runtime) -> None:
    # given a tenant with room and an existing project
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    existing = (await create_charged_project(runtime, tenant, user, name="Existing")).obj

    # when a batch holds good charges and one whose object collides with that project's key
    collide = runtime.charger.charge(
        ChargeRequest(
            tenant_id=tenant.id,
            user_id=user.id,
            credit_type=PROJECT_CREATION,
            new=NewObject(
                Project,
                existing.id,
                {
                    "tenant_id": tenant.id,
                    "name": "Dup",
                    "description": None,
                    "created_by_id": user.id,
                },
            ),
        )
    )
    outcomes = await asyncio.gather(
        create_charged_project(runtime, tenant, user, name="Good 1"),
        collide,
        create_charged_project(runtime, tenant, user, name="Good 2"),
        return_exceptions=True,
    )

    # then only the colliding request failed, and it was not charged
    assert [type(outcome).__name__ for outcome in outcomes] == ["Created", "Conflict", "Created"]
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 3
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 6
    assert await Project.filter(tenant_id=tenant.id).count() == 3


async def test_batches_of_different_tenants_commit_at_once_each_tenant_in_order(
    runtime: Runtime,
) -> None:
    if not backends.is_postgres():
        pytest.skip("SQLite has one writer: its charger commits one batch at a time")
    backends.require_services()
    # given two tenants, and a charger whose transactions wait until two are open at once
    busy, other = await make_tenant(100), await make_tenant(100)
    users = {tenant.id: await make_user(tenant) for tenant in (busy, other)}
    inside = 0
    most_inside = 0
    first_open, two_open = asyncio.Event(), asyncio.Event()

    async def overlap() -> None:
        nonlocal inside, most_inside
        inside += 1
        most_inside = max(most_inside, inside)
        first_open.set()
        if inside >= 2:
            two_open.set()
        try:
            await asyncio.wait_for(two_open.wait(), timeout=5)
        finally:
            inside -= 1

    runtime.charger.batches.before_write = overlap

    # when the busy tenant's first charges are committing, and more arrive for both tenants
    def create(tenant: Tenant, n: int) -> asyncio.Task[projects.Created]:
        return asyncio.create_task(
            create_charged_project(runtime, tenant, users[tenant.id], name=f"P{n}")
        )

    first = [create(busy, n) for n in range(3)]
    await asyncio.wait_for(first_open.wait(), timeout=5)
    later = [create(busy, n) for n in range(3, 6)] + [create(other, n) for n in range(3)]
    outcomes = await asyncio.gather(*first, *later)

    # then the other tenant's batch committed beside the busy one's, every charge stands, and
    # the busy tenant's later charges came after its first ones
    assert most_inside == 2
    assert all(isinstance(outcome, projects.Created) for outcome in outcomes)
    for tenant, count in ((busy, 6), (other, 3)):
        rows = await CreditUsage.filter(tenant_id=tenant.id).order_by("sequence")
        assert [row.sequence for row in rows] == list(range(1, count + 1))
        assert [row.object_id for row in rows] == [
            outcome.obj.id for outcome in outcomes if outcome.usage.tenant_id == tenant.id
        ]
        assert (await CreditBalance.get(tenant_id=tenant.id)).used == 2 * count
        assert (await Tenant.get(id=tenant.id)).event_sequence == count


async def test_a_balance_changed_outside_the_lock_is_caught_by_the_guard_and_read_again(
    runtime: Runtime,
) -> None:
    if not backends.is_postgres():
        pytest.skip("needs a second connection writing while the batch's transaction is open")
    backends.require_services()
    # given a tenant with 100 credits, 2 of them spent, and a writer that ignores the locks
    # (a hand edit in SQL) spending 40 more while the next batch's transaction is open
    tenant = await make_tenant(100)
    user = await make_user(tenant)
    await create_charged_project(runtime, tenant, user, name="First")
    edits = 0

    async def edit_by_hand() -> None:
        nonlocal edits
        if edits:
            return
        edits += 1
        outsider = await asyncpg.connect(backends.postgres_url())
        try:
            await outsider.execute(
                "UPDATE credit_balance SET used = used + 40, charged = charged + 40,"
                " version = version + 1 WHERE tenant_id = $1",
                tenant.id,
            )
        finally:
            await outsider.close()

    runtime.charger.batches.before_write = edit_by_hand

    # when the next project is charged (with an idempotency key: through the transaction, whose
    # guarded write is what this proves; the one-statement batch would see the edit at its check)
    created = await create_charged_project(runtime, tenant, user, name="Second", key="second")

    # then its batch's guarded write found the balance changed, read it again and charged on
    # top of the hand edit, which stands
    assert edits == 1
    assert isinstance(created, projects.Created)
    balance = await CreditBalance.get(tenant_id=tenant.id)
    assert (balance.used, balance.charged) == (44, 44)


@pytest.fixture
def transactions(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The batch transactions the charger opens (one entry each, its batch's size)."""
    opened: list[int] = []
    batches = runtime.charger.batches
    commit_in_transaction = batches._commit_in_transaction

    async def counted(requests: list[object]) -> object:
        opened.append(len(requests))
        return await commit_in_transaction(requests)  # type: ignore[arg-type]

    monkeypatch.setattr(batches, "_commit_in_transaction", counted)
    return opened


async def test_a_batch_waits_for_a_writer_holding_the_tenant_and_reads_what_it_committed(
    runtime: Runtime, transactions: list[int]
) -> None:
    if not backends.is_postgres():
        pytest.skip("needs a second connection holding the tenant's row")
    backends.require_services()
    # given a tenant whose account the charger keeps from a first charge
    tenant = await make_tenant(100)
    user = await make_user(tenant)
    await create_charged_project(runtime, tenant, user, name="First")
    # and another writer (as a charger whose Redis lock expired would) holding the tenant's row
    # in an open transaction that spends 40 credits
    writer = await asyncpg.connect(backends.postgres_url())
    try:
        transaction = writer.transaction()
        await transaction.start()
        await writer.execute("SELECT 1 FROM tenant WHERE id = $1 FOR UPDATE", tenant.id)
        await writer.execute(
            "UPDATE credit_balance SET used = used + 40, charged = charged + 40,"
            " version = version + 1 WHERE tenant_id = $1",
            tenant.id,
        )
        await writer.execute(
            "UPDATE tenant SET event_sequence = event_sequence + 1 WHERE id = $1", tenant.id
        )

        # when a project is charged meanwhile, and the writer commits once the charge waits
        # (with an idempotency key: the charge takes the transaction, whose first statement is
        # the one that must wait)
        transactions.clear()
        charge = asyncio.create_task(
            create_charged_project(runtime, tenant, user, name="Next", key="next")
        )

        async def waiting_for_a_lock() -> int:
            assert not charge.done(), "the charge did not wait for the tenant's row"
            return int(
                await writer.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    " AND datname = current_database()"
                )
            )

        await eventually(waiting_for_a_lock, interval=0.01, what="the charge waits for the row")
        await transaction.commit()
        created = await charge
    finally:
        await writer.close()

    # then the batch decided once, on what the writer committed: no stale read to retry
    assert isinstance(created, projects.Created)
    assert len(transactions) == 1
    balance = await CreditBalance.get(tenant_id=tenant.id)
    assert (balance.used, balance.charged) == (44, 44)


def test_a_connection_left_mid_error_by_a_restart_counts_as_the_database_being_away() -> None:
    # asyncpg's words when the pool hands back a connection the server just terminated
    broken = asyncpg.exceptions.InternalClientError(
        "cannot switch to state 15; another operation (2) is in progress"
    )
    assert database_unreachable(broken)
    assert not database_unreachable(ValueError("a bug is not an outage"))


async def test_a_batch_of_kept_accounts_and_known_parents_commits_as_one_statement(
    runtime: Runtime, transactions: list[int]
) -> None:
    if not backends.is_postgres():
        pytest.skip("the one-statement batch is PostgreSQL's")
    # given a tenant whose account and project the charger already knows (100 credits: the
    # charges below cross no usage alert threshold)
    tenant = await make_tenant(100)
    user = await make_user(tenant)
    await create_charged_project(runtime, tenant, user, name="First")

    # when two more projects are charged
    transactions.clear()
    for name in ("Second", "Third"):
        await create_charged_project(runtime, tenant, user, name=name)

    # then no transaction was opened for them, and both were created and charged
    assert transactions == []
    assert await Project.filter(tenant_id=tenant.id).count() == 3
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 3
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 6


async def test_a_kept_batch_that_crosses_an_alert_threshold_commits_in_a_transaction(
    runtime: Runtime, transactions: list[int]
) -> None:
    if not backends.is_postgres():
        pytest.skip("the one-statement batch is PostgreSQL's")
    # given a tenant of 10 credits at 4 used, its account and project known
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    for name in ("First", "Second"):
        await create_charged_project(runtime, tenant, user, name=name)
    # when a charge crosses 50 %
    transactions.clear()
    await create_charged_project(runtime, tenant, user, name="Third")
    # then it took a transaction, which wrote its alert
    assert transactions == [1]
    assert await UsageAlert.filter(tenant_id=tenant.id, threshold=50).count() == 1


async def test_a_one_statement_batch_whose_guard_fails_after_its_check_writes_nothing(
    db: object,
) -> None:
    if not backends.is_postgres():
        pytest.skip("the one-statement batch is PostgreSQL's")
    from tortoise import connections
    from tortoise.exceptions import OperationalError

    from services.ledger.statement import GUARD_FAILED, BatchWrite

    # given a gated statement whose check holds, a guard that cannot hold, and an insert
    tenant = await make_tenant(10)
    write = BatchWrite()
    write.require("SELECT TRUE AS ok")
    write.guarded_update(
        "UPDATE tenant AS t SET name = 'changed' FROM unnest({}) AS v(id) "
        "WHERE t.id = v.id AND FALSE RETURNING 1",
        [([tenant.id], "uuid")],
        expected=1,
    )
    # (a user: any table without a JSON column, which charge batches never write)
    write.insert(User, [User(email="never-written@example.com")])

    # when it runs outside any transaction
    with pytest.raises(OperationalError, match=GUARD_FAILED):
        await write.execute(connections.get("default"))

    # then the insert was undone with the rest of the statement
    assert not await User.filter(email="never-written@example.com").exists()


async def test_each_usage_row_of_a_tenant_has_its_own_event_sequence(runtime: Runtime) -> None:
    # given two charges of one tenant, and one of another tenant
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    first = await create_charged_project(runtime, tenant, user, name="A")
    second = await create_charged_project(runtime, tenant, user, name="B")
    other = await make_tenant(10)
    elsewhere = await create_charged_project(runtime, other, await make_user(other))

    # then their sequences follow each other, another tenant's may repeat them, and the
    # database refuses a second row with a sequence its tenant already used (a reconnecting
    # subscriber replays the rows after a sequence through this unique index)
    assert second.usage.sequence == first.usage.sequence + 1
    assert elsewhere.usage.sequence == first.usage.sequence
    with pytest.raises(IntegrityError):
        await CreditUsage.filter(id=second.usage.id).update(sequence=first.usage.sequence)
