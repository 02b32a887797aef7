"""createWebhookEndpoint, deleteWebhookEndpoint and webhookEndpoints { deliveries } over HTTP,
with the app's own sender (started in its lifespan) delivering to a real local receiver."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from models import Role, Tenant, WebhookDelivery, WebhookEndpoint
from settings import Environment, Settings
from tests.api.test_projects import Member
from tests.conftest import Api, in_process
from tests.factories import make_tenant, make_user
from tests.services.webhooks_helpers import emit_committed, readme_verifier
from tests.waiting import eventually
from tests.webhook_receiver import WebhookReceiver

CREATE = """
mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    __typename
    ... on CreateWebhookEndpointSuccess { endpoint { id url description createdAt } secret }
    ... on Error { code message }
    ... on ValidationFailed { field }
  }
}
"""
DELETE = """
mutation($id: ID!) {
  deleteWebhookEndpoint(input: {id: $id}) {
    __typename
    ... on DeleteWebhookEndpointSuccess { deletedId endpoint { id deletedAt } }
    ... on Error { code message }
  }
}
"""
ENDPOINTS = """
query($first: Int, $after: String) {
  webhookEndpoints {
    id url description createdAt
    deliveries(first: $first, after: $after) {
      edges { node { id eventId eventType status attempts lastStatusCode nextAttemptAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver().start()
    yield server
    server.stop()


@pytest.fixture
async def hooks_api(settings: Settings) -> AsyncIterator[Api]:
    """The app with small retry values, so its sender retries within a test."""
    fast = settings.model_copy(
        update={
            "webhook_retry_base_seconds": 0.1,
            "webhook_retry_max_seconds": 0.3,
            "webhook_poll_seconds": 0.5,
        }
    )
    async with in_process(fast) as api:
        yield api


async def _member(api: Api, role: Role = Role.OWNER, tenant: Tenant | None = None) -> Member:
    tenant = tenant or await make_tenant(100)
    return Member(api, tenant, await make_user(tenant, role=role))


async def _create(member: Member, url: str, description: str | None = None) -> dict[str, Any]:
    data = await member.gql(CREATE, {"input": {"url": url, "description": description}})
    result: dict[str, Any] = data["createWebhookEndpoint"]
    return result


async def test_an_owner_creates_an_endpoint_that_receives_signed_events_with_retries(
    hooks_api: Api, receiver: WebhookReceiver
) -> None:
    # given an owner who creates an endpoint for a local receiver (development)
    owner = await _member(hooks_api)
    created = await _create(owner, receiver.url, "billing alerts")
    assert created["__typename"] == "CreateWebhookEndpointSuccess"
    assert created["secret"].startswith("whsec_")
    assert created["endpoint"]["url"] == receiver.url
    assert created["endpoint"]["description"] == "billing alerts"

    # when an event is emitted and the receiver answers 500 twice, then 200
    receiver.answer(500, 500)
    event = await emit_committed(owner.tenant.id)

    # then the app's sender delivers it: three attempts with the same id, each signed
    await eventually(lambda: len(receiver.of_event(str(event.id))) == 3, what="three attempts")
    verify = readme_verifier()
    assert all(
        verify(request.body, request.headers["credits-signature"], created["secret"])
        for request in receiver.of_event(str(event.id))
    )

    # and the delivery reads DELIVERED after 3 attempts, last status 200
    async def delivery() -> dict[str, Any]:
        [endpoint] = (await owner.gql(ENDPOINTS))["webhookEndpoints"]
        node: dict[str, Any] = endpoint["deliveries"]["edges"][0]["node"]
        return node

    node = await eventually(delivery, until=lambda node: node["status"] == "DELIVERED")
    assert node["eventId"] == str(event.id)
    assert node["eventType"] == "usage.threshold.reached"
    assert (node["attempts"], node["lastStatusCode"], node["nextAttemptAt"]) == (3, 200, None)


async def test_deleting_an_endpoint_stops_it_and_hides_it(
    api: Api, receiver: WebhookReceiver
) -> None:
    # given an endpoint
    owner = await _member(api, Role.ADMIN)
    endpoint_id = (await _create(owner, receiver.url))["endpoint"]["id"]

    # when it is deleted
    deleted = (await owner.gql(DELETE, {"id": endpoint_id}))["deleteWebhookEndpoint"]

    # then it says so, is no longer listed, gets no delivery, and a second delete is NotFound
    assert deleted["__typename"] == "DeleteWebhookEndpointSuccess"
    assert deleted["deletedId"] == endpoint_id and deleted["endpoint"]["deletedAt"]
    assert (await owner.gql(ENDPOINTS))["webhookEndpoints"] == []
    event = await emit_committed(owner.tenant.id)
    assert not await WebhookDelivery.filter(event_id=event.id).exists()
    again = (await owner.gql(DELETE, {"id": endpoint_id}))["deleteWebhookEndpoint"]
    assert again["code"] == "NOT_FOUND"
    bad = (await owner.gql(DELETE, {"id": "not-a-uuid"}))["deleteWebhookEndpoint"]
    assert bad["code"] == "VALIDATION_FAILED"


async def test_another_tenants_endpoint_is_not_found_and_not_listed(
    api: Api, receiver: WebhookReceiver
) -> None:
    # given an endpoint of another tenant
    theirs = await _member(api)
    their_id = (await _create(theirs, receiver.url))["endpoint"]["id"]
    mine = await _member(api)

    # then I neither see it nor can delete it
    assert (await mine.gql(ENDPOINTS))["webhookEndpoints"] == []
    result = (await mine.gql(DELETE, {"id": their_id}))["deleteWebhookEndpoint"]
    assert result["code"] == "NOT_FOUND"
    assert await WebhookEndpoint.filter(id=their_id, deleted_at__isnull=True).exists()


@pytest.mark.parametrize(
    ("document", "variables"),
    [
        (CREATE, {"input": {"url": "http://127.0.0.1:9/hook"}}),
        (DELETE, {"id": "00000000-0000-0000-0000-000000000000"}),
        (ENDPOINTS, {}),
    ],
)
async def test_a_member_may_not_manage_webhooks(
    api: Api, document: str, variables: dict[str, Any]
) -> None:
    member = await _member(api, Role.MEMBER)
    errors = await member.errors(document, variables)
    assert [error["extensions"]["code"] for error in errors] == ["FORBIDDEN"]
    assert await WebhookEndpoint.all().count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://localhost/hook",
    ],
)
async def test_production_refuses_local_and_private_urls(settings: Settings, url: str) -> None:
    production = settings.model_copy(update={"credits_env": Environment.PRODUCTION})
    async with in_process(production) as api:
        owner = await _member(api)
        result = await _create(owner, url)
        assert await WebhookEndpoint.all().count() == 0
    assert result["__typename"] == "ValidationFailed"
    assert result["field"] == "url"


async def test_development_accepts_a_local_receiver_and_checks_the_input(
    api: Api, receiver: WebhookReceiver
) -> None:
    owner = await _member(api)
    assert (await _create(owner, receiver.url))["__typename"] == "CreateWebhookEndpointSuccess"
    refused = await _create(owner, "ftp://127.0.0.1/hook")
    assert (refused["__typename"], refused["field"]) == ("ValidationFailed", "url")
    long_note = await _create(owner, receiver.url, "x" * 501)
    assert (long_note["__typename"], long_note["field"]) == ("ValidationFailed", "description")
    assert await WebhookEndpoint.filter(tenant_id=owner.tenant.id).count() == 1


async def test_deliveries_are_paginated_per_endpoint_newest_first(
    api: Api, receiver: WebhookReceiver
) -> None:
    # given two endpoints and three events (so three deliveries each)
    owner = await _member(api)
    for _ in range(2):
        await _create(owner, receiver.url)
    events = [await emit_committed(owner.tenant.id, {"n": number}) for number in range(3)]
    newest_first = [str(event.id) for event in reversed(events)]

    # when both endpoints' first pages of two are read in one query
    endpoints = (await owner.gql(ENDPOINTS, {"first": 2}))["webhookEndpoints"]

    # then each shows its two newest deliveries, and the next page the oldest
    assert len(endpoints) == 2
    for endpoint in endpoints:
        page = endpoint["deliveries"]
        assert [edge["node"]["eventId"] for edge in page["edges"]] == newest_first[:2]
        assert page["pageInfo"]["hasNextPage"] is True
        rest = (await owner.gql(ENDPOINTS, {"first": 2, "after": page["pageInfo"]["endCursor"]}))[
            "webhookEndpoints"
        ]
        following = next(item for item in rest if item["id"] == endpoint["id"])["deliveries"]
        assert [edge["node"]["eventId"] for edge in following["edges"]] == newest_first[2:]
        assert following["pageInfo"]["hasNextPage"] is False
    # and the two endpoints' deliveries are distinct rows
    ids = {edge["node"]["id"] for endpoint in endpoints for edge in endpoint["deliveries"]["edges"]}
    assert len(ids) == 4


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": -1}, "first must be between 0 and 100."),
        ({"first": 101}, "first must be between 0 and 100."),
        ({"after": "garbage"}, "after is not a valid cursor."),
    ],
)
async def test_bad_delivery_page_arguments_are_bad_requests(
    api: Api, variables: dict[str, Any], message: str
) -> None:
    # given an endpoint
    owner = await _member(api)
    await _create(owner, "http://127.0.0.1:9/hook")

    # when its deliveries are asked for with a bad argument
    errors = await owner.errors(ENDPOINTS, variables)

    # then that is a BAD_REQUEST naming the argument, not an unexpected error
    assert [(error["message"], error["extensions"]["code"]) for error in errors] == [
        (message, "BAD_REQUEST")
    ]
    assert errors[0]["extensions"]["field"] == next(iter(variables))
