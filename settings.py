"""Configuration, read from the environment only (an empty value counts as unset)."""

from __future__ import annotations

import json
import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DATA_DIR = Path("data")


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class FastPath(StrEnum):
    """Code that exists only for speed; GRAPHQL_FAST_PATHS switches each one (README, "How an
    operation runs"). Without any, every operation runs through strawberry and graphql-core
    alone, with the same responses."""

    QUERY_PLANS = "query-plans"
    PAGE_READS = "page-reads"
    INPUT_PLANS = "input-plans"
    ORJSON_RESPONSES = "orjson-responses"
    # A usageUpdated event rendered once per (tenant, document, variables), its frame written
    # to every socket that asked for it (resolvers/live_fanout.py).
    LIVE_FANOUT = "live-fanout"
    # An operation's text parsed, validated, costed and labelled once, then kept (256 texts):
    # without it each request does all four (resolvers/document_checks.py).
    DOCUMENT_CACHE = "document-cache"
    # With live-fanout: its frames written to the connection as bytes made once per render,
    # past uvicorn's ASGI send and the websockets framing per socket (resolvers/wire_frames.py).
    LIVE_FRAMES = "live-frames"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_ignore_empty=True, extra="ignore")

    credits_env: Environment = Environment.DEVELOPMENT
    database_url: str = f"sqlite://{DATA_DIR}/credits.sqlite3"
    redis_url: str | None = None
    # Every Redis key and channel starts with this, so several deployments (or test runs) can
    # share one Redis without touching each other's keys.
    redis_prefix: str = "credits:"
    jwt_secret: str | None = None
    stripe_api_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str | None = None
    # Credit packs sold through Checkout: "price_id:credits,price_id:credits" (or JSON object).
    credit_packs: Annotated[dict[str, int], NoDecode] = Field(default_factory=dict)
    # Where Stripe Checkout and the billing portal send the customer back.
    stripe_success_url: str = "http://localhost:8000/billing/success"
    stripe_cancel_url: str = "http://localhost:8000/billing/cancel"
    stripe_portal_return_url: str = "http://localhost:8000/billing"
    stripe_timeout_seconds: float = 10.0
    # The outbox relay (meter events): idle poll, claim lease, retry backoff, reconcile cutoff.
    outbox_poll_seconds: float = 5.0
    outbox_lease_seconds: float = 60.0
    outbox_batch_size: int = 50
    outbox_concurrency: int = 8
    outbox_retry_base_seconds: float = 1.0
    outbox_retry_max_seconds: float = 300.0
    # Stripe dedupes a meter event identifier for about 24 h: later, a resend could double-bill.
    outbox_reconcile_after_seconds: float = 23 * 3600
    # Outgoing webhooks (services/webhooks/): a retry waits base x 2^(attempt-1), at most max
    # (plus a little jitter); a delivery not accepted within `retry_for` of its event is FAILED.
    webhook_retry_base_seconds: float = Field(default=1.0, gt=0)
    webhook_retry_max_seconds: float = Field(default=3600.0, gt=0)
    webhook_retry_for_seconds: float = Field(default=24 * 3600.0, gt=0)
    # One POST's whole budget (connect, send, answer); a timeout counts as a failed attempt.
    webhook_timeout_seconds: float = Field(default=5.0, gt=0)
    # The sender wakes after commits in its process; otherwise it looks for due deliveries at
    # least this often (sooner when a retry falls due).
    webhook_poll_seconds: float = Field(default=5.0, gt=0)
    # A claimed delivery is not sent by another sender until this runs out (a crashed sender's
    # claims are taken over then); longer than the timeout.
    webhook_lease_seconds: float = Field(default=60.0, gt=0)
    webhook_batch_size: int = Field(default=50, ge=1)
    webhook_concurrency: int = Field(default=8, ge=1)
    rate_limits: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    # Comma-separated (or a JSON list); NoDecode lets the validator below see the raw string.
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    # The Redis lock only keeps processes from contending; the database guard is what makes an
    # expired lock harmless, so the TTL can stay short.
    lock_ttl_seconds: float = 2.0
    lock_poll_seconds: float = 0.002
    charge_timeout_seconds: float = 5.0
    redis_timeout_seconds: float = 0.5
    charge_batch_size: int = 64
    # Batches of disjoint tenants one process commits at once (PostgreSQL; SQLite has one
    # writer, so it always runs one). Each holds a pooled connection while it commits.
    charge_concurrent_batches: int = Field(default=3, ge=1, le=16)
    # FOR TESTS ONLY (env TEST_SLOW_CHARGE_SECONDS): each charge transaction sleeps this long
    # while it holds the tenant lock, so a test can make a short lock TTL really expire mid-
    # transaction and prove the database guard. Leave at 0 everywhere else.
    test_slow_charge_seconds: float = 0.0

    max_body_bytes: int = 1_000_000
    # Query abuse limits (see README "Security and operations").
    max_query_depth: int = 10
    max_query_aliases: int = 15
    max_query_tokens: int = 2_000
    # The most objects an operation may ask for (resolvers/query_cost.py): projects(first: 50)
    # with tasks(first: 10) costs 550; 100 x 100 x 100 nested pages cost a million.
    max_query_cost: int = 5_000
    # A GraphQL HTTP request that runs longer gets a top-level TIMEOUT error.
    request_timeout_seconds: float = 10.0
    # Charged mutations allowed per sliding window, per tenant and per user (RATE_LIMITS=off
    # disables them).
    rate_limit_window_seconds: float = 60.0
    rate_limit_per_tenant: int = 1_200
    rate_limit_per_user: int = 300
    # `on`, `off`, or a comma-separated list of `FastPath` names (each can be measured alone).
    graphql_fast_paths: Annotated[frozenset[FastPath], NoDecode] = frozenset(FastPath)
    log_level: str = "INFO"
    log_json: bool = False
    # OpenTelemetry (the `otel` extra): the OTLP/HTTP collector's base URL; unset: tracing off.
    # OpenTelemetry's own names, so a platform that sets them for every service configures us too.
    otel_exporter_otlp_endpoint: str | None = None
    otel_service_name: str = "credits-api"
    # Auto top-up payments (services/billing/top_up/): the worker's idle poll, a claimed payment's lease,
    # the first retry after Stripe failed to answer, how long a tenant that was checked is not
    # checked again, and how long a payment waits for Stripe's webhook before it is looked up.
    auto_top_up_poll_seconds: float = Field(default=5.0, gt=0)
    auto_top_up_lease_seconds: float = Field(default=60.0, gt=0)
    auto_top_up_retry_seconds: float = Field(default=5.0, gt=0)
    auto_top_up_recheck_seconds: float = Field(default=5.0, ge=0)
    auto_top_up_confirm_seconds: float = Field(default=600.0, gt=0)

    @field_validator("rate_limits", mode="before")
    @classmethod
    def _on_off(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in {"on", "off"}:
            return value.strip().lower() == "on"
        return value

    @field_validator("graphql_fast_paths", mode="before")
    @classmethod
    def _fast_paths(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip().lower()
        if text in {"on", "off"}:
            return frozenset(FastPath) if text == "on" else frozenset()
        names = {name.strip() for name in text.split(",") if name.strip()}
        known = {path.value for path in FastPath}
        if unknown := sorted(names - known):
            raise ValueError(
                f"unknown fast path {', '.join(unknown)}: use on, off or a comma-separated "
                f"list of {', '.join(FastPath)}"
            )
        return frozenset(FastPath(name) for name in names)

    @field_validator("credit_packs", mode="before")
    @classmethod
    def _price_credits(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("{"):
                return json.loads(text)
            pairs = (item.split(":", 1) for item in text.split(",") if item.strip())
            return {price.strip(): int(credits) for price, credits in pairs}
        return value

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().startswith("["):
            return json.loads(value)
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @property
    def is_production(self) -> bool:
        return self.credits_env is Environment.PRODUCTION

    def resolved_jwt_secret(self) -> str:
        """The signing secret: JWT_SECRET, or in development one generated once under ./data/.

        Development keeps `make run` free of setup while the CLI and the server (separate
        processes) still agree on the secret; production refuses to guess.
        """
        if self.jwt_secret:
            return self.jwt_secret
        if self.is_production:
            raise RuntimeError("JWT_SECRET must be set when CREDITS_ENV=production")
        path = DATA_DIR / ".jwt-secret"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


MODELS_MODULES = ["models", "aerich.models"]


def tortoise_config(database_url: str) -> dict[str, Any]:
    from models.connection import connection_config

    if database_url.startswith("sqlite://") and not database_url.startswith("sqlite://:memory:"):
        Path(database_url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": connection_config(database_url)},
        "apps": {"models": {"models": MODELS_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def __getattr__(name: str) -> Any:
    # aerich reads `settings.TORTOISE_ORM`; build it lazily from the environment.
    if name == "TORTOISE_ORM":
        return tortoise_config(get_settings().database_url)
    raise AttributeError(name)
