"""The credit catalog as this process keeps it: every charge reads its credit type here, from
memory, never from the database.

The catalog changes rarely (a platform admin's `createCreditType`/`updateCreditType`), and a
charge must see a change soon after it commits, in every process. So the copy is dropped when
the event bus announces a change (`CATALOG_TOPIC`: Redis pub/sub across processes, or the
in-process bus), and when an announcement may have been lost (Redis came back); it is read
again, once, by the next charge that needs it. A copy older than `MAX_AGE_SECONDS` is read
again too: the bound if an announcement could not be published at all.

Announcements are watched BEFORE the catalog is first read, so no change committed after that
read can go unannounced to this process; a change announced while a read is running makes
that read's result stale at once (`_generation`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import structlog
from redis.exceptions import RedisError

from models import CreditTypeRow
from services.credit_types import CreditType
from services.errors import NotFound, Unavailable
from services.events import EventBus
from services.outages import database_unreachable

log = structlog.get_logger(__name__)

CATALOG_TOPIC = "credit-catalog"
MAX_AGE_SECONDS = 60.0
# Without a watch (Redis unreachable when it was set up), keep a copy this long only.
UNWATCHED_MAX_AGE_SECONDS = 1.0


def from_row(row: CreditTypeRow) -> CreditType:
    return CreditType(
        value=row.value,
        name=row.name,
        description=row.description,
        amount=row.amount,
        usage_unit=row.usage_unit,
        meter_event_name=row.meter_event_name,
        refundable=row.refundable,
    )


class Catalog:
    def __init__(self, bus: EventBus, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._bus = bus
        self._clock = clock
        self._types: dict[str, CreditType] | None = None
        self._expires = 0.0
        self._generation = 0
        self._watching = False
        self._loading: asyncio.Future[dict[str, CreditType]] | None = None

    async def credit_type(self, value: str) -> CreditType:
        """The credit type named `value`, as the catalog holds it now; `NotFound` if none."""
        credit_type = (await self._current()).get(value)
        if credit_type is None:
            raise NotFound(f"Credit type '{value}'")
        return credit_type

    async def find(self, value: str) -> CreditType | None:
        """The credit type named `value`, or None."""
        return (await self._current()).get(value)

    async def credit_types(self) -> list[CreditType]:
        """Every credit type, by value."""
        return sorted((await self._current()).values(), key=lambda t: t.value)

    def forget(self) -> None:
        """Drops the copy: the next use reads the catalog again."""
        self._generation += 1
        self._types = None

    async def changed(self) -> None:
        """After a change to the catalog committed: every process drops its copy."""
        self.forget()
        try:
            await self._bus.announce(CATALOG_TOPIC)
        except (RedisError, OSError):
            # The other processes read it again within MAX_AGE_SECONDS all the same.
            log.warning("could not announce a credit catalog change", exc_info=True)

    async def _current(self) -> dict[str, CreditType]:
        types = self._types
        if types is not None and self._clock() < self._expires:
            return types
        if self._loading is None:
            # One read however many charges wait for it; shielded, so a caller that goes
            # away does not cancel the others' read.
            self._loading = asyncio.ensure_future(self._load())
        return await asyncio.shield(self._loading)

    async def _load(self) -> dict[str, CreditType]:
        try:
            return await self._read()
        finally:
            self._loading = None

    async def _read(self) -> dict[str, CreditType]:
        max_age = MAX_AGE_SECONDS
        if not self._watching:
            try:
                await self._bus.watch(CATALOG_TOPIC, self.forget)
                self._watching = True
            except (RedisError, OSError):
                log.warning("cannot watch the credit catalog; re-reading it often", exc_info=True)
                max_age = UNWATCHED_MAX_AGE_SECONDS
        generation = self._generation
        try:
            rows = await CreditTypeRow.all()
        except Exception as error:
            if database_unreachable(error):
                # As a charge whose batch cannot reach the database answers.
                raise Unavailable(
                    "The database is unreachable; nothing was charged. Retry."
                ) from error
            raise
        types = {row.value: from_row(row) for row in rows}
        if generation == self._generation:
            # Not changed while it was read: keep it (otherwise answer with it this once).
            self._types = types
            self._expires = self._clock() + max_age
        return types
