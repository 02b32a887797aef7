"""Types of API keys: the key as listed (never its secret), inputs and results."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from schema.errors import FeatureNotIncluded, NotFound, ValidationFailed


@strawberry.type(
    description="A key the tenant's own backend calls the API with (`Authorization: Bearer "
    "ck_…`), acting as a MEMBER of the tenant. Its secret is shown only when it is created."
)
class ApiKey:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    name: str = strawberry.field(description="What the key is for, e.g. `billing backend`.")
    prefix: str = strawberry.field(
        description="The secret's first characters (`ck_` and 8 more), to recognise the key."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    last_used_at: datetime | None = strawberry.field(
        description="When it was last used, to the minute; null: never."
    )
    revoked_at: datetime | None = strawberry.field(
        description="When it was revoked; null: it is active."
    )

    @classmethod
    def from_row(cls, row: Any) -> ApiKey:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            prefix=row.prefix,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )


@strawberry.input(description="A new API key.")
class CreateApiKeyInput:
    name: str = strawberry.field(description="What the key is for, 1 to 200 characters.")


@strawberry.input(description="The API key to revoke.")
class RevokeApiKeyInput:
    id: strawberry.ID = strawberry.field(description="The key.")


@strawberry.type(description="The key was created. Its secret is shown here only, once.")
class CreateApiKeySuccess:
    api_key: ApiKey = strawberry.field(description="The new key.")
    secret: str = strawberry.field(
        description="The secret (`ck_…`) to send as `Authorization: Bearer <secret>`. Store it "
        "now: it is not stored by the server and cannot be shown again."
    )


@strawberry.type(
    description="The key is revoked: every request with it is refused, in every process, from "
    "now on. Revoking a revoked key changes nothing."
)
class RevokeApiKeySuccess:
    api_key: ApiKey = strawberry.field(description="The key, with its `revokedAt`.")


CreateApiKeyResult = Annotated[
    CreateApiKeySuccess | FeatureNotIncluded | ValidationFailed,
    strawberry.union("CreateApiKeyResult", description="Result of createApiKey."),
]
RevokeApiKeyResult = Annotated[
    RevokeApiKeySuccess | NotFound | ValidationFailed,
    strawberry.union("RevokeApiKeyResult", description="Result of revokeApiKey."),
]
