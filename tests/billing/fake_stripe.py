"""A local HTTP server that speaks Stripe's wire format for the endpoints this project uses.

The real `stripe` library is pointed at it (STRIPE_API_BASE → StripeClient base_addresses).
It decodes Stripe's form encoding, honours `Idempotency-Key` like Stripe (a repeat gets the
first response and creates nothing), dedupes meter events by `identifier`, records every
request, and can fail on purpose (HTTP 5xx, or a response slower than the client's timeout
after the work was done — the case where a client cannot know whether it worked).

PaymentIntents (auto top-up): customers have a default payment method (`set_default_payment_method`),
prices an amount; a confirmed off-session PaymentIntent succeeds, unless its payment method is
`DECLINED_CARD`, which answers 402 `card_error` like Stripe. With `webhook_target` set, each new
PaymentIntent is followed by its signed `payment_intent.succeeded` / `payment_intent.payment_failed`
event POSTed to that URL, as Stripe would (`send_event` sends one by hand).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx
import stripe
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.servers import free_port
from tests.waiting import eventually_blocking

DECLINED_CARD = "pm_card_chargeDeclined"
PRICE_AMOUNT = 1_000

_INDEX = re.compile(r"\[([^\]]*)\]")


def decode_form(body: str) -> dict[str, Any]:
    """`a[b][0][c]=1` → {"a": {"b": [{"c": "1"}]}} (Stripe's encoding of nested params)."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        head = key.split("[", 1)[0]
        path = [head, *_INDEX.findall(key)]
        node: Any = root
        for part, following in itertools.pairwise(path):
            container: Any = [] if following.isdigit() else {}
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append(None)
                if node[index] is None:
                    node[index] = container
                node = node[index]
            else:
                node = node.setdefault(part, container)
        last = path[-1]
        if isinstance(node, list):
            index = int(last)
            while len(node) <= index:
                node.append(None)
            node[index] = value
        else:
            node[last] = value
    return root


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    params: dict[str, Any]
    status: int


@dataclass
class FakeStripe:
    port: int = field(default_factory=free_port)
    requests: list[Recorded] = field(default_factory=list)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    checkout_sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Meter events Stripe accepted, by identifier (a duplicate identifier is not billed twice).
    meter_events: dict[str, dict[str, Any]] = field(default_factory=dict)
    duplicate_identifiers: list[str] = field(default_factory=list)
    # Meter events cancelled by an adjustment, by identifier.
    cancelled_identifiers: list[str] = field(default_factory=list)
    # Failures to inject, per path: "500" or "timeout" (processed, then answered too late).
    failures: dict[str, deque[str]] = field(default_factory=dict)
    slow_seconds: float = 2.0
    payment_intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Where signed payment_intent.* events go (the app's /webhooks/stripe), and their secret.
    webhook_target: str | None = None
    webhook_secret: str = ""
    # (event type, PaymentIntent id, HTTP status the app answered) of each event sent.
    sent_events: list[tuple[str, str, int]] = field(default_factory=list)
    _sending: set[asyncio.Task[None]] = field(default_factory=set)
    _idempotent: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail(self, path: str, *kinds: str) -> None:
        with self._lock:
            self.failures.setdefault(path, deque()).extend(kinds)

    def received(self, path: str) -> list[Recorded]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def meter_event_requests_by_identifier(self) -> Counter[str]:
        return Counter(
            request.params.get("identifier")
            for request in self.received("/v1/billing/meter_events")
        )

    def add_subscription(
        self,
        *,
        customer: str,
        price: str,
        period_start: int,
        period_end: int,
        status: str = "active",
        metadata: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        subscription_id = f"sub_{next(self._ids):06d}"
        subscription = subscription_object(
            subscription_id,
            customer=customer,
            price=price,
            period_start=period_start,
            period_end=period_end,
            status=status,
            metadata=metadata,
        )
        with self._lock:
            self.subscriptions[subscription_id] = subscription
        return subscription

    def set_default_payment_method(self, customer_id: str, method: str) -> None:
        with self._lock:
            customer = self.customers.setdefault(
                customer_id, {"id": customer_id, "object": "customer", "metadata": {}}
            )
            customer["invoice_settings"] = {"default_payment_method": method}

    def payment_intent_creations(self) -> list[Recorded]:
        """The create requests Stripe answered (idempotent repeats included)."""
        return self.received("/v1/payment_intents")

    async def send_event(self, event_type: str, obj: dict[str, Any]) -> int:
        """POSTs a signed event about `obj` to `webhook_target`; returns the app's status."""
        assert self.webhook_target, "set webhook_target first"
        payload = event_payload(f"evt_{next(self._ids):06d}", event_type, obj, int(time.time()))
        signature = stripe.WebhookSignature.generate_signature_header(
            payload.decode(), self.webhook_secret
        )
        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.post(
                self.webhook_target, content=payload, headers={"Stripe-Signature": signature}
            )
        with self._lock:
            self.sent_events.append((event_type, str(obj.get("id")), response.status_code))
        return response.status_code

    def _send_later(self, event_type: str, obj: dict[str, Any]) -> None:
        if not self.webhook_target:
            return
        task = asyncio.get_running_loop().create_task(self.send_event(event_type, dict(obj)))
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    # -- server ------------------------------------------------------------------------------

    def start(self) -> FakeStripe:
        app = Starlette(
            routes=[
                Route("/v1/customers", self._customers, methods=["POST"]),
                Route("/v1/customers/{id}", self._customer, methods=["GET"]),
                Route("/v1/prices/{id}", self._price, methods=["GET"]),
                Route("/v1/payment_intents", self._payment_intents_create, methods=["POST"]),
                Route("/v1/payment_intents/{id}", self._payment_intent, methods=["GET"]),
                Route("/v1/checkout/sessions", self._checkout_sessions, methods=["POST"]),
                Route("/v1/billing_portal/sessions", self._portal_sessions, methods=["POST"]),
                Route("/v1/subscriptions/{id}", self._subscription, methods=["GET"]),
                Route("/v1/billing/meter_events", self._meter_events, methods=["POST"]),
                Route(
                    "/v1/billing/meter_event_adjustments",
                    self._meter_event_adjustments,
                    methods=["POST"],
                ),
            ]
        )
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="fake-stripe", daemon=True)
        self._thread.start()
        eventually_blocking(self._started, interval=0.01, what="the fake Stripe server to start")
        return self

    def _started(self) -> bool:
        assert self._thread is not None and self._thread.is_alive(), "fake Stripe's thread died"
        return self._server is not None and self._server.started

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)

    # -- endpoints ---------------------------------------------------------------------------

    async def _handle(self, request: Request, create: Any) -> Response:
        params = decode_form((await request.body()).decode())
        path = request.url.path
        with self._lock:
            pending = self.failures.get(path)
            failure = pending.popleft() if pending else None
        if failure == "500":
            return self._record(request, path, params, 500, _error("api_error", "Injected."))
        key = request.headers.get("idempotency-key")
        with self._lock:
            cached = self._idempotent.get(key) if key else None
            if cached is None:
                status, body = create(params, request)
                if key and status < 500:
                    self._idempotent[key] = (status, body)
            else:
                status, body = cached
        response = self._record(request, path, params, status, body)
        if failure == "timeout":
            # A slow Stripe is the subject here: the caller's timeout must fire during this sleep.
            await asyncio.sleep(self.slow_seconds)
        return response

    def _record(
        self, request: Request, path: str, params: dict[str, Any], status: int, body: Any
    ) -> Response:
        with self._lock:
            self.requests.append(
                Recorded(request.method, path, dict(request.headers), params, status)
            )
        return JSONResponse(body, status_code=status, headers={"request-id": "req_fake"})

    async def _customers(self, request: Request) -> Response:
        def create(params: dict[str, Any], _: Request) -> tuple[int, dict[str, Any]]:
            customer_id = f"cus_{next(self._ids):06d}"
            customer = {
                "id": customer_id,
                "object": "customer",
                "name": params.get("name"),
                "metadata": params.get("metadata", {}),
                "livemode": False,
            }
            self.customers[customer_id] = customer
            return 200, customer

        return await self._handle(request, create)

    async def _checkout_sessions(self, request: Request) -> Response:
        def create(params: dict[str, Any], _: Request) -> tuple[int, dict[str, Any]]:
            session_id = f"cs_test_{next(self._ids):06d}"
            session = {
                "id": session_id,
                "object": "checkout.session",
                "mode": params.get("mode"),
                "customer": params.get("customer"),
                "client_reference_id": params.get("client_reference_id"),
                "metadata": params.get("metadata", {}),
                "line_items_requested": params.get("line_items", []),
                "payment_status": "unpaid",
                "status": "open",
                "subscription": None,
                "url": f"https://checkout.stripe.test/c/pay/{session_id}",
                "livemode": False,
            }
            self.checkout_sessions[session_id] = session
            return 200, session

        return await self._handle(request, create)

    async def _portal_sessions(self, request: Request) -> Response:
        def create(params: dict[str, Any], _: Request) -> tuple[int, dict[str, Any]]:
            session_id = f"bps_{next(self._ids):06d}"
            return 200, {
                "id": session_id,
                "object": "billing_portal.session",
                "customer": params.get("customer"),
                "return_url": params.get("return_url"),
                "url": f"https://billing.stripe.test/p/session/{session_id}",
                "livemode": False,
            }

        return await self._handle(request, create)

    async def _subscription(self, request: Request) -> Response:
        subscription_id = request.path_params["id"]
        with self._lock:
            subscription = self.subscriptions.get(subscription_id)
        if subscription is None:
            return self._record(
                request,
                request.url.path,
                {},
                404,
                _error("invalid_request_error", f"No such subscription: '{subscription_id}'"),
            )
        return self._record(request, request.url.path, {}, 200, subscription)

    async def _meter_events(self, request: Request) -> Response:
        def create(params: dict[str, Any], _: Request) -> tuple[int, dict[str, Any]]:
            identifier = params.get("identifier") or f"gen_{next(self._ids)}"
            event = {
                "object": "billing.meter_event",
                "event_name": params.get("event_name"),
                "identifier": identifier,
                "payload": params.get("payload", {}),
                "timestamp": int(params.get("timestamp") or time.time()),
                "created": int(time.time()),
                "livemode": False,
            }
            if identifier in self.meter_events:
                # Stripe ignores a repeated identifier inside its dedupe window.
                self.duplicate_identifiers.append(identifier)
            else:
                self.meter_events[identifier] = event
            return 200, event

        return await self._handle(request, create)

    async def _meter_event_adjustments(self, request: Request) -> Response:
        def create(params: dict[str, Any], _: Request) -> tuple[int, dict[str, Any]]:
            identifier = (params.get("cancel") or {}).get("identifier")
            if params.get("type") != "cancel" or not identifier:
                return 400, _error("invalid_request_error", "type=cancel and cancel[identifier].")
            if identifier not in self.meter_events:
                # Stripe cancels only an event it received (within 24 h of receiving it).
                return 400, _error(
                    "invalid_request_error", f"No meter event with identifier '{identifier}'."
                )
            self.cancelled_identifiers.append(identifier)
            return 200, {
                "object": "billing.meter_event_adjustment",
                "event_name": params.get("event_name"),
                "type": "cancel",
                "cancel": {"identifier": identifier},
                "status": "pending",
                "livemode": False,
            }

        return await self._handle(request, create)

    async def _customer(self, request: Request) -> Response:
        with self._lock:
            customer = self.customers.get(request.path_params["id"])
        if customer is None:
            return self._record(
                request,
                request.url.path,
                {},
                404,
                _error("invalid_request_error", "No such customer."),
            )
        body = {"invoice_settings": {"default_payment_method": None}, **customer}
        return self._record(request, request.url.path, {}, 200, body)

    async def _price(self, request: Request) -> Response:
        price_id = request.path_params["id"]
        body = {
            "id": price_id,
            "object": "price",
            "unit_amount": PRICE_AMOUNT,
            "currency": "usd",
            "type": "one_time",
            "livemode": False,
        }
        return self._record(request, request.url.path, {}, 200, body)

    async def _payment_intents_create(self, request: Request) -> Response:
        def create(params: dict[str, Any], _: Request) -> tuple[int, dict[str, Any]]:
            intent_id = f"pi_{next(self._ids):06d}"
            declined = params.get("payment_method") == DECLINED_CARD
            intent = {
                "id": intent_id,
                "object": "payment_intent",
                "amount": int(params.get("amount") or 0),
                "currency": params.get("currency"),
                "customer": params.get("customer"),
                "payment_method": params.get("payment_method"),
                "metadata": params.get("metadata", {}),
                "status": "requires_payment_method" if declined else "succeeded",
                "last_payment_error": {
                    "code": "card_declined",
                    "message": "Your card was declined.",
                }
                if declined
                else None,
                "livemode": False,
            }
            self.payment_intents[intent_id] = intent
            if declined:
                self._send_later("payment_intent.payment_failed", intent)
                error = _error("card_error", "Your card was declined.")
                error["error"].update(
                    {
                        "code": "card_declined",
                        "decline_code": "generic_decline",
                        "payment_intent": intent,
                    }
                )
                return 402, error
            self._send_later("payment_intent.succeeded", intent)
            return 200, intent

        return await self._handle(request, create)

    async def _payment_intent(self, request: Request) -> Response:
        with self._lock:
            intent = self.payment_intents.get(request.path_params["id"])
        if intent is None:
            return self._record(
                request,
                request.url.path,
                {},
                404,
                _error("invalid_request_error", "No such intent."),
            )
        return self._record(request, request.url.path, {}, 200, intent)


def subscription_object(
    subscription_id: str,
    *,
    customer: str,
    price: str,
    period_start: int,
    period_end: int,
    status: str = "active",
    metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A subscription as API 2025-03-31+ returns it: the period lives on the items."""
    return {
        "id": subscription_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "metadata": metadata or {},
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{subscription_id}",
                    "object": "subscription_item",
                    "price": {"id": price, "object": "price"},
                    "quantity": 1,
                    "current_period_start": period_start,
                    "current_period_end": period_end,
                }
            ],
        },
        "livemode": False,
    }


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"error": {"type": kind, "message": message}}


def event_payload(event_id: str, event_type: str, obj: dict[str, Any], created: int) -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "created": created,
            "data": {"object": obj},
            "livemode": False,
            "api_version": "2026-10-28.endive",
        }
    ).encode()
