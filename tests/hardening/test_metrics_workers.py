"""/metrics with several workers (`serve --workers 2`, PostgreSQL + Redis): whichever worker
answers a scrape, it reports every worker's counts; a worker that dies stops counting in the
live gauges; the directory of counts lasts as long as the server.

Which worker served what is read from each worker's own file in the server's metrics directory
(prometheus-client's multiprocess files, `<kind>_<pid>.db`), which `serve` creates under TMPDIR.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.multiprocess import MultiProcessCollector
from tortoise.context import TortoiseContext

from tests import backends
from tests.factories import make_tenant, make_user, token_for
from tests.hardening.test_observability import sample
from tests.live.client import TRANSPORT_WS, LiveClient
from tests.servers import Server, start_server
from tests.waiting import eventually

pytestmark = pytest.mark.multiprocess

QUERY = {"query": "{ creditTypes { value } }"}
SERVED = {"path": "/graphql", "operation": "creditTypes", "status": "200"}
SCRAPED = {"path": "/metrics", "operation": "none", "status": "200"}
WAIT = 30.0


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if not backends.is_postgres():
        pytest.skip("several workers need PostgreSQL + Redis (TEST_BACKEND=postgres)")
    backends.require_services()


@pytest.fixture
def temp_root(tmp_path: Path) -> Path:
    root = tmp_path / "tmp"
    root.mkdir()
    return root


@pytest.fixture
def two_workers(server_env: dict[str, str], tmp_path: Path, temp_root: Path) -> Iterator[Server]:
    server = start_server(
        {**server_env, "TMPDIR": str(temp_root)}, tmp_path, serve_args=["--workers", "2"]
    )
    try:
        yield server
    finally:
        server.stop()


def metrics_directory(temp_root: Path) -> Path:
    (directory,) = temp_root.glob("credits-api-metrics-*")
    return directory


def per_worker(directory: Path, kind: str, name: str, **labels: str) -> dict[int, float]:
    """One sample's value in each worker's own file of `kind` (counter, gauge_livesum, ...)."""
    values: dict[int, float] = {}
    for path in directory.glob(f"{kind}_*.db"):
        pid = int(path.stem.rsplit("_", 1)[1])
        values[pid] = sum(
            found.value
            for metric in MultiProcessCollector.merge([str(path)], accumulate=False)
            for found in metric.samples
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items())
        )
    return values


def served(directory: Path, labels: dict[str, str]) -> dict[int, float]:
    return per_worker(directory, "counter", "credits_http_requests_total", **labels)


def fresh_connections() -> httpx.AsyncClient:
    # A new TCP connection per request, so the kernel hands each to whichever worker accepts.
    return httpx.AsyncClient(timeout=10, limits=httpx.Limits(max_keepalive_connections=0))


async def test_metrics_count_every_workers_requests_whichever_worker_answers(
    two_workers: Server, temp_root: Path
) -> None:
    directory = metrics_directory(temp_root)
    sent = 0
    async with fresh_connections() as http:
        # when requests are sent in bursts until both workers have served some (at least 200)
        async def both_served() -> bool:
            nonlocal sent
            answers = await asyncio.gather(
                *(http.post(two_workers.graphql_url, json=QUERY) for _ in range(20))
            )
            assert all(answer.status_code == 200 for answer in answers)
            sent += len(answers)
            counts = served(directory, SERVED)
            return sent >= 200 and len([n for n in counts.values() if n > 0]) == 2

        await eventually(both_served, timeout=WAIT, what="both workers to serve requests")
        by_worker = served(directory, SERVED)
        assert sum(by_worker.values()) == sent

        # then every scrape reports the total, until each worker has answered some of them
        scrapes = 0

        async def both_scraped() -> bool:
            nonlocal scrapes
            text = (await http.get(f"{two_workers.url}/metrics")).text
            scrapes += 1
            assert sample(text, "credits_http_requests_total", **SERVED) == sent
            assert (
                sample(
                    text,
                    "credits_http_request_duration_seconds_count",
                    path="/graphql",
                    operation="creditTypes",
                )
                == sent
            )
            assert sample(text, "credits_http_requests_in_progress") == 0
            return len([n for n in served(directory, SCRAPED).values() if n > 0]) == 2

        await eventually(both_scraped, timeout=WAIT, what="both workers to answer a scrape")

    # and the split shows both workers did part of the work
    assert sorted(by_worker.values())[0] > 0, by_worker
    assert scrapes >= 2

    # and when the server stops, its metrics directory goes, so the next start begins from zero
    two_workers.stop()
    assert not directory.exists()


async def test_a_dead_workers_open_websockets_stop_counting(
    db: TortoiseContext, two_workers: Server, temp_root: Path
) -> None:
    # given four open websockets, spread over the two workers by the kernel
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    directory = metrics_directory(temp_root)
    sockets = [
        await LiveClient.connect(
            two_workers.ws_url, TRANSPORT_WS, token=token_for(user), tenant=tenant.slug
        )
        for _ in range(4)
    ]
    async with fresh_connections() as http:

        async def open_websockets() -> float:
            return sample((await http.get(f"{two_workers.url}/metrics")).text, "credits_websockets")

        async def all_counted() -> bool:
            return await open_websockets() == len(sockets)

        await eventually(all_counted, timeout=WAIT, what="the four websockets to be counted")
        holding = per_worker(directory, "gauge_livesum", "credits_websockets")
        victim, lost = max(holding.items(), key=lambda item: item[1])
        assert lost >= 1

        # when the worker holding most of them is killed (uvicorn's supervisor replaces it)
        os.kill(victim, signal.SIGKILL)

        # then its sockets stop counting and the survivor's still count
        async def replaced() -> bool:
            workers = set(served(directory, {}))
            return (
                victim not in per_worker(directory, "gauge_livesum", "credits_websockets")
                and len(workers - {victim}) == 2
                and await open_websockets() == len(sockets) - lost
            )

        await eventually(
            replaced, timeout=WAIT, what="the dead worker's websockets to stop counting"
        )
    for client in sockets:
        await client.ws.close()
