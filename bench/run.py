"""The benchmark: `python -m bench.run` (`make bench` runs it with `--memory`).

Recreates its own PostgreSQL database (`credits_bench`), applies the migrations, seeds tenants
with the ORM, starts ONE `credits-api serve` process on PostgreSQL + Redis, and drives it at a
fixed concurrency with a load generator in a separate process (bench/load.py). The ceiling,
`{ __typename }` with the same auth headers, is measured in the same run (at the start and at
the end, because the machine is shared and noisy) and every scenario is printed as a ratio of
it. After each charged scenario the ledger is checked exactly against the database and the
API. `--memory` adds the RSS check (after 10,000 and after 100,000 charged mutations);
`--profile DIR` samples the server with py-spy during scenarios 1, 2 and 3.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # `python bench/run.py`: make `bench` and the layers importable.
    sys.path.insert(0, str(REPO))
POSTGRES_BASE = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "credits_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
ALLOWANCE = 10_000_000
SPREAD_TENANTS = 100
# The memory run charges a few tenants: per-tenant state is exercised, and 100,000 charges
# still take minutes rather than tens of minutes on two cores.
MEMORY_TENANTS = 4
READ_PROJECTS = 50
READ_TASKS = 10
# Scenarios sampled by --profile (py-spy slows the server a little while it samples).
PROFILED = ("1", "2", "3")

CEILING = "{ __typename }"
CREATE_TASK = (
    "mutation($input: CreateTaskInput!) { createTask(input: $input) { __typename "
    "... on CreateTaskSuccess { task { id title } usage { id amount } } "
    "... on Error { code message } } }"
)
PROJECTS = (
    "query($first: Int, $tasks: Int) { projects(first: $first) { edges { node { "
    "tasks(first: $tasks) { edges { node { id title } } } } } } }"
)
SUMMARY = "{ usageSummary { used limit remaining } }"
# asyncpg's pool sends this when a connection goes back to the pool: a round trip of its own.
POOL_RESET = "SELECT pg_advisory_unlock_all();"


# --------------------------------------------------------------------------- data


@dataclass
class TenantSeed:
    id: uuid.UUID
    slug: str
    project_id: uuid.UUID


@dataclass
class Seed:
    token: str
    hot: TenantSeed
    spread: list[TenantSeed]
    read: TenantSeed
    memory: list[TenantSeed]


def database_url(name: str = DATABASE) -> str:
    return f"{POSTGRES_BASE}/{name}"


async def seed(jwt_secret: str) -> Seed:
    from tortoise.context import TortoiseContext

    from bench.database import recreate_database
    from models import (
        Membership,
        Plan,
        PlanFeature,
        PlanFeatureType,
        Project,
        Role,
        SubscriptionStatus,
        Task,
        Tenant,
        TenantSubscription,
        User,
    )
    from services.auth import mint_token
    from services.clock import add_months, utcnow
    from services.migrate import apply_migrations
    from settings import tortoise_config

    await recreate_database(database_url())
    await apply_migrations(database_url())
    async with TortoiseContext() as orm:
        await orm.init(config=tortoise_config(database_url()))
        plan = await Plan.create(name="Bench")
        await PlanFeature.create(
            plan=plan,
            name="credits",
            title="Credits",
            type=PlanFeatureType.MONTHLY,
            value=ALLOWANCE,
        )
        user = await User.create(email="bench@example.com")
        start = utcnow() - timedelta(seconds=1)

        async def tenants(prefix: str, count: int) -> list[TenantSeed]:
            seeds = [
                TenantSeed(uuid.uuid4(), f"{prefix}-{number:03d}", uuid.uuid4())
                for number in range(count)
            ]
            await Tenant.bulk_create([Tenant(id=t.id, slug=t.slug, name=t.slug) for t in seeds])
            await Membership.bulk_create(
                [Membership(tenant_id=t.id, user_id=user.id, role=Role.OWNER) for t in seeds]
            )
            await TenantSubscription.bulk_create(
                [
                    TenantSubscription(
                        tenant_id=t.id,
                        plan_id=plan.id,
                        status=SubscriptionStatus.ACTIVE,
                        current_period_start=start,
                        current_period_end=add_months(start, 1),
                    )
                    for t in seeds
                ]
            )
            await Project.bulk_create(
                [
                    Project(
                        id=t.project_id,
                        tenant_id=t.id,
                        name="Bench",
                        created_by_id=user.id,
                        created_at=start,
                    )
                    for t in seeds
                ]
            )
            return seeds

        hot = (await tenants("bench-hot", 1))[0]
        spread = await tenants("bench-spread", SPREAD_TENANTS)
        read = (await tenants("bench-read", 1))[0]
        memory = await tenants("bench-memory", MEMORY_TENANTS)
        # The read tenant: READ_PROJECTS projects (its seed project included) x READ_TASKS tasks.
        projects = [
            Project(
                id=uuid.uuid4(),
                tenant_id=read.id,
                name=f"Project {number}",
                created_by_id=user.id,
                created_at=start + timedelta(milliseconds=number),
            )
            for number in range(1, READ_PROJECTS)
        ]
        await Project.bulk_create(projects)
        await Task.bulk_create(
            [
                Task(
                    id=uuid.uuid4(),
                    tenant_id=read.id,
                    project_id=project_id,
                    title=f"Task {number}",
                    created_by_id=user.id,
                    created_at=start + timedelta(milliseconds=number),
                    updated_at=start,
                )
                for project_id in [read.project_id, *(p.id for p in projects)]
                for number in range(READ_TASKS)
            ]
        )
        # Statistics, as autovacuum would gather within its first minute: on a database
        # without them the planner guesses, and scenario 3 measured its guesses.
        await Tenant._meta.db.execute_script("ANALYZE")
        token = mint_token(user, secret=jwt_secret, ttl=timedelta(hours=6))
    return Seed(token=token, hot=hot, spread=spread, read=read, memory=memory)


# --------------------------------------------------------------------------- ledger check


@dataclass
class LedgerState:
    rows: int
    total: int
    tasks: int


async def ledger_state(tenant_ids: list[uuid.UUID]) -> LedgerState:
    import asyncpg

    connection = await asyncpg.connect(database_url())
    try:
        rows, total = await connection.fetchrow(
            "SELECT count(*), coalesce(sum(amount), 0) FROM credit_usage "
            "WHERE tenant_id = ANY($1::uuid[])",
            tenant_ids,
        )
        tasks = await connection.fetchval(
            "SELECT count(*) FROM task WHERE tenant_id = ANY($1::uuid[])", tenant_ids
        )
    finally:
        await connection.close()
    return LedgerState(rows=int(rows), total=int(total), tasks=int(tasks))


def remaining_via_api(url: str, token: str, tenants: list[TenantSeed]) -> int:
    remaining = 0
    with httpx.Client(timeout=30) as client:
        for tenant in tenants:
            response = client.post(
                url, json={"query": SUMMARY}, headers=auth_headers(token, tenant.slug)
            )
            summary = response.json()["data"]["usageSummary"]
            remaining += int(summary["remaining"])
    return remaining


COUNTERS = (
    "credits_graphql_query_plans_total",
    "credits_account_cache_total",
    "credits_page_reads_total",
)


def server_counters(url: str) -> dict[str, float]:
    """How the server ran what it ran, from its /metrics: query plan outcomes (planned,
    abandoned, generic), charge batches' account cache outcomes (hit, stale, miss) and pages
    read as JSON built by the database."""
    counters: dict[str, float] = {}
    for line in httpx.get(f"{url}/metrics", timeout=30).text.splitlines():
        name, _, rest = line.partition("{")
        if name.partition(" ")[0] in COUNTERS and "{" not in line:
            counters[name.removeprefix("credits_").partition("_total")[0]] = float(
                line.rsplit(" ", 1)[1]
            )
        elif name in COUNTERS and 'outcome="' in rest:
            outcome = rest.split('outcome="', 1)[1].split('"', 1)[0]
            counters[f"{name.removeprefix('credits_').removesuffix('_total')}:{outcome}"] = float(
                line.rsplit(" ", 1)[1]
            )
    return counters


def charge_batches(url: str) -> tuple[float, float]:
    """(batches, charges in them) so far, from the server's Prometheus histogram."""
    text = httpx.get(f"{url}/metrics", timeout=30).text
    values = {
        line.split(" ")[0]: float(line.split(" ")[1])
        for line in text.splitlines()
        if line.startswith(("credits_charge_batch_size_count ", "credits_charge_batch_size_sum "))
    }
    return (
        values.get("credits_charge_batch_size_count", 0.0),
        values.get("credits_charge_batch_size_sum", 0.0),
    )


@dataclass
class LedgerCheck:
    ok_responses: int
    new_rows: int
    new_tasks: int
    ledger_total: int
    granted: int
    remaining: int
    # Charge batches the server committed, and the charges in them (from its /metrics).
    batches: float = 0
    batched_charges: float = 0

    @property
    def exact(self) -> bool:
        return (
            self.ok_responses == self.new_rows == self.new_tasks
            and self.ledger_total == self.granted - self.remaining
        )

    def describe(self) -> str:
        verdict = "EXACT" if self.exact else "MISMATCH"
        return (
            f"{verdict}: successful responses {self.ok_responses:,} = new ledger rows "
            f"{self.new_rows:,} = new tasks {self.new_tasks:,}; ledger total "
            f"{self.ledger_total:,} = granted {self.granted:,} - remaining {self.remaining:,} "
            f"({self.granted - self.remaining:,}); {self.batches:,.0f} batches of "
            f"{self.batched_charges / max(self.batches, 1):.1f} charges on average"
        )


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment(jwt_secret: str, redis_prefix: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "REDIS_PREFIX": redis_prefix,
        "JWT_SECRET": jwt_secret,
        "RATE_LIMITS": "off",
        "CREDITS_ENV": "production",
        "LOG_LEVEL": "warning",
    }


@contextmanager
def server(env: dict[str, str], log_path: Path, tree: Path = REPO) -> Iterator[tuple[int, str]]:
    """Yields (pid, base url) of one `credits-api serve` process, run from the checkout `tree`
    (its own packages come first on the path)."""
    port = free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                # Revisions before the top-level layout kept the layers in a `credits_api` package.
                "credits_api.cli" if (tree / "credits_api" / "cli.py").exists() else "cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=tree,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        from bench.serving import wait_until_ready

        wait_until_ready(url, process, log_path)
        yield process.pid, url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of the file; after the ")" they are at 11 and 12.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies over all CPUs, to show how loaded the shared machine was."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def cleanup_redis(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


# --------------------------------------------------------------------------- load


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


@dataclass
class Row:
    name: str
    result: dict[str, Any]
    server_cpu: float
    machine_cpu: float
    # Server CPU time per response: the figure least disturbed by other load on the machine.
    cpu_ms_per_request: float
    # Which round of the bench (0: the closing ceiling, and the memory runs).
    round_number: int = 0
    # Server counters that moved during the scenario (see `server_counters`).
    counters: dict[str, float] = field(default_factory=dict)


@contextmanager
def profiled(pid: int, options: argparse.Namespace, name: str, *, enabled: bool) -> Iterator[None]:
    """Samples the server with py-spy for the warm-up and measured window of a scenario."""
    if not (options.profile and enabled):
        yield
        return
    out = Path(options.profile)
    out.mkdir(parents=True, exist_ok=True)
    raw = out / f"{name}.txt"
    recorder = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("py-spy")),
            "record",
            "--pid",
            str(pid),
            "--rate",
            "200",
            "--duration",
            str(int(options.warmup + options.duration)),
            "--format",
            "raw",
            "--nonblocking",
            "--output",
            str(raw),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        recorder.wait(60)


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
    profile = round_number == 1 and name[0] in PROFILED
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


def fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


@dataclass
class Line:
    """One line of the table: a scenario's medians over the rounds, and its ratio in each."""

    name: str
    rows: list[Row]
    ratios: list[float]

    def median(self, value: Callable[[Row], float]) -> float:
        return statistics.median(value(row) for row in self.rows)


def table_lines(rows: list[Row]) -> list[Line]:
    """Scenario lines in the order first run, each ratio against the ceilings that bracket its
    round (the mean of the round's own ceiling and the next round's, or the closing one);
    memory runs (round 0) against the median ceiling."""
    ceilings = [row for row in rows if row.name.startswith("0 ")]
    by_round = {row.round_number: row for row in ceilings if row.round_number}
    closing = next((row for row in ceilings if row.round_number == 0), None)
    median_ceiling = statistics.median(row.result["throughput"] for row in ceilings)

    def bracket(number: int) -> float:
        after = by_round.get(number + 1, closing)
        pair = [by_round[number], after] if after is not None else [by_round[number]]
        return sum(row.result["throughput"] for row in pair) / len(pair)

    lines: dict[str, Line] = {}
    for row in rows:
        line = lines.setdefault(row.name, Line(row.name, [], []))
        line.rows.append(row)
        if row.name.startswith("0 "):
            line.ratios.append(row.result["throughput"] / median_ceiling)
        elif row.round_number:
            line.ratios.append(row.result["throughput"] / bracket(row.round_number))
        else:
            line.ratios.append(row.result["throughput"] / median_ceiling)
    return list(lines.values())


def print_table(lines: list[Line]) -> None:
    header = (
        f"{'scenario':<36}{'runs':>5}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'ratio':>7}{'failed':>8}{'cpu ms':>8}{'server':>8}{'client':>8}{'machine':>9}"
    )
    print(header)
    print("-" * len(header))
    for line in lines:
        requests = sum(row.result["measured"] for row in line.rows)
        failed = sum(row.result["failed"] for row in line.rows)
        print(
            f"{line.name:<36}{len(line.rows):>5}{requests:>10,}"
            f"{fmt(line.median(lambda r: r.result['throughput']), 0):>9}"
            f"{fmt(line.median(lambda r: r.result['p50_ms'])):>9}"
            f"{fmt(line.median(lambda r: r.result['p99_ms'])):>9}"
            f"{statistics.median(line.ratios):>7.3f}{failed:>8,}"
            f"{fmt(line.median(lambda r: r.cpu_ms_per_request), 2):>8}"
            f"{fmt(line.median(lambda r: r.server_cpu), 0) + '%':>8}"
            f"{fmt(line.median(lambda r: r.result['client_cpu_percent']), 0) + '%':>8}"
            f"{fmt(line.median(lambda r: r.machine_cpu), 0) + '%':>9}"
        )
    print(
        "Medians over the runs. ratio: req/s over the mean of the two ceiling runs that bracket\n"
        "the run (the ceiling line: over the median ceiling); cpu ms: server CPU time per\n"
        "response (warm-up included); server/client: CPU of the server process and of the load\n"
        "generator (100% = one core); machine: all CPUs busy (200% = both cores), others' work\n"
        "included."
    )
    print("\nEach run (req/s, p99 ms, ratio):")
    for line in lines:
        runs = "; ".join(
            f"{fmt(row.result['throughput'], 0)}, {fmt(row.result['p99_ms'])}, {ratio:.3f}"
            for row, ratio in zip(line.rows, line.ratios, strict=True)
        )
        print(f"  {line.name}: {runs}")


def charged(
    name: str,
    tenants: list[TenantSeed],
    seed_data: Seed,
    url: str,
    pid: int,
    options: argparse.Namespace,
    checks: list[tuple[str, LedgerCheck]],
    round_number: int = 0,
    **job: Any,
) -> Row:
    ids = [t.id for t in tenants]
    before = asyncio.run(ledger_state(ids))
    batches_before = charge_batches(url)
    row = measure(
        name,
        pid,
        url,
        lambda: drive(
            f"{url}",
            create_task_requests(seed_data.token, tenants),
            "CreateTaskSuccess",
            options,
            **job,
        ),
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
        "--only", default="123", help="scenarios to run besides the ceiling, e.g. 13 (default 123)"
    )
    options = parser.parse_args(argv)

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

    rows: list[Row] = []
    checks: list[tuple[str, LedgerCheck]] = []
    memory_lines: list[str] = []
    log_dir = Path(tempfile.mkdtemp(prefix="credits-bench-"))
    ceiling_headers = auth_headers(seed_data.token, seed_data.hot.slug)
    try:
        with server(env, log_dir / "server.log") as (pid, url):

            def ceiling() -> dict[str, Any]:
                return drive(
                    url, [{"body": body(CEILING), "headers": ceiling_headers}], "Query", options
                )

            def charged_scenario(name: str, tenants: list[TenantSeed]) -> Callable[[int], Row]:
                def run(number: int) -> Row:
                    return charged(
                        name, tenants, seed_data, url, pid, options, checks, round_number=number
                    )

                return run

            hot = charged_scenario("1 createTask, 1 hot tenant", [seed_data.hot])
            spread = charged_scenario(f"2 createTask, {SPREAD_TENANTS} tenants", seed_data.spread)

            read_request = {
                "body": body(PROJECTS, {"first": READ_PROJECTS, "tasks": READ_TASKS}),
                "headers": auth_headers(seed_data.token, seed_data.read.slug),
            }

            def read(number: int) -> Row:
                return measure(
                    f"3 projects {READ_PROJECTS}x{READ_TASKS} tasks",
                    pid,
                    url,
                    lambda: drive(url, [read_request], '"projects"', options),
                    options,
                    number,
                )

            scenarios = [
                run for key, run in (("1", hot), ("2", spread), ("3", read)) if key in options.only
            ]
            # Rounds of (ceiling, scenarios), closed by one more ceiling: each scenario's ratio
            # is taken against the ceilings measured just before and just after it, so a
            # machine that slows down or speeds up during the bench moves both sides alike.
            for number in range(1, options.rounds + 1):
                rows.append(measure(f"0 ceiling {CEILING}", pid, url, ceiling, options, number))
                for scenario in scenarios:
                    rows.append(scenario(number))
            rows.append(measure(f"0 ceiling {CEILING}", pid, url, ceiling, options, 0))
            if options.memory:
                first = charged(
                    f"M createTask x{options.memory_first:,}",
                    seed_data.memory,
                    seed_data,
                    url,
                    pid,
                    options,
                    checks,
                    total=options.memory_first,
                )
                rss_first = rss_kib(pid)
                rest = charged(
                    f"M createTask x{options.memory_total - options.memory_first:,} more",
                    seed_data.memory,
                    seed_data,
                    url,
                    pid,
                    options,
                    checks,
                    total=options.memory_total - options.memory_first,
                )
                rss_total = rss_kib(pid)
                rows.extend([first, rest])
                memory_lines.append(
                    f"server RSS after {options.memory_first:,} charged mutations: "
                    f"{rss_first / 1024:,.1f} MiB; after {options.memory_total:,}: "
                    f"{rss_total / 1024:,.1f} MiB; ratio {rss_total / rss_first:.3f} "
                    f"({'within' if rss_total <= 1.1 * rss_first else 'OVER'} 10%)"
                )
    finally:
        cleanup_redis(redis_prefix)

    print()
    print_table(table_lines(rows))
    print("\nHow the server ran each scenario (its counters over all runs; warm-up included):")
    for line in table_lines(rows):
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
    failures = [row for row in rows if row.result["failed"]]
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
