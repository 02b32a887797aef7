"""Outgoing webhooks, mounted on the root Query and Mutation: tenant OWNERs and ADMINs only."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from resolvers.errors import as_result
from schema import webhooks as w
from services.webhooks import endpoints


@strawberry.type(description="Webhook queries.")
class WebhookQuery:
    @strawberry.field(
        description="The tenant's webhook endpoints, oldest first (deleted ones are left out). "
        "Tenant owners and admins."
    )
    async def webhook_endpoints(self, info: Info) -> list[w.WebhookEndpoint]:
        await info.context.manager("manage webhooks")
        rows = await endpoints.list_endpoints(tenant_id=await info.context.tenant_id())
        return [w.WebhookEndpoint.from_row(row) for row in rows]


@strawberry.type(description="Webhook mutations.")
class WebhookMutation:
    @strawberry.mutation(
        description="Adds an endpoint that receives the tenant's events, signed with a secret "
        "shown only in the result. Tenant owners and admins."
    )
    async def create_webhook_endpoint(
        self,
        info: Info,
        input: Annotated[
            w.CreateWebhookEndpointInput,
            strawberry.argument(description="The endpoint's URL and a note."),
        ],
    ) -> w.CreateWebhookEndpointResult:
        await info.context.manager("manage webhooks")
        return await as_result(
            endpoints.create_endpoint(
                tenant_id=await info.context.tenant_id(),
                url=input.url,
                description=input.description,
                production=info.context.runtime.settings.is_production,
            ),
            lambda created: w.CreateWebhookEndpointSuccess(
                endpoint=w.WebhookEndpoint.from_row(created.endpoint), secret=created.secret
            ),
        )

    @strawberry.mutation(
        description="Deletes an endpoint: nothing more is sent to it, its pending deliveries "
        "fail. Tenant owners and admins."
    )
    async def delete_webhook_endpoint(
        self,
        info: Info,
        input: Annotated[
            w.DeleteWebhookEndpointInput,
            strawberry.argument(description="The endpoint to delete."),
        ],
    ) -> w.DeleteWebhookEndpointResult:
        await info.context.manager("manage webhooks")
        return await as_result(
            endpoints.delete_endpoint(
                tenant_id=await info.context.tenant_id(), endpoint_id=input.id
            ),
            lambda endpoint: w.DeleteWebhookEndpointSuccess(
                endpoint=w.WebhookEndpoint.from_row(endpoint),
                deleted_id=strawberry.ID(str(endpoint.id)),
            ),
        )
