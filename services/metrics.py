"""Prometheus metrics of the credit path; exposed by the app at /metrics."""

from __future__ import annotations

import asyncio

from prometheus_client import Counter, Gauge, Histogram


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
WEBSOCKETS = Gauge("credits_websockets", "Open GraphQL websocket connections")
LIVE_SUBSCRIPTIONS = Gauge("credits_live_subscriptions", "Running usageUpdated subscriptions")
EVENT_LISTENERS = Gauge("credits_event_listeners", "Local listeners on the usage event bus")
EVENTS_DROPPED = Counter(
    "credits_events_dropped_total", "Usage events dropped from a full subscriber queue"
)
ASYNCIO_TASKS = Gauge("credits_asyncio_tasks", "asyncio tasks alive in this process")
ASYNCIO_TASKS.set_function(_asyncio_task_count)
OUTBOX_DEPTH = Gauge("credits_outbox_pending", "Meter events waiting to be sent to Stripe")
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
