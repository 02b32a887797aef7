"""The `credits-api` command. Every command reads the same environment as the server."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, TypeVar

import structlog
import typer
import uvicorn
from prometheus_client.multiprocess import mark_process_dead
from tortoise.context import TortoiseContext
from uvicorn.supervisors import Multiprocess

from settings import get_settings, tortoise_config

T = TypeVar("T")
APP = "app:create_app"

cli = typer.Typer(
    help="credits-api: credits and usage limits for a multi-tenant SaaS.", no_args_is_help=True
)


def _with_database(work: Callable[[], Awaitable[T]]) -> T:
    async def run() -> T:
        async with TortoiseContext() as orm:
            await orm.init(config=tortoise_config(get_settings().database_url))
            return await work()

    return asyncio.run(run())


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default: $HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: $PORT).")] = None,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes.")] = 1,
) -> None:
    """Serve the API with uvicorn."""
    from services.logs import configure_logging, stdlib_logging_config
    from services.metrics import MULTIPROCESS_DIR_ENV

    settings = get_settings()
    configure_logging(settings)
    if workers > 1 and not settings.redis_url:
        structlog.get_logger(__name__).error(
            "Refusing --workers > 1 without REDIS_URL: the in-process lock only guards one process."
        )
        raise typer.Exit(2)
    options: dict[str, Any] = {
        "host": host or settings.host,
        "port": port or settings.port,
        "log_level": settings.log_level.lower(),
        "log_config": stdlib_logging_config(settings),
        # The structured `request` line replaces uvicorn's plain access log.
        "access_log": False,
        "timeout_graceful_shutdown": 10,
    }
    # One worker keeps its metrics in memory: a directory inherited from elsewhere (maybe a
    # previous run's) would add counts that are not this server's.
    os.environ.pop(MULTIPROCESS_DIR_ENV, None)
    if workers == 1:
        uvicorn.run(APP, factory=True, **options)
        return
    with tempfile.TemporaryDirectory(prefix="credits-api-metrics-") as metrics_dir:
        # Set before any worker starts: prometheus-client picks its multiprocess mode on import.
        os.environ[MULTIPROCESS_DIR_ENV] = metrics_dir
        config = uvicorn.Config(APP, factory=True, workers=workers, **options)
        socket = config.bind_socket()
        try:
            MetricsAwareSupervisor(config, sockets=[socket]).run()
        except KeyboardInterrupt:
            pass
        finally:
            socket.close()


class MetricsAwareSupervisor(Multiprocess):
    """uvicorn's supervisor of several workers (what `uvicorn.run` starts), which also drops a
    replaced or removed worker's live gauges from the metrics directory, so that, say, the open
    websockets of a worker that crashed stop counting."""

    def handle_signals(self) -> None:
        with self._forgetting_retired_workers():
            super().handle_signals()

    def keep_subprocess_alive(self) -> None:
        with self._forgetting_retired_workers():
            super().keep_subprocess_alive()

    @contextmanager
    def _forgetting_retired_workers(self) -> Iterator[None]:
        before = {process.pid for process in self.processes}
        yield
        for pid in before - {process.pid for process in self.processes}:
            if pid is not None:
                mark_process_dead(pid)


@cli.command()
def migrate() -> None:
    """Apply pending database migrations."""
    from services.logs import configure_logging
    from services.migrate import apply_migrations

    settings = get_settings()
    # aerich's and tortoise's own log lines go to stderr like the server's (JSON in production).
    configure_logging(settings)
    applied = asyncio.run(apply_migrations(settings.database_url))
    typer.echo(f"Applied {len(applied)} migration(s)." if applied else "Database is up to date.")
    for name in applied:
        typer.echo(f"  {name}")


@cli.command("seed-demo")
def seed_demo() -> None:
    """Create the demo plans, tenant `acme` and users (idempotent); print their tokens."""
    from services.auth import mint_token
    from services.demo import seed_demo as seed
    from services.logs import configure_logging
    from services.runtime import Runtime

    settings = get_settings()
    # Logs go to stderr: stdout carries only the tokens, for scripts to read.
    configure_logging(settings)
    secret = settings.resolved_jwt_secret()

    async def work() -> list[tuple[str, str]]:
        runtime = Runtime.build(settings)
        try:
            demo = await seed(charger=runtime.charger)
        finally:
            await runtime.close()
        return [
            (demo.owner.email, mint_token(demo.owner, secret=secret)),
            (demo.admin.email, mint_token(demo.admin, secret=secret)),
        ]

    for email, token in _with_database(work):
        typer.echo(f"{email}: {token}")


@cli.command()
def token(
    email: str,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.")] = 30 * 24 * 3600,
) -> None:
    """Print a bearer token for EMAIL (alone on stdout)."""
    from models import User
    from services.auth import mint_token

    secret = get_settings().resolved_jwt_secret()

    async def work() -> str | None:
        user = await User.get_or_none(email=email.strip().lower())
        return mint_token(user, secret=secret, ttl=timedelta(seconds=ttl)) if user else None

    minted = _with_database(work)
    if minted is None:
        typer.echo(f"No user with email {email}.", err=True)
        raise typer.Exit(1)
    typer.echo(minted)


@cli.command("export-schema")
def export_schema(
    output: Annotated[
        Path | None, typer.Option(help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the GraphQL schema (SDL)."""
    from resolvers.schema import schema

    sdl = schema.as_str() + "\n"
    if output is None:
        sys.stdout.write(sdl)
    else:
        output.write_text(sdl)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
