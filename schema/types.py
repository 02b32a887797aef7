"""The object types clients read. Built from ORM rows by duck typing (`from_row`), so this
module needs no import of the data layer; relations resolve through the request's DataLoaders."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar
from uuid import UUID

import strawberry
from strawberry.types import Info

from schema import reads
from schema.scalars import (
    AlertState,
    CreditUsageKind,
    PlanFeatureType,
    Role,
    SubscriptionStatus,
    TaskStatus,
)
from schema.top_up import AutoTopUp

T = TypeVar("T")

# A tenant's usage alert thresholds until it sets its own (services.ledger.alerts has the same;
# tests/api/test_usage_alerts.py checks they agree: the schema imports no service).
DEFAULT_ALERT_THRESHOLDS = (50, 80, 100)


def _start_cursor(root: PageInfo) -> str | None:
    return root.page.start_cursor


def _end_cursor(root: PageInfo) -> str | None:
    return root.page.end_cursor


def _cursor(root: Edge[Any]) -> str:
    return root.page.cursor(root.index)


# Cursors are resolved from the page only when a client selects them: a page's rows carry what
# a cursor is made of, and most reads (a list of projects with their tasks) select none.
@strawberry.type(description="Cursor information of a page.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether another page follows.")
    has_previous_page: bool = strawberry.field(
        default=False,
        description="Always false: pages are read forwards, with `first` and `after` (Relay "
        "allows a forward page to answer false).",
    )
    start_cursor: str | None = strawberry.field(
        resolver=_start_cursor,
        description="The cursor of the first item of this page; null when the page is empty.",
        metadata=reads.PURE_READ,
    )
    end_cursor: str | None = strawberry.field(
        resolver=_end_cursor,
        description="Pass as `after` for the next page.",
        metadata=reads.PURE_READ,
    )
    page: strawberry.Private[Any]


@strawberry.type(description="An item of a page with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        resolver=_cursor, description="Opaque position of this item.", metadata=reads.PURE_READ
    )
    node: T = strawberry.field(description="The item.")
    page: strawberry.Private[Any]
    index: strawberry.Private[int]


@strawberry.type(description="A page of items (Relay connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="How to fetch the next page.")

    @classmethod
    def from_page(cls, page: Any, node: Any) -> Connection[Any]:
        """`page` is a services `Page`: `items`, `has_next_page`, `cursor(index)`, `end_cursor`."""
        return cls(
            edges=[
                Edge(node=node(item), page=page, index=index)
                for index, item in enumerate(page.items)
            ],
            page_info=PageInfo(has_next_page=page.has_next_page, page=page),
        )


@strawberry.type(description="A person who signs in.")
class User:
    id: strawberry.ID = strawberry.field(
        description="Opaque identifier.", metadata=reads.key("user")
    )
    email: str = strawberry.field(
        description="Sign-in email address.", metadata=reads.column("email")
    )

    @classmethod
    def from_row(cls, row: Any) -> User:
        return cls(id=strawberry.ID(str(row.id)), email=row.email)


async def _user(info: Info, user_id: UUID | None) -> User | None:
    if user_id is None:
        return None
    row = await info.context.loaders.user.load(user_id)
    return User.from_row(row) if row else None


@strawberry.type(description="A kind of chargeable action and what it costs.")
class CreditType:
    value: str = strawberry.field(description="Stable key, e.g. `credit-task-creation`.")
    name: str = strawberry.field(description="Display name.")
    description: str = strawberry.field(description="What is charged, and when.")
    amount: int = strawberry.field(
        description="Credits one action (one unit of `quantity`) costs now; the ledger keeps "
        "what each charge cost."
    )
    refundable: bool = strawberry.field(
        description="Whether deleting the object paid for gives the credits back."
    )
    usage_unit: str | None = strawberry.field(
        description="The usage-based billing unit its charges count toward (null: its value)."
    )
    meter_event_name: str | None = strawberry.field(
        description="The Stripe meter event its charges are reported as (null: not reported)."
    )

    @classmethod
    def from_type(cls, credit_type: Any) -> CreditType:
        """From a `services.credit_types.CreditType` (duck-typed)."""
        return cls(
            value=credit_type.value,
            name=credit_type.name,
            description=credit_type.description,
            amount=credit_type.amount,
            refundable=credit_type.refundable,
            usage_unit=credit_type.usage_unit,
            meter_event_name=credit_type.meter_event_name,
        )


@strawberry.type(description="One line of a plan: a feature and how much of it the plan gives.")
class PlanFeature:
    name: str = strawberry.field(description="Stable key, e.g. `credits`.")
    title: str = strawberry.field(description="Display title.")
    type: PlanFeatureType = strawberry.field(description="How the feature applies.")
    value: int | None = strawberry.field(
        description="The amount for MONTHLY (per period) and TOTAL features; null otherwise."
    )
    rollover_max: int | None = strawberry.field(
        description="On the `credits` feature: the most unused allowance a period passes to "
        "the next one, as a ROLLOVER grant expiring at the end of that period; null: none."
    )

    @classmethod
    def from_row(cls, row: Any) -> PlanFeature:
        return cls(
            name=row.name,
            title=row.title,
            type=PlanFeatureType(row.type.value),
            value=row.value,
            rollover_max=row.rollover_max,
        )


@strawberry.type(description="A plan a tenant can be on.")
class Plan:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    name: str = strawberry.field(description="Display name, unique.")
    description: str | None = strawberry.field(description="Marketing description.")
    features: list[PlanFeature] = strawberry.field(description="The plan's features, in order.")

    @classmethod
    def from_row(cls, row: Any) -> Plan:
        features = sorted(row.features, key=lambda feature: feature.position)
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            description=row.description,
            features=[PlanFeature.from_row(feature) for feature in features],
        )


@strawberry.type(name="TenantSubscription", description="A tenant's subscription to a plan.")
class TenantSubscription:
    status: SubscriptionStatus = strawberry.field(description="Whether credits can be spent.")
    current_period_start: datetime = strawberry.field(description="Start of the billing period.")
    current_period_end: datetime = strawberry.field(description="End of the billing period.")

    @classmethod
    def from_row(cls, row: Any) -> TenantSubscription:
        return cls(
            status=SubscriptionStatus(row.status.value),
            current_period_start=row.current_period_start,
            current_period_end=row.current_period_end,
        )


@strawberry.type(description="An organisation: the unit credits are counted for.")
class Tenant:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    slug: str = strawberry.field(description="URL-safe key, sent as the `X-Tenant` header.")
    name: str = strawberry.field(description="Display name.")
    usage_alert_thresholds: list[int] = strawberry.field(
        description="Percents of the period's limit at which a usage alert is raised "
        "(ascending; default 50, 80, 100; empty: no alerts). See `usageAlerts`."
    )
    tenant_id: strawberry.Private[UUID]

    @classmethod
    def from_row(cls, row: Any) -> Tenant:
        thresholds = row.usage_alert_thresholds
        return cls(
            id=strawberry.ID(str(row.id)),
            slug=row.slug,
            name=row.name,
            usage_alert_thresholds=list(
                DEFAULT_ALERT_THRESHOLDS if thresholds is None else thresholds
            ),
            tenant_id=row.id,
        )

    @strawberry.field(
        description="The subscription, or null when the tenant has none.", metadata=reads.PURE_READ
    )
    async def subscription(self, info: Info) -> TenantSubscription | None:
        row = await info.context.loaders.subscription.load(self.tenant_id)
        return TenantSubscription.from_row(row) if row else None

    @strawberry.field(description="The plan the tenant is on, or null.", metadata=reads.PURE_READ)
    async def plan(self, info: Info) -> Plan | None:
        subscription = await info.context.loaders.subscription.load(self.tenant_id)
        if subscription is None:
            return None
        row = await info.context.loaders.plan.load(subscription.plan_id)
        return Plan.from_row(row) if row else None

    @strawberry.field(description="The tenant's auto top-up, or null when it was never set.")
    async def auto_top_up(self, info: Info) -> AutoTopUp | None:
        view = await info.context.loaders.auto_top_up.load(self.tenant_id)
        return AutoTopUp.from_view(view) if view else None


@strawberry.type(description="A user's membership of a tenant.")
class Membership:
    tenant: Tenant = strawberry.field(description="The tenant.")
    role: Role = strawberry.field(description="The user's role in it.")
    credit_limit: int | None = strawberry.field(
        default=None,
        description="The most credits the member may spend of the tenant's credits in the "
        "current period; null: no limit of their own (the tenant's credits still apply).",
    )
    user_id: strawberry.Private[UUID]

    @classmethod
    def from_row(cls, row: Any) -> Membership:
        return cls(
            tenant=Tenant.from_row(row.tenant),
            role=Role(row.role.value),
            credit_limit=row.credit_limit,
            user_id=row.user_id,
        )

    @strawberry.field(description="The member.", metadata=reads.PURE_READ)
    async def user(self, info: Info) -> User | None:
        return await _user(info, self.user_id)

    @strawberry.field(
        description="Credits the member spent in the tenant's current period: their charges "
        "minus the refunds of those charges. What `creditLimit` is counted against.",
        metadata=reads.PURE_READ,
    )
    async def credits_used(self, info: Info) -> int:
        key = (self.tenant.tenant_id, self.user_id)
        used: int = await info.context.loaders.member_credits_used.load(key)
        return used


@strawberry.type(description="The signed-in user.")
class Viewer:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    email: str = strawberry.field(description="Sign-in email address.")
    is_platform_admin: bool = strawberry.field(description="May run platform-admin operations.")
    memberships: list[Membership] = strawberry.field(description="The tenants the user is in.")


@strawberry.type(description="A project of the tenant; creating one costs credits.")
class Project:
    id: strawberry.ID = strawberry.field(
        description="Opaque identifier.", metadata=reads.key("project")
    )
    name: str = strawberry.field(description="Display name.", metadata=reads.column("name"))
    description: str | None = strawberry.field(
        description="Free text.", metadata=reads.column("description")
    )
    created_at: datetime = strawberry.field(
        description="When it was created.", metadata=reads.column("created_at")
    )
    project_id: strawberry.Private[UUID]
    created_by_id: strawberry.Private[UUID | None]

    @classmethod
    def from_row(cls, row: Any) -> Project:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            description=row.description,
            created_at=row.created_at,
            project_id=row.id,
            created_by_id=row.created_by_id,
        )

    @strawberry.field(
        description="Who created it (null if that user was deleted).",
        metadata=reads.parent("created_by_id"),
    )
    async def created_by(self, info: Info) -> User | None:
        return await _user(info, self.created_by_id)

    @strawberry.field(
        description="How many tasks it has.", metadata=reads.count("task", "project_id")
    )
    async def task_count(self, info: Info) -> int:
        return await info.context.loaders.task_count.load(self.project_id)

    @strawberry.field(description="Its tasks, oldest first.", metadata=reads.children("project_id"))
    async def tasks(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="Page size, at most 100 (default 20).")
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Cursor to start after.")
        ] = None,
    ) -> Connection[Task]:
        page = await info.context.loaders.task_page.load((self.project_id, first, after))
        return Connection.from_page(page, Task.from_row)


# By stored value: a page builds hundreds of tasks, and an Enum call costs a dict lookup's tenfold.
_TASK_STATUSES = {status.value: status for status in TaskStatus}


@strawberry.type(description="A task inside a project; creating one costs credits.")
class Task:
    id: strawberry.ID = strawberry.field(
        description="Opaque identifier.", metadata=reads.key("task")
    )
    title: str = strawberry.field(description="Short title.", metadata=reads.column("title"))
    description: str | None = strawberry.field(
        description="Free text.", metadata=reads.column("description")
    )
    status: TaskStatus = strawberry.field(
        description="Where the task stands.", metadata=reads.column("status")
    )
    created_at: datetime = strawberry.field(
        description="When it was created.", metadata=reads.column("created_at")
    )
    project_id: strawberry.Private[UUID]
    created_by_id: strawberry.Private[UUID | None]

    @classmethod
    def from_row(cls, row: Any) -> Task:
        return cls(
            id=strawberry.ID(str(row.id)),
            title=row.title,
            description=row.description,
            status=_TASK_STATUSES[getattr(row.status, "value", row.status)],
            created_at=row.created_at,
            project_id=row.project_id,
            created_by_id=row.created_by_id,
        )

    @strawberry.field(
        description="Who created it (null if that user was deleted).",
        metadata=reads.parent("created_by_id"),
    )
    async def created_by(self, info: Info) -> User | None:
        return await _user(info, self.created_by_id)

    @strawberry.field(description="The project it belongs to.", metadata=reads.parent("project_id"))
    async def project(self, info: Info) -> Project | None:
        row = await info.context.loaders.project.load(self.project_id)
        return Project.from_row(row) if row else None


@strawberry.type(description="One row of the usage ledger: a charge, or the refund of one.")
class CreditUsage:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    type: str = strawberry.field(description="The credit type's `value`.")
    amount: int = strawberry.field(
        description="Credits charged: the type's amount at that time, times `quantity`; "
        "negative on a refund."
    )
    quantity: int = strawberry.field(description="Units of the credit type charged (usually 1).")
    object_id: str | None = strawberry.field(
        description="What was paid for: the id of a project or task, or the object path (or "
        "id) given to chargeCredits, e.g. `/app/acme/reports/42`."
    )
    created_at: datetime = strawberry.field(description="When it was charged.")
    kind: CreditUsageKind = strawberry.field(description="A charge or a refund.")
    reason: str | None = strawberry.field(
        description="On a refund made by hand: why, as written; null otherwise."
    )
    user_id: strawberry.Private[UUID | None]
    reverses_id: strawberry.Private[UUID | None]
    refunded_by_id: strawberry.Private[UUID | None]

    @classmethod
    def from_row(cls, row: Any) -> CreditUsage:
        object_id = row.object_path
        if object_id is None and row.object_id:
            object_id = str(row.object_id)
        return cls(
            id=strawberry.ID(str(row.id)),
            type=row.type,
            amount=row.amount,
            quantity=row.quantity,
            object_id=object_id,
            created_at=row.created_at,
            kind=CreditUsageKind[getattr(row.kind, "value", row.kind)],
            reason=row.reason,
            user_id=row.user_id,
            reverses_id=row.reverses_id,
            refunded_by_id=row.refunded_by_id,
        )

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> CreditUsage:
        reverses = payload.get("reversesId")
        return cls(
            id=strawberry.ID(payload["id"]),
            type=payload["type"],
            amount=payload["amount"],
            # Events published before quantities existed carry none: those charged one.
            quantity=payload.get("quantity", 1),
            object_id=payload["objectId"],
            created_at=datetime.fromisoformat(payload["createdAt"]),
            kind=CreditUsageKind[payload.get("kind", "CHARGE")],
            reason=payload.get("reason"),
            user_id=UUID(payload["userId"]) if payload["userId"] else None,
            reverses_id=UUID(reverses) if reverses else None,
            refunded_by_id=UUID(by) if (by := payload.get("refundedById")) else None,
        )

    @strawberry.field(
        description="Who was charged (null for system actions).", metadata=reads.PURE_READ
    )
    async def user(self, info: Info) -> User | None:
        return await _user(info, self.user_id)

    @strawberry.field(
        description="On a refund: the charge it gives back; null on a charge.",
        metadata=reads.PURE_READ,
    )
    async def reverses(self, info: Info) -> CreditUsage | None:
        if self.reverses_id is None:
            return None
        row = await info.context.loaders.usage.load(self.reverses_id)
        return CreditUsage.from_row(row) if row else None

    @strawberry.field(
        description="On a refund: who gave the credits back, by hand (`refundCredits`) or by "
        "deleting what the charge paid for; null on a charge (or once that user is deleted).",
        metadata=reads.PURE_READ,
    )
    async def refunded_by(self, info: Info) -> User | None:
        return await _user(info, self.refunded_by_id)

    @strawberry.field(
        description="Whether this charge was refunded (at most once); false on a refund.",
        metadata=reads.PURE_READ,
    )
    async def refunded(self, info: Info) -> bool:
        if self.kind is CreditUsageKind.REFUND:
            return False
        return bool(await info.context.loaders.refunded.load(UUID(self.id)))


@strawberry.type(description="Usage of one credit type in the period.")
class UsageByType:
    type: str = strawberry.field(description="The credit type's `value`.")
    used: int = strawberry.field(description="Credits charged for it, net of refunds.")
    count: int = strawberry.field(description="Number of charges, refunded ones not counted.")


@strawberry.type(description="Credits used and left in the current billing period.")
class UsageSummary:
    period_start: datetime | None = strawberry.field(
        description="Start of the period (null without a subscription)."
    )
    period_end: datetime | None = strawberry.field(description="End of the period.")
    used: int = strawberry.field(description="Credits charged in the period, net of refunds.")
    limit: int | None = strawberry.field(
        description="Credits available in the period (allowance + grants); null when unlimited."
    )
    remaining: int | None = strawberry.field(
        description="Credits left, less what reservations hold; null when unlimited."
    )
    by_type: list[UsageByType] = strawberry.field(description="Usage per credit type.")
    reserved: int = strawberry.field(
        description="Credits held by live reservations: not charged, but not in `remaining`."
    )

    @classmethod
    def from_dict(cls, summary: dict[str, Any]) -> UsageSummary:
        def moment(value: str | None) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        return cls(
            period_start=moment(summary["periodStart"]),
            period_end=moment(summary["periodEnd"]),
            used=summary["used"],
            limit=summary["limit"],
            remaining=summary["remaining"],
            by_type=[UsageByType(**row) for row in summary["byType"]],
            # Events published before reservations existed carry none.
            reserved=summary.get("reserved", 0),
        )


@strawberry.type(description="A plan feature's state for the tenant, to gate a UI on.")
class FeatureUsage:
    name: str = strawberry.field(description="The feature's key.")
    title: str = strawberry.field(description="Display title.")
    type: PlanFeatureType = strawberry.field(description="How the feature applies.")
    enabled: bool = strawberry.field(description="Whether the tenant can use it now.")
    used: int | None = strawberry.field(description="Amount used in the period, if metered.")
    limit: int | None = strawberry.field(description="Amount available, if limited.")
    remaining: int | None = strawberry.field(description="Amount left, if limited.")
    message: str | None = strawberry.field(description="Why it is disabled, for the user.")


@strawberry.type(
    description="A threshold (a percent of the period's limit) the tenant's usage reached: one "
    "alert per threshold per period, REACHED when usage crosses it upward, RESOLVED when usage "
    "falls back under it (a refund, a grant, a plan change) or the period ends, REACHED again "
    "if usage crosses it again. Each change is also sent as a webhook event "
    "(`usage.threshold.reached`, `usage.threshold.resolved`)."
)
class UsageAlert:
    id: strawberry.ID = strawberry.field(description="Opaque identifier.")
    threshold: int = strawberry.field(description="The threshold, a percent of the limit.")
    state: AlertState = strawberry.field(description="Reached, or resolved.")
    used: int = strawberry.field(
        description="Credits used in the period when the alert last changed state."
    )
    limit: int | None = strawberry.field(
        description="The period's limit (allowance + grants) then; null if the plan became "
        "unlimited."
    )
    period_start: datetime = strawberry.field(
        description="Start of the period it belongs to (of the allowance's window: for a TOTAL "
        "allowance, the subscription's whole life)."
    )
    created_at: datetime = strawberry.field(description="When the threshold was first reached.")
    resolved_at: datetime | None = strawberry.field(
        description="When it was resolved; null while reached."
    )

    @classmethod
    def from_row(cls, row: Any) -> UsageAlert:
        return cls(
            id=strawberry.ID(str(row.id)),
            threshold=row.threshold,
            state=AlertState[getattr(row.state, "value", row.state)],
            used=row.used,
            limit=row.limit,
            period_start=row.period_start,
            created_at=row.created_at,
            resolved_at=row.resolved_at,
        )

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> UsageAlert:
        resolved = payload.get("resolvedAt")
        return cls(
            id=strawberry.ID(payload["id"]),
            threshold=payload["threshold"],
            state=AlertState[payload["state"]],
            used=payload["used"],
            limit=payload["limit"],
            period_start=datetime.fromisoformat(payload["periodStart"]),
            created_at=datetime.fromisoformat(payload["createdAt"]),
            resolved_at=datetime.fromisoformat(resolved) if resolved else None,
        )


@strawberry.type(description="A change of the tenant's usage, pushed live.")
class UsageEvent:
    sequence: int = strawberry.field(
        description="Grows by one per tenant event: a gap means missed events; re-query usageSummary."
    )
    summary: UsageSummary = strawberry.field(description="The usage after this event.")
    credit_usage: CreditUsage | None = strawberry.field(
        description="The ledger row that caused it; null for the first message and for plan or "
        "period changes."
    )
    alert: UsageAlert | None = strawberry.field(
        default=None,
        description="The usage alert this event reached or resolved; null for events without "
        "one. When one event changes several (a charge or grant across two thresholds), the "
        "highest threshold reached, else the lowest resolved; `alerts` has them all.",
    )
    alerts: list[UsageAlert] = strawberry.field(
        default_factory=list,
        description="Every usage alert this event reached or resolved (`alert` first).",
    )
