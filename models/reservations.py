"""Credits held for work of unknown cost (reserveCredits), until committed or released."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid4

from tortoise import fields
from tortoise.models import Model

from models.credits import CreditUsage
from models.tenancy import Tenant, User


class ReservationStatus(StrEnum):
    """What a reservation's row says. A HELD row past its `expires_at` reads as EXPIRED: no job
    changes it, an expired hold is simply no longer counted."""

    HELD = "HELD"
    COMMITTED = "COMMITTED"
    RELEASED = "RELEASED"
    EXPIRED = "EXPIRED"


class CreditReservation(Model):
    """A hold on `amount` credits of the tenant's pool: counted as spent by every other charge
    while HELD and not expired; committing it charges (at most) what it holds."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "models.Tenant", related_name="reservations", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reservations", null=True, on_delete=fields.SET_NULL
    )
    # The credit type's value; `amount` is its price at reserve time times `quantity`, and a
    # commit charges that per-unit price whatever the catalog says by then.
    type = fields.CharField(max_length=64)
    quantity = fields.IntField()
    amount = fields.IntField()
    status = fields.CharEnumField(ReservationStatus, max_length=16)
    expires_at = fields.DatetimeField()
    # The object of the client's app the work is for (a path or a UUID), if named.
    object_path = fields.CharField(max_length=512, null=True)
    idempotency_key = fields.CharField(max_length=255, null=True)
    request_hash = fields.CharField(max_length=64, null=True)
    # The ledger row its commit charged.
    usage: fields.ForeignKeyNullableRelation[CreditUsage] = fields.ForeignKeyField(
        "models.CreditUsage", related_name="reservations", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()

    tenant_id: UUID
    user_id: UUID | None
    usage_id: UUID | None

    class Meta:
        table = "credit_reservation"
        unique_together = (("tenant", "idempotency_key"),)
        # The live holds of a tenant (an account's read), and its list, newest first.
        indexes = (("tenant", "status", "expires_at"), ("tenant", "created_at"))
