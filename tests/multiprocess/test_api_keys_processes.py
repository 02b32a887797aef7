"""API keys on real servers: revocation reaches every process at once; the secret is in no table
and no log; a websocket authenticates with a key, and its connection ends when the key is revoked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise import Tortoise
from tortoise.context import TortoiseContext

from services.api_keys import hash_secret
from tests.factories import make_tenant, make_user, token_for
from tests.live.client import PROTOCOLS, TRANSPORT_WS, LiveClient, refusal_code
from tests.multiprocess.cluster import POSTGRES_ONLY
from tests.servers import Server, running_server, running_servers

CREATE_KEY = """
mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { __typename ... on CreateApiKeySuccess { secret apiKey { id } } }
}
"""
REVOKE_KEY = """
mutation($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { __typename ... on RevokeApiKeySuccess { apiKey { revokedAt } } }
}
"""
READ = "{ tenant { slug } usageSummary { used } }"


async def post(
    http: httpx.AsyncClient,
    server: Server,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str,
    tenant: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    if tenant:
        headers["X-Tenant"] = tenant
    response = await http.post(
        server.graphql_url, json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def owner_with_api() -> tuple[str, str]:
    """A tenant whose plan includes API access, and its owner's token."""
    tenant = await make_tenant(100, api=True)
    return tenant.slug, token_for(await make_user(tenant))


async def new_key(http: httpx.AsyncClient, server: Server, token: str, slug: str) -> dict[str, Any]:
    body = await post(http, server, CREATE_KEY, {"input": {"name": "b"}}, token=token, tenant=slug)
    created: dict[str, Any] = body["data"]["createApiKey"]
    assert created["__typename"] == "CreateApiKeySuccess", body
    return created


async def revoke(
    http: httpx.AsyncClient, server: Server, key: dict[str, Any], token: str, slug: str
) -> None:
    """Revokes `key` (as `new_key` returned it) through `server`, as the tenant's owner."""
    variables = {"input": {"id": key["apiKey"]["id"]}}
    body = await post(http, server, REVOKE_KEY, variables, token=token, tenant=slug)
    assert body["data"]["revokeApiKey"]["__typename"] == "RevokeApiKeySuccess", body


@POSTGRES_ONLY
@pytest.mark.multiprocess
async def test_a_revoked_key_is_refused_by_the_other_process_on_the_very_next_request(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given two server processes and a tenant's owner
    slug, owner = await owner_with_api()
    with running_servers([server_env, server_env], tmp_path) as (a, b):
        async with httpx.AsyncClient(timeout=30) as http:
            for round_ in range(5):
                # and a key that both processes have just served
                created = await new_key(http, a, owner, slug)
                secret = created["secret"]
                for server in (a, b, a, b):
                    assert (await post(http, server, READ, token=secret))["data"]["tenant"]

                # when it is revoked on one process
                first, second = (a, b) if round_ % 2 == 0 else (b, a)
                await revoke(http, first, created, owner, slug)

                # then the very next request on the other is UNAUTHENTICATED, and on both after
                for server in (second, first, second):
                    body = await post(http, server, READ, token=secret)
                    assert body["data"] is None
                    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@POSTGRES_ONLY
@pytest.mark.multiprocess
async def test_a_revoked_keys_live_connections_end_in_every_process(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given two server processes, and on each a subscriber per protocol with a key of a
    # tenant, and one with another key of the same tenant
    slug, owner = await owner_with_api()
    with running_servers([server_env, server_env], tmp_path) as (a, b):
        async with httpx.AsyncClient(timeout=30) as http:
            revoked, kept = await new_key(http, a, owner, slug), await new_key(http, a, owner, slug)
            doomed = []
            for server in (a, b):
                for protocol in PROTOCOLS:
                    client = await LiveClient.connect(
                        server.ws_url, protocol, token=revoked["secret"], tenant=None
                    )
                    await client.subscribe()
                    await client.next_event()
                    doomed.append(client)
            survivor = await LiveClient.connect(
                b.ws_url, TRANSPORT_WS, token=kept["secret"], tenant=None
            )
            await survivor.subscribe()
            await survivor.next_event()

            # when the first key is revoked on one process
            await revoke(http, a, revoked, owner, slug)

            # then every connection with it ends with 4403, on both processes
            for client in doomed:
                assert await client.closing() == (4403, "The API key was revoked.")
            # and the other key's subscriber still receives the tenant's usage
            created = await post(
                http,
                b,
                'mutation { createProject(input: {name: "P"}) { __typename } }',
                token=kept["secret"],
            )
            assert created["data"]["createProject"]["__typename"] == "CreateProjectSuccess"
            assert (await survivor.next_event())["summary"]["used"] == 2
            await survivor.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_websocket_authenticates_with_a_key_and_checks_it_per_operation(
    protocol: str, db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a server and a key of a tenant
    slug, owner = await owner_with_api()
    with running_server(server_env, tmp_path) as server:
        async with httpx.AsyncClient(timeout=30) as http:
            created = await new_key(http, server, owner, slug)
            secret = created["secret"]

            # when a websocket's connection_init carries the key, without a tenant
            client = await LiveClient.connect(server.ws_url, protocol, token=secret, tenant=None)
            await client.subscribe()

            # then it is acknowledged and the subscription runs for the key's tenant
            first = await client.next_event()
            assert first["summary"]["used"] == 0

            # when the key is revoked, the connection (and its running subscription) ends
            await revoke(http, server, created, owner, slug)
            assert await client.closing() == (4403, "The API key was revoked.")

            # and a new connection with it is refused with 4403
            assert await refusal_code(server.ws_url, protocol, token=secret, tenant=None) == 4403
            if protocol == TRANSPORT_WS:
                other_slug, _ = await owner_with_api()
                other_key = await new_key(http, server, owner, slug)
                code = await refusal_code(
                    server.ws_url, protocol, token=other_key["secret"], tenant=other_slug
                )
                assert code == 4403


async def test_the_secret_is_in_no_table_and_no_log(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a server logging at DEBUG, and a key created and used through it
    slug, owner = await owner_with_api()
    env = {**server_env, "LOG_LEVEL": "DEBUG"}
    with running_server(env, tmp_path) as server:
        async with httpx.AsyncClient(timeout=30) as http:
            created = await new_key(http, server, owner, slug)
            secret = created["secret"]
            for query in (READ, 'mutation { createProject(input: {name: "P"}) { __typename } }'):
                assert "errors" not in await post(http, server, query, token=secret)
            # (a refused use of it, too: an X-Tenant of another tenant)
            assert "errors" in await post(http, server, READ, token=secret, tenant="nobody")
        log = server.log()

    # then no table's text holds the secret (nor its random part), but the hash is there
    dump = []
    for model in Tortoise.apps["models"].values():
        for row in await model.all().values():
            dump.append(json.dumps(row, default=str))
    text = "\n".join(dump)
    assert hash_secret(secret) in text and created["apiKey"]["id"] in text
    assert secret not in text and secret[3:] not in text
    # and no log line holds it, though the log has the requests
    assert "request" in log and slug in log
    assert secret not in log and secret[3:] not in log
