"""Tracing (OpenTelemetry, the optional `otel` extra) behind a facade that is a no-op when off.

Off (OTEL_EXPORTER_OTLP_ENDPOINT unset, the default) every function here is a constant no-op:
it returns None or one shared null context, creates no span object, and opentelemetry is never
imported (the implementation, `services.tracing_sdk`, is imported by `configure` only when
tracing is on). Callers test a returned handle for None and do nothing else.

On, spans go over OTLP/HTTP (a BatchSpanProcessor) as service `credits-api` (OTEL_SERVICE_NAME
overrides it); asyncpg and Redis calls are traced by their OpenTelemetry instrumentation packages.
What is traced: one span per GraphQL operation (`resolvers/tracing.py`), and for a charge the
request's wait for its tenant's lock and the batch commit that served it (`ledger/charger.py`).

A batch commits several requests' charges at once. Its span is a child of the FIRST request's
operation span (so a lone request's trace shows its whole charge, database calls included) and
carries a link to every request's operation span it served (so any of them leads to it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

import structlog

from settings import Settings

if TYPE_CHECKING:
    # Typing only: importing opentelemetry at run time is `configure`'s job, when tracing is on.
    from opentelemetry.sdk.trace.export import SpanExporter

log = structlog.get_logger(__name__)

Attributes = Mapping[str, str | int | bool]
INSTALL_HINT = "pip install 'credits-api[otel]'"


class Current(Protocol):
    """A span that is the current one (its children's parent) until `close`."""

    def rename(self, name: str) -> None: ...

    def set_attribute(self, key: str, value: str | int | bool) -> None: ...

    def fail(self, description: str) -> None: ...

    def close(self) -> None: ...


class Child(Protocol):
    """A span started where some work began and ended elsewhere (a charge's lock wait); it
    remembers the span it was started under."""

    def end(self) -> None: ...

    def fail(self, description: str) -> None: ...


class Tracer(Protocol):
    def start_current(
        self, name: str, attributes: Attributes, carrier: Mapping[str, str] | None
    ) -> Current: ...

    def start_child(self, name: str) -> Child: ...

    def joined(
        self, name: str, children: Sequence[Child], attributes: Attributes
    ) -> AbstractContextManager[object]: ...

    def fail_current(self, description: str) -> None: ...

    def detach(self) -> None: ...

    def flush(self) -> None: ...

    def shutdown(self) -> None: ...


_tracer: Tracer | None = None
# One shared, stateless null context: what `joined` returns when tracing is off.
_NOTHING: AbstractContextManager[object] = contextlib.nullcontext()


def active() -> bool:
    """Whether tracing is on in this process."""
    return _tracer is not None


def configure(settings: Settings, *, exporter: SpanExporter | None = None) -> bool:
    """Turns tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set (or, in tests, an exporter is
    given: spans then go to it synchronously), off otherwise; whatever a previous call set up
    is shut down first. Returns whether tracing is on.

    With the endpoint set but the `otel` extra missing, the server still starts and logs a
    warning: the variable is often set for every service of a platform at once, and tracing is
    an aid to operators, not something a request depends on."""
    global _tracer
    shutdown()
    endpoint = settings.otel_exporter_otlp_endpoint
    if exporter is None and not endpoint:
        return False
    try:
        from services import tracing_sdk
    except ImportError as missing:
        log.warning(
            f"OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed: tracing "
            f"is off ({INSTALL_HINT})",
            missing=missing.name,
        )
        return False
    _tracer = tracing_sdk.SdkTracer.start(
        service_name=settings.otel_service_name, endpoint=endpoint, exporter=exporter
    )
    log.info("tracing on", endpoint=_without_userinfo(endpoint), service=settings.otel_service_name)
    return True


def _without_userinfo(url: str | None) -> str | None:
    """The URL as it may be logged: any `user:password@` is left out."""
    if url is None:
        return None
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def shutdown() -> None:
    """Exports what is pending, then stops tracing (and its instrumentation)."""
    global _tracer
    tracer, _tracer = _tracer, None
    if tracer is not None:
        tracer.shutdown()


def flush() -> None:
    if _tracer is not None:
        _tracer.flush()


def start_current(
    name: str, attributes: Attributes, carrier: Mapping[str, str] | None = None
) -> Current | None:
    """A span made current until its `close` (None when off). `carrier` (request headers) may
    hold a W3C `traceparent`, which the span then continues."""
    tracer = _tracer
    return None if tracer is None else tracer.start_current(name, attributes, carrier)


def start_child(name: str) -> Child | None:
    """A span under the current one, to be ended elsewhere (None when off)."""
    tracer = _tracer
    return None if tracer is None else tracer.start_child(name)


def joined(
    name: str, children: Sequence[Child | None], attributes: Attributes
) -> AbstractContextManager[object]:
    """A current span for work done for several requests at once: a child of the span the
    first `children` handle was started under, linked to each one's (see the module)."""
    tracer = _tracer
    if tracer is None:
        return _NOTHING
    return tracer.joined(name, [child for child in children if child is not None], attributes)


def fail_current(description: str) -> None:
    """Marks the current span as failed."""
    if _tracer is not None:
        _tracer.fail_current(description)


def detach() -> None:
    """Leaves the current trace for the rest of this task: for a long-lived worker task, which
    inherits the context of the request that happened to start it."""
    if _tracer is not None:
        _tracer.detach()


@contextlib.contextmanager
def recording(settings: Settings, exporter: SpanExporter) -> Iterator[None]:
    """Tracing on into `exporter` for the block (tests), off afterwards."""
    configure(settings, exporter=exporter)
    try:
        yield
    finally:
        shutdown()
