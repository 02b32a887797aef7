"""The demo data `make run` starts with. Idempotent: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from models import Membership, Plan, PlanFeatureType, Role, Tenant, User
from services.catalog_admin import seed_kit_types
from services.plans import FeatureSpec, create_plan
from services.tenants import set_tenant_plan

if TYPE_CHECKING:
    from services.ledger.charger import Charger

DEMO_TENANT = "acme"
DEMO_OWNER = "demo@example.com"
DEMO_ADMIN = "admin@example.com"

PLANS: list[tuple[str, str, list[FeatureSpec]]] = [
    (
        "Free",
        "Try it out: 10 credits a month.",
        [
            FeatureSpec("credits", "Credits", PlanFeatureType.MONTHLY, 10),
            FeatureSpec("api", "API access", PlanFeatureType.NOT_INCLUDED),
        ],
    ),
    (
        "Pro",
        "For growing teams: 1,000 credits a month and API access.",
        [
            FeatureSpec("credits", "Credits", PlanFeatureType.MONTHLY, 1000),
            FeatureSpec("api", "API access", PlanFeatureType.INCLUDED),
        ],
    ),
    (
        "Enterprise",
        "Unlimited credits.",
        [
            FeatureSpec("credits", "Credits", PlanFeatureType.UNLIMITED),
            FeatureSpec("api", "API access", PlanFeatureType.INCLUDED),
        ],
    ),
]


@dataclass(frozen=True, slots=True)
class DemoData:
    owner: User
    admin: User
    tenant: Tenant


async def seed_demo(*, charger: Charger) -> DemoData:
    await seed_kit_types()
    plans: dict[str, Plan] = {}
    for name, description, features in PLANS:
        plan = await Plan.get_or_none(name=name)
        if plan is None:
            plan = await create_plan(name=name, description=description, features=features)
        plans[name] = plan
    admin, _ = await User.get_or_create(email=DEMO_ADMIN)
    if not admin.is_platform_admin:
        admin.is_platform_admin = True
        await admin.save(update_fields=["is_platform_admin"])
    owner, _ = await User.get_or_create(email=DEMO_OWNER)
    tenant = await Tenant.get_or_none(slug=DEMO_TENANT)
    if tenant is None:
        tenant = await Tenant.create(slug=DEMO_TENANT, name="Acme Inc.")
        await set_tenant_plan(
            charger=charger, tenant_slug=DEMO_TENANT, plan_id=str(plans["Free"].id)
        )
    await Membership.get_or_create(
        tenant_id=tenant.id, user_id=owner.id, defaults={"role": Role.OWNER}
    )
    return DemoData(owner=owner, admin=admin, tenant=tenant)
