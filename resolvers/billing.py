"""Credit grants and Stripe billing fields, mounted on the root Query and Mutation."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from resolvers.errors import as_result, for_query
from schema import billing as b
from schema.top_up import SetAutoTopUpInput
from schema.top_up_results import SetAutoTopUpResult, SetAutoTopUpSuccess
from schema.types import Connection, Tenant
from services import grants
from services.billing import checkout, outbox
from services.billing.top_up import config as top_up

PAGE_SIZE = "Page size, at most 100 (default 20)."
AFTER = "Cursor (an `endCursor`) to start after."


def _grant(row: object) -> b.CreditGrant:
    return b.CreditGrant.from_row(row, active=grants.is_active(row))  # type: ignore[arg-type]


@strawberry.type(description="Credit grants and billing queries.")
class BillingQuery:
    @strawberry.field(description="The tenant's credit grants, newest first, spent ones included.")
    async def credit_grants(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[b.CreditGrant]:
        tenant_id = await info.context.tenant_id()
        page = await for_query(grants.list_grants(tenant_id=tenant_id, first=first, after=after))
        return Connection.from_page(page, _grant)

    @strawberry.field(description="Credit packs on sale through Stripe Checkout.")
    async def credit_packs(self, info: Info) -> list[b.CreditPack]:
        settings = info.context.runtime.settings
        packs = await for_query(checkout.credit_packs(settings))
        return [b.CreditPack(price_id=price, credits=credits) for price, credits in packs]

    @strawberry.field(
        description="Meter events owed to Stripe that are not sent yet (pending, or to "
        "reconcile by hand), oldest first. Platform admins only."
    )
    async def billing_outbox(
        self,
        info: Info,
        status: Annotated[
            b.OutboxStatus | None,
            strawberry.argument(description="Only this status (default: all unsent)."),
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[b.BillingOutboxEntry]:
        await info.context.platform_admin()
        page = await for_query(
            outbox.list_outbox(
                settings=info.context.runtime.settings,
                status=outbox.OutboxStatus(status.value) if status else None,
                first=first,
                after=after,
            )
        )
        return Connection.from_page(page, b.BillingOutboxEntry.from_row)


@strawberry.type(description="Credit grants and billing mutations.")
class BillingMutation:
    @strawberry.mutation(
        description="Grants a tenant credits on top of its plan. Platform admins only."
    )
    async def grant_credits(
        self,
        info: Info,
        input: Annotated[
            b.GrantCreditsInput,
            strawberry.argument(
                description="The tenant, and the credits to grant with their terms."
            ),
        ],
    ) -> b.GrantCreditsResult:
        await info.context.platform_admin()
        return await as_result(
            grants.grant_credits(
                charger=info.context.runtime.charger,
                tenant_slug=input.tenant_slug,
                amount=input.amount,
                priority=input.priority,
                expires_at=input.expires_at,
                source=grants.GrantSource(input.source.value),
                reason=input.reason,
            ),
            lambda grant: b.GrantCreditsSuccess(grant=_grant(grant)),
        )

    @strawberry.mutation(
        description="Voids a grant; its unspent credits are forfeited. Platform admins only."
    )
    async def void_grant(
        self,
        info: Info,
        input: Annotated[b.VoidGrantInput, strawberry.argument(description="The grant to void.")],
    ) -> b.VoidGrantResult:
        await info.context.platform_admin()
        return await as_result(
            grants.void_grant(charger=info.context.runtime.charger, grant_id=input.id),
            lambda grant: b.VoidGrantSuccess(grant=_grant(grant)),
        )

    @strawberry.mutation(
        description="A Stripe Checkout URL subscribing the current tenant to a plan. "
        "Tenant owners and admins."
    )
    async def create_checkout_session(
        self,
        info: Info,
        input: Annotated[
            b.CreateCheckoutSessionInput,
            strawberry.argument(description="The plan to subscribe to, and how often to bill."),
        ],
    ) -> b.CreateCheckoutSessionResult:
        await info.context.manager("manage billing")
        return await as_result(
            checkout.create_checkout_session(
                settings=info.context.runtime.settings,
                tenant_id=await info.context.tenant_id(),
                plan_id=input.plan_id,
                interval=checkout.BillingInterval(input.interval.value),
            ),
            lambda url: b.CreateCheckoutSessionSuccess(url=url),
        )

    @strawberry.mutation(
        description="A Stripe Checkout URL buying a credit pack (a PURCHASE grant once paid). "
        "Tenant owners and admins."
    )
    async def create_credit_pack_checkout_session(
        self,
        info: Info,
        input: Annotated[
            b.CreateCreditPackCheckoutSessionInput,
            strawberry.argument(description="The credit pack to buy."),
        ],
    ) -> b.CreateCreditPackCheckoutSessionResult:
        await info.context.manager("manage billing")
        return await as_result(
            checkout.create_credit_pack_checkout_session(
                settings=info.context.runtime.settings,
                tenant_id=await info.context.tenant_id(),
                price_id=input.price_id,
            ),
            lambda url: b.CreateCreditPackCheckoutSessionSuccess(url=url),
        )

    @strawberry.mutation(
        description="Sets the current tenant's auto top-up: a credit pack bought off-session "
        "when a charge leaves the remaining credits below a threshold. Tenant owners and admins."
    )
    async def set_auto_top_up(
        self,
        info: Info,
        input: Annotated[
            SetAutoTopUpInput, strawberry.argument(description="The auto top-up settings.")
        ],
    ) -> SetAutoTopUpResult:
        await info.context.manager("manage billing")
        return await as_result(
            top_up.set_auto_top_up(
                settings=info.context.runtime.settings,
                charger=info.context.runtime.charger,
                tenant_id=await info.context.tenant_id(),
                enabled=input.enabled,
                below_credits=input.below_credits,
                price_id=input.price_id,
                max_per_month=input.max_per_month,
            ),
            lambda tenant: SetAutoTopUpSuccess(tenant=Tenant.from_row(tenant)),
        )

    @strawberry.mutation(
        description="The Stripe billing portal URL for the current tenant. Tenant owners and admins."
    )
    async def create_billing_portal_session(self, info: Info) -> b.CreateBillingPortalSessionResult:
        await info.context.manager("manage billing")
        return await as_result(
            checkout.create_portal_session(
                settings=info.context.runtime.settings, tenant_id=await info.context.tenant_id()
            ),
            lambda url: b.CreateBillingPortalSessionSuccess(url=url),
        )
