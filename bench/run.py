"""The benchmark: `python -m bench.run` (`make bench` runs it with `--memory`).

Recreates its own PostgreSQL database (`credits_bench`), applies the migrations, seeds tenants
with the ORM, starts ONE `credits-api serve` process on PostgreSQL + Redis, and drives it at a
fixed concurrency with two load generators in turn: bench/load.py (Python, in its own process)
and wrk (C, bench/wrk.py; `--load` picks one). The ceiling,
`{ __typename }` with the same auth headers, is measured in the same run (at the start and at
the end, because the machine is shared and noisy) and every scenario is printed as a ratio of
it, in one table per load generator: the Python one takes CPU from the server it measures, which
depresses the ceiling and flatters the ratios; wrk takes little. After each charged scenario the ledger is checked exactly against the database and the
API. `--memory` adds the RSS check (after 10,000 and after 100,000 charged mutations);
`--profile DIR` samples the server with py-spy during scenarios 1, 2 and 3.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.ledger_check import LedgerCheck, charge_batches, ledger_state, remaining_via_api
from bench.profile import recording
from bench.seeding import (
    ALLOWANCE,
    DATABASE,
    READ_PROJECTS,
    READ_TASKS,
    SPREAD_TENANTS,
    Seed,
    TenantSeed,
    seed,
)
from bench.serving import (
    REDIS_URL,
    cleanup_redis,
    cpu_seconds,
    machine_busy,
    rss_kib,
    server_counters,
    server_environment,
)
from bench.table import Row, print_table, table_lines
from bench.workload import (
    CEILING,
    PROJECTS,
    auth_headers,
    body,
    charge_credits_requests,
    create_task_requests,
    drive,
)
from bench.wrk import drive_wrk, wrk_available
from tests.servers import running_server

Driver = Callable[..., dict[str, Any]]


def _wrk(
    url: str, requests: list[dict[str, Any]], success: str, options: argparse.Namespace, **job: Any
) -> dict[str, Any]:
    return drive_wrk(url, requests, success, options)


DRIVERS: dict[str, Driver] = {"python": drive, "wrk": _wrk}


def named(name: str, load: str) -> str:
    """A scenario's name in the tables; wrk's runs are marked, to tell them apart in the
    counters and ledger lines that list both."""
    return name if load == "python" else f"{name} [wrk]"


# Scenarios sampled by --profile (py-spy slows the server a little while it samples).
PROFILED = ("1", "2", "3")
# asyncpg's pool sends this when a connection goes back to the pool: a round trip of its own.
POOL_RESET = "SELECT pg_advisory_unlock_all();"


# --------------------------------------------------------------------------- measuring


@contextmanager
def profiled(pid: int, options: argparse.Namespace, name: str, *, enabled: bool) -> Iterator[None]:
    """Samples the server with py-spy for the warm-up and measured window of a scenario."""
    if not (options.profile and enabled):
        yield
        return
    with recording(pid, Path(options.profile) / f"{name}.txt", options.warmup + options.duration):
        yield


def measure(
    name: str,
    pid: int,
    url: str,
    work: Callable[[], dict[str, Any]],
    options: argparse.Namespace,
    round_number: int = 0,
) -> Row:
    """Runs `work` (one load-generator run) and what the server spent on it. py-spy samples
    the first round only."""
    counters_before = server_counters(url)
    cpu_before, busy_before = cpu_seconds(pid), machine_busy()
    started = time.perf_counter()
    profile = round_number == 1 and name[0] in PROFILED and not name.endswith("[wrk]")
    with profiled(pid, options, name.split()[0], enabled=profile):
        result = work()
    wall = time.perf_counter() - started
    server_cpu = cpu_seconds(pid) - cpu_before
    busy_after = machine_busy()
    machine = (busy_after[0] - busy_before[0]) / max(busy_after[1] - busy_before[1], 1)
    counters_after = server_counters(url)
    return Row(
        name=name,
        result=result,
        counters={
            key: value - counters_before.get(key, 0.0)
            for key, value in counters_after.items()
            if value != counters_before.get(key, 0.0)
        },
        server_cpu=100 * server_cpu / wall,
        cpu_ms_per_request=1000 * server_cpu / max(result["ok"] + result["failed"], 1),
        machine_cpu=100 * machine * (os.cpu_count() or 1),
        round_number=round_number,
    )


# --------------------------------------------------------------------------- SQL count


async def count_sql(options: argparse.Namespace, seed_data: Seed, env: dict[str, str]) -> str:
    """Runs scenario 3's query in-process through the ASGI app and counts the statements the
    database receives (every asyncpg call that sends SQL), with a warm and a cold auth cache
    and at two page sizes."""
    import asyncpg.connection
    from asgi_lifespan import LifespanManager

    from app import create_app
    from settings import Environment, Settings

    statements: list[str] = []
    originals = {}
    for method in ("execute", "executemany", "fetch", "fetchrow", "fetchval"):
        original = getattr(asyncpg.connection.Connection, method)
        originals[method] = original

        def counting(self: Any, query: str, *args: Any, __original: Any = original, **kw: Any):
            statements.append(" ".join(query.split()))
            return __original(self, query, *args, **kw)

        setattr(asyncpg.connection.Connection, method, counting)
    lines = []
    try:
        settings = Settings(
            database_url=env["DATABASE_URL"],
            redis_url=env["REDIS_URL"],
            redis_prefix=env["REDIS_PREFIX"],
            jwt_secret=env["JWT_SECRET"],
            rate_limits=False,
            credits_env=Environment.PRODUCTION,
            log_level="warning",
        )
        app = create_app(settings)
        headers = auth_headers(seed_data.token, seed_data.read.slug)
        async with (
            LifespanManager(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench"
            ) as client,
        ):
            for label, first, tasks in (
                ("cold auth cache, 50 projects x 10 tasks", 50, 10),
                ("warm, 50 projects x 10 tasks", 50, 10),
                ("warm, 5 projects x 2 tasks", 5, 2),
                ("warm, 50 projects x 3 tasks", 50, 3),
            ):
                statements.clear()
                response = await client.post(
                    "/graphql",
                    json={"query": PROJECTS, "variables": {"first": first, "tasks": tasks}},
                    headers=headers,
                )
                data = response.json()
                edges = data["data"]["projects"]["edges"]
                returned = sum(len(edge["node"]["tasks"]["edges"]) for edge in edges)
                resets = sum(statement.startswith(POOL_RESET) for statement in statements)
                lines.append(
                    f"  {len(statements)} SQL statements = {len(statements) - resets} queries + "
                    f"{resets} pool resets ({label}; returned {len(edges)} projects, "
                    f"{returned} tasks)"
                )
                if options.verbose:
                    lines.extend(f"      {statement[:160]}" for statement in statements)
    finally:
        for method, original in originals.items():
            setattr(asyncpg.connection.Connection, method, original)
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def charged(
    name: str,
    tenants: list[TenantSeed],
    seed_data: Seed,
    url: str,
    pid: int,
    options: argparse.Namespace,
    checks: list[tuple[str, LedgerCheck]],
    round_number: int = 0,
    driver: Driver = drive,
    *,
    charge_credits: bool = False,
    **job: Any,
) -> Row:
    """A charged scenario: createTask, or chargeCredits (`charge_credits`), on `tenants`."""
    requests, success = (
        (charge_credits_requests(seed_data.token, tenants), "ChargeCreditsSuccess")
        if charge_credits
        else (create_task_requests(seed_data.token, tenants), "CreateTaskSuccess")
    )
    ids = [t.id for t in tenants]
    before = asyncio.run(ledger_state(ids))
    batches_before = charge_batches(url)
    row = measure(
        name,
        pid,
        url,
        lambda: driver(f"{url}", requests, success, options, **job),
        options,
        round_number,
    )
    after = asyncio.run(ledger_state(ids))
    batches_after = charge_batches(url)
    check = LedgerCheck(
        ok_responses=row.result["ok"],
        new_rows=after.rows - before.rows,
        new_tasks=after.tasks - before.tasks,
        ledger_total=after.total,
        granted=ALLOWANCE * len(tenants),
        remaining=remaining_via_api(f"{url}/graphql", seed_data.token, tenants),
        batches=batches_after[0] - batches_before[0],
        batched_charges=batches_after[1] - batches_before[1],
        unanswered=row.result.get("unanswered", 0),
        creates_tasks=not charge_credits,
    )
    checks.append((f"{name} (round {round_number})" if round_number else name, check))
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of (ceiling, scenarios); medians reported"
    )
    parser.add_argument("--duration", type=float, default=5.0, help="seconds measured per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--memory", action="store_true", help="RSS after 10,000 and 100,000 charges"
    )
    parser.add_argument("--memory-first", type=int, default=10_000)
    parser.add_argument("--memory-total", type=int, default=100_000)
    parser.add_argument("--profile", metavar="DIR", help="py-spy raw profiles of scenarios 1, 2, 3")
    parser.add_argument("--verbose", action="store_true", help="list the counted SQL")
    parser.add_argument(
        "--load",
        choices=("both", "python", "wrk"),
        default="both",
        help="load generators, each in its own table (default both; wrk must be installed)",
    )
    parser.add_argument(
        "--only",
        default="1235",
        help="scenarios to run besides the ceiling, e.g. 13 (default 1235)",
    )
    options = parser.parse_args(argv)
    loads = ["python", "wrk"] if options.load == "both" else [options.load]
    if "wrk" in loads and not wrk_available():
        parser.error("wrk is not installed (make bench installs it; or pass --load python)")

    jwt_secret = secrets.token_urlsafe(32)
    redis_prefix = f"credits-bench:{uuid.uuid4().hex[:8]}:"
    env = server_environment(jwt_secret, redis_prefix)
    print(
        f"credits-api bench: concurrency {options.concurrency}, {options.duration:g} s measured "
        f"after {options.warmup:g} s warm-up, {os.cpu_count()} CPUs, PostgreSQL {DATABASE}, "
        f"Redis {REDIS_URL} prefix {redis_prefix}",
        flush=True,
    )
    seed_data = asyncio.run(seed(jwt_secret))
    sql_report = asyncio.run(count_sql(options, seed_data, env))

    rows_by_load: dict[str, list[Row]] = {load: [] for load in loads}
    checks: list[tuple[str, LedgerCheck]] = []
    memory_lines: list[str] = []
    log_dir = Path(tempfile.mkdtemp(prefix="credits-bench-"))
    ceiling_headers = auth_headers(seed_data.token, seed_data.hot.slug)
    try:
        with running_server(env, log_dir, log_name="server.log") as server:
            pid, url = server.pid, server.url

            def ceiling(driver: Driver) -> Callable[[], dict[str, Any]]:
                return lambda: driver(
                    url, [{"body": body(CEILING), "headers": ceiling_headers}], "Query", options
                )

            def charged_scenario(
                name: str, tenants: list[TenantSeed], *, charge_credits: bool = False
            ) -> Callable[[int, str], Row]:
                def run(number: int, load: str) -> Row:
                    return charged(
                        named(name, load),
                        tenants,
                        seed_data,
                        url,
                        pid,
                        options,
                        checks,
                        round_number=number,
                        driver=DRIVERS[load],
                        charge_credits=charge_credits,
                    )

                return run

            hot = charged_scenario("1 createTask, 1 hot tenant", [seed_data.hot])
            spread = charged_scenario(f"2 createTask, {SPREAD_TENANTS} tenants", seed_data.spread)
            charge = charged_scenario(
                f"5 chargeCredits, {SPREAD_TENANTS} tenants", seed_data.spread, charge_credits=True
            )

            read_request = {
                "body": body(PROJECTS, {"first": READ_PROJECTS, "tasks": READ_TASKS}),
                "headers": auth_headers(seed_data.token, seed_data.read.slug),
            }

            def read(number: int, load: str) -> Row:
                return measure(
                    named(f"3 projects {READ_PROJECTS}x{READ_TASKS} tasks", load),
                    pid,
                    url,
                    lambda: DRIVERS[load](url, [read_request], '"projects"', options),
                    options,
                    number,
                )

            scenarios = [
                run
                for key, run in (("1", hot), ("2", spread), ("3", read), ("5", charge))
                if key in options.only
            ]
            # Rounds of (ceiling, scenarios) per load generator, closed by one more ceiling
            # each: each scenario's ratio is taken against the ceilings measured just before
            # and just after it with the same generator, so a machine that slows down or speeds
            # up during the bench moves both sides alike.
            for number in range(1, options.rounds + 1):
                for load, rows in rows_by_load.items():
                    rows.append(
                        measure(
                            named(f"0 ceiling {CEILING}", load),
                            pid,
                            url,
                            ceiling(DRIVERS[load]),
                            options,
                            number,
                        )
                    )
                    for scenario in scenarios:
                        rows.append(scenario(number, load))
            for load, rows in rows_by_load.items():
                rows.append(
                    measure(
                        named(f"0 ceiling {CEILING}", load),
                        pid,
                        url,
                        ceiling(DRIVERS[load]),
                        options,
                        0,
                    )
                )
            rows = rows_by_load[loads[0]]
            if options.memory:
                rss: list[int] = []
                more = options.memory_total - options.memory_first
                for name, total in (
                    (f"M createTask x{options.memory_first:,}", options.memory_first),
                    (f"M createTask x{more:,} more", more),
                ):
                    rows.append(
                        charged(
                            name,
                            seed_data.memory,
                            seed_data,
                            url,
                            pid,
                            options,
                            checks,
                            total=total,
                        )
                    )
                    rss.append(rss_kib(pid))
                rss_first, rss_total = rss
                memory_lines.append(
                    f"server RSS after {options.memory_first:,} charged mutations: "
                    f"{rss_first / 1024:,.1f} MiB; after {options.memory_total:,}: "
                    f"{rss_total / 1024:,.1f} MiB; ratio {rss_total / rss_first:.3f} "
                    f"({'within' if rss_total <= 1.1 * rss_first else 'OVER'} 10%)"
                )
    finally:
        cleanup_redis(redis_prefix)

    for load, load_rows in rows_by_load.items():
        generator = "bench/load.py (Python)" if load == "python" else "wrk (C)"
        print(f"\nLoad generator: {generator}")
        print_table(table_lines(load_rows))
    all_rows = [row for load_rows in rows_by_load.values() for row in load_rows]
    print("\nHow the server ran each scenario (its counters over all runs; warm-up included):")
    for line in table_lines(all_rows):
        totals: dict[str, float] = {}
        for row in line.rows:
            for key, value in row.counters.items():
                totals[key] = totals.get(key, 0.0) + value
        counts = ", ".join(f"{key} {value:,.0f}" for key, value in sorted(totals.items()))
        print(f"  {line.name}: {counts or '-'}")
    print(f"\nScenario 3 query, counted in-process through the ASGI app:\n{sql_report}")
    print("\nScenario 4, ledger after each charged scenario:")
    for name, check in checks:
        print(f"  {name}: {check.describe()}")
    for memory_line in memory_lines:
        print(f"\nMemory: {memory_line}")
    failures = [row for row in all_rows if row.result["failed"]]
    for row in failures:
        print(f"\n{row.name}: {row.result['failed']} failed responses, e.g.:")
        for sample in row.result["samples"]:
            print(f"  {sample}")
    if options.profile:
        from bench.profile import summarize

        for raw in sorted(Path(options.profile).glob("*.txt")):
            print(f"\nProfile {raw.name}:")
            print(summarize(raw))
    print(f"\nserver log: {log_dir / 'server.log'}")
    return 0 if all(check.exact for _, check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
