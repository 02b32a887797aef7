"""`new_row` builds the instance state `Model(**values)` builds, and saves like it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from tortoise.context import TortoiseContext

from models import CreditUsage, CreditUsageKind, Project, Task, TaskStatus
from models.rows import new_row
from services.clock import utcnow
from tests.factories import make_project, make_tenant


def task_values(**overrides: Any) -> dict[str, Any]:
    now = utcnow()
    return {
        "id": uuid.uuid4(),
        "tenant_id": uuid.uuid4(),
        "project_id": uuid.uuid4(),
        "title": "Write the report",
        "description": None,
        "status": TaskStatus.TODO,
        "created_by_id": uuid.uuid4(),
        "created_at": now,
        "updated_at": now,
        **overrides,
    }


def usage_values() -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "tenant_id": uuid.uuid4(),
        "user_id": None,
        "type": "task",
        "amount": 1,
        "from_allowance": 1,
        "quantity": 1,
        "object_id": uuid.uuid4(),
        "object_path": None,
        "kind": CreditUsageKind.CHARGE,
        "reverses_id": None,
        "reason": None,
        "refunded_by_id": None,
        "idempotency_key": "key-1",
        "request_hash": "ab" * 32,
        "sequence": 7,
        "created_at": utcnow(),
    }


def project_values() -> dict[str, Any]:
    now = utcnow()
    return {
        "id": uuid.uuid4(),
        "tenant_id": uuid.uuid4(),
        "name": "Launch",
        "description": "Q4",
        "created_by_id": None,
        "created_at": now,
        "updated_at": now,
    }


@pytest.mark.parametrize(
    ("model", "values"),
    [(Task, task_values()), (CreditUsage, usage_values()), (Project, project_values())],
)
async def test_new_row_holds_what_the_model_constructor_holds(
    db: TortoiseContext, model: Any, values: dict[str, Any]
) -> None:
    # when the same values build a row both ways
    built = model(**values)
    fast = new_row(model, **values)

    # then the two instances hold the same state, tortoise's bookkeeping included
    assert fast.__dict__ == built.__dict__
    assert type(fast) is model


async def test_new_row_refuses_a_missing_or_unknown_column(db: TortoiseContext) -> None:
    values = task_values()
    del values["description"]
    with pytest.raises(TypeError, match="needs exactly its columns"):
        new_row(Task, **values)
    with pytest.raises(TypeError, match="needs exactly its columns"):
        new_row(Task, **task_values(tenant=None))


async def test_a_new_row_saves_and_reads_back(db: TortoiseContext) -> None:
    # given a tenant's project
    tenant = await make_tenant()
    project = await make_project(tenant)

    # when a task built by new_row is inserted with the ORM
    task = new_row(
        Task, **task_values(tenant_id=tenant.id, project_id=project.id, created_by_id=None)
    )
    await Task.bulk_create([task])

    # then the database holds it as built
    stored = await Task.get(id=task.id)
    assert (stored.title, stored.status, stored.project_id, stored.created_at) == (
        task.title,
        task.status,
        project.id,
        task.created_at,
    )
