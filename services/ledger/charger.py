"""The charger: the queue of waiting charges, and the batches it starts.

A charge queues in this process; one worker takes, without waiting, the Redis locks of every
tenant that has charges waiting and whose lock is free, then commits all of their waiting
charges as one batch (`batch`): each request still gets its own result, a charge that does
not fit is refused alone, and nothing is created without its charge or charged without its
object. Events are published after commit (and after the requests have their answers),
before the locks are released, so every subscriber sees a tenant's events in sequence order.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

import structlog
from tortoise.backends.base.client import BaseDBAsyncClient

from models import CreditUsage
from services import metrics, tracing
from services.errors import DomainError, Unavailable
from services.events import EventBus, UsageEvent
from services.ledger.accounts import change_account
from services.ledger.batch import BatchCommitter
from services.ledger.refunds import Cause, refund_with
from services.ledger.requests import Charged, ChargeRequest, Held, M, Replayed
from services.locks import TenantLocks, TenantQueues
from services.outages import database_unreachable

log = structlog.get_logger(__name__)

# How many distinct tenants one batch may lock at once.
MAX_TENANTS_PER_BATCH = 64
T = TypeVar("T")
TIMED_OUT = "The credit check timed out; nothing was charged."
TURN_TIMED_OUT = "The tenant's credits are busy; nothing was changed, retry."
_UNTRACED: contextlib.AbstractContextManager[object] = contextlib.nullcontext()


@dataclass(eq=False)
class _Pending:
    request: ChargeRequest[Any]
    future: asyncio.Future[Charged[Any] | Replayed | Held]
    enqueued: float
    deadline: float
    # Its lock wait's span (None when tracing is off), ended when its batch starts.
    waiting: tracing.Child | None = None


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
        self._queue: deque[_Pending] = deque()
        self._worker: asyncio.Task[None] | None = None
        # Batches committing now, and their tenants: a tenant is in at most one batch at a
        # time, so its charges commit (and its events go out) in the order they queued.
        self._in_flight: set[asyncio.Task[None]] = set()
        self._busy: set[UUID] = set()
        self._wake = asyncio.Event()
        self._batch_seconds = 0.0
        self._after_commit: list[Callable[[], None]] = []
        self.batches = BatchCommitter(billing_enabled=billing_enabled)
        self._refund_turns = TenantQueues()

    def on_commit(self, callback: Callable[[], None]) -> None:
        self._after_commit.append(callback)

    @property
    def waiting(self) -> int:
        return len(self._queue)

    async def charge(self, request: ChargeRequest[M]) -> Charged[M] | Replayed:
        """Charges for the request's object and inserts it, or raises the `DomainError` that
        refused it (nothing charged, nothing created). A commit of a reservation (`CommitHold`)
        is a charge too: its `Charged.obj` is the reservation, as committed."""
        outcome = await self._submit(request)
        assert not isinstance(outcome, Held)
        return outcome

    async def hold(self, request: ChargeRequest[Any]) -> Held:
        """Holds the request's cost (`NewHold`) in the same queue, lock and decision as the
        charges, or raises the `DomainError` that refused it (nothing held)."""
        outcome = await self._submit(request)
        assert isinstance(outcome, Held)
        return outcome

    async def _submit(self, request: ChargeRequest[Any]) -> Charged[Any] | Replayed | Held:
        loop = asyncio.get_running_loop()
        now = loop.time()
        pending = _Pending(
            request,
            loop.create_future(),
            now,
            now + self._timeout,
            tracing.start_child("ledger.lock_wait"),
        )
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

    async def change_account(
        self, tenant_id: UUID, change: Callable[[BaseDBAsyncClient], Awaitable[T]]
    ) -> T:
        """A change to what the tenant may spend (see `accounts.change_account`); after
        commit, what waits for commits (the webhook sender, if it emitted an alert) is woken."""
        result = await change_account(
            locks=self._locks, bus=self._bus, tenant_id=tenant_id, change=change
        )
        self._run_after_commit()
        return result

    async def refund(
        self,
        tenant_id: UUID,
        cause: Cause,
        *,
        precheck: Callable[[], Awaitable[None]] | None = None,
    ) -> tuple[Any, list[CreditUsage]]:
        """`cause` and the refunds it names, in one transaction (see `refunds.refund_with`);
        after commit, what waits for commits (the outbox relay) is woken.

        This process's refunds of one tenant take turns (FIFO) before the tenant lock, and
        each runs `precheck` (a read that raises what it would answer, e.g. NotFound for an
        object deleted by the turn before) when its turn comes: a burst of repeats of one
        delete then answers from that read instead of each taking the lock and a
        transaction in turn (10 repeats of 20 deletes on two servers answered UNAVAILABLE
        for a third of them, the lock's wait running out)."""
        turn = self._refund_turns.enter(tenant_id)
        try:
            try:
                await asyncio.wait_for(turn.acquire(), self._timeout)
            except TimeoutError:
                raise Unavailable(TURN_TIMED_OUT) from None
            try:
                if precheck is not None:
                    await precheck()
                value, refunds = await refund_with(
                    locks=self._locks, bus=self._bus, tenant_id=tenant_id, cause=cause
                )
            finally:
                turn.release()
        finally:
            self._refund_turns.leave(tenant_id)
        if refunds:
            self._run_after_commit()
        return value, refunds

    async def close(self) -> None:
        if self._worker is not None:
            await asyncio.wait([self._worker], timeout=self._timeout)

    def _time_out(self, pending: _Pending) -> None:
        # A charge already in a batch is decided by that batch, bounded by the lock's TTL.
        if pending in self._queue:
            self._queue.remove(pending)
            metrics.REJECTIONS.labels("timeout").inc()
            _fail(pending, Unavailable(TIMED_OUT))

    async def _drain(self) -> None:
        """Starts batches while charges wait, up to `concurrent_batches` at once over disjoint
        tenants: while one batch waits on the database, another tenant's need not."""
        loop = asyncio.get_running_loop()
        # This task serves every request: not the trace of the one that happened to start it.
        tracing.detach()
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
        # Their tenants' locks are held: the charges have stopped waiting.
        for pending in batch:
            if pending.waiting is not None:
                pending.waiting.end()
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
            with self._batch_span(batch, held):
                events: list[UsageEvent] = []
                try:
                    events = await self._run(batch, started)
                finally:
                    await self._publish_and_release(events, held)
        finally:
            # A moving average of how long a batch takes, lock to release.
            self._batch_seconds += 0.1 * (loop.time() - started - self._batch_seconds)
        self._run_after_commit()

    async def _publish_and_release(self, events: list[UsageEvent], held: dict[UUID, str]) -> None:
        """The batch's events go out, then its locks are freed: the tenants' next events follow
        these. With Redis both are one round trip (one script)."""
        messages = self._bus.messages(events) if events and self._locks.publishes else None
        if events and messages is None:
            try:
                await self._bus.publish(events)
            except Exception:
                # Committed charges stand; subscribers see the gap in `sequence`.
                log.exception("could not publish usage events")
        await self._locks.release(held, publish=messages or ())

    def _run_after_commit(self) -> None:
        for callback in self._after_commit:
            try:
                callback()
            except Exception:
                log.exception("after-commit callback failed")

    @staticmethod
    def _batch_span(
        batch: list[_Pending], held: dict[UUID, str]
    ) -> contextlib.AbstractContextManager[object]:
        """The batch's span, from its commit to its locks' release (a shared null context
        when tracing is off: nothing is built)."""
        if not tracing.active():
            return _UNTRACED
        return tracing.joined(
            "ledger.batch_commit",
            [pending.waiting for pending in batch],
            {"credits.batch.size": len(batch), "credits.batch.tenants": len(held)},
        )

    def _expire(self, now: float) -> None:
        if not any(pending.deadline < now for pending in self._queue):
            return
        kept: deque[_Pending] = deque()
        for pending in self._queue:
            if pending.deadline < now:
                metrics.REJECTIONS.labels("timeout").inc()
                _fail(pending, Unavailable(TIMED_OUT))
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
        unused = set(held) - {p.request.tenant_id for p in batch}
        if unused:
            await self._locks.release({tenant_id: held.pop(tenant_id) for tenant_id in unused})
        return batch, held

    async def _run(self, batch: list[_Pending], started: float) -> list[UsageEvent]:
        for pending in batch:
            metrics.LOCK_WAIT.observe(started - pending.enqueued)
        metrics.CHARGE_BATCH.observe(len(batch))
        try:
            results, events = await self.batches.commit([pending.request for pending in batch])
        except DomainError as error:
            metrics.REJECTIONS.labels(error.code.value.lower()).inc(len(batch))
            tracing.fail_current(error.code.value)
            for pending in batch:
                _fail(pending, error)
            return []
        except Exception as error:
            tracing.fail_current(type(error).__name__)
            if not database_unreachable(error):
                log.exception("charge batch failed")
                for pending in batch:
                    _fail(pending, error)
                return []
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
            return []
        for pending, result in zip(batch, results, strict=True):
            if isinstance(result, DomainError):
                metrics.REJECTIONS.labels(result.code.value.lower()).inc()
                _fail(pending, result)
                continue
            if isinstance(result, Charged):
                metrics.CHARGES.labels(result.usage.type).inc()
            if not pending.future.done():
                pending.future.set_result(result)
        # The answers go out without waiting for Redis: committed is committed.
        return events


def _fail(pending: _Pending, error: BaseException) -> None:
    if pending.waiting is not None:  # refused while still waiting (no-op once it has ended)
        pending.waiting.fail(
            error.code.value if isinstance(error, DomainError) else type(error).__name__
        )
    if not pending.future.done():
        pending.future.set_exception(error)


def _consume_result(future: asyncio.Future[Any]) -> None:
    # Marks an exception as retrieved when the waiting caller has gone away.
    if not future.cancelled():
        with contextlib.suppress(BaseException):
            future.exception()
