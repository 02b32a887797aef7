"""The OpenTelemetry implementation of `services.tracing` (the `otel` extra).

Imported only when tracing is on: importing it needs the extra's packages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.trace import (
    Link,
    NonRecordingSpan,
    Span,
    SpanContext,
    SpanKind,
    Status,
    StatusCode,
)
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes

TRACER_NAME = "credits-api"
TRACES_PATH = "/v1/traces"


class InsideTraces(Sampler):
    """Drops database and Redis calls made outside any trace (the lock polling of the charge
    worker, the outbox relay, health checks, a connection's authentication): each would be a
    trace of one span. Everything else is left to the sampler the environment chose
    (OTEL_TRACES_SAMPLER; parent-based, always on by default)."""

    def __init__(self, delegate: Sampler) -> None:
        self._delegate = delegate

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        if kind is SpanKind.CLIENT and not (
            trace.get_current_span(parent_context).get_span_context().is_valid
        ):
            return SamplingResult(Decision.DROP)
        return self._delegate.should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    def get_description(self) -> str:
        return f"InsideTraces{{{self._delegate.get_description()}}}"


class _Current:
    __slots__ = ("_span", "_token")

    def __init__(self, span: Span) -> None:
        self._span = span
        self._token = otel_context.attach(trace.set_span_in_context(span))

    def rename(self, name: str) -> None:
        self._span.update_name(name)

    def set_attribute(self, key: str, value: str | int | bool) -> None:
        self._span.set_attribute(key, value)

    def fail(self, description: str) -> None:
        self._span.set_status(Status(StatusCode.ERROR, description))

    def close(self) -> None:
        otel_context.detach(self._token)
        self._span.end()


class _Child:
    __slots__ = ("_ended", "_span", "origin")

    def __init__(self, span: Span, origin: SpanContext) -> None:
        self._span = span
        self._ended = False
        # The span this one was started under (a request's operation span).
        self.origin = origin

    def end(self) -> None:
        if not self._ended:
            self._ended = True
            self._span.end()

    def fail(self, description: str) -> None:
        if not self._ended:
            self._span.set_status(Status(StatusCode.ERROR, description))
            self.end()


class SdkTracer:
    def __init__(self, provider: TracerProvider, instrumentors: list[Any]) -> None:
        self._provider = provider
        self._instrumentors = instrumentors
        self._tracer = provider.get_tracer(TRACER_NAME)

    @classmethod
    def start(
        cls, *, service_name: str, endpoint: str | None, exporter: SpanExporter | None
    ) -> SdkTracer:
        provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service_name}))
        # Set before any tracer exists (each tracer takes the provider's sampler when made).
        provider.sampler = InsideTraces(provider.sampler)
        if exporter is not None:
            provider.add_span_processor(SimpleSpanProcessor(exporter))
        else:
            # OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL; traces go to its
            # /v1/traces. The exporter reads OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, ... itself.
            assert endpoint
            url = endpoint.rstrip("/") + TRACES_PATH
            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=url)))
        # The asyncpg instrumentation's constructor has no annotations.
        asyncpg = AsyncPGInstrumentor()  # type: ignore[no-untyped-call]
        instrumentors: list[Any] = [asyncpg, RedisInstrumentor()]
        for instrumentor in instrumentors:
            instrumentor.instrument(tracer_provider=provider)
        return cls(provider, instrumentors)

    def start_current(
        self,
        name: str,
        attributes: Mapping[str, str | int | bool],
        carrier: Mapping[str, str] | None,
    ) -> _Current:
        parent = propagate.extract(carrier) if carrier is not None else None
        span = self._tracer.start_span(
            name, context=parent, kind=SpanKind.SERVER, attributes=attributes
        )
        return _Current(span)

    def start_child(self, name: str) -> _Child:
        origin = trace.get_current_span().get_span_context()
        return _Child(self._tracer.start_span(name), origin)

    def joined(
        self, name: str, children: Sequence[Any], attributes: Mapping[str, str | int | bool]
    ) -> AbstractContextManager[object]:
        origins = [child.origin for child in children if child.origin.is_valid]
        parent = trace.set_span_in_context(NonRecordingSpan(origins[0])) if origins else Context()
        return self._tracer.start_as_current_span(
            name,
            context=parent,
            links=[Link(origin) for origin in origins],
            attributes=attributes,
        )

    def fail_current(self, description: str) -> None:
        trace.get_current_span().set_status(Status(StatusCode.ERROR, description))

    def detach(self) -> None:
        # The task's own copy of the context: it is never restored, the task ends with it.
        otel_context.attach(Context())

    def flush(self) -> None:
        self._provider.force_flush()

    def shutdown(self) -> None:
        for instrumentor in self._instrumentors:
            instrumentor.uninstrument()
        self._provider.shutdown()
