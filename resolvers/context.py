"""Per-request (or per-websocket-connection) context: who calls, for which tenant."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias
from uuid import UUID, uuid4

from graphql import GraphQLError
from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from resolvers.errors import auth_error, top_level
from resolvers.loaders import Loaders
from services.api_keys import looks_like_key
from services.auth import Authenticator, Principal, TenantAccess, bearer_token
from services.enums import Role
from services.errors import AuthError, Unauthenticated
from services.runtime import Runtime

# Who manages a tenant: its billing, keys, webhooks, limits, alerts and refunds.
MANAGER_ROLES = (Role.OWNER, Role.ADMIN)


@dataclass
class Context:
    runtime: Runtime
    authenticator: Authenticator
    request: Request | WebSocket
    authorization: str | None
    tenant_slug: str | None
    request_id: str = field(default_factory=lambda: uuid4().hex)
    loaders: Loaders = field(default_factory=lambda: Loaders(None))
    _principal: Principal | None = None
    _access: TenantAccess | None = None
    _key_access: TenantAccess | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    connection_params: Any = None
    # Why this request's credentials were refused (set before the operation runs).
    refused: GraphQLError | None = None

    async def principal(self) -> Principal:
        if self._principal is None:
            try:
                token = bearer_token(self.authorization)
                if token is None:
                    raise Unauthenticated()
                if looks_like_key(token):
                    # An API key names its tenant: the access comes with the principal.
                    self._principal, self._key_access = await self.authenticator.api_key(token)
                else:
                    self._principal = await self.authenticator.principal(token)
            except AuthError as error:
                raise auth_error(error) from error
        return self._principal

    @property
    def api_key_id(self) -> UUID | None:
        """The API key the caller authenticated with (None for a user's token)."""
        return self._key_access.api_key_id if self._key_access is not None else None

    def forget_api_key(self) -> None:
        """A websocket operation checks its API key again (it may have been revoked since the
        connection's last operation)."""
        if self._key_access is not None:
            self._principal = self._access = self._key_access = None

    async def member(self) -> TenantAccess:
        """The caller's membership of the requested tenant, or a top-level error."""
        if self._access is None:
            principal = await self.principal()
            if self._key_access is not None:
                return self._api_key_access(self._key_access)
            if not self.tenant_slug:
                raise top_level("BAD_REQUEST", "Name the tenant in the X-Tenant header.")
            try:
                self._access = await self.authenticator.tenant_access(
                    principal, self.tenant_slug.strip().lower()
                )
            except AuthError as error:
                raise auth_error(error) from error
            self.loaders = Loaders(self._access.tenant_id)
        return self._access

    async def manager(self, what: str) -> TenantAccess:
        """The caller's membership if it manages the tenant (an owner or admin), else a
        top-level FORBIDDEN saying that only they may do `what` (e.g. "manage webhooks")."""
        access = await self.member()
        if access.role not in MANAGER_ROLES:
            raise top_level("FORBIDDEN", f"Only the tenant's owners and admins {what}.")
        return access

    def _api_key_access(self, access: TenantAccess) -> TenantAccess:
        # X-Tenant may be omitted; naming another tenant than the key's is refused.
        if self.tenant_slug and self.tenant_slug.strip().lower() != access.slug:
            raise top_level("FORBIDDEN", "This API key belongs to another tenant.")
        self._access = access
        self.loaders = Loaders(access.tenant_id)
        return access

    async def tenant_id(self) -> UUID:
        return (await self.member()).tenant_id

    async def platform_admin(self) -> Principal:
        principal = await self.principal()
        if principal.api_key_id is not None:
            raise top_level("FORBIDDEN", "API keys may not run platform-admin operations.")
        if not principal.is_platform_admin:
            raise top_level("FORBIDDEN", "Only platform admins may do this.")
        return principal


# What resolvers receive: typed with this context, so mypy checks every `info.context` use.
Info: TypeAlias = StrawberryInfo[Context, None]
