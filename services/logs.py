"""Structured logs: JSON in production (one object a line), readable in development.

structlog's own loggers print straight to stderr (the request line is on every request's path).
Everything logged through the standard library (uvicorn, tortoise, aerich, stripe, asyncio,
warnings) goes through structlog's `ProcessorFormatter` with the same processors and renderer,
so in production every line the server writes is one JSON object.
"""

from __future__ import annotations

import logging
import logging.config
import sys
from typing import Any

import structlog

from settings import Settings

# Applied to standard-library records before the shared rendering: structlog's own events get
# the same fields from structlog.configure's chain.
_FOREIGN_PRE_CHAIN: list[structlog.types.Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def _json_logs(settings: Settings) -> bool:
    return settings.log_json or settings.is_production


def _rendering(json_logs: bool) -> list[structlog.types.Processor]:
    # Plain tracebacks in development too: structlog's default (rich, with every frame's locals)
    # took ~3.5 s of event-loop time per logged exception, so during a database outage requests
    # queued behind the rendering and outlived their timeout (tests/hardening/test_postgres_restart).
    if json_logs:
        # JSON needs the traceback as a string field; the console renderer prints it itself.
        return [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
    return [
        structlog.dev.ConsoleRenderer(
            colors=False, exception_formatter=structlog.dev.plain_traceback
        )
    ]


def stdlib_formatter(json_logs: bool) -> logging.Formatter:
    """The formatter of every standard-library record (built by `logging.config` by name)."""
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_FOREIGN_PRE_CHAIN,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            *_rendering(json_logs),
        ],
    )


def stdlib_logging_config(settings: Settings) -> dict[str, Any]:
    """`logging.config.dictConfig` for the standard library. uvicorn applies it as its
    `log_config` in its supervisor and in every worker before its first line; only names and
    plain values, so it crosses to spawned workers."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {"()": f"{__name__}.stdlib_formatter", "json_logs": _json_logs(settings)}
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "structlog",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": settings.log_level.upper()},
        "loggers": {
            # uvicorn's own configuration gives these their own plain handlers; here they only
            # propagate to the root's.
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            # The structured `request` line (resolvers/observability.py) replaces the access log.
            "uvicorn.access": {"handlers": [], "propagate": True, "level": "WARNING"},
        },
    }


def configure_logging(settings: Settings) -> None:
    level = getattr(logging, settings.log_level.upper(), logging.INFO)
    json_logs = _json_logs(settings)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            *_rendering(json_logs),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    logging.config.dictConfig(stdlib_logging_config(settings))
    # `warnings.warn` (a coroutine never awaited, a deprecation) goes through logging too.
    logging.captureWarnings(True)
