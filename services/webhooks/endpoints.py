"""A tenant's webhook endpoints: created (URL checked, secret shown once), listed, deleted;
and the pages of their deliveries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tortoise.transactions import in_transaction

from models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from models.webhooks import newest_delivery_ids
from services.clock import utcnow
from services.errors import Conflict, NotFound, ValidationFailed
from services.pagination import Page, check_page_size, decode_cursor, paginate
from services.validation import clean_text, parse_id
from services.webhooks.addresses import Policy, check_new_endpoint
from services.webhooks.signing import new_secret

# As many as a tenant reasonably needs (Stripe allows 16); it also bounds what one
# `webhookEndpoints { deliveries }` read can ask for.
MAX_ENDPOINTS = 16
MAX_DESCRIPTION = 500
DELETED = "The endpoint was deleted."


@dataclass(frozen=True, slots=True)
class CreatedEndpoint:
    endpoint: WebhookEndpoint
    # The signing secret, returned to the caller this once.
    secret: str


async def create_endpoint(
    *, tenant_id: UUID, url: str, description: str | None, production: bool
) -> CreatedEndpoint:
    """Adds an endpoint for the tenant's events; `url` must pass the SSRF rule (addresses.py)."""
    clean_url = await check_new_endpoint(
        (url or "").strip(), Policy.for_environment(production=production)
    )
    clean_description = clean_text(
        "description", description, max_length=MAX_DESCRIPTION, required=False
    )
    if (
        await WebhookEndpoint.filter(tenant_id=tenant_id, deleted_at__isnull=True).count()
        >= MAX_ENDPOINTS
    ):
        raise Conflict(f"A tenant has at most {MAX_ENDPOINTS} webhook endpoints; delete one first.")
    secret = new_secret()
    endpoint = await WebhookEndpoint.create(
        tenant_id=tenant_id,
        url=clean_url,
        description=clean_description,
        secret=secret,
        created_at=utcnow(),
    )
    return CreatedEndpoint(endpoint=endpoint, secret=secret)


async def delete_endpoint(*, tenant_id: UUID, endpoint_id: str | UUID) -> WebhookEndpoint:
    """Deletes the endpoint: nothing more is sent to it, and its pending deliveries are FAILED.
    Another tenant's endpoint, or one already deleted, is NotFound."""
    endpoint_uuid = parse_id("id", endpoint_id)
    async with in_transaction() as connection:
        now = utcnow()
        deleted = (
            await WebhookEndpoint.filter(
                id=endpoint_uuid, tenant_id=tenant_id, deleted_at__isnull=True
            )
            .using_db(connection)
            .update(deleted_at=now)
        )
        if deleted != 1:
            raise NotFound("Webhook endpoint")
        await (
            WebhookDelivery.filter(endpoint_id=endpoint_uuid, status=DeliveryStatus.PENDING)
            .using_db(connection)
            .update(status=DeliveryStatus.FAILED, next_attempt_at=None, last_error=DELETED)
        )
        return await WebhookEndpoint.get(id=endpoint_uuid, using_db=connection)


async def list_endpoints(*, tenant_id: UUID) -> list[WebhookEndpoint]:
    """The tenant's endpoints (not deleted), oldest first."""
    return await WebhookEndpoint.filter(tenant_id=tenant_id, deleted_at__isnull=True).order_by(
        "created_at", "id"
    )


async def list_deliveries(
    *, endpoint_id: UUID, first: int | None, after: str | None
) -> Page[WebhookDelivery]:
    """One endpoint's deliveries, newest first."""
    return await paginate(
        WebhookDelivery.filter(endpoint_id=endpoint_id).select_related("event"),
        first=first,
        after=after,
        newest_first=True,
    )


DeliveryPageKey = tuple[UUID, int | None, str | None]


async def delivery_pages(
    keys: Sequence[DeliveryPageKey],
) -> list[Page[WebhookDelivery] | ValidationFailed]:
    """Pages of deliveries of many endpoints (a DataLoader's batch): all first pages of one size
    in two statements, a page after a cursor alone. A key with a bad `first` or `after` gets its
    ValidationFailed (the others are still read). The endpoints are the caller's tenant's (they
    come from `list_endpoints`)."""
    pages: dict[DeliveryPageKey, Page[WebhookDelivery] | ValidationFailed] = {}
    first_pages: dict[int, list[UUID]] = defaultdict(list)
    first_page: dict[tuple[UUID, int], Page[WebhookDelivery]] = {}
    for key in keys:
        endpoint_id, first, after = key
        try:
            size = check_page_size(first)
            if after is not None:
                decode_cursor(after)
        except ValidationFailed as error:
            pages[key] = error
            continue
        if after is None:
            first_pages[size].append(endpoint_id)
        else:
            pages[key] = await list_deliveries(endpoint_id=endpoint_id, first=first, after=after)
    for size, endpoint_ids in first_pages.items():
        ranked = await newest_delivery_ids(endpoint_ids, size + 1)
        rows = {
            row.id: row
            for row in await WebhookDelivery.filter(
                id__in=[delivery_id for _, delivery_id in ranked]
            ).select_related("event")
        }
        per_endpoint: dict[UUID, list[WebhookDelivery]] = defaultdict(list)
        for endpoint_id, delivery_id in ranked:
            per_endpoint[endpoint_id].append(rows[delivery_id])
        for endpoint_id in endpoint_ids:
            found = per_endpoint.get(endpoint_id, [])
            first_page[(endpoint_id, size)] = Page(
                items=found[:size], has_next_page=len(found) > size
            )
    return [
        pages[key] if key in pages else first_page[(key[0], check_page_size(key[1]))]
        for key in keys
    ]
