"""The charger alone, in-process: CPU per charge by batch size. `python -m bench.charger`.

No HTTP and no GraphQL: bursts of `create_task` calls, one per tenant of the burst, go straight
to the process's charger (PostgreSQL + Redis, as `bench.run` seeds and configures them), and
each burst commits as one batch. It prints the process's CPU time per charge and per batch for
each size, sizes interleaved over several rounds, so the per-batch and per-charge parts of a
charge's cost can be told apart on a machine whose speed drifts. The collector is set up as
the server sets it up (`gc.freeze()`, a young generation of 10,000), on the server's event
loop (uvloop).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import secrets
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable

from bench.seeding import TenantSeed, database_url, seed
from bench.serving import REDIS_URL, cleanup_redis


async def measure(
    burst: Callable[[list[TenantSeed]], Awaitable[None]],
    tenants: list[TenantSeed],
    bursts: int,
) -> float:
    """CPU seconds per charge over `bursts` bursts of one charge per tenant."""
    started = time.process_time()
    for _ in range(bursts):
        await burst(tenants)
    return (time.process_time() - started) / (bursts * len(tenants))


async def main_async(options: argparse.Namespace) -> None:
    from tortoise import Tortoise

    from models import User
    from services.runtime import Runtime
    from services.tasks import create_task
    from settings import Settings, tortoise_config

    jwt_secret = secrets.token_urlsafe(32)
    seeded = await seed(jwt_secret)
    redis_prefix = f"credits-bench:{uuid.uuid4().hex[:8]}:"
    settings = Settings(
        database_url=database_url(),
        redis_url=REDIS_URL,
        redis_prefix=redis_prefix,
        jwt_secret=jwt_secret,
        # The charger alone: create_task applies the rate limits itself now.
        rate_limits=False,
    )
    await Tortoise.init(config=tortoise_config(settings.database_url))
    runtime = Runtime.build(settings)
    try:
        user = await User.get(email="bench@example.com")

        async def burst(tenants: list[TenantSeed]) -> None:
            await asyncio.gather(
                *(
                    create_task(
                        runtime=runtime,
                        tenant_id=tenant.id,
                        user_id=user.id,
                        project_id=tenant.project_id,
                        title="Bench task",
                        description=None,
                        idempotency_key=None,
                    )
                    for tenant in tenants
                )
            )

        sizes = sorted({int(size) for size in options.sizes.split(",")})
        for size in sizes:
            await measure(burst, seeded.spread[:size], 20)  # kept accounts, known parents
        gc.collect()
        gc.freeze()
        gc.set_threshold(10_000, 10, 10)
        per_charge: dict[int, list[float]] = {size: [] for size in sizes}
        for _ in range(options.rounds):
            for size in sizes:
                bursts = max(options.charges // size, 1)
                per_charge[size].append(await measure(burst, seeded.spread[:size], bursts))
        print(f"charger alone, {options.rounds} rounds of ~{options.charges:,} charges per size")
        print(f"{'tenants per batch':>18}{'CPU us per charge':>20}{'CPU ms per batch':>18}")
        for size in sizes:
            median = statistics.median(per_charge[size])
            print(f"{size:>18}{median * 1e6:>20.0f}{median * size * 1e3:>18.2f}")
    finally:
        await runtime.close()
        await Tortoise.close_connections()
        cleanup_redis(redis_prefix)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,8,16,32", help="tenants per batch, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--charges", type=int, default=2_000, help="charges per size and round")
    # The server's event loop (uvicorn picks uvloop when it is installed).
    try:
        import uvloop
    except ImportError:
        asyncio.run(main_async(parser.parse_args(argv)))
    else:
        uvloop.run(main_async(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
