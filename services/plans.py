"""Plans and their features (admin), and the public list a pricing page shows."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

import structlog
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import Plan, PlanFeature, PlanFeatureType, TenantSubscription
from services.credit_types import CREDITS_FEATURE
from services.errors import Conflict, NotFound, ValidationFailed
from services.validation import (
    MAX_DESCRIPTION,
    MAX_FEATURE_NAME,
    MAX_NAME,
    clean_text,
    parse_id,
)

if TYPE_CHECKING:
    from services.ledger.charger import Charger

MAX_FEATURES = 50
MAX_FEATURE_VALUE = 1_000_000_000
# Tenants told at once about their plan's new features (each under its own tenant lock).
ANNOUNCE_CONCURRENCY = 8

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    name: str
    title: str
    type: PlanFeatureType
    value: int | None = None
    # Credits feature only: unused allowance passed to the next period, at most this much.
    rollover_max: int | None = None


def _clean_features(features: list[FeatureSpec]) -> list[FeatureSpec]:
    if len(features) > MAX_FEATURES:
        raise ValidationFailed("features", f"A plan has at most {MAX_FEATURES} features.")
    cleaned: list[FeatureSpec] = []
    seen: set[str] = set()
    for index, feature in enumerate(features):
        field = f"features.{index}"
        name = (
            clean_text(f"{field}.name", feature.name, max_length=MAX_FEATURE_NAME, required=True)
            or ""
        )
        if name in seen:
            raise ValidationFailed(f"{field}.name", f"Feature '{name}' appears twice.")
        seen.add(name)
        title = clean_text(f"{field}.title", feature.title, max_length=MAX_NAME, required=True)
        value = feature.value
        if feature.type in (PlanFeatureType.MONTHLY, PlanFeatureType.TOTAL):
            if value is None or not 0 <= value <= MAX_FEATURE_VALUE:
                raise ValidationFailed(
                    f"{field}.value",
                    f"A {feature.type.value} feature needs a value from 0 to {MAX_FEATURE_VALUE}.",
                )
        elif value is not None and not 0 <= value <= MAX_FEATURE_VALUE:
            raise ValidationFailed(f"{field}.value", f"value must be 0 to {MAX_FEATURE_VALUE}.")
        rollover_max = feature.rollover_max
        if rollover_max is not None:
            if name != CREDITS_FEATURE or feature.type is not PlanFeatureType.MONTHLY:
                raise ValidationFailed(
                    f"{field}.rolloverMax",
                    f"Only a MONTHLY '{CREDITS_FEATURE}' feature can roll unused credits over.",
                )
            if not 0 <= rollover_max <= MAX_FEATURE_VALUE:
                raise ValidationFailed(
                    f"{field}.rolloverMax", f"rolloverMax must be 0 to {MAX_FEATURE_VALUE}."
                )
        cleaned.append(
            FeatureSpec(
                name=name,
                title=title or "",
                type=feature.type,
                value=value,
                rollover_max=rollover_max,
            )
        )
    return cleaned


async def list_plans() -> list[Plan]:
    return await Plan.all().order_by("created_at", "name").prefetch_related("features")


async def get_plan(plan_id: str | UUID, *, field: str = "id") -> Plan:
    plan = await Plan.get_or_none(id=parse_id(field, plan_id)).prefetch_related("features")
    if plan is None:
        raise NotFound("Plan")
    return plan


async def create_plan(
    *,
    name: str,
    description: str | None,
    features: list[FeatureSpec],
    stripe_price_monthly: str | None = None,
    stripe_price_yearly: str | None = None,
) -> Plan:
    clean_name = clean_text("name", name, max_length=100, required=True)
    clean_description = clean_text(
        "description", description, max_length=MAX_DESCRIPTION, required=False
    )
    cleaned = _clean_features(features)
    try:
        async with in_transaction() as connection:
            plan = await Plan.create(
                name=clean_name,
                description=clean_description,
                stripe_price_monthly=stripe_price_monthly,
                stripe_price_yearly=stripe_price_yearly,
                using_db=connection,
            )
            await _write_features(plan, cleaned, connection)
    except IntegrityError:
        raise Conflict(f"A plan named '{clean_name}' already exists.") from None
    return await get_plan(plan.id)


async def update_plan(
    *,
    charger: Charger,
    plan_id: str | UUID,
    name: str | None,
    description: str | None,
    features: list[FeatureSpec] | None,
    stripe_price_monthly: str | None = None,
    stripe_price_yearly: str | None = None,
) -> Plan:
    plan = await get_plan(plan_id)
    if name is not None:
        plan.name = clean_text("name", name, max_length=100, required=True) or ""
    if description is not None:
        plan.description = clean_text(
            "description", description, max_length=MAX_DESCRIPTION, required=False
        )
    if stripe_price_monthly is not None:
        plan.stripe_price_monthly = stripe_price_monthly or None
    if stripe_price_yearly is not None:
        plan.stripe_price_yearly = stripe_price_yearly or None
    cleaned = _clean_features(features) if features is not None else None
    try:
        async with in_transaction() as connection:
            await plan.save(using_db=connection)
            if cleaned is not None:
                await PlanFeature.filter(plan_id=plan.id).using_db(connection).delete()
                await _write_features(plan, cleaned, connection)
    except IntegrityError:
        raise Conflict(f"A plan named '{plan.name}' already exists.") from None
    if cleaned is not None:
        await _announce_new_features(charger, plan.id)
    return await get_plan(plan.id)


async def _announce_new_features(charger: Charger, plan_id: UUID) -> None:
    """New features change what every tenant on the plan may spend: each tenant's live
    subscribers get a usage event with its new summary, as for any other change of its account.
    The plan is already saved: a tenant that cannot be told now (Redis away) is logged, and its
    next charge or summary shows the new figures anyway."""
    tenant_ids = [
        UUID(str(tenant_id))
        for tenant_id in await TenantSubscription.filter(plan_id=plan_id).values_list(
            "tenant_id", flat=True
        )
    ]
    gate = asyncio.Semaphore(ANNOUNCE_CONCURRENCY)

    async def announce(tenant_id: UUID) -> None:
        async with gate:
            await charger.change_account(tenant_id, _nothing)

    outcomes = await asyncio.gather(
        *(announce(tenant_id) for tenant_id in tenant_ids), return_exceptions=True
    )
    for tenant_id, outcome in zip(tenant_ids, outcomes, strict=True):
        if isinstance(outcome, Exception):
            log.warning(
                "could not announce a plan change", tenant_id=str(tenant_id), error=repr(outcome)
            )
        elif isinstance(outcome, BaseException):
            raise outcome


async def _nothing(connection: BaseDBAsyncClient) -> None:
    """The change was the plan's, already committed."""


async def _write_features(plan: Plan, features: list[FeatureSpec], connection: object) -> None:
    await PlanFeature.bulk_create(
        [
            PlanFeature(
                plan_id=plan.id,
                name=feature.name,
                title=feature.title,
                type=feature.type,
                value=feature.value,
                position=position,
                rollover_max=feature.rollover_max,
            )
            for position, feature in enumerate(features)
        ],
        using_db=connection,  # type: ignore[arg-type]
    )


async def plans_by_id(ids: list[UUID]) -> list[Plan | None]:
    found = {
        plan.id: plan
        for plan in await Plan.filter(id__in=list(set(ids))).prefetch_related("features")
    }
    return [found.get(id_) for id_ in ids]
