"""The seed's walk-through over real HTTP: the CLI seeds and mints tokens, a real server charges."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.queries import CREATE_PROJECT, CREATE_TASK, FEATURE, LEDGER
from tests.servers import REPO, Server, start_server

OWNER = "demo@example.com"


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def server(server_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    running = start_server(server_env, tmp_path)
    try:
        yield running
    finally:
        running.stop()


class Client:
    def __init__(self, server: Server, token: str) -> None:
        self.server, self.token = server, token

    def gql(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = httpx.post(
            self.server.graphql_url,
            json={"query": document, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.token}", "X-Tenant": "acme"},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


def _seed(env: dict[str, str]) -> dict[str, str]:
    seeded = _cli(env, "seed-demo")
    assert seeded.returncode == 0, seeded.stderr
    # stdout is only "email: token" lines (logs go to stderr)
    lines = seeded.stdout.splitlines()
    tokens = dict(line.split(": ", 1) for line in lines)
    assert len(tokens) == len(lines) == 2, seeded.stdout
    return tokens


def test_seeded_demo_charges_until_the_allowance_is_spent_over_http(
    server: Server, server_env: dict[str, str]
) -> None:
    # given the demo seeded by the CLI (twice: it is idempotent) and the owner's printed token
    tokens = _seed(server_env)
    assert _seed(server_env).keys() == tokens.keys()
    assert set(tokens) == {OWNER, "admin@example.com"}
    owner = Client(server, tokens[OWNER])
    viewer = owner.gql("{ viewer { id email } }")["viewer"]

    # when one project and eight tasks are created over HTTP
    project = owner.gql(CREATE_PROJECT, {"input": {"name": "Launch"}})["createProject"]
    assert project["__typename"] == "CreateProjectSuccess", project
    project_id = project["project"]["id"]
    task_ids = []
    for number in range(8):
        task = owner.gql(CREATE_TASK, {"input": {"projectId": project_id, "title": f"T{number}"}})
        assert task["createTask"]["__typename"] == "CreateTaskSuccess", task
        task_ids.append(task["createTask"]["task"]["id"])

    # then the ninth task is refused with nothing left
    refused = owner.gql(CREATE_TASK, {"input": {"projectId": project_id, "title": "one more"}})
    assert refused["createTask"]["__typename"] == "InsufficientCredits"
    assert (refused["createTask"]["remaining"], refused["createTask"]["limit"]) == (0, 10)

    # and the ledger has nine rows of the right types, amounts, objects and user
    rows = [edge["node"] for edge in owner.gql(LEDGER, {"first": 50})["creditUsages"]["edges"]]
    assert len(rows) == 9
    assert sorted((row["type"], row["amount"]) for row in rows) == sorted(
        [("credit-project-creation", 2)] + [("credit-task-creation", 1)] * 8
    )
    assert {row["objectId"] for row in rows} == {project_id, *task_ids}
    assert {(row["user"]["id"], row["user"]["email"]) for row in rows} == {(viewer["id"], OWNER)}
    # and the credits feature is disabled with a message for the user
    feature = owner.gql(FEATURE, {"name": "credits"})["featureUsage"]
    assert feature["enabled"] is False
    assert feature["message"]


def test_token_command_prints_a_working_token_alone(
    server: Server, server_env: dict[str, str]
) -> None:
    # given the seeded demo
    _seed(server_env)

    # when a token is minted by the CLI
    minted = _cli(server_env, "token", OWNER, "--ttl", "600")

    # then stdout is the token alone, and it authenticates against the server
    assert minted.returncode == 0, minted.stderr
    lines = minted.stdout.splitlines()
    assert len(lines) == 1 and " " not in lines[0] and lines[0].count(".") == 2
    viewer = Client(server, lines[0]).gql("{ viewer { email memberships { tenant { slug } } } }")
    assert viewer["viewer"] == {"email": OWNER, "memberships": [{"tenant": {"slug": "acme"}}]}


def test_token_command_for_an_unknown_email_fails(server_env: dict[str, str]) -> None:
    minted = _cli(server_env, "token", "nobody@example.com")
    assert minted.returncode == 1
    assert minted.stdout == ""
    assert "nobody@example.com" in minted.stderr
