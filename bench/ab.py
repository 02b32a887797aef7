"""A/B: is B faster than A? `python -m bench.ab [REV] [--a-env K=V] [--b-env K=V] [--scenario S]`.

A is the revision REV (a temporary worktree of it) or, without REV, this checkout too (with
the same environment on both sides, an A/A run: it shows the noise); B is this checkout. Each
side may run under its own environment, so one checkout can be measured against itself with a
switch flipped: the GraphQL fast paths all off (A) against all on (B) with
`python -m bench.ab --a-env GRAPHQL_FAST_PATHS=off --scenario read`, or one fast path alone by
leaving it out of A's list (GRAPHQL_FAST_PATHS=name,name,...: settings.FastPath).

This machine is shared and its speed drifts by tens of percent within minutes (the ceiling runs
of one `bench.run` differ by up to 40 %), so two benches run one after the other cannot tell a
5 % change from the drift. Here both servers run at once, on the same seeded database and
Redis, and are loaded in turn, in short slices, A B then B A, so the two slices of a pair saw
nearly the same machine.
It prints every pair and the medians of the paired ratios B / A: throughput, server CPU per
response and p99. `--profile DIR` samples each server with py-spy during its slices (DIR/a.txt,
DIR/b.txt) and prints where B's CPU goes that A's does not (`bench.profile --diff`).

Both servers run in this checkout's virtualenv (REV's own dependencies are not installed), each
from its own tree's packages, with the same environment plus their side's `--a-env` /
`--b-env`. Both charge the same tenants, so each one's kept accounts go stale whenever the
other charged in between: the first batch of a slice takes the transactional path, on both
sides alike. No ledger check here; `bench.run` does that.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import shutil
import statistics
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.profile import diff, recording
from bench.seeding import READ_PROJECTS, READ_TASKS, SPREAD_TENANTS, Seed, seed
from bench.serving import cleanup_redis, cpu_seconds, server_environment
from bench.workload import (
    CEILING,
    PROJECTS,
    auth_headers,
    body,
    charge_credits_requests,
    create_task_requests,
    drive,
)
from bench.wrk import drive_wrk
from tests.servers import REPO, Server, running_server

# bench.run's scenarios 0 to 3 and 5.
SCENARIOS = {
    "ceiling": "{ __typename }, the ceiling",
    "hot": "createTask on 1 hot tenant",
    "spread": f"createTask over {SPREAD_TENANTS} tenants",
    "read": f"projects {READ_PROJECTS}x{READ_TASKS} tasks",
    "charge": f"chargeCredits over {SPREAD_TENANTS} tenants",
}


@dataclass(frozen=True)
class Slice:
    throughput: float
    cpu_ms: float
    p99_ms: float
    failed: int


@contextmanager
def worktree(revision: str) -> Iterator[Path]:
    """A detached checkout of `revision`, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="credits-ab-"))
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(path), revision],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(path)],
            cwd=REPO,
            check=False,
            capture_output=True,
        )
        shutil.rmtree(path, ignore_errors=True)


def requests_for(scenario: str, seeded: Seed) -> tuple[list[dict[str, Any]], str]:
    """The load generator's requests for `scenario`, and the marker of a successful answer."""
    if scenario == "hot":
        return create_task_requests(seeded.token, [seeded.hot]), "CreateTaskSuccess"
    if scenario == "spread":
        return create_task_requests(seeded.token, seeded.spread), "CreateTaskSuccess"
    if scenario == "charge":
        return charge_credits_requests(seeded.token, seeded.spread), "ChargeCreditsSuccess"
    if scenario == "read":
        variables = {"first": READ_PROJECTS, "tasks": READ_TASKS}
        request = {
            "body": body(PROJECTS, variables),
            "headers": auth_headers(seeded.token, seeded.read.slug),
        }
        return [request], '"projects"'
    request = {"body": body(CEILING), "headers": auth_headers(seeded.token, seeded.hot.slug)}
    return [request], "Query"


def measure(
    server: Server, requests: list[dict[str, Any]], success: str, options: argparse.Namespace
) -> Slice:
    cpu_before = cpu_seconds(server.pid)
    if options.load == "wrk":
        result = drive_wrk(server.url, requests, success, options)
    else:
        result = drive(server.url, requests, success, options)
    responses = max(result["ok"] + result["failed"], 1)
    return Slice(
        throughput=result["throughput"],
        cpu_ms=1000 * (cpu_seconds(server.pid) - cpu_before) / responses,
        p99_ms=result["p99_ms"],
        failed=result["failed"],
    )


def sampled(
    server: Server,
    side: str,
    requests: list[dict[str, Any]],
    success: str,
    options: argparse.Namespace,
) -> Slice:
    """One measured slice, sampled by py-spy when --profile is given."""
    if not options.profile:
        return measure(server, requests, success, options)
    raw = Path(options.profile) / f"{side.lower()}.txt"
    with recording(server.pid, raw, options.warmup + options.duration):
        return measure(server, requests, success, options)


def paired_median(
    pairs: list[tuple[Slice, Slice]], value: Callable[[Slice], float]
) -> tuple[float, float, float]:
    """(median of A, median of B, median of the paired ratios B / A)."""
    return (
        statistics.median(value(a) for a, _ in pairs),
        statistics.median(value(b) for _, b in pairs),
        statistics.median(value(b) / value(a) for a, b in pairs),
    )


def environment_variable(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not name or not equals:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def describe(side: str, tree: str, env: dict[str, str]) -> str:
    settings = ", ".join(f"{name}={value}" for name, value in env.items())
    return f"{side} = {tree}" + (f" with {settings}" if settings else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="\n\n".join(__doc__.split("\n\n")[:2]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "revision",
        nargs="?",
        help="A's revision, e.g. HEAD or main~3 (default: this checkout, as B)",
    )
    for side in ("a", "b"):
        parser.add_argument(
            f"--{side}-env",
            type=environment_variable,
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help=f"set in {side.upper()}'s server environment (repeatable), e.g. "
            "GRAPHQL_FAST_PATHS=off or GRAPHQL_FAST_PATHS=query-plans,page-reads",
        )
    parser.add_argument(
        "--scenario",
        choices=SCENARIOS,
        default="spread",
        help="; ".join(f"{name}: {what}" for name, what in SCENARIOS.items()) + " (default spread)",
    )
    parser.add_argument("--pairs", type=int, default=8, help="pairs of slices (A B or B A)")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds measured per slice")
    parser.add_argument("--warmup", type=float, default=0.5, help="seconds before measuring")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--controls",
        action="store_true",
        help="seed the tenants with spending controls configured but not triggered (member "
        "limits, usage alerts, auto top-up); a tree without them ignores them",
    )
    parser.add_argument(
        "--profile", metavar="DIR", help="py-spy profiles of both sides, and their difference"
    )
    parser.add_argument(
        "--load",
        choices=("python", "wrk"),
        default="python",
        help="load generator: bench/load.py, or wrk (C: takes less CPU from the servers)",
    )
    options = parser.parse_args(argv)
    side_env = {"A": dict(options.a_env), "B": dict(options.b_env)}

    jwt_secret = secrets.token_urlsafe(32)
    redis_prefix = f"credits-bench:{uuid.uuid4().hex[:8]}:"
    env = server_environment(jwt_secret, redis_prefix)
    seeded = asyncio.run(seed(jwt_secret, controls=options.controls))
    requests, success = requests_for(options.scenario, seeded)
    logs = Path(tempfile.mkdtemp(prefix="credits-ab-logs-"))
    print(
        f"{describe('A', options.revision or 'this checkout', side_env['A'])}; "
        f"{describe('B', 'this checkout', side_env['B'])}; scenario {options.scenario} "
        f"({SCENARIOS[options.scenario]}), {options.pairs} pairs of {options.duration:g} s "
        f"slices, concurrency {options.concurrency}"
        f"{'; spending controls configured' if options.controls else ''}; server logs in {logs}",
        flush=True,
    )
    pairs: list[tuple[Slice, Slice]] = []
    if options.profile:
        for side in ("a", "b"):
            (Path(options.profile) / f"{side}.txt").unlink(missing_ok=True)
    try:
        with ExitStack() as stack:
            trees = {"A": REPO, "B": REPO}
            if options.revision is not None:
                trees["A"] = stack.enter_context(worktree(options.revision))
            servers = {
                side: stack.enter_context(
                    running_server(
                        {**env, **side_env[side]},
                        logs,
                        tree=trees[side],
                        log_name=f"{side.lower()}.log",
                    )
                )
                for side in ("A", "B")
            }
            warm = argparse.Namespace(**{**vars(options), "warmup": 0.0, "duration": 2.0})
            for server in servers.values():
                measure(server, requests, success, warm)
            for number in range(options.pairs):
                order = "AB" if number % 2 == 0 else "BA"
                taken = {
                    side: sampled(servers[side], side, requests, success, options) for side in order
                }
                a, b = taken["A"], taken["B"]
                pairs.append((a, b))
                print(
                    f"pair {number + 1} ({order[0]} first): "
                    f"A {a.throughput:,.0f} req/s, {a.cpu_ms:.3f} ms CPU, p99 {a.p99_ms:.1f} | "
                    f"B {b.throughput:,.0f} req/s, {b.cpu_ms:.3f} ms CPU, p99 {b.p99_ms:.1f} | "
                    f"B/A {b.throughput / a.throughput:.3f}",
                    flush=True,
                )
    finally:
        cleanup_redis(redis_prefix)

    print(f"\n{'':<22}{'A':>10}{'B':>10}{'B/A (median of pairs)':>24}")
    for label, value, digits in (
        ("req/s", lambda s: s.throughput, 0),
        ("server CPU ms/resp", lambda s: s.cpu_ms, 3),
        ("p99 ms", lambda s: s.p99_ms, 1),
    ):
        median_a, median_b, ratio = paired_median(pairs, value)
        print(f"{label:<22}{median_a:>10,.{digits}f}{median_b:>10,.{digits}f}{ratio:>24.3f}")
    if options.profile:
        print("\nProfiles, B against A:")
        print(diff(Path(options.profile) / "a.txt", Path(options.profile) / "b.txt"))
    failed = sum(a.failed + b.failed for a, b in pairs)
    if failed:
        print(f"\n{failed} failed responses: the comparison is not of like with like.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
