"""Per-request DataLoaders: every relation a list can reach costs one statement per request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from strawberry.dataloader import DataLoader

from credits_api.services import loaders
from credits_api.services.plans import plans_by_id
from credits_api.services.tenants import subscriptions_by_tenant


class Loaders:
    def __init__(self, tenant_id: UUID | None) -> None:
        self.tenant_id = tenant_id
        self.user: DataLoader[UUID, Any] = DataLoader(loaders.users_by_id)
        self.project: DataLoader[UUID, Any] = DataLoader(self._projects)
        self.task_count: DataLoader[UUID, int] = DataLoader(self._task_counts)
        self.task_page: DataLoader[tuple[UUID, int | None, str | None], Any] = DataLoader(
            self._task_pages
        )
        self.plan: DataLoader[UUID, Any] = DataLoader(plans_by_id)
        self.subscription: DataLoader[UUID, Any] = DataLoader(subscriptions_by_tenant)

    def _tenant(self) -> UUID:
        if self.tenant_id is None:
            raise RuntimeError("tenant-scoped loader used without a tenant")
        return self.tenant_id

    async def _projects(self, ids: Sequence[UUID]) -> list[Any]:
        return await loaders.projects_by_id(self._tenant(), ids)

    async def _task_counts(self, ids: Sequence[UUID]) -> list[int]:
        return await loaders.task_counts(self._tenant(), ids)

    async def _task_pages(self, keys: Sequence[tuple[UUID, int | None, str | None]]) -> list[Any]:
        return await loaders.task_pages(self._tenant(), keys)
