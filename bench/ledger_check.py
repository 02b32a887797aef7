"""The ledger check after a charged scenario: every successful response is one new ledger row and
one new task, and the ledger's total is what the API says was spent."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import httpx

from bench.seeding import TenantSeed, database_url
from bench.workload import SUMMARY, auth_headers


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
    # Requests sent whose response the load generator never read: wrk stops with requests in
    # flight, which the server may still have charged (bench/load.py reads every response).
    unanswered: int = 0

    @property
    def exact(self) -> bool:
        return (
            self.ok_responses <= self.new_rows <= self.ok_responses + self.unanswered
            and self.new_rows == self.new_tasks
            and self.ledger_total == self.granted - self.remaining
        )

    def describe(self) -> str:
        verdict = "EXACT" if self.exact else "MISMATCH"
        if self.unanswered:
            responses = (
                f"successful responses {self.ok_responses:,} <= new ledger rows "
                f"{self.new_rows:,} <= {self.ok_responses:,} + {self.unanswered:,} requests in "
                "flight when the load stopped"
            )
        else:
            responses = (
                f"successful responses {self.ok_responses:,} = new ledger rows {self.new_rows:,}"
            )
        return (
            f"{verdict}: {responses} = new tasks {self.new_tasks:,}; ledger total "
            f"{self.ledger_total:,} = granted {self.granted:,} - remaining {self.remaining:,} "
            f"({self.granted - self.remaining:,}); {self.batches:,.0f} batches of "
            f"{self.batched_charges / max(self.batches, 1):.1f} charges on average"
        )
