"""The `credits-api` command. Every command reads the same environment as the server."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from tortoise.context import TortoiseContext

from settings import get_settings, tortoise_config

T = TypeVar("T")

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
    import uvicorn

    settings = get_settings()
    if workers > 1 and not settings.redis_url:
        typer.echo(
            "Refusing --workers > 1 without REDIS_URL: the in-process lock only guards one process.",
            err=True,
        )
        raise typer.Exit(2)
    uvicorn.run(
        "app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level=settings.log_level.lower(),
        timeout_graceful_shutdown=10,
    )


@cli.command()
def migrate() -> None:
    """Apply pending database migrations."""
    from services.migrate import apply_migrations

    applied = asyncio.run(apply_migrations(get_settings().database_url))
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
