"""Who is calling and for which tenant: JWT bearer tokens and tenant membership."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

import jwt

from models import Role, Tenant, User
from models.queries import membership_by_slug
from services.api_key_auth import ApiKeyAuthenticator
from services.clock import utcnow
from services.errors import Forbidden, Unauthenticated
from services.validation import TENANT_SLUG

ALGORITHM = "HS256"
DEFAULT_TOKEN_TTL = timedelta(days=30)
# Memberships change rarely; a short cache keeps auth off the hot path without letting a
# removed member keep access for long.
MEMBERSHIP_CACHE_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: UUID
    email: str
    is_platform_admin: bool
    api_key_id: UUID | None = None


@dataclass(frozen=True, slots=True)
class TenantAccess:
    tenant_id: UUID
    slug: str
    name: str
    role: Role
    api_key_id: UUID | None = None


def mint_token(user: User, *, secret: str, ttl: timedelta = DEFAULT_TOKEN_TTL) -> str:
    now = utcnow()
    claims = {"sub": str(user.id), "email": user.email, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def bearer_token(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
    return token.strip()


class Authenticator:
    def __init__(self, *, secret: str, api_keys: ApiKeyAuthenticator | None = None) -> None:
        self._secret = secret
        self.api_keys = api_keys or ApiKeyAuthenticator()
        self._principals: dict[str, tuple[float, Principal]] = {}
        self._access: dict[tuple[UUID, str], tuple[float, TenantAccess | None]] = {}

    async def principal(self, token: str) -> Principal:
        cached = self._principals.get(token)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]}
            )
            user_id = UUID(str(claims["sub"]))
        except (jwt.PyJWTError, ValueError) as error:
            raise Unauthenticated("The token is invalid or expired.") from error
        user = await User.get_or_none(id=user_id)
        if user is None:
            raise Unauthenticated("The token's user no longer exists.")
        principal = Principal(user.id, user.email, user.is_platform_admin)
        expires = min(
            time.monotonic() + MEMBERSHIP_CACHE_SECONDS,
            float(claims["exp"]) - time.time() + time.monotonic(),
        )
        self._remember(self._principals, token, (expires, principal))
        return principal

    async def api_key(self, secret: str) -> tuple[Principal, TenantAccess]:
        """An API key's caller: the member who created it (never a platform admin) acting as a
        MEMBER of the key's tenant. Looked up on every call: a revoked key fails at once."""
        caller = await self.api_keys.authenticate(secret)
        principal = Principal(caller.user_id, caller.email, False, api_key_id=caller.key_id)
        access = TenantAccess(
            caller.tenant_id, caller.slug, caller.tenant_name, Role.MEMBER, api_key_id=caller.key_id
        )
        return principal, access

    async def tenant_access(self, principal: Principal, slug: str) -> TenantAccess:
        if not TENANT_SLUG.fullmatch(slug):
            # No tenant can have it (and a NUL would not even reach PostgreSQL).
            raise Forbidden("You are not a member of that tenant.")
        key = (principal.user_id, slug)
        cached = self._access.get(key)
        if cached and cached[0] > time.monotonic():
            access = cached[1]
        else:
            membership = await membership_by_slug(principal.user_id, slug)
            access = (
                TenantAccess(
                    tenant_id=membership.tenant_id,
                    slug=membership.slug,
                    name=membership.name,
                    role=Role(membership.role),
                )
                if membership
                else None
            )
            self._remember(self._access, key, (time.monotonic() + MEMBERSHIP_CACHE_SECONDS, access))
        if access is None:
            raise Forbidden(f"You are not a member of tenant '{slug}'.")
        return access

    def forget(self) -> None:
        self._principals.clear()
        self._access.clear()

    @staticmethod
    def _remember(cache: dict[Any, Any], key: object, value: object) -> None:
        # Bounded: an attacker cycling tokens must not grow memory without limit.
        if len(cache) >= 10_000:
            cache.clear()
        cache[key] = value


async def tenant_by_slug(slug: str) -> Tenant | None:
    return await Tenant.get_or_none(slug=slug)
