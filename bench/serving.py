"""The benchmarked server (a process that tests/servers.py starts and stops, as it does the
suite's): its environment, what it spends, and what its /metrics say it did."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from bench.seeding import database_url

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def server_environment(jwt_secret: str, redis_prefix: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "REDIS_PREFIX": redis_prefix,
        "JWT_SECRET": jwt_secret,
        "RATE_LIMITS": "off",
        "CREDITS_ENV": "production",
        "LOG_LEVEL": "warning",
    }


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
