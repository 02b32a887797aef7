"""Is this checkout faster than another revision? `python -m bench.ab REV [--scenario spread]`.

This machine is shared and its speed drifts by tens of percent within minutes (the ceiling runs
of one `bench.run` differ by up to 40 %), so two benches run one after the other cannot tell a
5 % change from the drift. Here both servers run at once: one from a temporary worktree of REV
(A), one from this checkout (B), on the same seeded database and Redis. They are loaded in
turn, in short slices, A B then B A, so the two slices of a pair saw nearly the same machine.
It prints every pair and the medians of the paired ratios B / A: throughput, server CPU per
response and p99.

Both servers run in this checkout's virtualenv (REV's own dependencies are not installed), each
from its own tree's packages. Both charge the same tenants, so each one's kept accounts go stale whenever the other
charged in between: the first batch of a slice takes the transactional path, on both sides
alike. No ledger check here; `bench.run` does that.
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

from bench import run as bench

SCENARIOS = ("ceiling", "hot", "spread", "read")


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
        cwd=bench.REPO,
        check=True,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(path)],
            cwd=bench.REPO,
            check=False,
            capture_output=True,
        )
        shutil.rmtree(path, ignore_errors=True)


def requests_for(scenario: str, seed: bench.Seed) -> tuple[list[dict[str, Any]], str]:
    """The load generator's requests for `scenario`, and the marker of a successful answer."""
    if scenario == "hot":
        return bench.create_task_requests(seed.token, [seed.hot]), "CreateTaskSuccess"
    if scenario == "spread":
        return bench.create_task_requests(seed.token, seed.spread), "CreateTaskSuccess"
    if scenario == "read":
        variables = {"first": bench.READ_PROJECTS, "tasks": bench.READ_TASKS}
        request = {
            "body": bench.body(bench.PROJECTS, variables),
            "headers": bench.auth_headers(seed.token, seed.read.slug),
        }
        return [request], '"projects"'
    request = {
        "body": bench.body(bench.CEILING),
        "headers": bench.auth_headers(seed.token, seed.hot.slug),
    }
    return [request], "Query"


def measure(
    pid: int, url: str, requests: list[dict[str, Any]], success: str, options: argparse.Namespace
) -> Slice:
    cpu_before = bench.cpu_seconds(pid)
    result = bench.drive(url, requests, success, options)
    responses = max(result["ok"] + result["failed"], 1)
    return Slice(
        throughput=result["throughput"],
        cpu_ms=1000 * (bench.cpu_seconds(pid) - cpu_before) / responses,
        p99_ms=result["p99_ms"],
        failed=result["failed"],
    )


def paired_median(
    pairs: list[tuple[Slice, Slice]], value: Callable[[Slice], float]
) -> tuple[float, float, float]:
    """(median of A, median of B, median of the paired ratios B / A)."""
    return (
        statistics.median(value(a) for a, _ in pairs),
        statistics.median(value(b) for _, b in pairs),
        statistics.median(value(b) / value(a) for a, b in pairs),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="what to compare this checkout with, e.g. HEAD or main~3")
    parser.add_argument("--scenario", choices=SCENARIOS, default="spread")
    parser.add_argument("--pairs", type=int, default=8, help="pairs of slices (A B or B A)")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds measured per slice")
    parser.add_argument("--warmup", type=float, default=0.5, help="seconds before measuring")
    parser.add_argument("--concurrency", type=int, default=32)
    options = parser.parse_args(argv)

    jwt_secret = secrets.token_urlsafe(32)
    redis_prefix = f"credits-bench:{uuid.uuid4().hex[:8]}:"
    env = bench.server_environment(jwt_secret, redis_prefix)
    seed = asyncio.run(bench.seed(jwt_secret))
    requests, success = requests_for(options.scenario, seed)
    logs = Path(tempfile.mkdtemp(prefix="credits-ab-logs-"))
    print(
        f"A = {options.revision}, B = this checkout; scenario {options.scenario}, "
        f"{options.pairs} pairs of {options.duration:g} s slices, concurrency "
        f"{options.concurrency}; server logs in {logs}",
        flush=True,
    )
    pairs: list[tuple[Slice, Slice]] = []
    try:
        with ExitStack() as stack:
            base = stack.enter_context(worktree(options.revision))
            servers = {
                "A": stack.enter_context(bench.server(env, logs / "a.log", tree=base)),
                "B": stack.enter_context(bench.server(env, logs / "b.log")),
            }
            warm = argparse.Namespace(**{**vars(options), "warmup": 0.0, "duration": 2.0})
            for pid, url in servers.values():
                measure(pid, url, requests, success, warm)
            for number in range(options.pairs):
                order = "AB" if number % 2 == 0 else "BA"
                taken = {
                    side: measure(*servers[side], requests, success, options) for side in order
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
        bench.cleanup_redis(redis_prefix)

    print(f"\n{'':<22}{'A':>10}{'B':>10}{'B/A (median of pairs)':>24}")
    for label, value, digits in (
        ("req/s", lambda s: s.throughput, 0),
        ("server CPU ms/resp", lambda s: s.cpu_ms, 3),
        ("p99 ms", lambda s: s.p99_ms, 1),
    ):
        a, b, ratio = paired_median(pairs, value)
        print(f"{label:<22}{a:>10,.{digits}f}{b:>10,.{digits}f}{ratio:>24.3f}")
    failed = sum(a.failed + b.failed for a, b in pairs)
    if failed:
        print(f"\n{failed} failed responses: the comparison is not of like with like.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
