"""GraphQL over real HTTP to a real server (tests/servers.py starts them)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.queries import CREATE_TASK
from tests.factories import Member
from tests.servers import Server


async def post_graphql(
    http: httpx.AsyncClient,
    url: str,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    headers: dict[str, str],
) -> dict[str, Any]:
    """The `data` of one GraphQL operation POSTed to a real server; fails on an HTTP error status
    or any GraphQL error."""
    response = await http.post(
        url, json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


async def create_task(
    http: httpx.AsyncClient, server: Server, member: Member, title: str = "Task"
) -> dict[str, Any]:
    """Charges one task over HTTP as `member`, in its project; returns the `createTask` result."""
    variables = {"input": {"projectId": str(member.project_id), "title": title}}
    data = await post_graphql(
        http, server.graphql_url, CREATE_TASK, variables, headers=member.headers
    )
    return data["createTask"]


async def metric(http: httpx.AsyncClient, server: Server, name: str) -> float:
    """A sample's value from the server's /metrics (the first sample, if it has labels)."""
    text = (await http.get(f"{server.url}/metrics")).text
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"metric {name} not exposed")
