"""Schemathesis fuzzes every operation of the committed SDL against a real production-mode server,
as an authenticated tenant member: no 5xx, no leaked exception, no masked crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings

from tests.servers import REPO, start_server

EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_EXAMPLES", "25"))
LEAKS = ("Traceback", 'File "', "tortoise.", "asyncpg", "sqlite3", "redis.exceptions")


def cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def sdl_path(tmp_path: Path, env: dict[str, str]) -> Path:
    committed = REPO / "schema.graphql"
    if committed.exists():
        return committed
    generated = tmp_path / "schema.graphql"
    cli(env, "export-schema", "--output", str(generated))
    return generated


def test_fuzzing_every_operation_finds_no_5xx_and_no_leak(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    # given the demo tenant and its owner's token, and a production server (no introspection)
    env = {**server_env, "CREDITS_ENV": "production"}
    cli(env, "seed-demo")
    token = cli(env, "token", "demo@example.com").strip()
    headers = {"Authorization": f"Bearer {token}", "X-Tenant": "acme"}
    schema = schemathesis.graphql.from_path(sdl_path(tmp_path, env))
    server = start_server(env, tmp_path)
    cases = 0
    failures: list[str] = []
    try:
        # when schemathesis generates requests for every query and mutation
        for result in schema.get_all_operations():
            operation = result.ok()

            @given(case=operation.as_strategy())
            @hypothesis_settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            def run(case: Any) -> None:
                nonlocal cases
                cases += 1
                response = case.call(base_url=server.graphql_url, headers=headers, timeout=15)
                body = response.text
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} for {case.body}: {body[:300]}")
                if any(leak in body for leak in LEAKS):
                    failures.append(f"leak for {case.body}: {body[:300]}")
                if "Unexpected error." in body:
                    failures.append(f"masked crash for {case.body}: {body[:300]}")

            run()
    finally:
        server.stop()

    # then every response was a 2xx/4xx without internals, and the server log has no crash
    print(f"schemathesis: {cases} generated cases")
    assert cases > 0
    assert failures == [], "\n".join(failures[:10])
    assert "unexpected error" not in server.log().lower(), server.log()[-3000:]
