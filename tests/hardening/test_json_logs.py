"""In production every line a server writes is one JSON object: uvicorn's own lines, the
request lines, a masked exception's traceback, the websocket's lines, the shutdown; and every
standard-library logger (tortoise, aerich, stripe, asyncio, warnings) is rendered the same way."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
from tortoise.context import TortoiseContext

from tests.factories import make_tenant, make_user, token_for
from tests.hardening.faulty_server import SECRET
from tests.live.client import TRANSPORT_WS, LiveClient
from tests.servers import REPO, start_server

PRODUCTION = {"CREDITS_ENV": "production", "LOG_LEVEL": "INFO"}


def json_lines(text: str) -> list[dict[str, Any]]:
    """Every line parsed as a JSON object; fails on the first line that is not one."""
    parsed = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise AssertionError(f"line {number} is not JSON ({error}): {line!r}") from None
        assert isinstance(value, dict), f"line {number} is not a JSON object: {line!r}"
        parsed.append(value)
    return parsed


def events(lines: list[dict[str, Any]], **fields: Any) -> list[dict[str, Any]]:
    return [line for line in lines if all(line.get(k) == v for k, v in fields.items())]


async def test_every_line_a_production_server_writes_is_a_json_object(
    db: TortoiseContext, server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a member, and a production server whose plans' service fails unexpectedly
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    server = start_server(
        {**server_env, **PRODUCTION}, tmp_path, module="tests.hardening.faulty_server"
    )
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            # when it serves a query, a body that is not JSON, a GraphQL error, and the failure
            query = await http.post(server.graphql_url, json={"query": "{ creditTypes { value } }"})
            garbage = await http.post(
                server.graphql_url,
                content=b"{not json",
                headers={"content-type": "application/json"},
            )
            invalid = await http.post(server.graphql_url, json={"query": "{ nope }"})
            masked = await http.post(server.graphql_url, json={"query": "{ plans { name } }"})
        # and a websocket opens and closes
        socket = await LiveClient.connect(
            server.ws_url, TRANSPORT_WS, token=token_for(user), tenant=tenant.slug
        )
        await socket.close()
    finally:
        # and the server stops
        server.stop()
    assert query.json() == {
        "data": {
            "creditTypes": [{"value": "credit-project-creation"}, {"value": "credit-task-creation"}]
        }
    }
    assert garbage.status_code == 400
    assert invalid.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert masked.json()["errors"][0]["message"] == "Unexpected error."

    # then every line of its output (stdout and stderr) is a JSON object
    lines = json_lines(server.log())

    # uvicorn's own lines among them, from start to shutdown
    uvicorn_events = [line["event"] for line in events(lines, logger="uvicorn.error")]
    assert any(event.startswith("Started server process") for event in uvicorn_events)
    assert any(event.startswith("Uvicorn running on") for event in uvicorn_events)
    assert "connection open" in uvicorn_events
    assert "Application shutdown complete." in uvicorn_events
    # one structured line per request and no plain access line
    requests = events(lines, event="request", path="/graphql")
    assert [(line["operation"], line["status"]) for line in requests] == [
        ("creditTypes", 200),
        ("none", 400),
        ("none", 200),
        ("plans", 200),
    ]
    assert events(lines, logger="uvicorn.access") == []
    # and the masked exception's traceback in one line, under the request id the client got
    (failure,) = events(lines, event="unexpected error")
    assert failure["level"] == "error"
    assert failure["request_id"] == masked.headers["x-request-id"]
    assert f"RuntimeError: {SECRET}" in failure["exception"]
    assert "Traceback (most recent call last)" in failure["exception"]


def test_standard_library_loggers_are_rendered_as_json(tmp_path: Path) -> None:
    # given a process configured for production
    script = textwrap.dedent(
        """
        import asyncio, logging, warnings
        from services.logs import configure_logging
        from settings import Settings

        configure_logging(Settings(credits_env="production"))
        for name in ("tortoise", "aerich", "stripe", "asyncio", "some.library"):
            logging.getLogger(name).warning("from %s", name)
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("tortoise.db_client").exception("query failed")
        warnings.warn("careful", RuntimeWarning)
        logging.getLogger("debugging").debug("below the level")
        """
    )

    # when its libraries log through the standard library, and a warning is issued
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr

    # then each record is one JSON line, with its level, logger and traceback
    assert done.stdout == ""
    lines = json_lines(done.stderr)
    assert [(line["logger"], line["event"]) for line in lines[:5]] == [
        (name, f"from {name}")
        for name in ("tortoise", "aerich", "stripe", "asyncio", "some.library")
    ]
    assert all(line["level"] == "warning" and line["timestamp"] for line in lines[:5])
    (failed,) = events(lines, event="query failed")
    assert failed["level"] == "error"
    assert "ValueError: boom" in failed["exception"]
    (warned,) = events(lines, logger="py.warnings")
    assert "RuntimeWarning: careful" in warned["event"]
    assert len(lines) == 7
