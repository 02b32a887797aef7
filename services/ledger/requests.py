"""What a service asks the ledger for, and what it gets back: plain data, no callbacks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.models import Model

from models import CreditUsage
from services.credit_types import CreditType

M = TypeVar("M", bound=Model)

# The columns of a charged object the ledger fills in itself, with the commit time.
STAMPED_COLUMNS = frozenset({"created_at", "updated_at"})


@dataclass(frozen=True, slots=True)
class NewObject(Generic[M]):
    """The object being paid for: inserted with its charge, or not at all."""

    model: type[M]
    id: UUID
    # Every column but `STAMPED_COLUMNS`, already of its Python type.
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ParentRef:
    """An object the charged one belongs to (a task's project); it must exist in the same
    tenant. Missing, the charge is refused with `NotFound(model name)`."""

    model: type[Model]
    id: UUID


@dataclass(frozen=True, slots=True)
class ChargeRequest(Generic[M]):
    tenant_id: UUID
    user_id: UUID | None
    credit_type: CreditType
    new: NewObject[M]
    idempotency_key: str | None = None
    # A fingerprint of the request, so a reused key with another input is a conflict.
    fingerprint: str | None = None
    parent: ParentRef | None = None


@dataclass(frozen=True, slots=True)
class Charged(Generic[M]):
    """Charged now: the ledger row and the object inserted with it."""

    usage: CreditUsage
    obj: M


@dataclass(frozen=True, slots=True)
class Replayed:
    """An earlier request with the same idempotency key was charged: its ledger row. Its
    object was inserted by that request (and may have been deleted since)."""

    usage: CreditUsage
