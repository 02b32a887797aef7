"""Member limits, mounted on the root Mutation: tenant owners and admins only."""

from __future__ import annotations

from typing import Annotated

import strawberry

from resolvers.context import Info
from resolvers.errors import as_result
from schema import members as m
from schema.types import Membership
from services import members


@strawberry.type(description="Member limit mutations.")
class MemberMutation:
    @strawberry.mutation(
        description="Sets or removes a member's own credit limit within the tenant's credits: "
        "a charge past it is InsufficientCredits with scope MEMBER. Tenant owners and admins."
    )
    async def set_member_credit_limit(
        self,
        info: Info,
        input: Annotated[
            m.SetMemberCreditLimitInput,
            strawberry.argument(description="The member and their limit."),
        ],
    ) -> m.SetMemberCreditLimitResult:
        access = await info.context.manager("set member limits")
        return await as_result(
            members.set_member_credit_limit(
                charger=info.context.runtime.charger,
                tenant_id=access.tenant_id,
                user_id=input.user_id,
                limit=input.limit,
            ),
            lambda row: m.SetMemberCreditLimitSuccess(membership=Membership.from_row(row)),
        )
