"""Batch lookups behind the API's DataLoaders: one statement per relation per request."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from tortoise.functions import Count

from models import CreditUsage, Project, Task, User
from models.queries import TaskRow, first_tasks_of_projects
from services.pagination import Page, check_page_size, paginate


async def users_by_id(ids: Sequence[UUID]) -> list[User | None]:
    found = {user.id: user for user in await User.filter(id__in=list(set(ids)))}
    return [found.get(id_) for id_ in ids]


async def projects_by_id(tenant_id: UUID, ids: Sequence[UUID]) -> list[Project | None]:
    found = {
        project.id: project
        for project in await Project.filter(tenant_id=tenant_id, id__in=list(set(ids)))
    }
    return [found.get(id_) for id_ in ids]


async def usages_by_id(ids: Sequence[UUID]) -> list[CreditUsage | None]:
    """Ledger rows by id (the charge a refund reverses: the same tenant's, by construction)."""
    found = {usage.id: usage for usage in await CreditUsage.filter(id__in=list(set(ids)))}
    return [found.get(id_) for id_ in ids]


async def refunded(ids: Sequence[UUID]) -> list[bool]:
    """Whether a REFUND row reverses each ledger row."""
    reversed_ids = {
        UUID(str(id_))
        for id_ in await CreditUsage.filter(reverses_id__in=list(set(ids))).values_list(
            "reverses_id", flat=True
        )
    }
    return [id_ in reversed_ids for id_ in ids]


async def task_counts(tenant_id: UUID, project_ids: Sequence[UUID]) -> list[int]:
    rows = (
        await Task.filter(tenant_id=tenant_id, project_id__in=list(set(project_ids)))
        .group_by("project_id")
        .annotate(count=Count("id"))
        .values("project_id", "count")
    )
    counts = {row["project_id"]: row["count"] for row in rows}
    return [counts.get(project_id, 0) for project_id in project_ids]


async def task_pages(
    tenant_id: UUID, keys: Sequence[tuple[UUID, int | None, str | None]]
) -> list[Page[Task | TaskRow]]:
    """Pages of tasks for many projects. First pages (no cursor) of one size share a single
    windowed statement and come as plain `TaskRow`s; a page after a cursor is rare and fetched
    alone, as models."""
    pages: dict[tuple[UUID, int | None, str | None], Page[Task | TaskRow]] = {}
    first_pages: dict[int, list[UUID]] = defaultdict(list)
    for project_id, first, after in keys:
        if after is None:
            first_pages[check_page_size(first)].append(project_id)
        else:
            pages[(project_id, first, after)] = await paginate(
                Task.filter(tenant_id=tenant_id, project_id=project_id), first=first, after=after
            )
    first_rows: dict[tuple[int, UUID], list[Task | TaskRow]] = defaultdict(list)
    for size, project_ids in first_pages.items():
        for task in await first_tasks_of_projects(tenant_id, project_ids, size + 1):
            first_rows[(size, task.project_id)].append(task)
    for key in keys:
        if key not in pages:
            size = check_page_size(key[1])
            rows = first_rows.get((size, key[0]), [])
            pages[key] = Page(items=rows[:size], has_next_page=len(rows) > size)
    return [pages[key] for key in keys]
