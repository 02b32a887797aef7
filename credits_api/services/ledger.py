"""The credit ledger: checks and consumes credits atomically, per tenant, across processes.

A charge queues in this process behind the tenant's other charges; one worker per tenant takes
the tenant lock (Redis across processes) once for a whole batch of waiting charges, decides each
charge in memory against the balance it read, and writes the batch in ONE transaction whose
guarded updates only apply if nothing changed since that read. Each request still gets its own
result: a charge that does not fit is refused alone, and nothing is created without its charge
or charged without its object. Events are published after commit, before the lock is released,
so every subscriber sees a tenant's events in sequence order.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID, uuid4

import structlog
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.transactions import in_transaction

from credits_api.models import BillingOutbox, CreditBalance, CreditGrant, CreditUsage, Tenant
from credits_api.services import metrics
from credits_api.services.allowance import Allowance, current_allowance
from credits_api.services.clock import utcnow
from credits_api.services.credit_types import CreditType
from credits_api.services.errors import (
    Conflict,
    DomainError,
    InsufficientCredits,
    NoActiveSubscription,
    Unavailable,
)
from credits_api.services.events import EventBus, UsageEvent
from credits_api.services.locks import TenantLocks

log = structlog.get_logger(__name__)

STALE_READ_RETRIES = 3
T = TypeVar("T")


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
    # What an integrity error on the object's insert means (e.g. its parent was just deleted).
    integrity_error: Callable[[], DomainError] = lambda: Conflict(
        "A concurrent change conflicted with this request; nothing was charged."
    )


@dataclass(frozen=True, slots=True)
class ChargeOutcome:
    usage: CreditUsage
    # True when an earlier request with the same idempotency key already did the work.
    replayed: bool


@dataclass(eq=False)
class _Pending:
    request: ChargeRequest
    future: asyncio.Future[ChargeOutcome]
    deadline: float


class _StaleRead(Exception):
    """A guarded update hit no row: another writer got in (an expired lock); re-read and redo."""


@dataclass
class _Account:
    """The tenant's spendable state as read at the start of a batch, updated in memory."""

    allowance: Allowance
    balance: CreditBalance
    grants: list[CreditGrant]
    event_sequence: int
    used: int = 0
    charged: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)
    grant_remaining: dict[UUID, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.used = self.balance.used
        self.charged = self.balance.charged
        self.by_type = {key: list(value) for key, value in (self.balance.by_type or {}).items()}
        self.grant_remaining = {grant.id: grant.remaining for grant in self.grants}

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


async def load_account(
    tenant_id: UUID, now: datetime, connection: BaseDBAsyncClient | None, *, for_charge: bool
) -> _Account:
    allowance = await current_allowance(
        tenant_id, now, connection=connection, persist_rollover=for_charge
    )
    balance = await CreditBalance.get_or_none(
        tenant_id=tenant_id, period_start=allowance.balance_start, using_db=connection
    )
    if balance is None:
        if for_charge:
            await CreditBalance.bulk_create(
                [
                    CreditBalance(
                        tenant_id=tenant_id,
                        period_start=allowance.balance_start,
                        period_end=allowance.balance_end,
                    )
                ],
                ignore_conflicts=True,
                using_db=connection,
            )
            balance = await CreditBalance.get(
                tenant_id=tenant_id, period_start=allowance.balance_start, using_db=connection
            )
        else:
            balance = CreditBalance(
                tenant_id=tenant_id,
                period_start=allowance.balance_start,
                period_end=allowance.balance_end,
                used=0,
                charged=0,
                by_type={},
                version=0,
            )
    grants = await active_grants(tenant_id, now, connection)
    return _Account(
        allowance=allowance,
        balance=balance,
        grants=grants,
        event_sequence=await event_sequence(tenant_id, connection),
    )


async def event_sequence(tenant_id: UUID, connection: BaseDBAsyncClient | None = None) -> int:
    tenant = await Tenant.get(id=tenant_id, using_db=connection).only("id", "event_sequence")
    return tenant.event_sequence


async def active_grants(
    tenant_id: UUID, now: datetime, connection: BaseDBAsyncClient | None = None
) -> list[CreditGrant]:
    """Grants that can pay now, in consumption order: priority (lowest number first), then the
    earliest expiry (never-expiring last), then the oldest."""
    grants = await CreditGrant.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        tenant_id=tenant_id,
        remaining__gt=0,
        voided_at__isnull=True,
    ).using_db(connection)
    far_future = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(
        grants,
        key=lambda grant: (grant.priority, grant.expires_at or far_future, grant.created_at),
    )


class Charger:
    def __init__(
        self,
        *,
        locks: TenantLocks,
        bus: EventBus,
        batch_size: int,
        timeout_seconds: float,
        billing_enabled: Callable[[], bool] = lambda: False,
    ) -> None:
        self._locks = locks
        self._bus = bus
        self._batch_size = batch_size
        self._timeout = timeout_seconds
        self._billing_enabled = billing_enabled
        self._queues: dict[UUID, deque[_Pending]] = {}
        self._workers: dict[UUID, asyncio.Task[None]] = {}
        self._after_commit: list[Callable[[], None]] = []
        # Test hook: awaited inside the transaction, to prove the guard when a lock expires.
        self.inside_transaction_hook: Callable[[], Any] | None = None

    def on_commit(self, callback: Callable[[], None]) -> None:
        self._after_commit.append(callback)

    @property
    def busy_tenants(self) -> int:
        return len(self._workers)

    async def charge(self, request: ChargeRequest) -> ChargeOutcome:
        loop = asyncio.get_running_loop()
        pending = _Pending(request, loop.create_future(), loop.time() + self._timeout)
        # The caller may be cancelled (client gone) while its charge still commits.
        pending.future.add_done_callback(_consume_result)
        queue = self._queues.setdefault(request.tenant_id, deque())
        queue.append(pending)
        if request.tenant_id not in self._workers:
            self._workers[request.tenant_id] = asyncio.create_task(
                self._drain(request.tenant_id), name=f"charger:{request.tenant_id}"
            )
        try:
            return await asyncio.wait_for(asyncio.shield(pending.future), self._timeout)
        except TimeoutError:
            if pending in queue:
                queue.remove(pending)
                metrics.REJECTIONS.labels("timeout").inc()
                raise Unavailable("The credit check timed out; nothing was charged.") from None
            # Already in a batch: that batch decides, and it is bounded by the lock's TTL.
            return await pending.future

    async def change_account(
        self, tenant_id: UUID, change: Callable[[BaseDBAsyncClient], Awaitable[T]]
    ) -> T:
        """Runs a change to what the tenant may spend (plan, period, grants) under the tenant
        lock, in one transaction with the event sequence, then tells live subscribers."""
        async with self._locks.hold(tenant_id):
            async with in_transaction() as connection:
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
        workers = list(self._workers.values())
        if workers:
            await asyncio.wait(workers, timeout=self._timeout)

    async def _drain(self, tenant_id: UUID) -> None:
        queue = self._queues[tenant_id]
        loop = asyncio.get_running_loop()
        try:
            while queue:
                batch = [queue.popleft() for _ in range(min(len(queue), self._batch_size))]
                now = loop.time()
                for pending in batch:
                    if pending.deadline < now:
                        _fail(
                            pending, Unavailable("The credit check timed out; nothing was charged.")
                        )
                batch = [pending for pending in batch if not pending.future.done()]
                if batch:
                    await self._run(tenant_id, batch)
        finally:
            del self._workers[tenant_id]
            if not queue:
                self._queues.pop(tenant_id, None)

    async def _run(self, tenant_id: UUID, batch: list[_Pending]) -> None:
        try:
            async with self._locks.hold(tenant_id):
                results, events = await self._commit(batch)
                if events:
                    try:
                        await self._bus.publish(events)
                    except Exception:
                        # Committed charges stand; subscribers see the gap in `sequence`.
                        log.exception("could not publish usage events", tenant_id=str(tenant_id))
        except DomainError as error:
            for pending in batch:
                _fail(pending, error)
            metrics.REJECTIONS.labels(error.code.value.lower()).inc(len(batch))
            return
        except Exception as error:
            log.exception("charge batch failed", tenant_id=str(tenant_id))
            for pending in batch:
                _fail(pending, error)
            return
        for pending, result in zip(batch, results, strict=True):
            if isinstance(result, DomainError):
                metrics.REJECTIONS.labels(result.code.value.lower()).inc()
                _fail(pending, result)
            else:
                if not result.replayed:
                    metrics.CHARGES.labels(result.usage.type).inc()
                pending.future.set_result(result)
        for callback in self._after_commit:
            callback()

    async def _commit(
        self, batch: list[_Pending]
    ) -> tuple[list[ChargeOutcome | DomainError], list[UsageEvent]]:
        metrics.CHARGE_BATCH.observe(len(batch))
        for _attempt in range(STALE_READ_RETRIES):
            try:
                return await self._commit_once([pending.request for pending in batch])
            except _StaleRead:
                log.warning("credit balance changed under the lock; re-reading")
            except IntegrityError:
                if len(batch) == 1:
                    return [batch[0].request.integrity_error()], []
                return await self._commit_one_by_one(batch)
        raise Unavailable("The credit balance is contended; nothing was charged, retry.")

    async def _commit_one_by_one(
        self, batch: list[_Pending]
    ) -> tuple[list[ChargeOutcome | DomainError], list[UsageEvent]]:
        """After an integrity error, isolate the request that caused it."""
        results: list[ChargeOutcome | DomainError] = []
        events: list[UsageEvent] = []
        for pending in batch:
            try:
                single_results, single_events = await self._commit([pending])
            except DomainError as error:
                single_results, single_events = [error], []
            results.extend(single_results)
            events.extend(single_events)
        return results, events

    async def _commit_once(
        self, requests: Sequence[ChargeRequest]
    ) -> tuple[list[ChargeOutcome | DomainError], list[UsageEvent]]:
        tenant_id = requests[0].tenant_id
        now = utcnow()
        results: list[ChargeOutcome | DomainError] = []
        events: list[UsageEvent] = []
        async with in_transaction() as connection:
            account = await load_account(tenant_id, now, connection, for_charge=True)
            first_sequence = account.event_sequence
            if account.allowance.period_rolled:
                account.event_sequence += 1
                events.append(UsageEvent(tenant_id, account.event_sequence, account.summary()))
            keys = [request.idempotency_key for request in requests if request.idempotency_key]
            prior: dict[str, CreditUsage] = {}
            if keys:
                prior = {
                    usage.idempotency_key: usage
                    for usage in await CreditUsage.filter(
                        tenant_id=tenant_id, idempotency_key__in=keys
                    ).using_db(connection)
                    if usage.idempotency_key
                }
            objects: dict[type[Model], list[Model]] = defaultdict(list)
            usages: list[CreditUsage] = []
            outbox: list[BillingOutbox] = []
            billing = self._billing_enabled()
            for request in requests:
                key = request.idempotency_key
                earlier = prior.get(key) if key else None
                if earlier is not None:
                    if earlier.request_hash != request.request_hash:
                        results.append(
                            Conflict("This idempotency key was used with a different request.")
                        )
                    else:
                        results.append(ChargeOutcome(usage=earlier, replayed=True))
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
                usage = CreditUsage(
                    id=uuid4(),
                    tenant_id=tenant_id,
                    user_id=request.user_id,
                    type=request.credit_type.value,
                    amount=cost,
                    from_allowance=from_allowance,
                    object_id=obj.pk,
                    idempotency_key=key,
                    request_hash=request.request_hash,
                    sequence=account.event_sequence,
                    created_at=now,
                )
                if key:
                    prior[key] = usage
                objects[type(obj)].append(obj)
                usages.append(usage)
                if billing and request.credit_type.meter_event_name:
                    outbox.append(_outbox_row(usage, request.credit_type, now))
                results.append(ChargeOutcome(usage=usage, replayed=False))
                events.append(
                    UsageEvent(
                        tenant_id, account.event_sequence, account.summary(), _usage_payload(usage)
                    )
                )
            if account.event_sequence != first_sequence:
                await self._write(connection, account, first_sequence, objects, usages, outbox)
        return results, events

    async def _write(
        self,
        connection: BaseDBAsyncClient,
        account: _Account,
        first_sequence: int,
        objects: dict[type[Model], list[Model]],
        usages: list[CreditUsage],
        outbox: list[BillingOutbox],
    ) -> None:
        balance = account.balance
        tenant_id = balance.tenant_id
        if usages:
            # The guard: applies only to the exact row version the decisions were made on, and
            # never past the allowance, so a writer whose lock expired cannot overspend.
            guarded = CreditBalance.filter(id=balance.id, version=balance.version)
            if account.allowance.limit is not None:
                guarded = guarded.filter(
                    used__lte=account.allowance.limit - (account.used - balance.used)
                )
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
            Tenant.filter(id=tenant_id, event_sequence=first_sequence)
            .using_db(connection)
            .update(event_sequence=account.event_sequence)
        )
        if updated != 1:
            raise _StaleRead
        if self.inside_transaction_hook is not None:
            await self.inside_transaction_hook()
        for model, rows in objects.items():
            await model.bulk_create(rows, using_db=connection)
        if usages:
            await CreditUsage.bulk_create(usages, using_db=connection)
        if outbox:
            await BillingOutbox.bulk_create(outbox, using_db=connection)


def no_subscription_summary() -> dict[str, Any]:
    return {
        "periodStart": None,
        "periodEnd": None,
        "used": 0,
        "limit": 0,
        "remaining": 0,
        "byType": [],
    }


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
