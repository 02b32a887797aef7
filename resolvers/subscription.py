"""Root Subscription: the tenant's usage, live, over graphql-transport-ws or graphql-ws."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncGenerator
from typing import Annotated
from uuid import UUID

import strawberry

from resolvers import live_fanout
from resolvers.context import Context, Info
from resolvers.errors import top_level
from resolvers.live_fanout import group_of
from resolvers.live_sockets import TOO_SLOW, close_connection
from resolvers.loaders import Loaders
from schema.types import CreditUsage, UsageAlert, UsageEvent, UsageSummary
from services import metrics
from services.events import LISTENER_QUEUE_SIZE, ListenerOverflowed
from services.events import UsageEvent as BusEvent
from services.live import LiveFeed

# Every local subscriber of a tenant receives the same bus event: convert it once, not once
# per subscriber (the objects are read-only; per-connection data comes from each context).
_RENDERED: OrderedDict[tuple[UUID, int], tuple[BusEvent, UsageEvent]] = OrderedDict()
_RENDERED_SIZE = 1024


def rendered(event: BusEvent) -> UsageEvent:
    key = (event.tenant_id, event.sequence)
    cached = _RENDERED.get(key)
    # A replayed event carries a newer summary than the live one of the same sequence.
    if cached is not None and cached[0] == event:
        return cached[1]
    converted = UsageEvent(
        sequence=event.sequence,
        summary=UsageSummary.from_dict(event.summary),
        credit_usage=CreditUsage.from_payload(event.usage) if event.usage else None,
    )
    if event.alerts:
        converted.alerts = [UsageAlert.from_payload(alert) for alert in event.alerts]
        converted.alert = converted.alerts[0]
    _RENDERED[key] = (event, converted)
    if len(_RENDERED) > _RENDERED_SIZE:
        _RENDERED.popitem(last=False)
    return converted


AFTER_SEQUENCE = (
    "Resume after this `sequence` (the last one the client received): the charges after it "
    "are replayed from the database first, in order, then live events follow, none missing or "
    "repeated. A replayed message carries the CURRENT summary (the summary just after an old "
    "charge is not kept); changes that charged nothing (plan, period, grants) are not replayed "
    "one by one: the last replayed message, at the tenant's current sequence, carries their "
    "summary. Omitted: the first message is the current summary."
)


@strawberry.type(description="Live updates, over graphql-transport-ws or graphql-ws.")
class Subscription:
    @strawberry.subscription(
        description=(
            "The usage of the connection's tenant (named in the `connection_init` payload), live. "
            "The first message is the current summary (`creditUsage` null), or with "
            "`afterSequence` the events after it; then one message per change — a charge, a "
            "plan change, a new period — with `sequence` growing by one. A subscriber that "
            f"reads too slowly (more than {LISTENER_QUEUE_SIZE} events behind) is closed with "
            "code 4008 (never slowing the mutations or other subscribers): reconnect with "
            "`afterSequence` set to the last `sequence` received to lose nothing."
        )
    )
    async def usage_updated(
        self,
        info: Info,
        after_sequence: Annotated[
            int | None, strawberry.argument(description=AFTER_SEQUENCE)
        ] = None,
    ) -> AsyncGenerator[UsageEvent, None]:
        if after_sequence is not None and after_sequence < 0:
            raise top_level(
                "BAD_REQUEST", "afterSequence cannot be negative.", field="afterSequence"
            )
        context = info.context
        group = group_of(context)
        if group is not None:
            # A fast-path group's own subscription: renders the tenant's events once for all.
            async for event in group.events(context.runtime.bus):
                yield rendered(event)
            return
        tenant_id = await context.tenant_id()
        metrics.LIVE_SUBSCRIPTIONS.inc()
        try:
            async for message in _subscriber(context, tenant_id, after_sequence):
                yield message
        finally:
            operation = live_fanout.CURRENT.get()
            if operation is None or not operation.handed:
                metrics.LIVE_SUBSCRIPTIONS.dec()


async def _subscriber(
    context: Context, tenant_id: UUID, after: int | None
) -> AsyncGenerator[UsageEvent, None]:
    operation = live_fanout.CURRENT.get()
    group: live_fanout.Group | None = None
    member: live_fanout.Member | None = None
    # The member belongs to the socket's handler once handed over (`LiveOperation.joined`).
    handed = False
    if operation is not None:
        # Fast path live-fanout: attached (listening) before this subscriber listens itself.
        group = await operation.hub.attach(operation, context, tenant_id)
    try:
        # Listen before reading the database, so no event falls between the two.
        async with context.runtime.bus.listen(tenant_id) as listener:
            feed = LiveFeed(tenant_id, listener)
            async for event in feed.start(after):
                yield rendered(event)
            try:
                if group is not None and operation is not None:
                    # Caught up: send what is queued, then join with nothing left unsent
                    # (no await between the check and the join).
                    while not listener.queue.empty() or listener.overflowed:
                        async for event in feed.accept(await listener.next()):
                            yield rendered(event)
                    member = group.join(operation, feed.sequence)
                    if operation.joined is not None:
                        operation.joined(group, member)
                        handed = operation.handed = True
                else:
                    async for event in feed.follow():
                        # The connection's context (and its DataLoaders) lives as long as the
                        # websocket: fresh loaders per message keep their caches from growing.
                        context.loaders = Loaders(tenant_id)
                        yield rendered(event)
            except ListenerOverflowed:
                close_connection(context.request, TOO_SLOW, "Subscriber too slow")
        if handed:
            # The group writes this subscriber's frames; its handler keeps the id: the
            # operation ends here (no `complete` is sent for it).
            return
        # Joined, or closed: nothing more to send from here; the socket's end cancels this.
        await asyncio.Event().wait()
    finally:
        if group is not None and operation is not None and not handed:
            operation.hub.detach(group, member)
