"""Live-usage fan-out benchmark: `python -m bench.fanout` (not part of the test suite).

Starts ONE server process on PostgreSQL + Redis (production mode, rate limits off), attaches N
`usageUpdated` subscribers spread over separate client processes (bench/fanout_client.py: a
minimal graphql-transport-ws client, so that the clients are not what is measured), then creates
tasks over HTTP at a fixed pace and measures, from each mutation's HTTP response to each
subscriber's receipt of its event: p50, p99 and max (negative when the event beats the
response). Scenarios: (a) N subscribers on one tenant; (b) 10 subscribers on each of N/10
tenants, the charges spread over them. Also: mutation p99 without and with the subscribers,
the server's RSS per idle subscriber, the server's and the subscriber processes' CPU per
event frame delivered (while the mutations run with the subscribers), and events lost
(expected minus received, for subscribers still open; those closed for falling behind, 4008,
are counted apart).

The database and tenants are `bench.run`'s (bench/seeding.py: BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432, database credits_bench, which is DROPPED and recreated).
BENCH_REDIS_URL (default redis://127.0.0.1:6379/14): only keys under this run's
`credits-bench:<id>:` prefix are touched. Extra server environment: BENCH_SERVER_ENV
("NAME=value,NAME=value", e.g. GRAPHQL_FAST_PATHS=off to measure without live-fanout).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import resource
import secrets
import tempfile
import time
import uuid
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import httpx

from bench import fanout_client
from bench.seeding import TenantSeed, database_url, seed
from bench.serving import REDIS_URL, cleanup_redis, cpu_seconds, rss_kib, server_environment
from tests.servers import Server, running_server

CREATE_TASK = """
mutation($input: CreateTaskInput!) {
  createTask(input: $input) { __typename ... on CreateTaskSuccess { usage { id } } }
}
"""
SUBSCRIPTION = """
subscription { usageUpdated { sequence summary { used remaining } creditUsage { id type amount } } }
"""


@dataclass
class Row:
    scenario: str
    subscribers: int
    tenants: int
    mutations: int
    failed: int
    mutation_p99_without: float
    mutation_p99_with: float
    delay_p50: float
    delay_p99: float
    delay_max: float
    rss_per_subscriber_kib: float
    # CPU during the mutations with subscribers, per frame delivered (server, and the clients).
    server_cpu_us_per_frame: float
    client_cpu_us_per_frame: float
    lost: int
    closed_slow: int
    closed_other: int


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def mutate(
    http: httpx.AsyncClient, url: str, tenant: TenantSeed, token: str
) -> tuple[float, float, bool]:
    """One createTask; returns its (sent, answered) perf_counter stamps and whether it charged."""
    sent = time.perf_counter()
    response = await http.post(
        f"{url}/graphql",
        json={
            "query": CREATE_TASK,
            "variables": {"input": {"projectId": str(tenant.project_id), "title": "t"}},
        },
        headers={"Authorization": f"Bearer {token}", "X-Tenant": tenant.slug},
    )
    answered = time.perf_counter()
    data = response.json().get("data") or {}
    return sent, answered, (data.get("createTask") or {}).get("__typename") == "CreateTaskSuccess"


async def paced(
    http: httpx.AsyncClient,
    url: str,
    tenants: list[TenantSeed],
    token: str,
    count: int,
    interval: float,
) -> list[tuple[str, float, float, bool]]:
    """`count` mutations, one every `interval` seconds, round robin over `tenants`."""
    done = []
    next_at = time.perf_counter()
    for number in range(count):
        tenant = tenants[number % len(tenants)]
        sent, answered, ok = await mutate(http, url, tenant, token)
        done.append((tenant.slug, sent, answered, ok))
        next_at += interval
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
    return done


def start_clients(count: int) -> list[tuple[multiprocessing.process.BaseProcess, Connection]]:
    context = multiprocessing.get_context("spawn")
    clients: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    for _ in range(count):
        parent, child = context.Pipe()
        process = context.Process(target=fanout_client.run, args=(child,), daemon=True)
        process.start()
        clients.append((process, parent))
    return clients


def scenario_rows(
    server: Server,
    token: str,
    name: str,
    tenants: list[TenantSeed],
    per_tenant: int,
    options: argparse.Namespace,
) -> Row:
    url = server.url
    ws_url = url.replace("http://", "ws://") + "/graphql"
    size = len(tenants) * per_tenant

    async def without() -> list[tuple[str, float, float, bool]]:
        async with httpx.AsyncClient(timeout=60) as http:
            await paced(http, url, tenants, token, options.warmup, 0.0)
            return await paced(http, url, tenants, token, options.mutations, options.interval)

    baseline = asyncio.run(without())
    rss_before = rss_kib(server.pid)
    clients = start_clients(options.clients)
    pairs = [(tenant.slug, token) for tenant in tenants for _ in range(per_tenant)]
    for index, (_, pipe) in enumerate(clients):
        pipe.send(("open", ws_url, pairs[index :: len(clients)]))
    for _, pipe in clients:
        pipe.recv()
    time.sleep(1.0)
    rss_after = rss_kib(server.pid)

    async def with_subscribers() -> list[tuple[str, float, float, bool]]:
        async with httpx.AsyncClient(timeout=60) as http:
            done = await paced(http, url, tenants, token, options.mutations, options.interval)
            await asyncio.sleep(options.grace)
            return done

    cpu_before = cpu_seconds(server.pid)
    clients_before = sum(cpu_seconds(process.pid) for process, _ in clients if process.pid)
    charged = asyncio.run(with_subscribers())
    server_cpu = cpu_seconds(server.pid) - cpu_before
    clients_cpu = sum(cpu_seconds(process.pid) for process, _ in clients if process.pid)
    clients_cpu -= clients_before
    seen: list[tuple[str, int, dict[int, float], int | None]] = []
    for _, pipe in clients:
        pipe.send(("collect",))
    for _, pipe in clients:
        seen += pipe.recv()
    for process, pipe in clients:
        pipe.send(("close",))
        pipe.recv()
        process.join(10)

    answered_by_tenant: dict[str, list[float]] = {}
    failed = 0
    for slug, _, answered, ok in charged:
        if ok:
            answered_by_tenant.setdefault(slug, []).append(answered)
        else:
            failed += 1
    delays: list[float] = []
    lost = closed_slow = closed_other = 0
    for slug, first, received, close_code in seen:
        expected = answered_by_tenant.get(slug, [])
        if close_code == 4008:
            closed_slow += 1
            continue
        if close_code is not None:
            closed_other += 1
            continue
        for offset, answered in enumerate(expected, start=1):
            at = received.get(first + offset)
            if at is None:
                lost += 1
            else:
                delays.append(at - answered)
    return Row(
        name,
        size,
        len(tenants),
        options.mutations,
        failed,
        pct([a - s for _, s, a, _ in baseline], 99),
        pct([a - s for _, s, a, _ in charged], 99),
        pct(delays, 50) if delays else float("nan"),
        pct(delays, 99) if delays else float("nan"),
        max(delays) if delays else float("nan"),
        (rss_after - rss_before) / size,
        1e6 * server_cpu / max(1, len(delays)),
        1e6 * clients_cpu / max(1, len(delays)),
        lost,
        closed_slow,
        closed_other,
    )


def ms(value: float) -> str:
    return f"{value * 1000:.1f}"


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'scenario':>8} {'subscribers':>11} {'tenants':>7} {'mutations':>9} "
        f"{'mut p99 ms (none)':>17} {'(with)':>7} {'delivery p50 ms':>15} {'p99':>7} "
        f"{'max':>7} {'RSS KiB/sub':>11} {'cpu us/frame':>12} {'(clients)':>9} {'lost':>5} "
        f"{'4008':>5} {'other closes':>12}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.scenario:>8} {row.subscribers:>11} {row.tenants:>7} "
            f"{row.mutations - row.failed:>9} {ms(row.mutation_p99_without):>17} "
            f"{ms(row.mutation_p99_with):>7} {ms(row.delay_p50):>15} {ms(row.delay_p99):>7} "
            f"{ms(row.delay_max):>7} {row.rss_per_subscriber_kib:>11.1f} "
            f"{row.server_cpu_us_per_frame:>12.1f} {row.client_cpu_us_per_frame:>9.1f} {row.lost:>5} "
            f"{row.closed_slow:>5} {row.closed_other:>12}"
        )


def raise_file_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(wanted, hard) if hard != resource.RLIM_INFINITY else wanted
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def extra_environment() -> dict[str, str]:
    pairs = [item for item in os.environ.get("BENCH_SERVER_ENV", "").split(",") if "=" in item]
    return dict(item.split("=", 1) for item in pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--subscribers", type=int, nargs="+", default=[1000])
    parser.add_argument("--scenarios", nargs="+", choices=["a", "b"], default=["a", "b"])
    parser.add_argument("--mutations", type=int, default=30)
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between mutations")
    parser.add_argument("--grace", type=float, default=3.0, help="seconds to wait for the last")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4, help="subscriber processes")
    options = parser.parse_args(argv)
    # Each subscriber is a socket in the server (which inherits this limit).
    raise_file_limit(2 * max(options.subscribers) + 1024)

    jwt_secret = secrets.token_urlsafe(32)
    prefix = f"credits-bench:{uuid.uuid4().hex[:8]}:"
    env = {**server_environment(jwt_secret, prefix), **extra_environment()}
    print(f"database {database_url()}; Redis {REDIS_URL} prefix {prefix}; one server process")
    spread = max(10, max(options.subscribers) // 10)
    seeded = asyncio.run(seed(jwt_secret, spread_tenants=spread))
    log_path = Path(tempfile.mkdtemp(prefix="credits-fanout-")) / "server.log"
    rows: list[Row] = []
    try:
        with running_server(env, log_path.parent, log_name=log_path.name) as server:
            for size in options.subscribers:
                if "a" in options.scenarios:
                    rows.append(
                        scenario_rows(server, seeded.token, "a", [seeded.hot], size, options)
                    )
                    print_table(rows[-1:])
                if "b" in options.scenarios:
                    tenants = seeded.spread[: max(1, size // 10)]
                    rows.append(scenario_rows(server, seeded.token, "b", tenants, 10, options))
                    print_table(rows[-1:])
    finally:
        cleanup_redis(prefix)
    print()
    print_table(rows)
    print(
        "delivery: from the mutation's HTTP response to a subscriber's receipt of its event "
        f"(negative: the event arrived first); mutations every {options.interval} s; "
        f"{options.clients} subscriber processes; server env extra: {extra_environment() or '-'}; "
        "cpu us/frame: the server's (and the subscriber processes') CPU during the mutations "
        "with subscribers, per event frame delivered"
    )
    print(f"server log: {log_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
