"""A tenant's API keys: created, listed and revoked by its owners and admins.

The secret (`ck_` + 32 random bytes, URL-safe base64) is returned once, by `create_api_key`,
and stored only as its SHA-256. Why not bcrypt/scrypt/argon2: those are slow on purpose so
that guessing a *low-entropy password* from its stolen hash is expensive. A key's secret has 256
random bits: no guessing attack exists for a slow hash to slow down, and SHA-256 of it is as
good as irreversible. A fast, unsalted hash also lets each request find its key with one indexed
lookup (`secret_hash = ?`), where a salted slow hash would need the key id in the token and
~100 ms of CPU per request.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from uuid import UUID

import structlog
from redis.exceptions import RedisError

from models import ApiKey, PlanFeature, PlanFeatureType
from services.clock import utcnow
from services.errors import FeatureNotIncluded, NotFound
from services.events import EventBus
from services.validation import MAX_NAME, clean_text, parse_id

log = structlog.get_logger(__name__)

SECRET_PREFIX = "ck_"
SECRET_BYTES = 32
# What `ApiKey.prefix` keeps of the secret: `ck_` and the next 8 characters (48 of its bits).
SHOWN_LENGTH = len(SECRET_PREFIX) + 8
# The plan feature that allows API keys.
API_FEATURE = "api"
# Announced on the event bus when a key is revoked: every process ends the live connections
# that authenticated with a key that is now revoked (`revoked_among`).
KEYS_REVOKED_TOPIC = "api-keys-revoked"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def looks_like_key(token: str) -> bool:
    """Whether a bearer token is an API key rather than a JWT (which never starts so)."""
    return token.startswith(SECRET_PREFIX)


def no_api_access_message(slug: str) -> str:
    return (
        f"The plan of tenant '{slug}' does not include API access: "
        "upgrade the plan to use API keys."
    )


def includes_api(feature_type: str | None) -> bool:
    """Whether a plan whose `api` feature has this type (None: no such feature) allows keys."""
    return feature_type is not None and feature_type != PlanFeatureType.NOT_INCLUDED.value


async def has_api_access(tenant_id: UUID) -> bool:
    """Whether the tenant's current plan includes the `api` feature (present, not NOT_INCLUDED)."""
    types = await PlanFeature.filter(
        name=API_FEATURE, plan__subscriptions__tenant_id=tenant_id
    ).values_list("type", flat=True)
    return any(includes_api(str(value)) for value in types)


@dataclass(frozen=True, slots=True)
class CreatedKey:
    key: ApiKey
    secret: str


async def create_api_key(*, tenant_id: UUID, slug: str, user_id: UUID, name: str) -> CreatedKey:
    clean_name = clean_text("name", name, max_length=MAX_NAME, required=True) or ""
    if not await has_api_access(tenant_id):
        raise FeatureNotIncluded(API_FEATURE, no_api_access_message(slug))
    secret = new_secret()
    key = await ApiKey.create(
        tenant_id=tenant_id,
        name=clean_name,
        prefix=secret[:SHOWN_LENGTH],
        secret_hash=hash_secret(secret),
        created_by_id=user_id,
        created_at=utcnow(),
    )
    return CreatedKey(key=key, secret=secret)


async def revoke_api_key(*, tenant_id: UUID, key_id: str | UUID, bus: EventBus) -> ApiKey:
    """Revokes a key of this tenant. Idempotent: revoking a revoked key changes nothing and
    returns it with its first `revokedAt`. The next request with it is refused in every process
    (requests look their key up in the database; nothing caches it), and every process is told
    to end the websocket connections that authenticated with it."""
    parsed = parse_id("id", key_id)
    revoked = await ApiKey.filter(id=parsed, tenant_id=tenant_id, revoked_at=None).update(
        revoked_at=utcnow()
    )
    key = await ApiKey.get_or_none(id=parsed, tenant_id=tenant_id)
    if key is None:
        raise NotFound("API key")
    if revoked:
        try:
            await bus.announce(KEYS_REVOKED_TOPIC)
        except (RedisError, OSError):
            # Its connections' next operation is refused all the same.
            log.warning("could not announce an API key's revocation", exc_info=True)
    return key


async def revoked_among(key_ids: Collection[UUID]) -> set[UUID]:
    """Which of these keys are revoked (or deleted)."""
    if not key_ids:
        return set()
    live = await ApiKey.filter(id__in=list(key_ids), revoked_at=None).values_list("id", flat=True)
    return set(key_ids) - {UUID(str(key_id)) for key_id in live}


async def list_api_keys(*, tenant_id: UUID) -> list[ApiKey]:
    """The tenant's keys, newest first, revoked ones included."""
    return await ApiKey.filter(tenant_id=tenant_id).order_by("-created_at", "-id")
