"""Live usage for a subscriber that resumes: the tenant's events after a sequence, from the
database.

Every charge's ledger row carries the tenant event sequence it made (`credit_usage.sequence`),
so the charges after a sequence can be read back in order. Changes that charged nothing (a plan
change, a new period, a grant) also take a sequence but leave no row: a replay does not send
them one by one; its last message, at the tenant's current sequence, carries the summary they
led to (with `usage` None when that last change was not a charge).

A replayed event carries the usage alerts whose last change it made (`alert_rows`); an alert
changed again since shows with its later event, in its state now.

What summary a replayed event carries: the summary at the time of an old charge cannot be rebuilt
cheaply (allowance, grants and periods move), so every replayed event carries the CURRENT summary,
read with the replay. It is at least as new as the event; the latest message is always accurate.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from models import CreditUsage
from services.events import Listener, UsageEvent
from services.ledger.alert_rows import alerts_by_sequence
from services.ledger.reads import event_sequence
from services.ledger.records import usage_payload
from services.usage import usage_summary

# Rows read per statement while replaying: a long replay is streamed, never held whole.
REPLAY_PAGE = 500


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The tenant's sequence and summary, read together (the sequence first: a charge
    committing in between makes the summary newer, never older, than the sequence)."""

    sequence: int
    summary: dict[str, Any]


async def snapshot(*, tenant_id: UUID) -> Snapshot:
    sequence = await event_sequence(tenant_id)
    return Snapshot(sequence, await usage_summary(tenant_id=tenant_id))


async def charges_between(
    *, tenant_id: UUID, after: int, upto: int, summary: dict[str, Any]
) -> list[UsageEvent]:
    """The charges with `after < sequence <= upto`, in order, at most REPLAY_PAGE of them,
    each carrying `summary`. Call again from the last one's sequence for the rest."""
    if upto <= after:
        return []
    rows = (
        await CreditUsage.filter(tenant_id=tenant_id, sequence__gt=after, sequence__lte=upto)
        .order_by("sequence")
        .limit(REPLAY_PAGE)
    )
    alerts = await alerts_by_sequence(tenant_id, (row.sequence for row in rows)) if rows else {}
    return [
        UsageEvent(
            tenant_id, row.sequence, summary, usage_payload(row), alerts.get(row.sequence, ())
        )
        for row in rows
    ]


class LiveFeed:
    """One subscriber's events, in order, each sequence at most once: a start (the current
    summary, or a replay after a sequence), then live events from `listener` with any gap
    filled from the database. The listener must be listening BEFORE `start()` reads anything,
    so that no event falls between the database and the bus."""

    def __init__(self, tenant_id: UUID, listener: Listener) -> None:
        self.tenant_id = tenant_id
        self.listener = listener
        # The last sequence handed out (-1 before the start).
        self.sequence = -1

    async def start(self, after: int | None) -> AsyncIterator[UsageEvent]:
        """Without `after`: the current summary (usage None). With it: every charge after it,
        then the current summary if the last change was not a charge. An `after` beyond the
        tenant's sequence (one from another database) starts like no `after`."""
        current = await snapshot(tenant_id=self.tenant_id)
        if after is None or after > current.sequence:
            self.sequence = current.sequence
            yield UsageEvent(self.tenant_id, current.sequence, current.summary)
            return
        self.sequence = after
        while True:
            async for event in self._replay(current):
                yield event
            if not self.listener.overflowed:
                return
            # Live events arrived faster than the replay went out and some were not kept:
            # they are committed, so the database has them. Read it again from here.
            self.listener.reset()
            current = await snapshot(tenant_id=self.tenant_id)

    async def _replay(self, current: Snapshot) -> AsyncIterator[UsageEvent]:
        while True:
            events = await charges_between(
                tenant_id=self.tenant_id,
                after=self.sequence,
                upto=current.sequence,
                summary=current.summary,
            )
            for event in events:
                self.sequence = event.sequence
                yield event
            if len(events) < REPLAY_PAGE:
                break
        if self.sequence < current.sequence:
            self.sequence = current.sequence
            alerts = await alerts_by_sequence(self.tenant_id, [current.sequence])
            yield UsageEvent(
                self.tenant_id,
                current.sequence,
                current.summary,
                alerts=alerts.get(current.sequence, ()),
            )

    async def follow(self) -> AsyncIterator[UsageEvent]:
        """Live events, forever; raises ListenerOverflowed when the reader fell behind."""
        while True:
            event = await self.listener.next()
            async for accepted in self.accept(event):
                yield accepted

    async def accept(self, event: UsageEvent) -> AsyncIterator[UsageEvent]:
        """`event` if it is new, after the charges missed before it (a publish that was lost
        or dropped: the commit stands, so the ledger row is there)."""
        if event.sequence <= self.sequence:
            return
        while event.sequence > self.sequence + 1:
            missed = await charges_between(
                tenant_id=self.tenant_id,
                after=self.sequence,
                upto=event.sequence - 1,
                summary=event.summary,
            )
            for replayed in missed:
                self.sequence = replayed.sequence
                yield replayed
            if len(missed) < REPLAY_PAGE:
                break
        self.sequence = event.sequence
        yield event
