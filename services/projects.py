"""Projects: created for credits, updated and deleted for free (deleting does not refund)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from models import CreditUsage, Project
from services.credit_types import PROJECT_CREATION
from services.errors import NotFound
from services.ledger.reads import charged_object
from services.ledger.requests import ChargeRequest, NewObject
from services.pagination import Page, paginate_rows
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


@dataclass(frozen=True, slots=True)
class Created:
    obj: Project
    usage: CreditUsage


async def create_project(
    *,
    runtime: Runtime,
    tenant_id: UUID,
    user_id: UUID,
    name: str,
    description: str | None,
    idempotency_key: str | None,
) -> Created:
    """Creates the project and charges `credit-project-creation` for it, within the tenant's
    and the user's rate limits."""
    await runtime.limiter.hit(action="createProject", tenant_id=tenant_id, user_id=user_id)
    clean_name = clean_text("name", name, max_length=MAX_NAME, required=True)
    clean_description = clean_text(
        "description", description, max_length=MAX_DESCRIPTION, required=False
    )
    key = clean_idempotency_key(idempotency_key)
    outcome = await runtime.charger.charge(
        ChargeRequest(
            tenant_id=tenant_id,
            user_id=user_id,
            # The catalog as this process keeps it (no query): an admin may change the amount.
            credit_type=await runtime.catalog.credit_type(PROJECT_CREATION.value),
            new=NewObject(
                Project,
                uuid4(),
                {
                    "tenant_id": tenant_id,
                    "name": clean_name,
                    "description": clean_description,
                    "created_by_id": user_id,
                },
            ),
            idempotency_key=key,
            fingerprint=request_fingerprint(
                key, "createProject", {"name": clean_name, "description": clean_description}
            ),
        )
    )
    return Created(await charged_object(outcome, Project, tenant_id), outcome.usage)


async def get_project(*, tenant_id: UUID, project_id: str | UUID) -> Project:
    project = await Project.get_or_none(id=parse_id("id", project_id), tenant_id=tenant_id)
    if project is None:
        raise NotFound("Project")
    return project


@dataclass(slots=True)
class ProjectRow:
    """The columns of a project a list shows, with `Project`'s attribute names, read without
    building a tortoise model (a page of 50 took 0.45 ms of CPU instead of 0.75)."""

    id: UUID
    name: str
    description: str | None
    created_by_id: UUID | None
    created_at: datetime


async def list_projects(
    *, tenant_id: UUID, first: int | None, after: str | None
) -> Page[ProjectRow]:
    return await paginate_rows(
        Project.filter(tenant_id=tenant_id), ProjectRow, first=first, after=after
    )


async def update_project(
    *,
    tenant_id: UUID,
    project_id: str | UUID,
    name: str | None,
    description: str | None,
) -> Project:
    project = await get_project(tenant_id=tenant_id, project_id=project_id)
    fields: list[str] = []
    if name is not None:
        project.name = clean_text("name", name, max_length=MAX_NAME, required=True) or ""
        fields.append("name")
    if description is not None:
        project.description = clean_text(
            "description", description, max_length=MAX_DESCRIPTION, required=False
        )
        fields.append("description")
    if fields:
        await project.save(update_fields=[*fields, "updated_at"])
    return project


async def delete_project(*, tenant_id: UUID, project_id: str | UUID) -> UUID:
    """Deletes the project and its tasks. Credits already charged stay charged."""
    id_ = parse_id("id", project_id)
    deleted = await Project.filter(id=id_, tenant_id=tenant_id).delete()
    if not deleted:
        raise NotFound("Project")
    return id_
