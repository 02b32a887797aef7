"""A request authenticated by an API key: the key is looked up in the database on every request.

Nothing caches a key, so revoking it (or moving its tenant to a plan without API access) takes
effect on the very next request, in every process, with no invalidation to get wrong: the cost
is one indexed read per request (the key with its tenant, its creator and the plan's `api`
feature, in one statement). `lastUsedAt` is written at most once per `touch_interval` per key: the row read says
when it was last written (by any process), and an in-process memo stops this process's
concurrent requests from all writing it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from tortoise.expressions import Q

from models import ApiKey
from models.api_keys import ApiKeyLookup, lookup_api_key
from services.api_keys import (
    API_FEATURE,
    hash_secret,
    includes_api,
    looks_like_key,
    no_api_access_message,
)
from services.clock import utcnow
from services.errors import Forbidden, Unauthenticated

# Longer than any secret we issue (46 characters); a longer token is refused before hashing.
MAX_SECRET_LENGTH = 200
TOUCH_INTERVAL = timedelta(minutes=1)
MAX_MEMO = 10_000


@dataclass(frozen=True, slots=True)
class KeyCaller:
    """Who calls with a key: the key, its tenant, and the member who created it."""

    key_id: UUID
    tenant_id: UUID
    slug: str
    tenant_name: str
    user_id: UUID
    email: str


async def write_last_used(key_id: UUID, now: datetime, due: datetime) -> int:
    """Sets `last_used_at` unless another process did within the interval; returns rows changed."""
    return await ApiKey.filter(Q(last_used_at=None) | Q(last_used_at__lte=due), id=key_id).update(
        last_used_at=now
    )


class ApiKeyAuthenticator:
    def __init__(
        self,
        *,
        touch_interval: timedelta = TOUCH_INTERVAL,
        clock: Callable[[], datetime] = utcnow,
        on_call: Callable[[UUID], None] | None = None,
    ) -> None:
        self._touch_interval = touch_interval
        self._clock = clock
        # Told the tenant of each call made with a key (the `api` usage meter).
        self.on_call = on_call
        self._touched: dict[UUID, datetime] = {}

    async def authenticate(self, secret: str) -> KeyCaller:
        if len(secret) > MAX_SECRET_LENGTH or not looks_like_key(secret):
            raise Unauthenticated("The API key is invalid or has been revoked.")
        key = await lookup_api_key(hash_secret(secret), API_FEATURE)
        if key is None or key.revoked_at is not None:
            # The same answer for both: a caller learns nothing about keys it does not hold.
            raise Unauthenticated("The API key is invalid or has been revoked.")
        if not includes_api(key.feature_type):
            raise Forbidden(no_api_access_message(key.slug))
        await self._touch(key)
        if self.on_call is not None:
            self.on_call(key.tenant_id)
        return KeyCaller(
            key_id=key.id,
            tenant_id=key.tenant_id,
            slug=key.slug,
            tenant_name=key.tenant_name,
            user_id=key.created_by_id,
            email=key.email,
        )

    async def _touch(self, key: ApiKeyLookup) -> None:
        now = self._clock()
        due = now - self._touch_interval
        if key.last_used_at is not None and key.last_used_at > due:
            return
        memo = self._touched.get(key.id)
        if memo is not None and memo > due:
            return
        if len(self._touched) >= MAX_MEMO:
            self._touched.clear()
        # Set before the write, so this process's concurrent requests do not write too.
        self._touched[key.id] = now
        await write_last_used(key.id, now, due)
