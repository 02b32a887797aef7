from __future__ import annotations

from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.tenancy import Tenant, User


class ApiKey(Model):
    """A tenant's API key, stored as the SHA-256 of its secret, never the secret."""

    # `secret_hash` is looked up on each request; `prefix` (the secret's first characters) is
    # shown to recognise a key.

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="api_keys", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    prefix = fields.CharField(max_length=16)
    secret_hash = fields.CharField(max_length=64, unique=True)
    # Calls made with the key are attributed to the member who created it (unless an operation
    # names a user); a key does not outlive that user.
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_keys", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    tenant_id: UUID
    created_by_id: UUID

    class Meta:
        table = "api_key"
        indexes = (("tenant", "created_at"),)
