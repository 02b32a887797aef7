"""Types of member limits: the input and result of setMemberCreditLimit."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.errors import NotFound, Unavailable, ValidationFailed
from schema.types import Membership


@strawberry.input(description="A member's own credit limit within the tenant's credits.")
class SetMemberCreditLimitInput:
    user_id: strawberry.ID = strawberry.field(description="The member (a user of this tenant).")
    limit: int | None = strawberry.field(
        default=None,
        description="The most credits the member may spend in the current period, zero or "
        "more; null removes the limit.",
    )


@strawberry.type(
    description="The member's limit is set (or removed); every later charge, in every "
    "process, is decided on it."
)
class SetMemberCreditLimitSuccess:
    membership: Membership = strawberry.field(
        description="The membership, with its `creditLimit` and `creditsUsed`."
    )


SetMemberCreditLimitResult = Annotated[
    SetMemberCreditLimitSuccess | NotFound | ValidationFailed | Unavailable,
    strawberry.union("SetMemberCreditLimitResult", description="Result of setMemberCreditLimit."),
]
