"""A real uvicorn process answers over real HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.servers import start_server


def test_server_serves_health_and_graphql(server_env: dict[str, str], tmp_path: Path) -> None:
    server = start_server(server_env, tmp_path)
    try:
        assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
        response = httpx.post(
            server.graphql_url, json={"query": "{ creditTypes { value amount } }"}
        )
        assert response.json()["data"]["creditTypes"] == [
            {"value": "credit-project-creation", "amount": 2},
            {"value": "credit-task-creation", "amount": 1},
        ]
    finally:
        # uvicorn re-raises the SIGTERM it handled, once its graceful shutdown is done.
        assert server.stop() in (0, -15)
    assert "Application shutdown complete" in server.log()
