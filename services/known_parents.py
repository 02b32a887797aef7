"""Which parents (a task's project) the ledger has seen in which tenant.

A charged object must belong to a parent of its own tenant; checking that was one statement,
and one round trip while the tenant's lock is held, in every batch. A parent never moves to
another tenant, so once seen it need not be read again: only its deletion can change the
answer, and the database's foreign key refuses the insert of a child whose parent has gone.
The ledger then forgets what it knew of that batch's parents and decides each request alone,
reading its parent again (`Charger._commit`).
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from services.recency import remember

if TYPE_CHECKING:
    from services.ledger import ChargeRequest

MAX_PARENTS = 65_536

ParentKey = tuple[type[Model], UUID]


class KnownParents:
    """Parents seen to exist, each with its tenant; the least recently used are dropped."""

    def __init__(self, max_parents: int = MAX_PARENTS) -> None:
        self._tenants: OrderedDict[ParentKey, UUID] = OrderedDict()
        self._max_parents = max_parents

    def tenant_of(self, key: ParentKey) -> UUID | None:
        tenant_id = self._tenants.get(key)
        if tenant_id is not None:
            self._tenants.move_to_end(key)
        return tenant_id

    def learn(self, found: Iterable[tuple[ParentKey, UUID]]) -> None:
        remember(self._tenants, found, self._max_parents)

    def forget(self, requests: Iterable[ChargeRequest]) -> None:
        for request in requests:
            if request.parent is not None:
                self._tenants.pop((request.parent.model, request.parent.id), None)


def _partition(
    requests: Sequence[ChargeRequest], known: KnownParents
) -> tuple[set[ParentKey], dict[type[Model], set[tuple[UUID, UUID]]]]:
    """The requests' parents known in their request's tenant, and the others (model → pairs of
    parent id and tenant) still to be read."""
    found: set[ParentKey] = set()
    wanted: dict[type[Model], set[tuple[UUID, UUID]]] = defaultdict(set)
    for request in requests:
        parent = request.parent
        if parent is None:
            continue
        key = (parent.model, parent.id)
        if known.tenant_of(key) == request.tenant_id:
            found.add(key)
        else:
            wanted[parent.model].add((parent.id, request.tenant_id))
    return found, wanted


def known_parents(requests: Sequence[ChargeRequest], known: KnownParents) -> set[ParentKey] | None:
    """The requests' parents if every one is known in its request's tenant, else None."""
    found, wanted = _partition(requests, known)
    return None if wanted else found


async def existing_parents(
    requests: Sequence[ChargeRequest], connection: BaseDBAsyncClient, known: KnownParents
) -> set[ParentKey]:
    """The requested parents that exist in their request's tenant: those known, and the rest
    read with one statement per model (none when every parent is known)."""
    found, wanted = _partition(requests, known)
    for model, pairs in wanted.items():
        rows = await (
            model.filter(
                id__in=list({id_ for id_, _ in pairs}),
                tenant_id__in=list({tenant for _, tenant in pairs}),
            )
            .using_db(connection)
            .values_list("id", "tenant_id")
        )
        seen = []
        for id_, tenant_id in rows:
            pair = (UUID(str(id_)), UUID(str(tenant_id)))
            if pair in pairs:
                found.add((model, pair[0]))
                seen.append(((model, pair[0]), pair[1]))
        known.learn(seen)
    return found
