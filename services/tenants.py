"""Tenants, their members and their plan (platform-admin use-cases), and what a user sees."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import (
    Membership,
    Role,
    SubscriptionStatus,
    Tenant,
    TenantSubscription,
    User,
)
from services.clock import add_months, utcnow
from services.errors import Conflict, NotFound, ValidationFailed
from services.plans import get_plan
from services.validation import TENANT_SLUG, clean_text

if TYPE_CHECKING:
    from services.ledger.charger import Charger

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{1,63}$")


def clean_slug(value: str, field: str = "slug") -> str:
    slug = value.strip().lower()
    if not TENANT_SLUG.fullmatch(slug):
        raise ValidationFailed(
            field, f"{field} must be 1 to 64 lowercase letters, digits or inner hyphens."
        )
    return slug


def clean_email(value: str, field: str = "email") -> str:
    email = value.strip().lower()
    if len(email) > 320 or not EMAIL.match(email) or not email.isprintable():
        raise ValidationFailed(field, f"{field} is not a valid email address.")
    return email


async def get_tenant(tenant_id: UUID) -> Tenant:
    return await Tenant.get(id=tenant_id)


async def get_tenant_by_slug(slug: str, *, field: str = "tenantSlug") -> Tenant:
    tenant = await Tenant.get_or_none(slug=clean_slug(slug, field))
    if tenant is None:
        raise NotFound("Tenant")
    return tenant


async def subscription_of(tenant_id: UUID) -> TenantSubscription | None:
    return await TenantSubscription.get_or_none(tenant_id=tenant_id)


async def memberships_of(user_id: UUID) -> list[Membership]:
    return await Membership.filter(user_id=user_id).select_related("tenant").order_by("created_at")


async def create_tenant(*, charger: Charger, name: str, slug: str, plan_id: str | None) -> Tenant:
    clean_name = clean_text("name", name, max_length=200, required=True)
    clean = clean_slug(slug)
    plan = await get_plan(plan_id, field="planId") if plan_id is not None else None
    try:
        tenant = await Tenant.create(slug=clean, name=clean_name)
    except IntegrityError:
        raise Conflict(f"A tenant with slug '{clean}' already exists.") from None
    if plan is not None:
        await set_tenant_plan(charger=charger, tenant_slug=clean, plan_id=str(plan.id))
    return tenant


async def add_tenant_member(*, tenant_slug: str, email: str, role: Role) -> Membership:
    """Adds the user (created when the email is new) to the tenant, or changes their role."""
    tenant = await get_tenant_by_slug(tenant_slug)
    clean = clean_email(email)
    async with in_transaction() as connection:
        user = await User.get_or_none(email=clean, using_db=connection)
        if user is None:
            user = await User.create(email=clean, using_db=connection)
        membership = await Membership.get_or_none(
            tenant_id=tenant.id, user_id=user.id, using_db=connection
        )
        if membership is None:
            membership = await Membership.create(
                tenant_id=tenant.id, user_id=user.id, role=role, using_db=connection
            )
        elif membership.role != role:
            membership.role = role
            await membership.save(using_db=connection, update_fields=["role"])
    return await Membership.get(id=membership.id).select_related("tenant", "user")


async def set_tenant_plan(*, charger: Charger, tenant_slug: str, plan_id: str) -> Tenant:
    """Puts the tenant on the plan. Without Stripe this starts a one-month period now, with a
    fresh allowance; live subscribers are told."""
    tenant = await get_tenant_by_slug(tenant_slug)
    plan = await get_plan(plan_id, field="planId")

    async def change(connection: BaseDBAsyncClient) -> None:
        now = utcnow()
        subscription = await TenantSubscription.get_or_none(
            tenant_id=tenant.id, using_db=connection
        )
        if subscription is None:
            await TenantSubscription.create(
                tenant_id=tenant.id,
                plan_id=plan.id,
                status=SubscriptionStatus.ACTIVE,
                current_period_start=now,
                current_period_end=add_months(now, 1),
                using_db=connection,
            )
            return
        subscription.plan_id = plan.id
        if subscription.stripe_subscription_id is not None:
            # Stripe owns this subscription's status and calendar; only the plan is overridden.
            await subscription.save(using_db=connection, update_fields=["plan_id"])
            return
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.current_period_start = now
        subscription.current_period_end = add_months(now, 1)
        await subscription.save(using_db=connection)

    await charger.change_account(tenant.id, change)
    return tenant


async def subscriptions_by_tenant(tenant_ids: list[UUID]) -> list[TenantSubscription | None]:
    found = {
        subscription.tenant_id: subscription
        for subscription in await TenantSubscription.filter(tenant_id__in=list(set(tenant_ids)))
    }
    return [found.get(tenant_id) for tenant_id in tenant_ids]
