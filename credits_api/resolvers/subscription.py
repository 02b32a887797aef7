from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from credits_api.schema.types import CreditUsage, UsageEvent, UsageSummary
from credits_api.services import usage


@strawberry.type(description="Live updates, over graphql-transport-ws or graphql-ws.")
class Subscription:
    @strawberry.subscription(
        description="The tenant's usage, live. The first message is the current summary; then "
        "one message per change, `sequence` growing by one (a gap means missed events)."
    )
    async def usage_updated(self, info: Info) -> AsyncGenerator[UsageEvent, None]:
        tenant_id = await info.context.tenant_id()
        bus = info.context.runtime.bus
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
                yield UsageEvent(
                    sequence=event.sequence,
                    summary=UsageSummary.from_dict(event.summary),
                    credit_usage=CreditUsage.from_payload(event.usage) if event.usage else None,
                )
