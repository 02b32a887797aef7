"""Root Subscription: the tenant's usage, live, over graphql-transport-ws or graphql-ws."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncGenerator
from uuid import UUID

import strawberry

from resolvers.context import Info
from resolvers.loaders import Loaders
from schema.types import CreditUsage, UsageEvent, UsageSummary
from services import metrics, usage
from services.events import LISTENER_QUEUE_SIZE
from services.events import UsageEvent as BusEvent

# Every local subscriber of a tenant receives the same bus event: convert it once, not once
# per subscriber (the objects are read-only; per-connection data comes from each context).
_RENDERED: OrderedDict[tuple[UUID, int], UsageEvent] = OrderedDict()
_RENDERED_SIZE = 1024


def _rendered(event: BusEvent) -> UsageEvent:
    key = (event.tenant_id, event.sequence)
    rendered = _RENDERED.get(key)
    if rendered is None:
        rendered = UsageEvent(
            sequence=event.sequence,
            summary=UsageSummary.from_dict(event.summary),
            credit_usage=CreditUsage.from_payload(event.usage) if event.usage else None,
        )
        _RENDERED[key] = rendered
        if len(_RENDERED) > _RENDERED_SIZE:
            _RENDERED.popitem(last=False)
    return rendered


@strawberry.type(description="Live updates, over graphql-transport-ws or graphql-ws.")
class Subscription:
    @strawberry.subscription(
        description=(
            "The usage of the connection's tenant (named in the `connection_init` payload), live. "
            "The first message is the current summary (`creditUsage` null); then one message per "
            "change — a charge, a plan change, a new period — with `sequence` growing by one. "
            "Overflow policy: each subscriber has a bounded queue of "
            f"{LISTENER_QUEUE_SIZE} events; a subscriber that reads too slowly loses its OLDEST "
            "queued events (never slowing the mutations or other subscribers), so a jump in "
            "`sequence` means missed events: re-query `usageSummary` or re-subscribe. The "
            "summary in every message is complete, so the latest message is always accurate."
        )
    )
    async def usage_updated(self, info: Info) -> AsyncGenerator[UsageEvent, None]:
        context = info.context
        tenant_id = await context.tenant_id()
        bus = context.runtime.bus
        metrics.LIVE_SUBSCRIPTIONS.inc()
        try:
            # Listen before reading the snapshot, so no event falls between the two.
            async with bus.listen(tenant_id) as listener:
                summary, sequence = await usage.summary_and_sequence(tenant_id=tenant_id)
                yield UsageEvent(
                    sequence=sequence, summary=UsageSummary.from_dict(summary), credit_usage=None
                )
                while True:
                    event = await listener.queue.get()
                    if event.sequence <= sequence:
                        continue
                    sequence = event.sequence
                    # The connection's context (and its DataLoaders) lives as long as the
                    # websocket: fresh loaders per message keep their caches from growing.
                    context.loaders = Loaders(tenant_id)
                    yield _rendered(event)
        finally:
            metrics.LIVE_SUBSCRIPTIONS.dec()
