"""Per-request DataLoaders: every relation a list can reach costs one statement per request."""

from __future__ import annotations

from functools import cached_property, partial
from typing import Any
from uuid import UUID

from strawberry.dataloader import DataLoader

from services import loaders
from services.plans import plans_by_id
from services.tenants import subscriptions_by_tenant


class Loaders:
    """Each loader is built on first use: most operations touch none or one of them, and
    building a DataLoader is not free (it was 11% of a charged mutation's CPU when eager).
    A loader's function never refers back to this object: that cycle left every request's
    loaded rows to the cyclic garbage collector instead of reference counting."""

    def __init__(self, tenant_id: UUID | None) -> None:
        self.tenant_id = tenant_id

    @cached_property
    def user(self) -> DataLoader[UUID, Any]:
        return DataLoader(loaders.users_by_id)

    @cached_property
    def project(self) -> DataLoader[UUID, Any]:
        return DataLoader(partial(loaders.projects_by_id, self._tenant()))

    @cached_property
    def usage(self) -> DataLoader[UUID, Any]:
        return DataLoader(loaders.usages_by_id)

    @cached_property
    def refunded(self) -> DataLoader[UUID, bool]:
        return DataLoader(loaders.refunded)

    @cached_property
    def task_count(self) -> DataLoader[UUID, int]:
        return DataLoader(partial(loaders.task_counts, self._tenant()))

    @cached_property
    def task_page(self) -> DataLoader[tuple[UUID, int | None, str | None], Any]:
        return DataLoader(partial(loaders.task_pages, self._tenant()))

    @cached_property
    def plan(self) -> DataLoader[UUID, Any]:
        return DataLoader(plans_by_id)

    @cached_property
    def subscription(self) -> DataLoader[UUID, Any]:
        return DataLoader(subscriptions_by_tenant)

    def _tenant(self) -> UUID:
        if self.tenant_id is None:
            raise RuntimeError("tenant-scoped loader used without a tenant")
        return self.tenant_id
