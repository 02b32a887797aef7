"""A charge's parent is read once per process, and a parent deleted since is still refused."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tortoise.models import QuerySet

from models import CreditBalance, CreditUsage, Task
from services import errors, tasks
from services.runtime import Runtime
from services.tasks import Created
from tests.factories import create_charged_task, make_project, make_tenant, make_user


@pytest.fixture
def parent_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ledger's parent lookups (its only `values_list` of projects)."""
    reads: list[str] = []
    values_list = QuerySet.values_list

    def counting(self: QuerySet, *fields: str, **kwargs: Any) -> Any:
        if self.model.__name__ == "Project":
            reads.append("Project")
        return values_list(self, *fields, **kwargs)

    monkeypatch.setattr(QuerySet, "values_list", counting)
    return reads


async def test_a_parent_is_read_for_its_first_charge_only(
    runtime: Runtime, parent_reads: list[str]
) -> None:
    # given a tenant's project
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)

    # when three tasks are created in it, one after the other
    for number in range(3):
        await create_charged_task(runtime, project, user, title=f"T{number}")

    # then the project was looked up once, and every task was created and charged
    assert parent_reads == ["Project"]
    assert await Task.filter(project_id=project.id).count() == 3
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 3


async def test_a_known_parent_deleted_since_is_not_found_and_nothing_is_charged(
    runtime: Runtime, parent_reads: list[str]
) -> None:
    # given a project the ledger has seen, then deleted
    tenant = await make_tenant(10)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)
    other = await make_project(tenant, by=user, name="Other")
    await create_charged_task(runtime, project, user)
    await project.delete()

    # when a batch holds a task for it beside a task for another project
    outcomes = await asyncio.gather(
        create_charged_task(runtime, project, user, title="Orphan"),
        create_charged_task(runtime, other, user, title="Fine"),
        return_exceptions=True,
    )

    # then the deleted project's task is NOT_FOUND and uncharged; the other one is created
    # (the first task went with its project; its charge stays in the ledger)
    assert isinstance(outcomes[0], errors.NotFound)
    assert isinstance(outcomes[1], Created)
    assert await Task.filter(tenant_id=tenant.id).count() == 1
    assert await CreditUsage.filter(tenant_id=tenant.id).count() == 2
    assert (await CreditBalance.get(tenant_id=tenant.id)).used == 2
    # and the next charge for it reads the parent again instead of trusting what it knew
    reads = len(parent_reads)
    with pytest.raises(errors.NotFound):
        await create_charged_task(runtime, project, user, title="Again")
    assert len(parent_reads) == reads + 1


async def test_a_known_parent_of_another_tenant_is_not_found(runtime: Runtime) -> None:
    # given a project the ledger has seen in its own tenant
    owner = await make_tenant(10)
    owner_user = await make_user(owner)
    project = await make_project(owner, by=owner_user)
    await create_charged_task(runtime, project, owner_user)
    # and a member of another tenant
    intruder = await make_tenant(10)
    intruder_user = await make_user(intruder)

    # when the intruder names that project for a task of their own tenant
    with pytest.raises(errors.NotFound):
        await tasks.create_task(
            runtime=runtime,
            tenant_id=intruder.id,
            user_id=intruder_user.id,
            project_id=project.id,
            title="Sneaky",
            description=None,
            idempotency_key=None,
        )

    # then nothing was created or charged in either tenant beyond the owner's first task
    assert await Task.filter(tenant_id=intruder.id).count() == 0
    assert await CreditUsage.filter(tenant_id=intruder.id).count() == 0
    assert await Task.filter(project_id=project.id).count() == 1
