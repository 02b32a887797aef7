"""Tasks: created for credits inside a project of the same tenant; updates are free, and deleting
one refunds its charge when the charge's credit type is refundable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CreditUsage, Project, Task, TaskStatus
from services.credit_types import TASK_CREATION
from services.errors import NotFound, ValidationFailed
from services.ledger.reads import charged_object
from services.ledger.refunds import Refund
from services.ledger.requests import ChargeRequest, Created, NewObject, ParentRef
from services.pagination import Page, paginate
from services.refunds import charges_to_refund, deletes_refund
from services.validation import (
    MAX_DESCRIPTION,
    MAX_NAME,
    clean_idempotency_key,
    clean_text,
    parse_id,
    request_fingerprint,
)

if TYPE_CHECKING:
    from services.runtime import Runtime


async def create_task(
    *,
    runtime: Runtime,
    tenant_id: UUID,
    user_id: UUID,
    project_id: str | UUID,
    title: str,
    description: str | None,
    idempotency_key: str | None,
) -> Created[Task]:
    """Creates the task in the tenant's project and charges `credit-task-creation` for it,
    within the tenant's and the user's rate limits."""
    await runtime.limiter.hit(action="createTask", tenant_id=tenant_id, user_id=user_id)
    project_uuid = parse_id("projectId", project_id)
    clean_title = clean_text("title", title, max_length=MAX_NAME, required=True)
    clean_description = clean_text(
        "description", description, max_length=MAX_DESCRIPTION, required=False
    )
    key = clean_idempotency_key(idempotency_key)
    outcome = await runtime.charger.charge(
        ChargeRequest(
            tenant_id=tenant_id,
            user_id=user_id,
            # The catalog as this process keeps it (no query): an admin may change the amount.
            credit_type=await runtime.catalog.credit_type(TASK_CREATION.value),
            new=NewObject(
                Task,
                uuid4(),
                {
                    "tenant_id": tenant_id,
                    "project_id": project_uuid,
                    "title": clean_title,
                    "description": clean_description,
                    "status": TaskStatus.TODO,
                    "created_by_id": user_id,
                },
            ),
            idempotency_key=key,
            fingerprint=request_fingerprint(
                key,
                "createTask",
                {
                    "projectId": str(project_uuid),
                    "title": clean_title,
                    "description": clean_description,
                },
            ),
            # Checked inside the charge's transaction, with the other charges of its batch.
            parent=ParentRef(Project, project_uuid),
        )
    )
    return Created(await charged_object(outcome, Task, tenant_id), outcome.usage)


async def get_task(*, tenant_id: UUID, task_id: str | UUID) -> Task:
    task = await Task.get_or_none(id=parse_id("id", task_id), tenant_id=tenant_id)
    if task is None:
        raise NotFound("Task")
    return task


async def list_tasks(
    *, tenant_id: UUID, project_id: str | UUID | None, first: int | None, after: str | None
) -> Page[Task]:
    query = Task.filter(tenant_id=tenant_id)
    if project_id is not None:
        query = query.filter(project_id=parse_id("projectId", project_id))
    return await paginate(query, first=first, after=after)


def parse_status(value: str) -> TaskStatus:
    try:
        return TaskStatus(value)
    except ValueError:
        raise ValidationFailed("status", "status must be TODO, DOING or DONE.") from None


async def update_task(
    *,
    tenant_id: UUID,
    task_id: str | UUID,
    title: str | None,
    description: str | None,
    status: str | None,
) -> Task:
    task = await get_task(tenant_id=tenant_id, task_id=task_id)
    fields: list[str] = []
    if title is not None:
        task.title = clean_text("title", title, max_length=MAX_NAME, required=True) or ""
        fields.append("title")
    if description is not None:
        task.description = clean_text(
            "description", description, max_length=MAX_DESCRIPTION, required=False
        )
        fields.append("description")
    if status is not None:
        task.status = parse_status(status)
        fields.append("status")
    if fields:
        await task.save(update_fields=[*fields, "updated_at"])
    return task


@dataclass(frozen=True, slots=True)
class Deleted:
    id: UUID
    # The REFUND row of the task's charge, when its type is refundable.
    refund: CreditUsage | None


async def delete_task(
    *, runtime: Runtime, tenant_id: UUID, user_id: UUID, task_id: str | UUID
) -> Deleted:
    """Deletes the task and, when its charge's type is refundable, refunds that charge in the
    same transaction, under the tenant's lock, as given back by `user_id` (a second delete finds
    no task: NotFound)."""
    id_ = parse_id("id", task_id)

    async def delete(connection: BaseDBAsyncClient | None) -> None:
        deleted = await Task.filter(id=id_, tenant_id=tenant_id).using_db(connection).delete()
        if not deleted:
            raise NotFound("Task")

    if not await deletes_refund(runtime.catalog):
        await delete(None)
        return Deleted(id_, None)

    async def cause(connection: BaseDBAsyncClient) -> tuple[None, list[Refund]]:
        await delete(connection)
        return None, await charges_to_refund(
            runtime.catalog, tenant_id, [id_], connection, by=user_id
        )

    async def precheck() -> None:
        # A delete is never undone: once gone, the answer needs neither lock nor transaction.
        if not await Task.filter(id=id_, tenant_id=tenant_id).exists():
            raise NotFound("Task")

    _, refunds = await runtime.charger.refund(tenant_id, cause, precheck=precheck)
    return Deleted(id_, refunds[0] if refunds else None)
