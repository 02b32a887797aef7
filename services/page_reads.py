"""Reads a tenant's pages of projects and tasks as JSON built by the database, in one statement
(see `models.json_pages`), with the arguments the row-by-row read takes, checked the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

# What a page is made of (`Text`, `Edges`, `PageSpec`, ...), for the resolvers that describe one,
# and how it is compiled and read.
from models import json_pages as shapes
from models.json_pages import CompiledPages
from services import metrics
from services.pagination import check_page_size, decode_cursor
from services.validation import parse_id

__all__ = ["RequestedPage", "compile_pages", "read_pages", "shapes", "supported"]


compile_pages = shapes.compile_pages
supported = shapes.supported


@dataclass(frozen=True, slots=True)
class RequestedPage:
    """A page's arguments as the API received them (a root row's id is its filter)."""

    first: int | None
    after: str | None
    filter_value: str | None = None
    # The filter argument's name in the API, for the error a bad value gets.
    filter_name: str = ""


async def read_pages(
    *, tenant_id: UUID, compiled: CompiledPages, arguments: Sequence[RequestedPage]
) -> str:
    """The JSON text of the page `compiled` describes. Bad arguments raise the
    `ValidationFailed` the row-by-row read raises, before any SQL runs."""
    checked = [
        shapes.PageArguments(
            size=check_page_size(requested.first),
            after=None if requested.after is None else decode_cursor(requested.after),
            filter_value=None
            if requested.filter_value is None
            else parse_id(requested.filter_name, requested.filter_value),
        )
        for requested in arguments
    ]
    text = await shapes.fetch_json(compiled, compiled.parameters(tenant_id, checked))
    metrics.PAGE_READS.inc()
    return text
