"""API keys, mounted on the root Query and Mutation: tenant owners and admins only."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from resolvers.errors import as_result
from schema import api_keys as k
from services import api_keys


@strawberry.type(description="API key queries.")
class ApiKeyQuery:
    @strawberry.field(
        description="The tenant's API keys, newest first, revoked ones included. Tenant owners "
        "and admins."
    )
    async def api_keys(self, info: Info) -> list[k.ApiKey]:
        access = await info.context.manager("manage API keys")
        return [
            k.ApiKey.from_row(row)
            for row in await api_keys.list_api_keys(tenant_id=access.tenant_id)
        ]


@strawberry.type(description="API key mutations.")
class ApiKeyMutation:
    @strawberry.mutation(
        description="Creates an API key for the tenant; needs the plan feature `api`. The "
        "secret is in the result only. Tenant owners and admins."
    )
    async def create_api_key(
        self,
        info: Info,
        input: Annotated[
            k.CreateApiKeyInput, strawberry.argument(description="The key to create.")
        ],
    ) -> k.CreateApiKeyResult:
        access = await info.context.manager("manage API keys")
        principal = await info.context.principal()
        return await as_result(
            api_keys.create_api_key(
                tenant_id=access.tenant_id,
                slug=access.slug,
                user_id=principal.user_id,
                name=input.name,
            ),
            lambda created: k.CreateApiKeySuccess(
                api_key=k.ApiKey.from_row(created.key), secret=created.secret
            ),
        )

    @strawberry.mutation(
        description="Revokes an API key of the tenant, at once and for good. Idempotent. "
        "Tenant owners and admins."
    )
    async def revoke_api_key(
        self,
        info: Info,
        input: Annotated[
            k.RevokeApiKeyInput, strawberry.argument(description="The key to revoke.")
        ],
    ) -> k.RevokeApiKeyResult:
        access = await info.context.manager("manage API keys")
        return await as_result(
            api_keys.revoke_api_key(
                tenant_id=access.tenant_id, key_id=input.id, bus=info.context.runtime.bus
            ),
            lambda key: k.RevokeApiKeySuccess(api_key=k.ApiKey.from_row(key)),
        )
