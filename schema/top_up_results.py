"""`setAutoTopUp`'s result."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.errors import BillingDisabled, Unavailable, ValidationFailed
from schema.types import Tenant


@strawberry.type(description="The auto top-up settings are saved.")
class SetAutoTopUpSuccess:
    tenant: Tenant = strawberry.field(description="The tenant, with its `autoTopUp`.")


SetAutoTopUpResult = Annotated[
    SetAutoTopUpSuccess | BillingDisabled | ValidationFailed | Unavailable,
    strawberry.union("SetAutoTopUpResult", description="Result of setAutoTopUp."),
]
