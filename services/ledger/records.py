"""The rows and events a batch's decisions become: the objects paid for, their ledger rows,
the Stripe outbox rows, and the live usage events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from tortoise.models import Model

from models import (
    BillingOutbox,
    CreditDraw,
    CreditReservation,
    CreditUsage,
    CreditUsageKind,
    ReservationStatus,
)
from models.rows import columns, new_row
from services.credit_types import CreditType
from services.errors import DomainError
from services.events import UsageEvent
from services.ledger.alerts import Transition, alert_payloads
from services.ledger.decide import Accepted, Decisions, Replay
from services.ledger.holds import Recommit
from services.ledger.requests import (
    STAMPED_COLUMNS,
    Charged,
    ChargeRequest,
    CommitHold,
    Held,
    NewHold,
    NewObject,
    ObjectPath,
    Replayed,
)
from services.ledger.reservations import NO_RESERVATIONS, ReservationReads

Result = Charged[Any] | Replayed | Held | DomainError


@dataclass
class Records:
    """What a batch writes and answers."""

    results: list[Result] = field(default_factory=list)
    events: list[UsageEvent] = field(default_factory=list)
    objects: dict[type[Model], list[Model]] = field(default_factory=lambda: defaultdict(list))
    usages: list[CreditUsage] = field(default_factory=list)
    draws: list[CreditDraw] = field(default_factory=list)
    outbox: list[BillingOutbox] = field(default_factory=list)
    # New holds, and (reservation, ledger row) of the commits, marked after the inserts.
    reservations: list[CreditReservation] = field(default_factory=list)
    committed: list[tuple[UUID, UUID]] = field(default_factory=list)
    # The usage alerts the decisions changed, written with them (`alert_rows`).
    alerts: list[Transition] = field(default_factory=list)

    def inserts(self) -> list[tuple[type[Model], list[Any]]]:
        """Rows by model, in the order they must be inserted (objects before their ledger
        rows, ledger rows before their draws and outbox rows)."""
        return [
            *self.objects.items(),
            (CreditUsage, self.usages),
            (CreditDraw, self.draws),
            (BillingOutbox, self.outbox),
            (CreditReservation, self.reservations),
        ]


def records(
    requests: Sequence[ChargeRequest[Any]],
    decisions: Decisions,
    prior: dict[tuple[UUID, str], CreditUsage],
    now: datetime,
    *,
    billing: bool,
    reservations: ReservationReads = NO_RESERVATIONS,
) -> Records:
    """The rows and events of `decisions` (one per request), stamped `now`. `prior`: the
    ledger rows of idempotency keys charged before this batch; `reservations`: what was read
    of the reservations the requests name."""
    done = Records()
    events = done.events
    for account in decisions.rolled:
        announced = decisions.alerts.get(account.tenant_id, ())
        done.alerts.extend(announced)
        events.append(
            UsageEvent(
                account.tenant_id,
                account.event_sequence,
                account.summary(),
                alerts=alert_payloads(announced, now) if announced else (),
            )
        )
    charged_now: dict[tuple[UUID, str], CreditUsage] = {}
    held_now: dict[tuple[UUID, str], CreditReservation] = {}
    committed_now: dict[UUID, CreditUsage] = {}
    for request, decision in zip(requests, decisions.results, strict=True):
        new = request.new
        if isinstance(decision, Replay):
            key = (request.tenant_id, decision.key)
            if isinstance(new, NewHold):
                done.results.append(Held(held_now.get(key) or reservations.by_key[key]))
            else:
                done.results.append(Replayed(charged_now.get(key) or prior[key]))
            continue
        if isinstance(decision, Recommit):
            id_ = decision.reservation_id
            done.results.append(Replayed(committed_now.get(id_) or reservations.usages[id_]))
            continue
        if not isinstance(decision, Accepted):
            done.results.append(decision)
            continue
        if isinstance(new, NewHold):
            reservation = _new_hold(request, new, decision, now)
            if request.idempotency_key:
                held_now[(request.tenant_id, request.idempotency_key)] = reservation
            done.reservations.append(reservation)
            done.results.append(Held(reservation))
            events.append(
                UsageEvent(
                    request.tenant_id, decision.account.event_sequence, decision.account.summary()
                )
            )
            continue
        obj = _new_object(new, now) if isinstance(new, NewObject) else None
        usage = new_row(
            CreditUsage,
            id=uuid4(),
            tenant_id=request.tenant_id,
            user_id=request.user_id,
            type=request.credit_type.value,
            amount=decision.cost,
            from_allowance=decision.from_allowance,
            quantity=request.quantity,
            object_id=obj.pk if obj is not None else None,
            object_path=new.path if isinstance(new, ObjectPath | CommitHold) else None,
            kind=CreditUsageKind.CHARGE,
            reverses_id=None,
            reason=None,
            refunded_by_id=None,
            idempotency_key=request.idempotency_key,
            request_hash=request.fingerprint,
            sequence=decision.account.event_sequence,
            created_at=now,
        )
        if request.idempotency_key:
            charged_now[(request.tenant_id, request.idempotency_key)] = usage
        if obj is not None:
            done.objects[type(obj)].append(obj)
        done.usages.append(usage)
        done.draws.extend(
            new_row(CreditDraw, id=uuid4(), usage_id=usage.id, grant_id=grant_id, amount=part)
            for grant_id, part in decision.draws
        )
        if billing and request.credit_type.meter_event_name:
            done.outbox.append(_outbox_row(usage, request.credit_type, now))
        if isinstance(new, CommitHold):
            reservation = reservations.by_id[new.reservation_id]
            reservation.status = ReservationStatus.COMMITTED
            reservation.usage_id = usage.id
            committed_now[new.reservation_id] = usage
            done.committed.append((new.reservation_id, usage.id))
            done.results.append(Charged(usage=usage, obj=reservation))
        else:
            done.results.append(Charged(usage=usage, obj=obj))
        if decision.alerts:
            done.alerts.extend(decision.alerts)
        events.append(
            UsageEvent(
                request.tenant_id,
                decision.account.event_sequence,
                decision.account.summary(),
                usage_payload(usage),
                alert_payloads(decision.alerts, now) if decision.alerts else (),
            )
        )
    return done


def _new_hold(
    request: ChargeRequest[Any], new: NewHold, decision: Accepted, now: datetime
) -> CreditReservation:
    return new_row(
        CreditReservation,
        id=new.id,
        tenant_id=request.tenant_id,
        user_id=request.user_id,
        type=request.credit_type.value,
        quantity=request.quantity,
        amount=decision.cost,
        status=ReservationStatus.HELD,
        expires_at=new.expires_at,
        object_path=new.path,
        idempotency_key=request.idempotency_key,
        request_hash=request.fingerprint,
        usage_id=None,
        created_at=now,
    )


def _new_object(new: NewObject[Any], now: datetime) -> Model:
    model: type[Model] = new.model
    return new_row(
        model, id=new.id, **new.values, **dict.fromkeys(columns(model) & STAMPED_COLUMNS, now)
    )


def usage_payload(usage: CreditUsage) -> dict[str, Any]:
    return {
        "id": str(usage.id),
        "type": usage.type,
        "amount": usage.amount,
        "quantity": usage.quantity,
        "kind": usage.kind.value,
        "reversesId": str(usage.reverses_id) if usage.reverses_id else None,
        "reason": usage.reason,
        "refundedById": str(usage.refunded_by_id) if usage.refunded_by_id else None,
        "objectId": object_id(usage),
        "userId": str(usage.user_id) if usage.user_id else None,
        "createdAt": usage.created_at.isoformat(),
        "sequence": usage.sequence,
    }


def object_id(usage: CreditUsage) -> str | None:
    """What a ledger row's `objectId` shows: the path chargeCredits was given, or the id of
    the project or task paid for."""
    if usage.object_path is not None:
        return usage.object_path
    return str(usage.object_id) if usage.object_id else None


def _outbox_row(usage: CreditUsage, credit_type: CreditType, now: datetime) -> BillingOutbox:
    return BillingOutbox(
        id=uuid4(),
        tenant_id=usage.tenant_id,
        usage_id=usage.id,
        event_name=credit_type.meter_event_name,
        unit=credit_type.usage_unit or credit_type.value,
        value=usage.amount,
        next_attempt_at=now,
        created_at=now,
    )
