"""What the benchmarks send: the GraphQL documents, their requests, and `drive`, which runs the
load generator (bench/load.py) in its own process against a server."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any

from bench.seeding import TenantSeed
from tests.servers import REPO

CEILING = "{ __typename }"
CREATE_TASK = (
    "mutation($input: CreateTaskInput!) { createTask(input: $input) { __typename "
    "... on CreateTaskSuccess { task { id title } usage { id amount } } "
    "... on Error { code message } } }"
)
CHARGE_CREDITS = (
    "mutation($input: ChargeCreditsInput!) { chargeCredits(input: $input) { __typename "
    "... on ChargeCreditsSuccess { usage { id amount } } "
    "... on Error { code message } } }"
)
# What the charge scenario charges: one unit of the kit's task type, for an object of the app.
CHARGED_TYPE = "credit-task-creation"
PROJECTS = (
    "query($first: Int, $tasks: Int) { projects(first: $first) { edges { node { "
    "tasks(first: $tasks) { edges { node { id title } } } } } } }"
)
SUMMARY = "{ usageSummary { used limit remaining } }"


def auth_headers(token: str, tenant: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Tenant": tenant}


def body(query: str, variables: dict[str, Any] | None = None) -> str:
    return json.dumps({"query": query, "variables": variables or {}})


def create_task_requests(token: str, tenants: list[TenantSeed]) -> list[dict[str, Any]]:
    return [
        {
            "body": body(
                CREATE_TASK, {"input": {"projectId": str(t.project_id), "title": "Bench task"}}
            ),
            "headers": auth_headers(token, t.slug),
        }
        for t in tenants
    ]


def charge_credits_requests(token: str, tenants: list[TenantSeed]) -> list[dict[str, Any]]:
    return [
        {
            "body": body(
                CHARGE_CREDITS,
                {"input": {"type": CHARGED_TYPE, "objectId": f"/app/{t.slug}/reports/1"}},
            ),
            "headers": auth_headers(token, t.slug),
        }
        for t in tenants
    ]


def drive(
    url: str, requests: list[dict[str, Any]], success: str, options: argparse.Namespace, **job: Any
) -> dict[str, Any]:
    host, port = url.removeprefix("http://").split(":")
    spec = {
        "host": host,
        "port": int(port),
        "requests": requests,
        "success": success,
        "concurrency": options.concurrency,
        "warmup": options.warmup,
        "duration": options.duration,
        **job,
    }
    completed = subprocess.run(
        [sys.executable, "-m", "bench.load"],
        cwd=REPO,
        input=json.dumps(spec).encode(),
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{completed.stderr.decode()}")
    return json.loads(completed.stdout)
