"""Prometheus metrics of the credit path; exposed by the app at /metrics.

With several workers (`credits-api serve --workers N`) every worker writes its values to files
in PROMETHEUS_MULTIPROC_DIR (prometheus-client's multiprocess mode, chosen when the library is
imported) and /metrics merges them all, whichever worker answers: counters and histograms are
summed over every worker that ever ran, and each gauge says how it is merged
(`multiprocess_mode`). The gauges counting things a worker holds (sockets, subscriptions,
listeners, tasks, requests in flight) are `livesum`: summed over the workers alive now, so a
dead worker's count leaves with it.
"""

from __future__ import annotations

import asyncio
import os

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"


def is_multiprocess() -> bool:
    """Whether this process is one of several workers sharing a metrics directory."""
    return bool(os.environ.get(MULTIPROCESS_DIR_ENV))


def _asyncio_task_count() -> float:
    # Read when /metrics renders, inside the event loop; 0 from a thread without a loop.
    try:
        return float(len(asyncio.all_tasks()))
    except RuntimeError:
        return 0.0


CHARGES = Counter("credits_charges_total", "Successful charges", ["credit_type"])
REJECTIONS = Counter("credits_rejections_total", "Refused charges", ["reason"])
LOCK_WAIT = Histogram(
    "credits_lock_wait_seconds",
    "Time spent acquiring a tenant's credit lock",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
CHARGE_BATCH = Histogram(
    "credits_charge_batch_size",
    "Charges committed together under one lock",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128),
)
WEBSOCKETS = Gauge(
    "credits_websockets", "Open GraphQL websocket connections", multiprocess_mode="livesum"
)
LIVE_SUBSCRIPTIONS = Gauge(
    "credits_live_subscriptions", "Running usageUpdated subscriptions", multiprocess_mode="livesum"
)
EVENT_LISTENERS = Gauge(
    "credits_event_listeners",
    "Local listeners on the usage event bus",
    multiprocess_mode="livesum",
)
LIVE_RENDERS = Counter(
    "credits_live_fanout_renders_total",
    "usageUpdated events executed by a live-fanout group (once for all its sockets)",
)
EVENTS_DROPPED = Counter(
    "credits_events_dropped_total", "Usage events dropped from a full subscriber queue"
)
ASYNCIO_TASKS = Gauge(
    "credits_asyncio_tasks", "asyncio tasks alive in the server", multiprocess_mode="livesum"
)
if not is_multiprocess():
    # Exact at every scrape. A worker's function cannot be read from another worker's scrape,
    # so with several workers each one writes its count instead (refresh_worker_gauges).
    ASYNCIO_TASKS.set_function(_asyncio_task_count)
# A count of the database's outbox, the same for every worker that reads it: the latest
# reading wins (summing would multiply it by the number of workers).
OUTBOX_DEPTH = Gauge(
    "credits_outbox_pending",
    "Meter events waiting to be sent to Stripe",
    multiprocess_mode="livemostrecent",
)
QUERY_PLANS = Counter(
    "credits_graphql_query_plans_total",
    "Queries, and mutations' root fields, by how they were completed: planned (from a plan "
    "compiled once per document), abandoned (the plan gave up and graphql-core completed it) or "
    "generic (graphql-core only)",
    ["outcome"],
)
ACCOUNT_CACHE = Counter(
    "credits_account_cache_total",
    "Accounts a charge batch needed: kept from the last batch and still current (hit), kept but "
    "changed since (stale), or read (miss)",
    ["outcome"],
)
PAGE_READS = Counter(
    "credits_page_reads_total",
    "Pages of projects or tasks (nested pages included) read as JSON built by the database in "
    "one statement",
)


def exposition() -> bytes:
    """What /metrics serves: this process's metrics, or every worker's merged."""
    if not is_multiprocess():
        return generate_latest()
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


async def refresh_worker_gauges(*, every_seconds: float = 1.0) -> None:
    """With several workers: writes this worker's gauges computed on read, until cancelled."""
    while True:
        ASYNCIO_TASKS.set(_asyncio_task_count())
        await asyncio.sleep(every_seconds)
