"""Usage alert settings: the input and result of setUsageAlertThresholds."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.errors import NotFound, ValidationFailed
from schema.types import Tenant


@strawberry.input(description="The percents of the period's limit that raise a usage alert.")
class SetUsageAlertThresholdsInput:
    thresholds: list[int] = strawberry.field(
        description="Integers from 1 to 100, at most 10 distinct ones; duplicates are removed "
        "and the list sorted. Empty: no alerts."
    )


@strawberry.type(
    description="The thresholds were set; they apply to the current period at once (one the "
    "usage already passed is reached now)."
)
class SetUsageAlertThresholdsSuccess:
    tenant: Tenant = strawberry.field(description="The tenant, with `usageAlertThresholds`.")


SetUsageAlertThresholdsResult = Annotated[
    SetUsageAlertThresholdsSuccess | ValidationFailed | NotFound,
    strawberry.union(
        "SetUsageAlertThresholdsResult", description="Result of setUsageAlertThresholds."
    ),
]
