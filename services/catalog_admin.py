"""Managing the credit catalog: platform admins add and change credit types; the kit's two are
seeded. A change applies to charges made after it commits, in every process (`Catalog.changed`);
the ledger keeps what each earlier charge cost."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import CreditTypeRow
from services.catalog import Catalog, from_row
from services.credit_types import CREDIT_TYPE_VALUE, KIT_TYPES, CreditType
from services.errors import Conflict, NotFound, ValidationFailed
from services.validation import MAX_DESCRIPTION, MAX_NAME, clean_text

# What one unit of an action may cost; a charge is amount x quantity.
MAX_AMOUNT = 1_000_000
USAGE_UNIT = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
# Stripe's meter event names: letters, digits, underscores, hyphens, dots and colons.
METER_EVENT_NAME = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


@dataclass(frozen=True, slots=True)
class CreditTypeChange:
    """The fields an update sets; None leaves a field as it is ('' clears an optional one)."""

    name: str | None = None
    description: str | None = None
    amount: int | None = None
    refundable: bool | None = None
    usage_unit: str | None = None
    meter_event_name: str | None = None


def clean_value(value: str) -> str:
    if not isinstance(value, str) or not CREDIT_TYPE_VALUE.fullmatch(value):
        raise ValidationFailed(
            "value",
            "value must be 1 to 64 lowercase letters, digits or hyphens, starting with a letter "
            "or digit.",
        )
    return value


def _amount(amount: int) -> int:
    # At least 1: a charge that costs nothing would need none of the ledger's guarantees.
    if not 1 <= amount <= MAX_AMOUNT:
        raise ValidationFailed("amount", f"amount must be between 1 and {MAX_AMOUNT:,}.")
    return amount


def _optional(field: str, value: str | None, pattern: re.Pattern[str], rule: str) -> str | None:
    if value is None or value == "":
        return None
    if not pattern.fullmatch(value):
        raise ValidationFailed(field, f"{field} must be {rule}.")
    return value


def _usage_unit(value: str | None) -> str | None:
    return _optional(
        "usageUnit", value, USAGE_UNIT, "1 to 64 lowercase letters, digits, '-' or '_'"
    )


def _meter_event_name(value: str | None) -> str | None:
    return _optional(
        "meterEventName", value, METER_EVENT_NAME, "1 to 100 letters, digits, '_', '-', '.' or ':'"
    )


async def create_credit_type(
    *,
    catalog: Catalog,
    value: str,
    name: str,
    description: str | None,
    amount: int,
    refundable: bool | None,
    usage_unit: str | None = None,
    meter_event_name: str | None = None,
) -> CreditType:
    """Adds a credit type to the catalog; `Conflict` if its value is taken."""
    row = CreditTypeRow(
        value=clean_value(value),
        name=clean_text("name", name, max_length=MAX_NAME, required=True),
        description=clean_text(
            "description", description, max_length=MAX_DESCRIPTION, required=False
        )
        or "",
        amount=_amount(amount),
        refundable=bool(refundable),
        usage_unit=_usage_unit(usage_unit),
        meter_event_name=_meter_event_name(meter_event_name),
    )
    try:
        # A transaction of its own: on PostgreSQL a unique violation aborts it, not more.
        async with in_transaction() as connection:
            await row.save(using_db=connection, force_create=True)
    except IntegrityError:
        raise Conflict(f"A credit type '{row.value}' already exists.") from None
    await catalog.changed()
    return from_row(row)


async def update_credit_type(
    *, catalog: Catalog, value: str, change: CreditTypeChange
) -> CreditType:
    """Changes a credit type; a new amount applies to the charges made after this one."""
    row = await CreditTypeRow.get_or_none(value=clean_value(value))
    if row is None:
        raise NotFound(f"Credit type '{value}'")
    fields: list[str] = []
    if change.name is not None:
        row.name = clean_text("name", change.name, max_length=MAX_NAME, required=True) or ""
        fields.append("name")
    if change.description is not None:
        row.description = (
            clean_text(
                "description", change.description, max_length=MAX_DESCRIPTION, required=False
            )
            or ""
        )
        fields.append("description")
    if change.amount is not None:
        row.amount = _amount(change.amount)
        fields.append("amount")
    if change.refundable is not None:
        row.refundable = change.refundable
        fields.append("refundable")
    if change.usage_unit is not None:
        row.usage_unit = _usage_unit(change.usage_unit)
        fields.append("usage_unit")
    if change.meter_event_name is not None:
        row.meter_event_name = _meter_event_name(change.meter_event_name)
        fields.append("meter_event_name")
    if fields:
        await row.save(update_fields=[*fields, "updated_at"])
        await catalog.changed()
    return from_row(row)


async def seed_kit_types() -> list[str]:
    """Adds the kit's credit types that the catalog lacks (idempotent; never overwrites an
    admin's change). Returns the values added."""
    added = []
    for kit_type in KIT_TYPES:
        _, created = await CreditTypeRow.get_or_create(
            value=kit_type.value,
            defaults={
                "name": kit_type.name,
                "description": kit_type.description,
                "amount": kit_type.amount,
                "refundable": kit_type.refundable,
                "usage_unit": kit_type.usage_unit,
                "meter_event_name": kit_type.meter_event_name,
            },
        )
        if created:
            added.append(kit_type.value)
    return added
