"""Types of outgoing webhooks: endpoints, their deliveries, and the mutations' inputs and results."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from schema import reads
from schema.errors import Conflict, NotFound, ValidationFailed
from schema.scalars import described
from schema.types import Connection


@strawberry.enum(description="Where the delivery of one event to one endpoint stands.")
class WebhookDeliveryStatus(Enum):
    PENDING = described(
        "PENDING", description="Not accepted yet: sent, or retried with backoff, soon."
    )
    DELIVERED = described("DELIVERED", description="The endpoint answered 2xx.")
    FAILED = described(
        "FAILED",
        description="Given up: still failing 24 h after the event, or its endpoint was deleted.",
    )


@strawberry.type(description="One event sent (or being sent) to one endpoint.")
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    event_id: strawberry.ID = strawberry.field(
        description="The event's id: the `id` of the JSON body, the same on every retry."
    )
    event_type: str = strawberry.field(
        description="The event's type, e.g. `usage.threshold.reached`."
    )
    status: WebhookDeliveryStatus = strawberry.field(description="Pending, delivered or failed.")
    attempts: int = strawberry.field(description="POSTs made so far (including one in flight).")
    last_status_code: int | None = strawberry.field(
        description="HTTP status of the last answer; null before any, or after a timeout or "
        "connection error."
    )
    next_attempt_at: datetime | None = strawberry.field(
        description="When the next attempt is due; null once delivered or failed."
    )
    last_error: str | None = strawberry.field(
        description="Why the last attempt failed (e.g. `HTTP 500`, a timeout, a refused address)."
    )
    delivered_at: datetime | None = strawberry.field(description="When the endpoint accepted it.")
    created_at: datetime = strawberry.field(description="When the event was emitted.")

    @classmethod
    def from_row(cls, row: Any) -> WebhookDelivery:
        return cls(
            id=strawberry.ID(str(row.id)),
            event_id=strawberry.ID(str(row.event_id)),
            event_type=row.event.type.value,
            status=WebhookDeliveryStatus(row.status.value),
            attempts=row.attempts,
            last_status_code=row.last_status_code,
            next_attempt_at=row.next_attempt_at,
            last_error=row.last_error,
            delivered_at=row.delivered_at,
            created_at=row.created_at,
        )


@strawberry.type(description="A URL of the tenant's that receives its events, signed.")
class WebhookEndpoint:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    url: str = strawberry.field(description="Where events are POSTed.")
    description: str | None = strawberry.field(description="A note on the endpoint.")
    created_at: datetime = strawberry.field(description="When it was created.")
    deleted_at: datetime | None = strawberry.field(
        description="When it was deleted (nothing is sent to it since); null while live."
    )
    endpoint_id: strawberry.Private[UUID]

    @classmethod
    def from_row(cls, row: Any) -> WebhookEndpoint:
        return cls(
            id=strawberry.ID(str(row.id)),
            url=row.url,
            description=row.description,
            created_at=row.created_at,
            deleted_at=row.deleted_at,
            endpoint_id=row.id,
        )

    @strawberry.field(
        description="Its deliveries, newest first, with their attempts and outcome.",
        metadata=reads.PURE_READ,
    )
    async def deliveries(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size, at most 100 (default 20).")
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor (an `endCursor`) to start after.")
        ] = None,
    ) -> Connection[WebhookDelivery]:
        page = await info.context.loaders.webhook_delivery_page.load(
            (self.endpoint_id, first, after)
        )
        return Connection.from_page(page, WebhookDelivery.from_row)


@strawberry.input(description="A new webhook endpoint.")
class CreateWebhookEndpointInput:
    url: str = strawberry.field(
        description="Where to POST events. In production: `https://` to a host with only public "
        "addresses."
    )
    description: str | None = strawberry.field(
        default=None, description="A note, at most 500 characters."
    )


@strawberry.input(description="The webhook endpoint to delete.")
class DeleteWebhookEndpointInput:
    id: strawberry.ID = strawberry.field(description="The endpoint's id.")


@strawberry.type(description="The endpoint was created; keep its secret, it is not shown again.")
class CreateWebhookEndpointSuccess:
    endpoint: WebhookEndpoint = strawberry.field(description="The new endpoint.")
    secret: str = strawberry.field(
        description="The signing secret (`whsec_…`) of `Credits-Signature`; shown only here."
    )


@strawberry.type(description="The endpoint was deleted; nothing more is sent to it.")
class DeleteWebhookEndpointSuccess:
    endpoint: WebhookEndpoint = strawberry.field(description="The endpoint, with `deletedAt`.")
    deleted_id: strawberry.ID = strawberry.field(description="The deleted endpoint's id.")


CreateWebhookEndpointResult = Annotated[
    CreateWebhookEndpointSuccess | ValidationFailed | Conflict,
    strawberry.union("CreateWebhookEndpointResult", description="Result of createWebhookEndpoint."),
]
DeleteWebhookEndpointResult = Annotated[
    DeleteWebhookEndpointSuccess | NotFound | ValidationFailed,
    strawberry.union("DeleteWebhookEndpointResult", description="Result of deleteWebhookEndpoint."),
]
