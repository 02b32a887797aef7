"""Usage alerts, mounted on the root Query and Mutation."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from resolvers.errors import as_result, for_query
from schema import alerts as a
from schema import reads
from schema.types import Connection, Tenant, UsageAlert
from services import usage_alerts

PAGE_SIZE = "Page size, at most 100 (default 20)."
AFTER = "Cursor (an `endCursor`) to start after."


@strawberry.type(description="Usage alert queries.")
class UsageAlertQuery:
    @strawberry.field(
        description="The tenant's usage alerts, newest first (by when each was first reached).",
        metadata=reads.PURE_READ,
    )
    async def usage_alerts(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
    ) -> Connection[UsageAlert]:
        tenant_id = await info.context.tenant_id()
        page = await for_query(
            usage_alerts.list_usage_alerts(tenant_id=tenant_id, first=first, after=after)
        )
        return Connection.from_page(page, UsageAlert.from_row)


@strawberry.type(description="Usage alert mutations.")
class UsageAlertMutation:
    @strawberry.mutation(
        description="Sets the percents of the period's limit at which usage alerts are raised "
        "(live on `usageUpdated` and as webhook events). Tenant owners and admins."
    )
    async def set_usage_alert_thresholds(
        self,
        info: Info,
        input: Annotated[
            a.SetUsageAlertThresholdsInput,
            strawberry.argument(description="The thresholds."),
        ],
    ) -> a.SetUsageAlertThresholdsResult:
        access = await info.context.manager("set usage alerts")
        return await as_result(
            usage_alerts.set_usage_alert_thresholds(
                charger=info.context.runtime.charger,
                tenant_id=access.tenant_id,
                thresholds=input.thresholds,
            ),
            lambda tenant: a.SetUsageAlertThresholdsSuccess(tenant=Tenant.from_row(tenant)),
        )
