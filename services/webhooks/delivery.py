"""The webhook sender: POSTs each PENDING delivery to its endpoint, signed, with retries.

Follows the billing outbox relay's pattern (services/billing/relay.py), so any number of
senders (processes) can run on one database:
- a delivery is **claimed** by a conditional update that bumps `attempts` and pushes
  `next_attempt_at` one lease ahead: only one sender's update can match a given `attempts`, so
  only one sender sends it while the lease runs (a crashed sender's claim expires with it);
- its result is written only if `attempts` is still the claimed value;
- the endpoint is never called inside a transaction: each claim and each result is one
  statement, and the POST happens between them;
- any non-2xx answer (redirects included: they are not followed), a timeout, a refused
  address or a network error is retried after `WEBHOOK_RETRY_BASE_SECONDS` x 2^(attempt-1),
  at most `WEBHOOK_RETRY_MAX_SECONDS`, plus up to 10 % jitter, with the SAME event id and body
  (a fresh signature timestamp each time), until `WEBHOOK_RETRY_FOR_SECONDS` (24 h) after the
  event; a failure after that marks the delivery FAILED.

Before each POST the URL is checked again against the SSRF rule and the request goes to the
address that was checked (addresses.py): the URL's host is replaced by that IP, with the
original `Host` header and, for https, the original name as TLS server name (SNI) and for the
certificate check. Connections are not kept alive, so no pooled connection made for one name
is reused for another.

A sender wakes when its process committed something that emitted (`wake()`, or a ledger commit
after an `emit`: `wake_if_emitted`), and otherwise when the next retry falls due or every
`WEBHOOK_POLL_SECONDS`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import ssl
import time
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
import orjson
import structlog
from tortoise.expressions import F

from models import DeliveryStatus, Tenant, WebhookDelivery, WebhookEndpoint, WebhookEvent
from services.background import BackgroundWorker
from services.clock import utcnow
from services.outages import database_unreachable
from services.webhooks.addresses import Policy, RefusedAddress, Target, check
from services.webhooks.endpoints import DELETED
from services.webhooks.events import take_emitted
from services.webhooks.signing import HEADER, signature_header
from settings import Settings

log = structlog.get_logger(__name__)

MAX_ERROR = 1_000
JITTER = 0.1
# Shortest idle wait, so a due delivery another sender holds does not make this one spin.
MIN_WAIT_SECONDS = 0.05
USER_AGENT = "credits-api-webhooks/1"

_SENDERS: weakref.WeakSet[WebhookSender] = weakref.WeakSet()


def wake() -> None:
    """Wakes every sender of this process (call after committing a transaction that emitted)."""
    take_emitted()
    for sender in list(_SENDERS):
        sender.wake()


def wake_if_emitted() -> None:
    """`wake()`, but only if something was emitted since the senders last woke: run after
    every ledger commit, it costs a flag check when nothing was."""
    if take_emitted():
        wake()


@dataclass(frozen=True, slots=True)
class SendStats:
    delivered: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class Outcome:
    status_code: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def payload(event: WebhookEvent, tenant: Tenant) -> bytes:
    """The POST body: the same bytes on every attempt of every endpoint."""
    return orjson.dumps(
        {
            "id": str(event.id),
            "type": event.type.value,
            "createdAt": event.created_at.isoformat(),
            "tenant": {"id": str(tenant.id), "slug": tenant.slug},
            "data": event.data,
        }
    )


def retry_delay(settings: Settings, attempts: int) -> float:
    """Seconds before the next attempt after `attempts` failed ones (without jitter)."""
    exponent = min(max(attempts - 1, 0), 60)  # 2**60 s is past any maximum
    return float(
        min(settings.webhook_retry_base_seconds * 2**exponent, settings.webhook_retry_max_seconds)
    )


class WebhookSender(BackgroundWorker):
    name = "webhook-sender"

    def __init__(
        self,
        settings: Settings,
        *,
        policy: Policy | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        """`verify`: how TLS certificates are checked (the system's CAs; tests pass their own)."""
        super().__init__(stop_grace_seconds=settings.webhook_timeout_seconds + 5)
        self._settings = settings
        self._verify = verify
        self._policy = policy or Policy.for_environment(production=settings.is_production)
        self._client: httpx.AsyncClient | None = None
        # Passes run by the loop (tests read it: a commit that emitted nothing wakes no pass).
        self.passes = 0
        _SENDERS.add(self)

    async def stop(self) -> None:
        """Lets the current pass finish (bounded by the POST timeout), then ends. A pass is not
        cut mid-query: cancelling inside a database call can wedge SQLite's one connection."""
        await super().stop()
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run_pass(self) -> float:
        self.passes += 1
        stats = await self.run_once()
        return await self._idle_seconds() if not (stats.delivered or stats.failed) else 0

    def pass_failed(self, error: Exception) -> float:
        if database_unreachable(error):  # an outage, not a bug: no traceback
            log.warning("webhook sender: database unreachable", error=repr(error))
        else:
            log.exception("webhook sender pass failed")
        return self._settings.webhook_poll_seconds

    async def _idle_seconds(self) -> float:
        """Until the next retry falls due, at most the poll interval."""
        poll = self._settings.webhook_poll_seconds
        next_due = (
            await WebhookDelivery.filter(status=DeliveryStatus.PENDING)
            .order_by("next_attempt_at")
            .first()
            .values_list("next_attempt_at", flat=True)
        )
        if not isinstance(next_due, datetime):
            return poll
        return min(max((next_due - utcnow()).total_seconds(), MIN_WAIT_SECONDS), poll)

    async def run_once(self) -> SendStats:
        """One pass: claims the due deliveries and sends them; returns what happened."""
        settings = self._settings
        now = utcnow()
        due = (
            await WebhookDelivery.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "created_at")
            .limit(settings.webhook_batch_size)
        )
        lease_until = now + timedelta(seconds=settings.webhook_lease_seconds)
        claimed: list[WebhookDelivery] = []
        for row in due:
            won = await WebhookDelivery.filter(
                id=row.id, status=DeliveryStatus.PENDING, attempts=row.attempts
            ).update(attempts=F("attempts") + 1, next_attempt_at=lease_until)
            if won == 1:
                row.attempts += 1
                claimed.append(row)
        if not claimed:
            return SendStats()
        events = await _by_id(WebhookEvent, {row.event_id for row in claimed})
        endpoints = await _by_id(WebhookEndpoint, {row.endpoint_id for row in claimed})
        tenants = await _by_id(Tenant, {event.tenant_id for event in events.values()})
        limit = asyncio.Semaphore(settings.webhook_concurrency)

        async def deliver(row: WebhookDelivery) -> bool:
            async with limit:
                if self._stopping:  # shutting down: hand the claim back rather than send late
                    await _result(row, attempts=row.attempts - 1, next_attempt_at=utcnow())
                    return False
                event = events[row.event_id]
                return await self._deliver(
                    row, event, endpoints[row.endpoint_id], tenants[event.tenant_id]
                )

        results = await asyncio.gather(*(deliver(row) for row in claimed))
        delivered = sum(results)
        return SendStats(delivered=delivered, failed=len(results) - delivered)

    async def _deliver(
        self, row: WebhookDelivery, event: WebhookEvent, endpoint: WebhookEndpoint, tenant: Tenant
    ) -> bool:
        if endpoint.deleted_at is not None:
            await _result(
                row, status=DeliveryStatus.FAILED, next_attempt_at=None, last_error=DELETED
            )
            return False
        outcome = await self._post(endpoint, payload(event, tenant))
        now = utcnow()
        if outcome.ok:
            await _result(
                row,
                status=DeliveryStatus.DELIVERED,
                last_status_code=outcome.status_code,
                delivered_at=now,
                next_attempt_at=None,
                last_error=None,
            )
            return True
        expired = now >= event.created_at + timedelta(
            seconds=self._settings.webhook_retry_for_seconds
        )
        delay = retry_delay(self._settings, row.attempts)
        delay += random.uniform(0, delay * JITTER)
        log.warning(
            "webhook not delivered",
            delivery_id=str(row.id),
            endpoint_id=str(endpoint.id),
            event_id=str(event.id),
            attempts=row.attempts,
            status_code=outcome.status_code,
            error=outcome.error,
            gave_up=expired,
        )
        await _result(
            row,
            status=DeliveryStatus.FAILED if expired else DeliveryStatus.PENDING,
            last_status_code=outcome.status_code,
            next_attempt_at=None if expired else now + timedelta(seconds=delay),
            last_error=(outcome.error or "")[:MAX_ERROR] or None,
        )
        return False

    async def _post(self, endpoint: WebhookEndpoint, body: bytes) -> Outcome:
        try:
            target = await check(endpoint.url, self._policy)
        except RefusedAddress as error:
            return Outcome(None, f"Refused: {error}")
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            HEADER: signature_header(endpoint.secret, timestamp, body),
        }
        url, extensions = _pinned(target, headers)
        timeout = self._settings.webhook_timeout_seconds
        try:
            async with asyncio.timeout(timeout):
                # Streamed and never read: a receiver's body is of no use and could be huge.
                async with self._http().stream(
                    "POST", url, content=body, headers=headers, extensions=extensions
                ) as response:
                    code = response.status_code
        except TimeoutError:
            return Outcome(None, f"Timed out after {timeout:g} s.")
        except httpx.HTTPError as error:
            return Outcome(None, f"{type(error).__name__}: {error}")
        return Outcome(code, None if 200 <= code < 300 else f"HTTP {code}")

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self._settings.webhook_timeout_seconds,
                follow_redirects=False,
                verify=self._verify,
                trust_env=False,  # no proxy from the environment: we connect where we checked
                limits=httpx.Limits(max_keepalive_connections=0),
            )
        return self._client


def _pinned(target: Target, headers: dict[str, str]) -> tuple[httpx.URL, dict[str, Any]]:
    """The URL with its host replaced by the checked address, the `Host` header and the TLS
    server name set to the original host."""
    url = httpx.URL(target.url)
    headers["Host"] = url.netloc.decode("ascii")
    extensions: dict[str, Any] = {}
    try:
        ipaddress.ip_address(target.host)
    except ValueError:
        if target.scheme == "https":
            extensions["sni_hostname"] = target.host
    return url.copy_with(host=str(target.address)), extensions


async def _by_id(model: Any, ids: set[UUID]) -> dict[UUID, Any]:
    return {row.id: row for row in await model.filter(id__in=list(ids))}


async def _result(row: WebhookDelivery, **values: Any) -> None:
    """Writes an attempt's result, unless another sender has claimed the delivery since."""
    await WebhookDelivery.filter(id=row.id, attempts=row.attempts).update(**values)
