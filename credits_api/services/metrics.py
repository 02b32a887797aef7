"""Prometheus metrics of the credit path; exposed by the app at /metrics."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

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
OUTBOX_DEPTH = Gauge("credits_outbox_pending", "Meter events waiting to be sent to Stripe")
