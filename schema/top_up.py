"""Auto top-up: the tenant's settings and `setAutoTopUp`'s input (its result is in
schema/top_up_results.py, which needs `Tenant`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry


@strawberry.type(
    description="Buys a credit pack automatically (off-session, on the Stripe customer's default "
    "payment method) when a charge leaves the remaining credits below `belowCredits`; at most "
    "`maxPerMonth` purchases a calendar month (UTC), never two at once. A declined payment "
    "sends `credits.auto_top_up.failed` and pauses auto top-up until `setAutoTopUp` is called "
    "again; it does not count toward `maxPerMonth`."
)
class AutoTopUp:
    enabled: bool = strawberry.field(description="Whether auto top-up is on.")
    below_credits: int = strawberry.field(
        description="A charge that leaves fewer remaining credits than this starts a purchase."
    )
    price_id: str = strawberry.field(
        description="The credit pack bought: its Stripe price id (see `creditPacks`)."
    )
    max_per_month: int = strawberry.field(
        description="The most purchases in a calendar month (UTC)."
    )
    purchases_this_month: int = strawberry.field(
        description="Purchases Stripe confirmed this calendar month (UTC)."
    )
    paused_at: datetime | None = strawberry.field(
        description="When a declined payment paused auto top-up (null: not paused). Calling "
        "`setAutoTopUp` again resumes it."
    )

    @classmethod
    def from_view(cls, view: Any) -> AutoTopUp:
        return cls(
            enabled=view.enabled,
            below_credits=view.below_credits,
            price_id=view.price_id,
            max_per_month=view.max_per_month,
            purchases_this_month=view.purchases_this_month,
            paused_at=view.paused_at,
        )


@strawberry.input(description="The tenant's auto top-up settings.")
class SetAutoTopUpInput:
    enabled: bool = strawberry.field(
        description="On or off. On needs a Stripe customer with a default payment method."
    )
    below_credits: int = strawberry.field(
        description="Buy when a charge leaves fewer remaining credits than this (0 or more)."
    )
    price_id: str = strawberry.field(
        description="The credit pack to buy: a Stripe price id of `creditPacks`."
    )
    max_per_month: int = strawberry.field(
        description="The most purchases in a calendar month, UTC (1 or more)."
    )
