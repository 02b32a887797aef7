"""CORS on /graphql: browser apps on the ALLOWED_ORIGINS may call the API, no other origin may
read its answers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from settings import Settings
from tests.conftest import Api, in_process
from tests.factories import make_tenant, make_user, token_for

APP_ORIGIN = "https://app.example.com"
OTHER_ORIGIN = "https://evil.example.net"
API_HEADERS = ("authorization", "x-tenant", "content-type", "x-request-id")
VIEWER = "{ viewer { email } tenant { slug } }"


@pytest.fixture
async def cors_api(settings: Settings) -> AsyncIterator[Api]:
    """The app with one browser origin allowed (and a second one, to show the list is used)."""
    origins = [APP_ORIGIN, "https://admin.example.com"]
    async with in_process(settings.model_copy(update={"allowed_origins": origins})) as api:
        yield api


async def preflight(client: httpx.AsyncClient, origin: str) -> httpx.Response:
    """What a browser sends before a cross-origin POST of JSON with a bearer token."""
    return await client.options(
        "/graphql",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": ", ".join(API_HEADERS),
        },
    )


async def ask_then_post(client: httpx.AsyncClient, origin: str) -> list[httpx.Response]:
    """A preflight, then the POST itself (which a page may send without asking, as a form)."""
    asked = await preflight(client, origin)
    posted = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": origin}
    )
    return [asked, posted]


def listed(header: str | None) -> set[str]:
    return {item.strip().lower() for item in (header or "").split(",") if item.strip()}


async def test_a_preflight_from_an_allowed_origin_is_answered(cors_api: Api) -> None:
    # when a browser on an allowed origin asks before POSTing with a token and a tenant
    response = await preflight(cors_api.client, APP_ORIGIN)

    # then it may: that origin (not *), POST, every header the API reads, cached for a while
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "post" in listed(response.headers["access-control-allow-methods"])
    assert set(API_HEADERS) <= listed(response.headers["access-control-allow-headers"])
    assert int(response.headers["access-control-max-age"]) > 0
    # and tokens travel in a header the app sets, not as cookies: no credentials mode
    assert "access-control-allow-credentials" not in response.headers


async def test_a_browser_post_with_a_token_from_an_allowed_origin_gets_its_data(
    cors_api: Api,
) -> None:
    # given a user with a token
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)

    # when the browser app POSTs a query with it from its origin
    response = await cors_api.client.post(
        "/graphql",
        json={"query": VIEWER},
        headers={
            "Origin": APP_ORIGIN,
            "Authorization": f"Bearer {token_for(user)}",
            "X-Tenant": tenant.slug,
        },
    )

    # then it gets the data, and the browser may hand it (and the request id) to the app
    assert response.status_code == 200
    assert response.json() == {
        "data": {"viewer": {"email": user.email}, "tenant": {"slug": tenant.slug}}
    }
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "x-request-id" in listed(response.headers["access-control-expose-headers"])
    assert "access-control-allow-credentials" not in response.headers


async def test_an_unlisted_origin_gets_no_cors_headers(cors_api: Api) -> None:
    # when a page on an origin that is not listed asks, and POSTs anyway
    asked, posted = await ask_then_post(cors_api.client, OTHER_ORIGIN)

    # then neither answer allows it, so the browser shows the page nothing
    assert asked.status_code == 400
    assert "access-control-allow-origin" not in asked.headers
    assert "access-control-allow-origin" not in posted.headers


async def test_without_allowed_origins_there_is_no_cors(api: Api) -> None:
    # given the default: ALLOWED_ORIGINS unset
    # when a browser on some origin asks and POSTs
    asked, posted = await ask_then_post(api.client, APP_ORIGIN)

    # then there is no preflight answer and no CORS header: same-origin use only
    assert asked.status_code == 405
    assert "access-control-allow-origin" not in asked.headers
    assert posted.json() == {"data": {"__typename": "Query"}}
    assert "access-control-allow-origin" not in posted.headers
