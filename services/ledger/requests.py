"""What a service asks the ledger for, and what it gets back: plain data, no callbacks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from tortoise.models import Model

from models import CreditReservation, CreditUsage
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
class ObjectPath:
    """The object being paid for lives in the client's own app (chargeCredits): nothing is
    inserted but its ledger row, which names it by `path` (e.g. `/app/acme/reports/42`)."""

    path: str


@dataclass(frozen=True, slots=True)
class NewHold:
    """reserveCredits: the request's cost is held, not charged, until `expires_at`; counted as
    spent by every other charge meanwhile. A `CreditReservation` row with this id records it."""

    id: UUID
    expires_at: datetime
    # The object of the client's app the work is for, if named.
    path: str | None = None


@dataclass(frozen=True, slots=True)
class CommitHold:
    """commitReservation: the hold `reservation_id` is lifted and the request's cost charged in
    its place (its `credit_type.amount` is the price per unit fixed at reserve time, its
    quantity at most what was held), as a ledger row naming the reservation's object `path`."""

    reservation_id: UUID
    path: str | None = None


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
    # What is paid for: an object inserted with its charge, or one named by its path.
    new: NewObject[M] | ObjectPath | NewHold | CommitHold
    idempotency_key: str | None = None
    # A fingerprint of the request, so a reused key with another input is a conflict.
    fingerprint: str | None = None
    parent: ParentRef | None = None
    # Units of the credit type: the charge costs `credit_type.amount * quantity`.
    quantity: int = 1

    @property
    def cost(self) -> int:
        return self.credit_type.amount * self.quantity


@dataclass(frozen=True, slots=True)
class Created(Generic[M]):
    """What a charged creation service answers: the object, and the ledger row that paid for
    it (this request's, or the first one's for a replayed idempotency key)."""

    obj: M
    usage: CreditUsage


@dataclass(frozen=True, slots=True)
class Charged(Generic[M]):
    """Charged now: the ledger row and the object inserted with it (None for an
    `ObjectPath`: nothing was inserted but the ledger row)."""

    usage: CreditUsage
    obj: M | None


@dataclass(frozen=True, slots=True)
class Replayed:
    """An earlier request with the same idempotency key was charged: its ledger row. Its
    object was inserted by that request (and may have been deleted since)."""

    usage: CreditUsage


@dataclass(frozen=True, slots=True)
class Held:
    """Credits held (`NewHold`): the reservation, as inserted now or, for a replayed
    idempotency key, as the earlier request inserted it."""

    reservation: CreditReservation
