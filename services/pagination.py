"""Keyset pagination over (created_at, id): stable under inserts, opaque cursors."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from services.errors import ValidationFailed

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

M = TypeVar("M", bound=Model)
T = TypeVar("T", covariant=True)
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """Rows of one page: models, or plain rows with `created_at` and `id`. A cursor is encoded
    only when asked for (`cursor`, `start_cursor`, `end_cursor`): most reads select none, and encoding one for
    every row was 3% of a 50x10 read's CPU."""

    items: Sequence[T]
    has_next_page: bool

    def cursor(self, index: int) -> str:
        row: Any = self.items[index]
        return encode_cursor(row.created_at, row.id)

    @property
    def start_cursor(self) -> str | None:
        return self.cursor(0) if self.items else None

    @property
    def end_cursor(self) -> str | None:
        return self.cursor(-1) if self.items else None


def encode_cursor(created_at: datetime, id_: UUID) -> str:
    raw = f"{created_at.isoformat()}|{id_}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created_at, _, id_ = base64.urlsafe_b64decode(padded.encode()).decode().partition("|")
        moment = datetime.fromisoformat(created_at)
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment, UUID(id_)
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed("after", "after is not a valid cursor.") from None


def check_page_size(first: int | None) -> int:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if size < 0 or size > MAX_PAGE_SIZE:
        raise ValidationFailed("first", f"first must be between 0 and {MAX_PAGE_SIZE}.")
    return size


async def paginate(
    query: QuerySet[M], *, first: int | None, after: str | None, newest_first: bool = False
) -> Page[M]:
    size = check_page_size(first)
    rows = await _page_query(query, size=size, after=after, newest_first=newest_first)
    return Page(items=rows[:size], has_next_page=len(rows) > size)


async def paginate_rows(
    query: QuerySet[Any],
    row: type[R],
    *,
    first: int | None,
    after: str | None,
    newest_first: bool = False,
) -> Page[R]:
    """`paginate`, but each item is a `row` (a dataclass whose fields name the columns, in
    order; they must include `created_at` and `id`) read without building a tortoise model."""
    size = check_page_size(first)
    columns = [field.name for field in fields(row)]  # type: ignore[arg-type]
    query = _page_query(query, size=size, after=after, newest_first=newest_first)
    rows = [row(*values) for values in await query.values_list(*columns)]
    return Page(items=rows[:size], has_next_page=len(rows) > size)


def _page_query(
    query: QuerySet[M], *, size: int, after: str | None, newest_first: bool
) -> QuerySet[M]:
    if after is not None:
        moment, id_ = decode_cursor(after)
        if newest_first:
            query = query.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=id_))
        else:
            query = query.filter(Q(created_at__gt=moment) | Q(created_at=moment, id__gt=id_))
    order = ("-created_at", "-id") if newest_first else ("created_at", "id")
    return query.order_by(*order).limit(size + 1)
