"""The credit ledger: checks and consumes credits atomically, per tenant, across processes.

A charge queues in this process; one worker takes, without waiting, the Redis locks of every
tenant that has charges waiting and whose lock is free, then commits all of their waiting charges
in ONE transaction: it reads each tenant's balance, decides each charge in memory, and writes
with guarded updates that only apply if nothing changed since that read. Each request still gets
its own result: a charge that does not fit is refused alone, and nothing is created without its
charge or charged without its object. Events are published after commit (and after the
requests have their answers), before the locks are released, so every subscriber sees a
tenant's events in sequence order.

The Redis lock keeps processes from contending. It can expire while its holder still works, so
every writer of an account also locks the tenants' rows first (`lock_tenant_rows`; a charge
batch with the statement that checks its kept accounts): a writer whose Redis lock expired
waits for the other's commit instead of racing it. The guards refuse
whatever was decided on a stale read all the same (a hand edit in SQL takes no lock).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID, uuid4

import asyncpg
import structlog
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import DBConnectionError, IntegrityError, OperationalError
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import (
    BillingOutbox,
    CreditBalance,
    CreditGrant,
    CreditUsage,
    PlanFeature,
    Tenant,
    TenantSubscription,
)
from models.queries import ACCOUNT_VERSION_COLUMNS, spendable_grants
from models.rows import new_row
from services import metrics
from services.account_cache import AccountCache, kept_version, still_current
from services.allowance import SPENDING_STATUSES, Allowance, current_allowances
from services.batch_write import GUARD_FAILED, BatchWrite
from services.clock import utcnow
from services.credit_types import CREDITS_FEATURE, CreditType
from services.errors import (
    Conflict,
    DomainError,
    InsufficientCredits,
    NoActiveSubscription,
    Unavailable,
)
from services.events import EventBus, UsageEvent
from services.known_parents import KnownParents, existing_parents, known_parents
from services.locks import TenantLocks

log = structlog.get_logger(__name__)

STALE_READ_RETRIES = 3
# How many distinct tenants one batch may lock at once.
MAX_TENANTS_PER_BATCH = 64
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Parent:
    """An object the charged one belongs to; it must exist in the same tenant."""

    model: type[Model]
    id: UUID
    missing: Callable[[], DomainError]


@dataclass(frozen=True, slots=True)
class ChargeRequest:
    tenant_id: UUID
    user_id: UUID | None
    credit_type: CreditType
    # Builds the object being paid for, given the commit time; it is inserted with the charge.
    build: Callable[[datetime], Model]
    idempotency_key: str | None = None
    # A fingerprint of the request, so a reused key with another input is a conflict.
    request_hash: str | None = None
    parent: Parent | None = None
    # What an integrity error on the object's insert means (e.g. its parent was just deleted).
    integrity_error: Callable[[], DomainError] = lambda: Conflict(
        "A concurrent change conflicted with this request; nothing was charged."
    )


@dataclass(frozen=True, slots=True)
class ChargeOutcome:
    usage: CreditUsage
    # The object inserted with this charge; None when the charge is a replay, whose object
    # was inserted by the earlier request with the same idempotency key.
    created: Model | None


@dataclass(eq=False)
class _Pending:
    request: ChargeRequest
    future: asyncio.Future[ChargeOutcome]
    enqueued: float
    deadline: float


class _StaleRead(Exception):
    """A guarded update hit no row: another writer got in (an expired lock); re-read and redo."""


Result = ChargeOutcome | DomainError


@dataclass
class Account:
    """A tenant's spendable state as read at the start of a batch, updated in memory."""

    allowance: Allowance
    balance: CreditBalance
    grants: list[CreditGrant]
    event_sequence: int
    used: int = 0
    charged: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)
    grant_remaining: dict[UUID, int] = field(default_factory=dict)
    first_sequence: int = 0

    def __post_init__(self) -> None:
        self.used = self.balance.used
        self.charged = self.balance.charged
        self.by_type = {key: list(value) for key, value in (self.balance.by_type or {}).items()}
        self.grant_remaining = {grant.id: grant.remaining for grant in self.grants}
        self.first_sequence = self.event_sequence

    @property
    def allowance_left(self) -> int | None:
        limit = self.allowance.limit
        return None if limit is None else max(limit - self.used, 0)

    @property
    def grants_left(self) -> int:
        return sum(self.grant_remaining.values())

    @property
    def remaining(self) -> int | None:
        left = self.allowance_left
        return None if left is None else left + self.grants_left

    @property
    def changed(self) -> bool:
        return self.event_sequence != self.first_sequence

    def summary(self) -> dict[str, Any]:
        remaining = self.remaining
        return {
            "periodStart": self.allowance.period_start.isoformat(),
            "periodEnd": self.allowance.period_end.isoformat(),
            "used": self.charged,
            "limit": None if remaining is None else self.charged + remaining,
            "remaining": remaining,
            "byType": [
                {"type": type_, "used": used, "count": count}
                for type_, (used, count) in sorted(self.by_type.items())
            ],
        }

    def take(self, cost: int) -> int:
        """Consumes `cost`: allowance first, then grants in order. Returns the allowance part."""
        left = self.allowance_left
        from_allowance = cost if left is None else min(cost, left)
        rest = cost - from_allowance
        for grant in self.grants:
            if rest == 0:
                break
            part = min(rest, self.grant_remaining[grant.id])
            self.grant_remaining[grant.id] -= part
            rest -= part
        assert rest == 0, "take() called for a charge that does not fit"
        self.used += from_allowance
        return from_allowance

    def record(self, credit_type: str, cost: int) -> None:
        self.charged += cost
        used, count = self.by_type.get(credit_type, [0, 0])
        self.by_type[credit_type] = [used + cost, count + 1]


async def load_accounts(
    tenant_ids: Sequence[UUID],
    now: datetime,
    connection: BaseDBAsyncClient | None,
    *,
    for_charge: bool,
) -> dict[UUID, Account | NoActiveSubscription]:
    """Every tenant's account in a handful of statements, whatever the number of tenants."""
    allowances = await current_allowances(
        tenant_ids, now, connection=connection, persist_rollover=for_charge
    )
    active = {
        tenant_id: allowance
        for tenant_id, allowance in allowances.items()
        if isinstance(allowance, Allowance)
    }
    balances = await _balances(active, connection, create=for_charge)
    grants = await _grants(list(active), now, connection)
    sequences = await event_sequences(tenant_ids, connection)
    accounts: dict[UUID, Account | NoActiveSubscription] = {}
    for tenant_id, allowance in allowances.items():
        if isinstance(allowance, NoActiveSubscription):
            accounts[tenant_id] = allowance
            continue
        accounts[tenant_id] = Account(
            allowance=allowance,
            balance=balances[tenant_id],
            grants=grants.get(tenant_id, []),
            event_sequence=sequences[tenant_id],
        )
    return accounts


async def load_account(
    tenant_id: UUID, now: datetime, connection: BaseDBAsyncClient | None, *, for_charge: bool
) -> Account:
    account = (await load_accounts([tenant_id], now, connection, for_charge=for_charge))[tenant_id]
    if isinstance(account, NoActiveSubscription):
        raise account
    return account


async def _balances(
    allowances: dict[UUID, Allowance], connection: BaseDBAsyncClient | None, *, create: bool
) -> dict[UUID, CreditBalance]:
    async def read() -> dict[UUID, CreditBalance]:
        if not allowances:
            return {}
        rows = await CreditBalance.filter(
            tenant_id__in=list(allowances),
            period_start__in=list({allowance.balance_start for allowance in allowances.values()}),
        ).using_db(connection)
        return {
            row.tenant_id: row
            for row in rows
            if row.period_start == allowances[row.tenant_id].balance_start
        }

    def fresh(tenant_id: UUID) -> CreditBalance:
        allowance = allowances[tenant_id]
        return CreditBalance(
            tenant_id=tenant_id,
            period_start=allowance.balance_start,
            period_end=allowance.balance_end,
            used=0,
            charged=0,
            by_type={},
            version=0,
        )

    balances = await read()
    missing = [tenant_id for tenant_id in allowances if tenant_id not in balances]
    if missing and create:
        # A new period's row; a concurrent creator (an expired lock) is harmless.
        await CreditBalance.bulk_create(
            [fresh(tenant_id) for tenant_id in missing], ignore_conflicts=True, using_db=connection
        )
        balances = await read()
    for tenant_id in missing:
        balances.setdefault(tenant_id, fresh(tenant_id))
    return balances


async def _grants(
    tenant_ids: list[UUID], now: datetime, connection: BaseDBAsyncClient | None
) -> dict[UUID, list[CreditGrant]]:
    """Grants that can pay now, in consumption order: priority (lowest number first), then the
    earliest expiry (never-expiring last), then the oldest."""
    if not tenant_ids:
        return {}
    rows = await CreditGrant.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        tenant_id__in=tenant_ids,
        remaining__gt=0,
        voided_at__isnull=True,
    ).using_db(connection)
    far_future = datetime.max.replace(tzinfo=now.tzinfo)
    grouped: dict[UUID, list[CreditGrant]] = defaultdict(list)
    for grant in sorted(
        rows, key=lambda grant: (grant.priority, grant.expires_at or far_future, grant.created_at)
    ):
        grouped[grant.tenant_id].append(grant)
    return grouped


async def event_sequences(
    tenant_ids: Sequence[UUID], connection: BaseDBAsyncClient | None = None
) -> dict[UUID, int]:
    rows = await (
        Tenant.filter(id__in=list(tenant_ids))
        .using_db(connection)
        .values_list("id", "event_sequence")
    )
    return {UUID(str(id_)): int(sequence) for id_, sequence in rows}


async def event_sequence(tenant_id: UUID, connection: BaseDBAsyncClient | None = None) -> int:
    return (await event_sequences([tenant_id], connection))[tenant_id]


def no_subscription_summary() -> dict[str, Any]:
    return {
        "periodStart": None,
        "periodEnd": None,
        "used": 0,
        "limit": 0,
        "remaining": 0,
        "byType": [],
    }


class Charger:
    def __init__(
        self,
        *,
        locks: TenantLocks,
        bus: EventBus,
        batch_size: int,
        timeout_seconds: float,
        poll_seconds: float = 0.002,
        concurrent_batches: int = 1,
        billing_enabled: Callable[[], bool] = lambda: False,
    ) -> None:
        self._locks = locks
        self._bus = bus
        self._batch_size = batch_size
        self._timeout = timeout_seconds
        self._poll = poll_seconds
        self._concurrent_batches = concurrent_batches
        self._billing_enabled = billing_enabled
        self._queue: deque[_Pending] = deque()
        self._worker: asyncio.Task[None] | None = None
        # Batches committing now, and their tenants: a tenant is in at most one batch at a
        # time, so its charges commit (and its events go out) in the order they queued.
        self._in_flight: set[asyncio.Task[None]] = set()
        self._busy: set[UUID] = set()
        self._wake = asyncio.Event()
        self._batch_seconds = 0.0
        self._after_commit: list[Callable[[], None]] = []
        self._accounts = AccountCache()
        self._parents = KnownParents()
        # Test hook: awaited just before a batch writes (inside its transaction, or before its
        # one statement), to prove the guards against a write that takes no lock.
        self.inside_transaction_hook: Callable[[], Any] | None = None

    def on_commit(self, callback: Callable[[], None]) -> None:
        self._after_commit.append(callback)

    @property
    def waiting(self) -> int:
        return len(self._queue)

    async def charge(self, request: ChargeRequest) -> ChargeOutcome:
        loop = asyncio.get_running_loop()
        now = loop.time()
        pending = _Pending(request, loop.create_future(), now, now + self._timeout)
        # The caller may be cancelled (client gone) while its charge still commits.
        pending.future.add_done_callback(_consume_result)
        self._queue.append(pending)
        self._wake.set()
        if self._worker is None:
            self._worker = asyncio.create_task(self._drain(), name="charger")
        # A timer rather than `wait_for(shield(...))`, which cost several times more per charge.
        timer = loop.call_at(pending.deadline, self._time_out, pending)
        try:
            return await pending.future
        finally:
            timer.cancel()

    def _time_out(self, pending: _Pending) -> None:
        # A charge already in a batch is decided by that batch, bounded by the lock's TTL.
        if pending in self._queue:
            self._queue.remove(pending)
            metrics.REJECTIONS.labels("timeout").inc()
            _fail(pending, Unavailable("The credit check timed out; nothing was charged."))

    async def change_account(
        self, tenant_id: UUID, change: Callable[[BaseDBAsyncClient], Awaitable[T]]
    ) -> T:
        """Runs a change to what the tenant may spend (plan, period, grants) under the tenant
        lock, in one transaction with the event sequence, then tells live subscribers."""
        async with self._locks.hold(tenant_id):
            async with in_transaction() as connection:
                await lock_tenant_rows([tenant_id], connection)
                result = await change(connection)
                account = None
                with contextlib.suppress(NoActiveSubscription):
                    account = await load_account(tenant_id, utcnow(), connection, for_charge=True)
                current = await event_sequence(tenant_id, connection)
                next_sequence = current + 1
                bumped = await (
                    Tenant.filter(id=tenant_id, event_sequence=current)
                    .using_db(connection)
                    .update(event_sequence=next_sequence)
                )
                if bumped != 1:
                    raise Unavailable(
                        "The tenant changed concurrently; nothing was changed, retry."
                    )
            summary = account.summary() if account else no_subscription_summary()
            try:
                await self._bus.publish([UsageEvent(tenant_id, next_sequence, summary)])
            except Exception:
                log.exception("could not publish usage event", tenant_id=str(tenant_id))
        return result

    async def close(self) -> None:
        if self._worker is not None:
            await asyncio.wait([self._worker], timeout=self._timeout)

    async def _drain(self) -> None:
        """Starts batches while charges wait, up to `concurrent_batches` at once over disjoint
        tenants: while one batch waits on the database, another tenant's need not."""
        loop = asyncio.get_running_loop()
        try:
            while self._queue or self._in_flight:
                self._wake.clear()
                self._expire(loop.time())
                poll: float | None = None
                room = len(self._in_flight) < self._concurrent_batches
                hold_off = self._hold_off(loop.time()) if self._queue and room else 0.0
                if hold_off > 0:
                    poll = hold_off
                elif self._queue and room:
                    try:
                        batch, held = await self._take_batch()
                    except Exception:
                        # Never strand the waiting charges: they retry, or time out as Unavailable.
                        log.exception("could not take a charge batch")
                        batch, held = [], {}
                    if batch:
                        self._start(batch, held, loop.time())
                        continue
                    if any(p.request.tenant_id not in self._busy for p in self._queue):
                        # Those tenants' locks are held elsewhere: poll, briefly.
                        poll = self._poll
                if not self._queue and not self._in_flight:
                    break  # the last waiting charges failed or expired: nothing left to wait for
                # Wait for a new charge, a finished batch, or the next poll.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(poll):
                        await self._wake.wait()
        finally:
            self._worker = None

    def _hold_off(self, now: float) -> float:
        """How much longer to wait before starting a batch beside those in flight.

        Every batch pays its own round trips, so a batch started the moment a charge arrives
        is small and costly. A charge waits up to half a typical batch's duration: usually the
        running batch finishes first and the next one takes every waiting charge together; a
        slow batch (a lagging database) still does not hold up the other tenants for long."""
        if not self._in_flight:
            return 0.0
        oldest = next(
            (p.enqueued for p in self._queue if p.request.tenant_id not in self._busy), None
        )
        if oldest is None:
            return 0.0
        return max(0.0, oldest + self._batch_seconds / 2 - now)

    def _start(self, batch: list[_Pending], held: dict[UUID, str], started: float) -> None:
        tenants = set(held)
        self._busy |= tenants
        task = asyncio.create_task(self._run_and_release(batch, held, started))
        self._in_flight.add(task)

        def finished(task: asyncio.Task[None]) -> None:
            self._in_flight.discard(task)
            self._busy -= tenants
            self._wake.set()
            if not task.cancelled() and task.exception() is not None:
                log.error("charge batch task failed", exc_info=task.exception())

        task.add_done_callback(finished)

    async def _run_and_release(
        self, batch: list[_Pending], held: dict[UUID, str], started: float
    ) -> None:
        loop = asyncio.get_running_loop()
        try:
            await self._run(batch, started)
        finally:
            await self._locks.release(held)
            # A moving average of how long a batch takes, lock to release.
            self._batch_seconds += 0.1 * (loop.time() - started - self._batch_seconds)
        for callback in self._after_commit:
            try:
                callback()
            except Exception:
                log.exception("after-commit callback failed")

    def _expire(self, now: float) -> None:
        if not any(pending.deadline < now for pending in self._queue):
            return
        kept: deque[_Pending] = deque()
        for pending in self._queue:
            if pending.deadline < now:
                metrics.REJECTIONS.labels("timeout").inc()
                _fail(pending, Unavailable("The credit check timed out; nothing was charged."))
            else:
                kept.append(pending)
        self._queue = kept

    async def _take_batch(self) -> tuple[list[_Pending], dict[UUID, str]]:
        """Takes the oldest waiting charges whose tenants' locks are free, and those locks."""
        tenants: list[UUID] = []
        for pending in self._queue:
            tenant_id = pending.request.tenant_id
            if tenant_id not in tenants and tenant_id not in self._busy:
                tenants.append(tenant_id)
                if len(tenants) == MAX_TENANTS_PER_BATCH:
                    break
        try:
            held = await self._locks.try_acquire(tenants) if tenants else {}
        except DomainError as error:
            # The lock service is down: fail these tenants' charges closed, at once.
            for pending in [p for p in self._queue if p.request.tenant_id in tenants]:
                self._queue.remove(pending)
                metrics.REJECTIONS.labels(error.code.value.lower()).inc()
                _fail(pending, error)
            return [], {}
        batch: list[_Pending] = []
        kept: deque[_Pending] = deque()
        for pending in self._queue:
            if pending.request.tenant_id in held and len(batch) < self._batch_size:
                batch.append(pending)
            else:
                kept.append(pending)
        self._queue = kept
        unused = {tenant_id for tenant_id in held} - {p.request.tenant_id for p in batch}
        if unused:
            await self._locks.release({tenant_id: held.pop(tenant_id) for tenant_id in unused})
        return batch, held

    async def _run(self, batch: list[_Pending], started: float) -> None:
        for pending in batch:
            metrics.LOCK_WAIT.observe(started - pending.enqueued)
        metrics.CHARGE_BATCH.observe(len(batch))
        try:
            results, events = await self._commit([pending.request for pending in batch])
        except DomainError as error:
            metrics.REJECTIONS.labels(error.code.value.lower()).inc(len(batch))
            for pending in batch:
                _fail(pending, error)
            return
        except Exception as error:
            if not database_unreachable(error):
                log.exception("charge batch failed")
                for pending in batch:
                    _fail(pending, error)
                return
            log.warning("database unreachable during a charge batch", error=repr(error))
            metrics.REJECTIONS.labels("database_unavailable").inc(len(batch))
            # The connection may have dropped during COMMIT, so the outcome is unknown here:
            # the idempotency key makes the retry safe either way.
            unavailable = Unavailable(
                "The database is unreachable; the charge may not have completed. Retry with "
                "the same idempotency key."
            )
            for pending in batch:
                _fail(pending, unavailable)
            return
        for pending, result in zip(batch, results, strict=True):
            if isinstance(result, DomainError):
                metrics.REJECTIONS.labels(result.code.value.lower()).inc()
                _fail(pending, result)
            else:
                if result.created is not None:
                    metrics.CHARGES.labels(result.usage.type).inc()
                if not pending.future.done():
                    pending.future.set_result(result)
        # The answers go out without waiting for Redis: committed is committed. The locks are
        # released only after this, so the tenants' next events still follow these.
        if events:
            try:
                await self._bus.publish(events)
            except Exception:
                # Committed charges stand; subscribers see the gap in `sequence`.
                log.exception("could not publish usage events")

    async def _commit(self, requests: list[ChargeRequest]) -> tuple[list[Result], list[UsageEvent]]:
        for attempt in range(STALE_READ_RETRIES):
            try:
                if attempt == 0 and (done := await self._commit_at_once(requests)) is not None:
                    return done
                return await self._commit_once(requests)
            except _StaleRead:
                log.warning("credit balance changed under the lock; re-reading")
                self._accounts.forget(request.tenant_id for request in requests)
            except IntegrityError:
                self._accounts.forget(request.tenant_id for request in requests)
                # A known parent may have been deleted since (the foreign key refused it).
                self._parents.forget(requests)
                if len(requests) == 1:
                    return [requests[0].integrity_error()], []
                return await self._commit_one_by_one(requests)
            except BaseException:
                self._accounts.forget(request.tenant_id for request in requests)
                raise
        raise Unavailable("The credit balance is contended; nothing was charged, retry.")

    async def _commit_one_by_one(
        self, requests: list[ChargeRequest]
    ) -> tuple[list[Result], list[UsageEvent]]:
        """After an integrity error, isolate the request that caused it."""
        results: list[Result] = []
        events: list[UsageEvent] = []
        for request in requests:
            try:
                single_results, single_events = await self._commit([request])
            except DomainError as error:
                single_results, single_events = [error], []
            results.extend(single_results)
            events.extend(single_events)
        return results, events

    async def _commit_once(
        self, requests: Sequence[ChargeRequest]
    ) -> tuple[list[Result], list[UsageEvent]]:
        now = utcnow()
        tenant_ids = list(dict.fromkeys(request.tenant_id for request in requests))
        async with in_transaction() as connection:
            # Its first statement locks the tenants' rows (see `lock_tenant_rows`).
            accounts = await self._load_accounts(tenant_ids, now, connection)
            prior = await _prior_usages(requests, connection)
            parents = await existing_parents(requests, connection, self._parents)
            decision = self._decide(requests, accounts, prior, parents, now)
            changed = [
                account
                for account in accounts.values()
                if isinstance(account, Account) and account.changed
            ]
            if changed:
                await self._write(connection, changed, decision)
        # Committed: what the database now holds is what these accounts say.
        self._accounts.keep(
            _settled(account) for account in accounts.values() if isinstance(account, Account)
        )
        return decision.results, decision.events

    async def _commit_at_once(
        self, requests: Sequence[ChargeRequest]
    ) -> tuple[list[Result], list[UsageEvent]] | None:
        """The batch as ONE statement, without a transaction around it, when everything it
        decides on is already known: every tenant's account is kept, every parent is known, no
        request names an idempotency key, and every charge fits. The statement locks the
        tenants' rows, checks in the database that each account is still exactly what was kept
        (as `_load_accounts` does), and writes only if all are; a guard that fails after that
        check fails the whole statement. Four round trips under the lock become one.

        None: the batch takes the ordinary path (nothing was written)."""
        connection = connections.get("default")
        if connection.capabilities.dialect != "postgres" or any(
            request.idempotency_key for request in requests
        ):
            return None
        now = utcnow()
        tenant_ids = list(dict.fromkeys(request.tenant_id for request in requests))
        kept = self._accounts.candidates(tenant_ids, now)
        if len(kept) != len(tenant_ids):
            return None
        parents = known_parents(requests, self._parents)
        if parents is None:
            return None
        accounts: dict[UUID, Account | NoActiveSubscription] = {
            tenant_id: _reopened(account) for tenant_id, account in kept.items()
        }
        decision = self._decide(requests, accounts, {}, parents, now)
        if any(isinstance(result, DomainError) for result in decision.results):
            # A refusal is decided on what the database holds now, not on what was kept.
            return None
        changed = [account for account in accounts.values() if isinstance(account, Account)]
        if self.inside_transaction_hook is not None:
            await self.inside_transaction_hook()
        try:
            written = await _write_at_once(
                connection, changed, decision.inserts(), check=kept, now=now
            )
        except _StaleRead:
            log.warning("credit balance changed during a batch statement; re-reading")
            return None
        if not written:
            return None
        self._accounts.keep(_settled(account) for account in changed)
        metrics.ACCOUNT_CACHE.labels("hit").inc(len(changed))
        return decision.results, decision.events

    def _decide(
        self,
        requests: Sequence[ChargeRequest],
        accounts: dict[UUID, Account | NoActiveSubscription],
        prior: dict[tuple[UUID, str | None], CreditUsage],
        parents: set[tuple[type[Model], UUID]],
        now: datetime,
    ) -> _Decision:
        """Each request's result, in order, decided in memory on the accounts it changes."""
        decision = _Decision()
        results, events = decision.results, decision.events
        for tenant_id, account in accounts.items():
            if isinstance(account, Account) and account.allowance.period_rolled:
                account.event_sequence += 1
                events.append(UsageEvent(tenant_id, account.event_sequence, account.summary()))
        billing = self._billing_enabled()
        for request in requests:
            account = accounts[request.tenant_id]
            if isinstance(account, NoActiveSubscription):
                results.append(account)
                continue
            key = (request.tenant_id, request.idempotency_key)
            earlier = prior.get(key) if request.idempotency_key else None
            if earlier is not None:
                if earlier.request_hash != request.request_hash:
                    results.append(
                        Conflict("This idempotency key was used with a different request.")
                    )
                else:
                    results.append(ChargeOutcome(usage=earlier, created=None))
                continue
            parent = request.parent
            if parent is not None and (parent.model, parent.id) not in parents:
                results.append(parent.missing())
                continue
            cost = request.credit_type.amount
            remaining = account.remaining
            if remaining is not None and remaining < cost:
                results.append(
                    InsufficientCredits(
                        credit_type=request.credit_type.value,
                        required=cost,
                        remaining=remaining,
                        limit=account.charged + remaining,
                    )
                )
                continue
            obj = request.build(now)
            from_allowance = account.take(cost)
            account.record(request.credit_type.value, cost)
            account.event_sequence += 1
            usage = new_row(
                CreditUsage,
                id=uuid4(),
                tenant_id=request.tenant_id,
                user_id=request.user_id,
                type=request.credit_type.value,
                amount=cost,
                from_allowance=from_allowance,
                object_id=obj.pk,
                idempotency_key=request.idempotency_key,
                request_hash=request.request_hash,
                sequence=account.event_sequence,
                created_at=now,
            )
            if request.idempotency_key:
                prior[key] = usage
            decision.objects[type(obj)].append(obj)
            decision.usages.append(usage)
            if billing and request.credit_type.meter_event_name:
                decision.outbox.append(_outbox_row(usage, request.credit_type, now))
            results.append(ChargeOutcome(usage=usage, created=obj))
            events.append(
                UsageEvent(
                    request.tenant_id,
                    account.event_sequence,
                    account.summary(),
                    _usage_payload(usage),
                )
            )
        return decision

    async def _load_accounts(
        self, tenant_ids: list[UUID], now: datetime, connection: BaseDBAsyncClient
    ) -> dict[UUID, Account | NoActiveSubscription]:
        """Kept accounts that are still current, and the others read (see `account_cache`).

        On PostgreSQL the check of the kept accounts always runs, over every tenant of the batch,
        and locks their rows as `lock_tenant_rows` would: one round trip instead of two."""
        candidates = self._accounts.candidates(tenant_ids, now)
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
            tenant_id: _reopened(current[tenant_id]) if tenant_id in current else loaded[tenant_id]
            for tenant_id in tenant_ids
        }

    async def _write(
        self, connection: BaseDBAsyncClient, accounts: list[Account], decision: _Decision
    ) -> None:
        if self.inside_transaction_hook is not None:
            await self.inside_transaction_hook()
        if connection.capabilities.dialect == "postgres":
            if not await _write_at_once(connection, accounts, decision.inserts()):
                raise _StaleRead
            return
        for account in accounts:
            await _guarded_update(connection, account)
        for model, rows in decision.inserts():
            if rows:
                await model.bulk_create(rows, using_db=connection)


@dataclass
class _Decision:
    """What a batch decided: each request's result, the events, and the rows to insert."""

    results: list[Result] = field(default_factory=list)
    events: list[UsageEvent] = field(default_factory=list)
    objects: dict[type[Model], list[Model]] = field(default_factory=lambda: defaultdict(list))
    usages: list[CreditUsage] = field(default_factory=list)
    outbox: list[BillingOutbox] = field(default_factory=list)

    def inserts(self) -> list[tuple[type[Model], list[Any]]]:
        """Rows by model, in the order they must be inserted (objects before their ledger
        rows, ledger rows before their outbox rows)."""
        return [*self.objects.items(), (CreditUsage, self.usages), (BillingOutbox, self.outbox)]


async def lock_tenant_rows(tenant_ids: Sequence[UUID], connection: BaseDBAsyncClient) -> None:
    """Locks the tenants' rows for the rest of the transaction, before anything is read.

    The Redis lock keeps processes from contending, but it can expire while its holder still
    works. Every writer of an account (`change_account`; a charge batch with its first statement,
    see `_load_accounts`) takes these rows first, so a writer whose Redis lock expired waits for
    the other's commit and reads what it wrote,
    instead of racing it, losing at the guard and retrying (three lost races in a row answered
    UNAVAILABLE). In id order, so writers sharing tenants cannot deadlock. SQLite has one
    writer at a time already."""
    if connection.capabilities.dialect != "postgres" or not tenant_ids:
        return
    # Raw: the ORM's query (it drops FOR UPDATE from a values query, so it would build a model
    # per row) was 2 % of the server's CPU over 100 tenants.
    await connection.execute_query(
        f"SELECT 1 FROM {Tenant._meta.db_table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE",
        [list(tenant_ids)],
    )


def _settled(account: Account) -> Account:
    """The account as the database holds it once its batch committed (as `_write` left it)."""
    balance = account.balance
    if account.charged != balance.charged:
        balance.version += 1
    balance.used = account.used
    balance.charged = account.charged
    balance.by_type = {key: list(value) for key, value in account.by_type.items()}
    for grant in account.grants:
        grant.remaining = account.grant_remaining[grant.id]
    return Account(
        allowance=replace(account.allowance, period_rolled=False),
        balance=balance,
        grants=[grant for grant in account.grants if grant.remaining > 0],
        event_sequence=account.event_sequence,
    )


def _reopened(kept: Account) -> Account:
    """A new batch's working copy of a kept account."""
    return Account(
        allowance=kept.allowance,
        balance=kept.balance,
        grants=list(kept.grants),
        event_sequence=kept.event_sequence,
    )


async def _guarded_update(connection: BaseDBAsyncClient, account: Account) -> None:
    """Applies one tenant's new state, only onto exactly the rows its decisions were made on."""
    balance = account.balance
    if account.charged != balance.charged:
        # Never past the allowance, and only onto the row version read: a writer whose lock
        # expired can never apply a decision made on a stale read.
        guarded = CreditBalance.filter(id=balance.id, version=balance.version)
        max_used = _max_used_before(account)
        if max_used is not None:
            guarded = guarded.filter(used__lte=max_used)
        updated = await guarded.using_db(connection).update(
            used=account.used,
            charged=account.charged,
            by_type=account.by_type,
            version=balance.version + 1,
        )
        if updated != 1:
            raise _StaleRead
        for grant in account.grants:
            left = account.grant_remaining[grant.id]
            if left != grant.remaining:
                updated = await (
                    CreditGrant.filter(id=grant.id, remaining=grant.remaining)
                    .using_db(connection)
                    .update(remaining=left)
                )
                if updated != 1:
                    raise _StaleRead
    updated = await (
        Tenant.filter(id=balance.tenant_id, event_sequence=account.first_sequence)
        .using_db(connection)
        .update(event_sequence=account.event_sequence)
    )
    if updated != 1:
        raise _StaleRead


async def _write_at_once(
    connection: BaseDBAsyncClient,
    accounts: list[Account],
    inserts: list[tuple[type[Model], list[Any]]],
    *,
    check: dict[UUID, Account] | None = None,
    now: datetime | None = None,
) -> bool:
    """`_guarded_update` for every tenant of the batch and all its inserts, as one statement
    on PostgreSQL (see `batch_write`), with the same guards, row by row. True if they held.

    `check` (tenant → the account as kept before this batch): the statement first locks the
    tenants' rows and checks that each account is still exactly that one (`_require_kept`),
    and writes nothing otherwise; it is then safe outside a transaction. A guard failing
    after the check held raises `_StaleRead`, and nothing was written."""
    write = BatchWrite()
    if check is not None:
        assert now is not None
        _require_kept(write, check, now)
    balances = [account for account in accounts if account.charged != account.balance.charged]
    if balances:
        write.guarded_update(
            f"UPDATE {CreditBalance._meta.db_table} AS b SET used = v.used, charged = v.charged, "
            "by_type = v.by_type::jsonb, version = b.version + 1 "
            "FROM unnest({}) AS v(id, version, used, charged, by_type, max_used) "
            "WHERE b.id = v.id AND b.version = v.version "
            "AND (v.max_used IS NULL OR b.used <= v.max_used) RETURNING 1",
            [
                ([account.balance.id for account in balances], "uuid"),
                ([account.balance.version for account in balances], "int"),
                ([account.used for account in balances], "int"),
                ([account.charged for account in balances], "int"),
                ([json.dumps(account.by_type) for account in balances], "text"),
                ([_max_used_before(account) for account in balances], "int"),
            ],
            expected=len(balances),
        )
    grants = [
        (grant, account.grant_remaining[grant.id])
        for account in balances
        for grant in account.grants
        if account.grant_remaining[grant.id] != grant.remaining
    ]
    if grants:
        write.guarded_update(
            f"UPDATE {CreditGrant._meta.db_table} AS g SET remaining = v.remaining "
            "FROM unnest({}) AS v(id, expected, remaining) "
            "WHERE g.id = v.id AND g.remaining = v.expected RETURNING 1",
            [
                ([grant.id for grant, _ in grants], "uuid"),
                ([grant.remaining for grant, _ in grants], "int"),
                ([left for _, left in grants], "int"),
            ],
            expected=len(grants),
        )
    write.guarded_update(
        f"UPDATE {Tenant._meta.db_table} AS t SET event_sequence = v.next "
        "FROM unnest({}) AS v(id, expected, next) "
        "WHERE t.id = v.id AND t.event_sequence = v.expected RETURNING 1",
        [
            ([account.balance.tenant_id for account in accounts], "uuid"),
            ([account.first_sequence for account in accounts], "bigint"),
            ([account.event_sequence for account in accounts], "bigint"),
        ],
        expected=len(accounts),
    )
    for model, rows in inserts:
        if rows:
            write.insert(model, rows)
    try:
        return await write.execute(connection)
    except OperationalError as error:
        if GUARD_FAILED in str(error):
            raise _StaleRead from error
        raise


def _require_kept(write: BatchWrite, kept: dict[UUID, Account], now: datetime) -> None:
    """Gates `write` on every tenant's account being what `kept` says: the columns
    `account_versions` reads equal the kept account's `kept_version` and the subscription
    still spends, after locking the tenants' rows in id order. A tenant row that was changed
    while the statement waited for its lock is compared as it is now: every writer of an
    account bumps its event sequence, so the check fails instead of passing a stale read."""
    accounts = list(kept.values())
    versions = [kept_version(account) for account in accounts]
    compared = [name for name in ACCOUNT_VERSION_COLUMNS if name != "status"]
    tenant_ids = [account.balance.tenant_id for account in accounts]
    grants = spendable_grants(
        "= ANY(" + write.arrays([(tenant_ids, "uuid")]) + ")", write.param(now, "timestamptz")
    )
    expected = write.arrays(
        [
            (tenant_ids, "uuid"),
            ([account.balance.id for account in accounts], "uuid"),
            *(
                ([getattr(version, name) for version in versions], ACCOUNT_VERSION_COLUMNS[name][1])
                for name in compared
            ),
        ]
    )
    matches = " AND ".join(
        f"{ACCOUNT_VERSION_COLUMNS[name][0]} IS NOT DISTINCT FROM e.{name}" for name in compared
    )
    write.require(
        "SELECT count(*) = " + write.param(len(accounts), "int") + " AS ok FROM (SELECT t.id"
        f" FROM {Tenant._meta.db_table} t"
        f" JOIN unnest({expected}) AS e(id, balance_id, {', '.join(compared)}) ON e.id = t.id"
        f" JOIN {TenantSubscription._meta.db_table} s ON s.tenant_id = t.id"
        f" JOIN {CreditBalance._meta.db_table} b ON b.id = e.balance_id AND b.tenant_id = t.id"
        f" LEFT JOIN {PlanFeature._meta.db_table} f"
        f" ON f.plan_id = s.plan_id AND f.name = {write.param(CREDITS_FEATURE, 'text')}"
        f" LEFT JOIN {grants} g ON g.tenant_id = t.id"
        " WHERE s.status = ANY("
        + write.param([status.value for status in SPENDING_STATUSES], "text[]")
        + f") AND {matches} ORDER BY t.id FOR UPDATE OF t) AS matched"
    )


def _max_used_before(account: Account) -> int | None:
    """The most the allowance may have been used before this batch for it to still fit."""
    limit = account.allowance.limit
    return None if limit is None else limit - (account.used - account.balance.used)


async def _prior_usages(
    requests: Sequence[ChargeRequest], connection: BaseDBAsyncClient
) -> dict[tuple[UUID, str | None], CreditUsage]:
    keys = {request.idempotency_key for request in requests if request.idempotency_key}
    if not keys:
        return {}
    rows = await CreditUsage.filter(
        tenant_id__in=list({request.tenant_id for request in requests}),
        idempotency_key__in=list(keys),
    ).using_db(connection)
    return {(row.tenant_id, row.idempotency_key): row for row in rows}


def database_unreachable(error: BaseException) -> bool:
    """A lost or refused database connection, or a server starting up or shutting down.

    asyncpg's InternalClientError belongs here too: a connection whose session the server
    terminated can come back from the pool still consuming that error, and the next statement
    on it fails with "cannot switch to state ...; another operation is in progress" (seen
    while PostgreSQL restarts under load)."""
    return isinstance(
        error,
        OSError
        | DBConnectionError
        | asyncpg.PostgresConnectionError
        | asyncpg.exceptions.OperatorInterventionError
        | asyncpg.InterfaceError
        | asyncpg.exceptions.InternalClientError,
    )


def _usage_payload(usage: CreditUsage) -> dict[str, Any]:
    return {
        "id": str(usage.id),
        "type": usage.type,
        "amount": usage.amount,
        "objectId": str(usage.object_id) if usage.object_id else None,
        "userId": str(usage.user_id) if usage.user_id else None,
        "createdAt": usage.created_at.isoformat(),
        "sequence": usage.sequence,
    }


def _outbox_row(usage: CreditUsage, credit_type: CreditType, now: datetime) -> BillingOutbox:
    return BillingOutbox(
        id=uuid4(),
        tenant_id=usage.tenant_id,
        usage_id=usage.id,
        event_name=credit_type.meter_event_name,
        unit=credit_type.usage_unit or credit_type.value,
        value=usage.amount,
        next_attempt_at=now,
        created_at=now,
    )


def _fail(pending: _Pending, error: BaseException) -> None:
    if not pending.future.done():
        pending.future.set_exception(error)


def _consume_result(future: asyncio.Future[ChargeOutcome]) -> None:
    # Marks an exception as retrieved when the waiting caller has gone away.
    if not future.cancelled():
        with contextlib.suppress(BaseException):
            future.exception()
