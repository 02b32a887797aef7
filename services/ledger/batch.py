"""One batch of charges, committed: read (or check the kept accounts), decide, write.

Two ways, one set of guards (`writes`):
- the one statement (PostgreSQL, the steady state): every tenant's account is kept, every
  parent is known, no request names an idempotency key, and every charge fits. The batch is
  decided on the kept accounts and written as ONE statement without a transaction around
  it, which locks the tenants' rows and checks in the database that each account is still
  exactly what was kept, and writes only if all are. Four round trips under the lock
  become one.
- the transaction, otherwise (and whenever a usage alert changes: its rows and webhook
  events are written by the ORM, in the transaction): its first statement locks the tenants' rows and checks the kept
  accounts (`memory.still_current`), the others are read, then the batch is decided and
  written, guarded.
A guard that fails (another writer got in) means a re-read and a new decision; an integrity
error (a parent deleted since it was seen) means each request is decided alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import structlog
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from services import metrics
from services.clock import utcnow
from services.errors import Conflict, DomainError, NoActiveSubscription, Unavailable
from services.events import UsageEvent
from services.ledger import low_balance
from services.ledger.account import Account
from services.ledger.alert_rows import write_alerts
from services.ledger.decide import Accepted, Decisions, decide, missing_parent, settled
from services.ledger.memory import KeptAccounts, KnownParents, still_current
from services.ledger.reads import load_accounts, parents_in_tenants, prior_usages
from services.ledger.records import Result, records
from services.ledger.requests import ChargeRequest
from services.ledger.reservations import mark_committed, names_reservations, read_reservations
from services.ledger.writes import (
    StaleRead,
    account_updates,
    write_at_once,
    write_each,
)

log = structlog.get_logger(__name__)

STALE_READ_RETRIES = 3

Committed = tuple[list[Result], list[UsageEvent]]


class BatchCommitter:
    def __init__(self, *, billing_enabled: Callable[[], bool]) -> None:
        self._billing_enabled = billing_enabled
        self.kept = KeptAccounts()
        self.parents = KnownParents()
        # Called with the tenants a committed batch left below their auto top-up threshold.
        self.on_low_balance: low_balance.LowBalance | None = None
        # Test hook: awaited just before a batch writes (inside its transaction, or before its
        # one statement), to prove the guards against a write that takes no lock.
        self.before_write: Callable[[], Any] | None = None

    async def commit(self, requests: list[ChargeRequest[Any]]) -> Committed:
        tenant_ids = list(dict.fromkeys(request.tenant_id for request in requests))
        for attempt in range(STALE_READ_RETRIES):
            try:
                if attempt == 0 and (done := await self._commit_at_once(requests)) is not None:
                    return done
                return await self._commit_in_transaction(requests)
            except StaleRead:
                log.warning("credit balance changed under the lock; re-reading")
                self.kept.forget(tenant_ids)
            except IntegrityError:
                self.kept.forget(tenant_ids)
                # A known parent may have been deleted since (the foreign key refused it).
                self.parents.forget(requests)
                if len(requests) == 1:
                    return [_integrity_error(requests[0])], []
                return await self._commit_one_by_one(requests)
            except BaseException:
                self.kept.forget(tenant_ids)
                raise
        raise Unavailable("The credit balance is contended; nothing was charged, retry.")

    async def _commit_one_by_one(self, requests: list[ChargeRequest[Any]]) -> Committed:
        """After an integrity error, isolate the request that caused it."""
        results: list[Result] = []
        events: list[UsageEvent] = []
        for request in requests:
            try:
                single_results, single_events = await self.commit([request])
            except DomainError as error:
                single_results, single_events = [error], []
            results.extend(single_results)
            events.extend(single_events)
        return results, events

    async def _commit_in_transaction(self, requests: Sequence[ChargeRequest[Any]]) -> Committed:
        now = utcnow()
        tenant_ids = list(dict.fromkeys(request.tenant_id for request in requests))
        async with in_transaction() as connection:
            # Its first statement locks the tenants' rows (see `writes.lock_tenant_rows`).
            accounts = await self._accounts(tenant_ids, now, connection)
            prior = await prior_usages(requests, connection)
            reservations = await read_reservations(requests, connection)
            known, wanted = self.parents.partition(requests)
            if wanted:
                found = await parents_in_tenants(wanted, connection)
                self.parents.learn(found)
                known.update(parent for parent, _ in found)
            decisions = decide(
                requests,
                accounts,
                used_keys={
                    **{key: usage.request_hash for key, usage in prior.items()},
                    **reservations.used_keys(),
                },
                parents=known,
                holds=reservations.states(),
                now=now,
            )
            done = records(
                requests,
                decisions,
                prior,
                now,
                billing=self._billing_enabled(),
                reservations=reservations,
            )
            changes = _changes(accounts, decisions.accounts)
            if changes:
                if self.before_write is not None:
                    await self.before_write()
                updates = account_updates(changes)
                if connection.capabilities.dialect == "postgres":
                    if not await write_at_once(connection, updates, done.inserts()):
                        raise StaleRead
                else:
                    await write_each(connection, updates, done.inserts())
                await mark_committed(connection, done.committed)
                await write_alerts(done.alerts, now, connection)
        # Committed: what the database now holds is what these accounts say.
        self.kept.keep(
            settled(before, decisions.accounts[tenant_id])
            for tenant_id, before in accounts.items()
            if isinstance(before, Account)
        )
        low_balance.notify(self.on_low_balance, (after for _, after in changes))
        return done.results, done.events

    async def _commit_at_once(self, requests: Sequence[ChargeRequest[Any]]) -> Committed | None:
        """The one statement (see the module's docstring). None: the batch takes the
        transaction (nothing was written)."""
        connection = connections.get("default")
        if (
            connection.capabilities.dialect != "postgres"
            or any(request.idempotency_key for request in requests)
            or names_reservations(requests)
        ):
            return None
        now = utcnow()
        tenant_ids = list(dict.fromkeys(request.tenant_id for request in requests))
        kept = self.kept.candidates(tenant_ids, now)
        if len(kept) != len(tenant_ids):
            return None
        known, wanted = self.parents.partition(requests)
        if wanted:
            return None
        decisions = decide(requests, kept, used_keys={}, parents=known, now=now)
        if any(isinstance(result, DomainError) for result in decisions.results):
            # A refusal is decided on what the database holds now, not on what was kept.
            return None
        if _changes_alerts(decisions):
            # Alert rows and their webhook events are written in a transaction.
            return None
        done = records(requests, decisions, {}, now, billing=self._billing_enabled())
        changes = _changes(kept, decisions.accounts)
        if self.before_write is not None:
            await self.before_write()
        try:
            written = await write_at_once(
                connection, account_updates(changes), done.inserts(), kept=kept, now=now
            )
        except StaleRead:
            log.warning("credit balance changed during a batch statement; re-reading")
            return None
        if not written:
            return None
        self.kept.keep(settled(before, after) for before, after in changes)
        low_balance.notify(self.on_low_balance, (after for _, after in changes))
        metrics.ACCOUNT_CACHE.labels("hit").inc(len(changes))
        return done.results, done.events

    async def _accounts(
        self, tenant_ids: list[UUID], now: datetime, connection: BaseDBAsyncClient
    ) -> dict[UUID, Account | NoActiveSubscription]:
        """Kept accounts that are still current, and the others read.

        On PostgreSQL the check of the kept accounts always runs, over every tenant of the
        batch, and locks their rows as `writes.lock_tenant_rows` would: one round trip
        instead of two."""
        candidates = self.kept.candidates(tenant_ids, now)
        postgres = connection.capabilities.dialect == "postgres"
        current = (
            await still_current(tenant_ids, candidates, now, connection, lock=postgres)
            if candidates or postgres
            else {}
        )
        missing = [tenant_id for tenant_id in tenant_ids if tenant_id not in current]
        metrics.ACCOUNT_CACHE.labels("hit").inc(len(current))
        metrics.ACCOUNT_CACHE.labels("stale").inc(len(candidates) - len(current))
        metrics.ACCOUNT_CACHE.labels("miss").inc(len(tenant_ids) - len(candidates))
        loaded = await load_accounts(missing, now, connection, for_charge=True) if missing else {}
        return {
            tenant_id: current[tenant_id] if tenant_id in current else loaded[tenant_id]
            for tenant_id in tenant_ids
        }


def _changes(
    before: Mapping[UUID, Account | NoActiveSubscription], after: Mapping[UUID, Account]
) -> list[tuple[Account, Account]]:
    """Each account the batch changed: as read, and as decided."""
    return [
        (account, after[tenant_id])
        for tenant_id, account in before.items()
        if isinstance(account, Account)
        and after[tenant_id].event_sequence != account.event_sequence
    ]


def _changes_alerts(decisions: Decisions) -> bool:
    return bool(decisions.alerts) or any(
        isinstance(result, Accepted) and result.alerts for result in decisions.results
    )


def _integrity_error(request: ChargeRequest[Any]) -> DomainError:
    """What an insert the database refused means: the parent was deleted between its check
    and the insert; without a parent, a concurrent change."""
    if request.parent is not None:
        return missing_parent(request.parent)
    return Conflict("A concurrent change conflicted with this request; nothing was charged.")
