from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.plans import PlanFeature, TenantSubscription
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


@dataclass(frozen=True, slots=True)
class ApiKeyLookup:
    """What a request needs to know of the key it carries, read in one statement: the key,
    its tenant, its creator, and the type of the tenant's plan feature `feature` (None: the
    plan has no such feature, or the tenant no subscription)."""

    id: UUID
    tenant_id: UUID
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_by_id: UUID
    slug: str
    tenant_name: str
    email: str
    feature_type: str | None


async def lookup_api_key(secret_hash: str, feature: str) -> ApiKeyLookup | None:
    """The key whose secret has this hash, in one indexed statement (no model is built)."""
    db = ApiKey._meta.db
    postgres = db.capabilities.dialect == "postgres"
    first, second = ("$1", "$2") if postgres else ("?", "?")
    sql = (
        "SELECT k.id, k.tenant_id, k.revoked_at, k.last_used_at, k.created_by_id,"
        " t.slug, t.name, u.email, f.type"
        f" FROM {ApiKey._meta.db_table} k"
        f" JOIN {Tenant._meta.db_table} t ON t.id = k.tenant_id"
        f" JOIN {User._meta.db_table} u ON u.id = k.created_by_id"
        f" LEFT JOIN {TenantSubscription._meta.db_table} s ON s.tenant_id = k.tenant_id"
        f" LEFT JOIN {PlanFeature._meta.db_table} f ON f.plan_id = s.plan_id AND f.name = {first}"
        f" WHERE k.secret_hash = {second}"
    )
    _, rows = await db.execute_query(sql, [feature, secret_hash])
    if not rows:
        return None
    key_id, tenant_id, revoked_at, last_used_at, created_by_id, slug, name, email, kind = tuple(
        rows[0]
    )
    # SQLite returns UUIDs and datetimes as text: converted as the model's fields convert them.
    moment = ApiKey._meta.fields_map["revoked_at"].to_python_value
    return ApiKeyLookup(
        id=UUID(str(key_id)),
        tenant_id=UUID(str(tenant_id)),
        revoked_at=moment(revoked_at),
        last_used_at=moment(last_used_at),
        created_by_id=UUID(str(created_by_id)),
        slug=slug,
        tenant_name=name,
        email=email,
        feature_type=kind,
    )
