"""A closed-loop HTTP/1.1 load generator, run as its own process (`python -m bench.load`).

It reads one JSON job on stdin and prints one JSON result on stdout. Each of `concurrency`
keep-alive connections sends a request, reads the whole response, and sends the next one, so
the offered load is exactly `concurrency` requests in flight. Requests are pre-encoded bytes
(cycled round-robin across connections) and responses are classified by a byte marker, which
keeps the client cheap: its own CPU time is reported so a reader can tell whether the client,
not the server, was the bottleneck.

Job fields: host, port, requests (list of {"body": str, "headers": {..}}), path, concurrency,
warmup (s), duration (s), total (stop after this many responses instead of after a duration),
success (substring that marks a successful response body).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import resource
import sys
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Job:
    host: str
    port: int
    requests: list[bytes]
    success: bytes
    concurrency: int = 32
    warmup: float = 2.0
    duration: float = 10.0
    total: int | None = None


@dataclass
class Tally:
    # Every response, warm-up included: the ledger check compares these with the database.
    ok: int = 0
    failed: int = 0
    http_errors: int = 0
    samples: list[str] = field(default_factory=list)
    # Responses completed inside the measured window only.
    latencies: list[float] = field(default_factory=list)


def encode(host: str, port: int, path: str, body: str, headers: dict[str, str]) -> bytes:
    payload = body.encode()
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(payload)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
            break
    if length is None:
        raise RuntimeError(f"response without Content-Length: {head!r}")
    return status, await reader.readexactly(length)


async def connection(
    job: Job,
    requests: itertools.cycle[bytes],
    tally: Tally,
    window: tuple[float, float],
    budget: list[int],
) -> None:
    reader, writer = await asyncio.open_connection(job.host, job.port)
    start, end = window
    clock = time.perf_counter
    try:
        while True:
            if job.total is not None:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            elif clock() >= end:
                return
            sent = clock()
            writer.write(next(requests))
            status, body = await read_response(reader)
            done = clock()
            if status == 200 and job.success in body and b'"errors"' not in body:
                tally.ok += 1
            else:
                tally.failed += 1
                if status != 200:
                    tally.http_errors += 1
                if len(tally.samples) < 3:
                    tally.samples.append(f"{status} {body[:300].decode(errors='replace')}")
            if start <= done <= end:
                tally.latencies.append(done - sent)
    finally:
        writer.close()


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, int(fraction * len(sorted_values)))
    return sorted_values[index]


async def run(job: Job) -> dict[str, Any]:
    tally = Tally()
    requests = itertools.cycle(job.requests)
    began = time.perf_counter()
    if job.total is not None:
        window = (began, float("inf"))
    else:
        window = (began + job.warmup, began + job.warmup + job.duration)
    budget = [job.total or 0]
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(
        *(connection(job, requests, tally, window, budget) for _ in range(job.concurrency))
    )
    finished = time.perf_counter()
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    measured_seconds = finished - began if job.total is not None else job.duration
    latencies = sorted(tally.latencies)
    return {
        "ok": tally.ok,
        "failed": tally.failed,
        "http_errors": tally.http_errors,
        "samples": tally.samples,
        "measured": len(latencies),
        "throughput": len(latencies) / measured_seconds,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": (latencies[-1] if latencies else float("nan")) * 1000,
        "client_cpu_percent": 100 * cpu / (finished - began),
        "wall_seconds": finished - began,
    }


def main() -> None:
    spec = json.load(sys.stdin)
    host, port, path = spec["host"], int(spec["port"]), spec.get("path", "/graphql")
    job = Job(
        host=host,
        port=port,
        requests=[
            encode(host, port, path, request["body"], request.get("headers", {}))
            for request in spec["requests"]
        ],
        success=spec["success"].encode(),
        concurrency=int(spec.get("concurrency", 32)),
        warmup=float(spec.get("warmup", 2.0)),
        duration=float(spec.get("duration", 10.0)),
        total=spec.get("total"),
    )
    try:
        import uvloop

        runner: Any = uvloop.run
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        runner = asyncio.run
    result = runner(run(job))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
