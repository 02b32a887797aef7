"""Query helpers the ORM cannot express."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from credits_api.models.work import Task


async def first_tasks_of_projects(
    tenant_id: UUID, project_ids: Sequence[UUID], per_project: int
) -> list[Task]:
    """The first `per_project` tasks (oldest first) of each project, in one statement.

    Only UUID objects and an int are interpolated, so the SQL cannot be injected into.
    """
    if not project_ids or per_project <= 0:
        return []
    ids = ", ".join(f"'{UUID(str(project_id))}'" for project_id in project_ids)
    sql = (
        "SELECT id, tenant_id, project_id, title, description, status, created_by_id, "
        "created_at, updated_at FROM ("
        " SELECT task.*, ROW_NUMBER() OVER "
        "  (PARTITION BY project_id ORDER BY created_at, id) AS position"
        f" FROM task WHERE tenant_id = '{UUID(str(tenant_id))}' AND project_id IN ({ids})"
        f") ranked WHERE position <= {int(per_project)} ORDER BY project_id, position"
    )
    return list(await Task.raw(sql))
