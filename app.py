"""The Starlette application: GraphQL on /graphql (HTTP + websockets), health, metrics."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import structlog
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tortoise import Tortoise

from resolvers.graphql_app import CreditsGraphQL
from resolvers.observability import RequestObservability, observed_websocket
from resolvers.pages import page_routes
from resolvers.schema import build_schema
from resolvers.stripe_webhook import stripe_webhook
from services import metrics as service_metrics
from services import tracing
from services.api_key_auth import ApiKeyAuthenticator
from services.api_metering import start_api_meter
from services.auth import Authenticator
from services.billing import start_relay
from services.billing.top_up import start_top_ups
from services.health import database_ok
from services.logs import configure_logging
from services.runtime import Runtime
from services.webhooks import start_sender
from settings import Settings, get_settings, tortoise_config

if TYPE_CHECKING:
    from opentelemetry.sdk.trace.export import SpanExporter

log = structlog.get_logger(__name__)

# How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours).
CORS_MAX_AGE_SECONDS = 600


class BodySizeLimit:
    """Refuses request bodies over the limit with 413, before anything parses them."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await _too_large(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse({"errors": [{"message": "Request body too large."}]}, status_code=413)
    await response(scope, receive, send)


class CreditsApp(Starlette):
    """A websocket on /graphql goes from the server straight to the GraphQL endpoint, through
    the observability alone: none of the other middleware acts on a websocket (the error page,
    the body limit and the exception handlers are for HTTP; the endpoint raises no
    `WebSocketException`), and each layer left a suspended frame for the connection's life,
    ~4 KiB per idle live subscriber. Everything else goes through Starlette as usual."""

    def __init__(self, *args: Any, graphql_websocket: ASGIApp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._graphql_websocket = graphql_websocket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A root path (a mount behind a proxy) is left to the router's own matching.
        if (
            scope["type"] == "websocket"
            and scope["path"] == "/graphql"
            and not scope.get("root_path")
        ):
            scope["app"] = self
            await observed_websocket(self._graphql_websocket, scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def cors(origins: list[str]) -> list[Middleware]:
    """Lets browser apps on `origins` call /graphql: preflights answered, the response (and its
    X-Request-Id) readable. Tokens travel in `Authorization`, set by the app's own code rather
    than sent by the browser like a cookie, so no credentials mode is needed (nor allowed)."""
    if not origins:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "X-Tenant", "Content-Type", "X-Request-Id"],
            expose_headers=["X-Request-Id"],
            allow_credentials=False,
            max_age=CORS_MAX_AGE_SECONDS,
        )
    ]


def create_app(
    settings: Settings | None = None, *, span_exporter: SpanExporter | None = None
) -> Starlette:
    """The application. `span_exporter` (tests) turns tracing on into it, whatever
    OTEL_EXPORTER_OTLP_ENDPOINT says."""
    settings = settings or get_settings()
    configure_logging(settings)
    # Before the schema is built: the schema gets its tracing extension only when on.
    tracing.configure(settings, exporter=span_exporter)
    state: dict[str, object] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Requests run in other tasks than the lifespan: the global fallback lets them find
        # this process's ORM context.
        orm = await Tortoise.init(
            config=tortoise_config(settings.database_url), _enable_global_fallback=True
        )
        runtime = Runtime.build(settings)
        state["runtime"] = runtime
        # Stripe meter events: sent from the outbox after commit (only with STRIPE_API_KEY).
        relay = start_relay(settings, runtime.charger)
        state["relay"] = relay
        # Outgoing webhooks: sent after commit from their deliveries (always on).
        sender = start_sender(settings, runtime.charger)
        state["webhook_sender"] = sender
        # The `api` usage unit: calls made with API keys, one meter event per tenant a minute.
        meter = start_api_meter(settings, runtime.redis, relay.wake if relay else lambda: None)
        state["api_meter"] = meter
        # Auto top-up payments: started when a charge leaves a tenant below its threshold.
        top_ups = start_top_ups(settings, runtime)
        state["top_ups"] = top_ups
        state["authenticator"] = Authenticator(
            secret=settings.resolved_jwt_secret(),
            api_keys=ApiKeyAuthenticator(on_call=meter.record if meter else None),
        )
        log.info(
            "credits-api ready",
            environment=settings.credits_env.value,
            redis=bool(settings.redis_url),
            database=settings.database_url.split(":", 1)[0],
        )
        # Everything built so far (schema, ORM metadata, modules) lives as long as the process:
        # moved out of the collector's reach, it is no longer traversed by every full collection,
        # which otherwise stalled the event loop for tens of milliseconds (bench/: hot-tenant p99
        # 110 -> 43 ms).
        gc.collect()
        gc.freeze()
        # Young collections at the default threshold (700 net allocations) ran many times per
        # request and cost ~5 % of a charge's CPU (bench/); every 10,000 they still free
        # graphql-core's per-operation reference cycle well before it adds up.
        gc.set_threshold(10_000, 10, 10)
        refresher = (
            asyncio.create_task(service_metrics.refresh_worker_gauges())
            if service_metrics.is_multiprocess()
            else None
        )
        try:
            yield
        finally:
            if refresher is not None:
                refresher.cancel()
            if meter is not None:
                await meter.stop()
            if top_ups is not None:
                await top_ups.stop()
            if relay is not None:
                await relay.stop()
            await sender.stop()
            await runtime.close()
            await orm.close_connections()

    graphql = CreditsGraphQL(
        build_schema(
            production=settings.is_production,
            max_depth=settings.max_query_depth,
            max_aliases=settings.max_query_aliases,
            max_tokens=settings.max_query_tokens,
            max_cost=settings.max_query_cost,
            fast_paths=settings.graphql_fast_paths,
        ),
        runtime=lambda: state["runtime"],  # type: ignore[arg-type,return-value]
        authenticator=lambda: state["authenticator"],  # type: ignore[arg-type,return-value]
        graphiql=not settings.is_production,
        allowed_origins=settings.allowed_origins,
        request_timeout_seconds=settings.request_timeout_seconds,
    )

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        runtime: Runtime = state["runtime"]  # type: ignore[assignment]
        checks = {"database": await database_ok(), "redis": await runtime.redis_ok()}
        return JSONResponse(
            {"status": "ok" if all(checks.values()) else "unavailable", "checks": checks},
            status_code=200 if all(checks.values()) else 503,
        )

    async def metrics(request: Request) -> Response:
        return Response(service_metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    app = CreditsApp(
        graphql_websocket=graphql,
        routes=[
            Route(
                "/graphql",
                graphql,
                methods=["GET", "POST", *(["OPTIONS"] if settings.allowed_origins else [])],
                middleware=cors(settings.allowed_origins),
            ),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            Route("/webhooks/stripe", stripe_webhook, methods=["POST"]),
            *page_routes(),
        ],
        middleware=[
            Middleware(RequestObservability),
            Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
        ],
        lifespan=lifespan,
    )
    app.state.shared = state
    return app
