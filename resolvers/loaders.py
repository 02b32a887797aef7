"""Per-request DataLoaders: every relation a list can reach costs one statement per request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from functools import cached_property, partial
from typing import Any
from uuid import UUID

from strawberry.dataloader import DataLoader

from resolvers.errors import top_level
from services import loaders, members
from services.billing.top_up.config import auto_top_ups_by_tenant
from services.errors import ValidationFailed
from services.pagination import check_page_size, decode_cursor
from services.plans import plans_by_id
from services.tenants import subscriptions_by_tenant
from services.webhooks.endpoints import delivery_pages


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
        return DataLoader(_checked_pages(partial(loaders.task_pages, self._tenant())))

    @cached_property
    def plan(self) -> DataLoader[UUID, Any]:
        return DataLoader(plans_by_id)

    @cached_property
    def subscription(self) -> DataLoader[UUID, Any]:
        return DataLoader(subscriptions_by_tenant)

    @cached_property
    def member_credits_used(self) -> DataLoader[tuple[UUID, UUID], int]:
        # Keyed by (tenant, user): a viewer's memberships span tenants.
        return DataLoader(members.credits_used)

    @cached_property
    def auto_top_up(self) -> DataLoader[UUID, Any]:
        return DataLoader(auto_top_ups_by_tenant)

    @cached_property
    def webhook_delivery_page(self) -> DataLoader[tuple[UUID, int | None, str | None], Any]:
        # Keys come from the tenant's own endpoints (`webhookEndpoints`).
        return DataLoader(_webhook_delivery_pages)

    def _tenant(self) -> UUID:
        if self.tenant_id is None:
            raise RuntimeError("tenant-scoped loader used without a tenant")
        return self.tenant_id


async def _webhook_delivery_pages(
    keys: Sequence[tuple[UUID, int | None, str | None]],
) -> list[Any]:
    """The pages; a page asked for with a bad `first` or `after` is that field's BAD_REQUEST
    error (as `for_query` makes it), not an unexpected one."""
    return [
        top_level("BAD_REQUEST", value.message, field=value.field)
        if isinstance(value, ValidationFailed)
        else value
        for value in await delivery_pages(keys)
    ]


PageKey = tuple[UUID, int | None, str | None]


def _checked_pages(
    load: Callable[[Sequence[PageKey]], Awaitable[Sequence[Any]]],
) -> Callable[[Sequence[PageKey]], Awaitable[list[Any]]]:
    """`load`, given only the keys whose `first` and `after` are valid: the others get their
    BAD_REQUEST error, as the root lists answer, instead of failing the batch as an
    unexpected error (a nested `tasks(after: "bad")` was "Unexpected error.")."""

    async def batch(keys: Sequence[PageKey]) -> list[Any]:
        errors: dict[PageKey, Exception] = {}
        for key in keys:
            try:
                check_page_size(key[1])
                if key[2] is not None:
                    decode_cursor(key[2])
            except ValidationFailed as error:
                errors[key] = top_level("BAD_REQUEST", error.message, field=error.field)
        valid = [key for key in keys if key not in errors]
        values = iter(await load(valid) if valid else [])
        return [errors[key] if key in errors else next(values) for key in keys]

    return batch
