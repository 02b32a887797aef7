"""Live-usage fan-out benchmark: `python -m bench.fanout` (not part of the test suite).

Starts ONE server process on PostgreSQL + Redis, attaches N websocket subscribers
(graphql-transport-ws, `usageUpdated`) to one tenant, then creates tasks over HTTP one at a time
and measures, for each mutation, the delay from its HTTP response to each subscriber's receipt of
its event (negative when the event beats the response: the ledger publishes before it answers),
and the mutation latency with and without the subscribers attached.

The database and tenants are `bench.run`'s (bench/seeding.py: BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432, database credits_bench, which is DROPPED and recreated); the
subscribers watch its hot tenant. BENCH_REDIS_URL (default redis://127.0.0.1:6379/14): only keys
under this run's `credits-bench:<id>:` prefix are touched.

The subscribers run in this process, so at N = 1000 part of the receipt delay is this client
parsing 1000 copies of each message; its CPU time is printed with the results.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import secrets
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from websockets.asyncio.client import ClientConnection, connect

from bench.seeding import database_url, seed
from bench.serving import REDIS_URL, cleanup_redis, server_environment
from tests.servers import running_server

CREATE_TASK = """
mutation($input: CreateTaskInput!) {
  createTask(input: $input) { __typename ... on CreateTaskSuccess { usage { id } } }
}
"""
SUBSCRIPTION = """
subscription { usageUpdated { sequence summary { used remaining } creditUsage { id type amount } } }
"""


@dataclass
class Watched:
    """The tenant whose charges the subscribers watch (the benchmark seed's hot tenant)."""

    slug: str
    token: str
    project_id: str


@dataclass
class Subscriber:
    ws: ClientConnection
    # sequence -> perf_counter() at receipt
    received: dict[int, float] = field(default_factory=dict)


class Fanout:
    def __init__(self) -> None:
        self.subscribers: list[Subscriber] = []
        self.counts: dict[int, int] = {}
        self.complete: dict[int, asyncio.Event] = {}
        self.readers: list[asyncio.Task[None]] = []

    def expect(self, sequence: int) -> asyncio.Event:
        return self.complete.setdefault(sequence, asyncio.Event())

    async def attach(self, ws_url: str, watched: Watched, count: int) -> int:
        """Opens `count` subscribers; returns the sequence of their first message."""
        first_sequences: list[int] = []

        async def open_one() -> None:
            ws = await connect(ws_url, subprotocols=["graphql-transport-ws"], open_timeout=60)  # type: ignore[list-item]
            init = {"authorization": f"Bearer {watched.token}", "tenant": watched.slug}
            await ws.send(json.dumps({"type": "connection_init", "payload": init}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(
                json.dumps({"type": "subscribe", "id": "1", "payload": {"query": SUBSCRIPTION}})
            )
            first = json.loads(await ws.recv())
            first_sequences.append(first["payload"]["data"]["usageUpdated"]["sequence"])
            subscriber = Subscriber(ws)
            self.subscribers.append(subscriber)
            self.readers.append(asyncio.create_task(self.read(subscriber)))

        for start in range(0, count, 100):
            await asyncio.gather(*(open_one() for _ in range(min(100, count - start))))
        return max(first_sequences)

    async def read(self, subscriber: Subscriber) -> None:
        async for raw in subscriber.ws:
            now = time.perf_counter()
            message = json.loads(raw)
            if message.get("type") != "next":
                continue
            sequence = message["payload"]["data"]["usageUpdated"]["sequence"]
            subscriber.received[sequence] = now
            self.counts[sequence] = self.counts.get(sequence, 0) + 1
            if self.counts[sequence] == len(self.subscribers):
                self.expect(sequence).set()

    async def detach(self) -> None:
        for reader in self.readers:
            reader.cancel()
        await asyncio.gather(*(s.ws.close() for s in self.subscribers), return_exceptions=True)
        await asyncio.gather(*self.readers, return_exceptions=True)
        self.subscribers.clear()
        self.readers.clear()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


@dataclass
class Row:
    subscribers: int
    mutations: int
    latency_p50: float
    latency_p99: float
    delay_p50: float | None = None
    delay_p99: float | None = None
    delay_max: float | None = None
    from_request_p50: float | None = None
    from_request_p99: float | None = None
    received: int = 0
    expected: int = 0
    client_cpu: float = 0.0
    failed: int = 0


async def mutate(http: httpx.AsyncClient, url: str, watched: Watched) -> tuple[float, float, bool]:
    """One createTask; returns its (sent, answered) perf_counter stamps and whether it charged."""
    sent = time.perf_counter()
    response = await http.post(
        f"{url}/graphql",
        json={
            "query": CREATE_TASK,
            "variables": {"input": {"projectId": watched.project_id, "title": "t"}},
        },
        headers={"Authorization": f"Bearer {watched.token}", "X-Tenant": watched.slug},
    )
    answered = time.perf_counter()
    data = response.json().get("data") or {}
    ok = (data.get("createTask") or {}).get("__typename") == "CreateTaskSuccess"
    if not ok:
        print(f"mutation failed: {response.text[:300]}", file=sys.stderr)
    return sent, answered, ok


async def run(
    url: str, watched: Watched, sizes: list[int], mutations: int, warmup: int
) -> list[Row]:
    rows: list[Row] = []
    ws_url = url.replace("http://", "ws://") + "/graphql"
    async with httpx.AsyncClient(timeout=60) as http:
        for _ in range(warmup):
            await mutate(http, url, watched)
        latencies = []
        for _ in range(mutations):
            sent, answered, ok = await mutate(http, url, watched)
            latencies.append(answered - sent)
        rows.append(Row(0, mutations, pct(latencies, 50), pct(latencies, 99)))

        for size in sizes:
            fanout = Fanout()
            sequence = await fanout.attach(ws_url, watched, size)
            cpu_before = time.process_time()
            latencies, delays, from_request = [], [], []
            failed = 0
            for _ in range(mutations):
                sequence += 1
                done = fanout.expect(sequence)
                sent, answered, ok = await mutate(http, url, watched)
                latencies.append(answered - sent)
                if not ok:
                    failed += 1
                    sequence -= 1
                    continue
                # Bench only: wait for every subscriber (bounded) before the next mutation, so
                # each delay belongs to one event.
                await asyncio.wait_for(done.wait(), 30)
                for subscriber in fanout.subscribers:
                    at = subscriber.received[sequence]
                    delays.append(at - answered)
                    from_request.append(at - sent)
            cpu = time.process_time() - cpu_before
            received = sum(len(s.received) for s in fanout.subscribers)
            await fanout.detach()
            rows.append(
                Row(
                    size,
                    mutations,
                    pct(latencies, 50),
                    pct(latencies, 99),
                    pct(delays, 50),
                    pct(delays, 99),
                    max(delays),
                    pct(from_request, 50),
                    pct(from_request, 99),
                    received,
                    size * (mutations - failed),
                    cpu,
                    failed,
                )
            )
    return rows


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.1f}"


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'subscribers':>11} {'mutations':>9} {'mut p50 ms':>10} {'mut p99 ms':>10} "
        f"{'resp->recv p50':>14} {'p99':>7} {'max':>7} {'req->recv p50':>13} {'p99':>7} "
        f"{'received':>15} {'client cpu s':>12} {'failed':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        received = f"{row.received}/{row.expected}" if row.subscribers else "-"
        print(
            f"{row.subscribers:>11} {row.mutations:>9} {ms(row.latency_p50):>10} "
            f"{ms(row.latency_p99):>10} {ms(row.delay_p50):>14} {ms(row.delay_p99):>7} "
            f"{ms(row.delay_max):>7} {ms(row.from_request_p50):>13} {ms(row.from_request_p99):>7} "
            f"{received:>15} {row.client_cpu if row.subscribers else 0:>12.2f} {row.failed:>6}"
        )


def raise_file_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(wanted, hard) if hard != resource.RLIM_INFINITY else wanted
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--mutations", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=20)
    options = parser.parse_args(argv)
    # Each subscriber is a socket here and one in the server (which inherits this limit).
    raise_file_limit(2 * max(options.subscribers) + 1024)

    jwt_secret = secrets.token_urlsafe(32)
    prefix = f"credits-bench:{uuid.uuid4().hex[:8]}:"
    env = server_environment(jwt_secret, prefix)
    print(f"database {database_url()}; Redis {REDIS_URL} prefix {prefix}; one server process")
    seeded = asyncio.run(seed(jwt_secret))
    watched = Watched(seeded.hot.slug, seeded.token, str(seeded.hot.project_id))
    log_path = Path(tempfile.mkdtemp(prefix="credits-fanout-")) / "server.log"
    try:
        with running_server(env, log_path.parent, log_name=log_path.name) as server:
            rows = asyncio.run(
                run(server.url, watched, options.subscribers, options.mutations, options.warmup)
            )
    finally:
        cleanup_redis(prefix)
    print_table(rows)
    print(
        "resp->recv: from the mutation's HTTP response to a subscriber's receipt of its event "
        "(negative: the event arrived first); req->recv: from sending the mutation."
    )
    print(f"server log: {log_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
