"""Operators' view of HTTP traffic: a request id on every request (echoed in `X-Request-Id`,
bound to every log line, attached to GraphQL errors), an access log line, and Prometheus
request counts and latency per GraphQL operation.

The operation label is the root field (`createTask`, `projects`, ...), never the client-chosen
`operationName`, so the label set stays bounded by the schema.
"""

from __future__ import annotations

import re
import time
from contextvars import ContextVar
from dataclasses import dataclass
from uuid import uuid4

import structlog
from graphql import DocumentNode, FieldNode, OperationDefinitionNode
from graphql.utilities import get_operation_ast
from prometheus_client import Counter, Gauge, Histogram
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resolvers.live_sockets import RAW_SEND

log = structlog.get_logger("credits_api.access")

REQUEST_ID_HEADER = "x-request-id"
# A caller's own request id is kept when it is short and plain; anything else is replaced.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_SAFE_TENANT = re.compile(r"[a-z0-9-]{1,64}")

HTTP_REQUESTS = Counter(
    "credits_http_requests_total",
    "HTTP requests served, by path, GraphQL operation (root field) and status",
    ["path", "operation", "status"],
)
HTTP_LATENCY = Histogram(
    "credits_http_request_duration_seconds",
    "HTTP request latency, by path and GraphQL operation (root field)",
    ["path", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
HTTP_IN_PROGRESS = Gauge(
    "credits_http_requests_in_progress",
    "GraphQL HTTP requests running now",
    multiprocess_mode="livesum",
)

KNOWN_PATHS = frozenset({"/graphql", "/healthz", "/readyz", "/metrics"})


@dataclass
class RequestInfo:
    request_id: str
    operation: str = "none"


_current: ContextVar[RequestInfo | None] = ContextVar("credits_request", default=None)


def current_request_id() -> str | None:
    info = _current.get()
    return info.request_id if info else None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _request_id(scope: Scope) -> str:
    given = _header(scope, REQUEST_ID_HEADER.encode())
    return given if given and _SAFE_ID.fullmatch(given) else uuid4().hex


def _log_context(scope: Scope, info: RequestInfo) -> dict[str, str]:
    bound = {"request_id": info.request_id}
    tenant = (_header(scope, b"x-tenant") or "").strip().lower()
    if _SAFE_TENANT.fullmatch(tenant):
        bound["tenant"] = tenant
    return bound


async def observed_websocket(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """What a websocket gets of the observability (no HTTP metrics nor access line): a request
    id and the log context for the connection's life, and the server's own `send` in the scope
    for the live fan-out's writes (live_sockets). The app (Starlette's chain, or the GraphQL
    endpoint straight from `app.CreditsApp`) runs inside.

    The contextvars are set and reset here rather than with `bound_contextvars`, whose
    generator frame would stay suspended for the connection's life (idle subscribers)."""
    info = RequestInfo(request_id=_request_id(scope))
    token = _current.set(info)
    bound = structlog.contextvars.bind_contextvars(**_log_context(scope, info))
    scope[RAW_SEND] = send
    try:
        await app(scope, receive, send)
    finally:
        structlog.contextvars.reset_contextvars(**bound)
        _current.reset(token)


class RequestObservability:
    """Pure ASGI middleware (outermost): request id, access log, HTTP metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await observed_websocket(self.app, scope, receive, send)
            return
        info = RequestInfo(request_id=_request_id(scope))
        token = _current.set(info)
        try:
            with structlog.contextvars.bound_contextvars(**_log_context(scope, info)):
                await self._http(scope, receive, send, info)
        finally:
            _current.reset(token)

    async def _http(self, scope: Scope, receive: Receive, send: Send, info: RequestInfo) -> None:
        path = scope["path"] if scope["path"] in KNOWN_PATHS else "other"
        status = 500
        graphql = path == "/graphql"

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-Id"] = info.request_id
            await send(message)

        if graphql:
            HTTP_IN_PROGRESS.inc()
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            if graphql:
                HTTP_IN_PROGRESS.dec()
            HTTP_REQUESTS.labels(path, info.operation, str(status)).inc()
            HTTP_LATENCY.labels(path, info.operation).observe(elapsed)
            if path not in {"/healthz", "/metrics"}:
                log.info(
                    "request",
                    method=scope["method"],
                    path=scope["path"],
                    operation=info.operation,
                    status=status,
                    duration_ms=round(elapsed * 1000, 2),
                )


def label_operation(label: str) -> None:
    """Tells the middleware which operation this request runs (`document_checks`, once the
    document parsed, validated and passed the cost limit)."""
    info = _current.get()
    if info is not None:
        info.operation = label


def operation_label(document: DocumentNode, operation_name: str | None) -> str:
    """The operation's first root field, else its type; "none" when the name selects none."""
    operation = get_operation_ast(document, operation_name)
    if not isinstance(operation, OperationDefinitionNode):
        return "none"
    for selection in operation.selection_set.selections:
        if isinstance(selection, FieldNode):
            return selection.name.value
    return operation.operation.value
