"""What the types expect to find on `info.context` (built by the API layer per request)."""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID

from strawberry.dataloader import DataLoader


class Loaders(Protocol):
    user: DataLoader[UUID, Any]
    project: DataLoader[UUID, Any]
    task_count: DataLoader[UUID, int]
    # key: (project id, first, after) → a page of tasks
    task_page: DataLoader[tuple[UUID, int | None, str | None], Any]
    plan: DataLoader[UUID, Any]
    subscription: DataLoader[UUID, Any]
    # key: tenant id → its auto top-up settings (None: never set)
    auto_top_up: DataLoader[UUID, Any]
    # key: (webhook endpoint id, first, after) → a page of its deliveries, newest first
    webhook_delivery_page: DataLoader[tuple[UUID, int | None, str | None], Any]


class TypesContext(Protocol):
    loaders: Loaders
