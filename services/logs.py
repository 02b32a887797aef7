"""Structured logs: JSON in production (one object a line), readable in development."""

from __future__ import annotations

import logging
import sys

import structlog

from settings import Settings


def configure_logging(settings: Settings) -> None:
    level = getattr(logging, settings.log_level.upper(), logging.INFO)
    json_logs = settings.log_json or settings.is_production
    # Plain tracebacks in development too: structlog's default (rich, with every frame's locals)
    # took ~3.5 s of event-loop time per logged exception, so during a database outage requests
    # queued behind the rendering and outlived their timeout (tests/hardening/test_postgres_restart).
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if json_logs
        else structlog.dev.ConsoleRenderer(
            colors=False, exception_formatter=structlog.dev.plain_traceback
        )
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            # JSON needs the traceback as a string field; the console renderer prints it itself.
            *([structlog.processors.format_exc_info] if json_logs else []),
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
