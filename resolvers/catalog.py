"""The credit catalog, charging any action and the dry run, mounted on the root Query and
Mutation."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from resolvers.context import Info
from resolvers.errors import as_result, for_query
from schema import catalog as c
from schema import reads
from schema.errors import CreditScope, ErrorCode
from schema.types import CreditType, CreditUsage
from services import catalog_admin, charges
from services.catalog_admin import CreditTypeChange

IDEMPOTENCY_KEY = (
    "Makes a retry safe: a repeat with the same key returns the first result and charges "
    "nothing; the same key with a different input is a CONFLICT."
)


def _given(value: Any) -> Any:
    return None if value is strawberry.UNSET else value


@strawberry.type(description="The dry run of a charge.")
class CatalogQuery:
    @strawberry.field(
        description="What `chargeCredits` would answer now for this type and quantity, without "
        "charging anything (read without the tenant's lock: a charge a moment later may differ).",
        metadata=reads.PURE_READ,
    )
    async def check_credits(
        self,
        info: Info,
        type: Annotated[str, strawberry.argument(description="The credit type's `value`.")],
        quantity: Annotated[
            int, strawberry.argument(description="Units the charge would be for.")
        ] = 1,
    ) -> c.CreditCheck:
        access = await info.context.member()
        # An API key is nobody: its dry run, like its charge, counts against no member's limit.
        user_id = (
            None if access.api_key_id is not None else (await info.context.principal()).user_id
        )
        check = await for_query(
            charges.check_credits(
                catalog=info.context.runtime.catalog,
                tenant_id=access.tenant_id,
                type=type,
                quantity=quantity,
                user_id=user_id,
            )
        )
        return c.CreditCheck(
            allowed=check.allowed,
            type=check.type,
            required=check.required,
            remaining=check.remaining,
            limit=check.limit,
            reason=ErrorCode(check.reason.value) if check.reason is not None else None,
            message=check.message,
            scope=CreditScope(check.scope.value) if check.scope is not None else None,
        )


@strawberry.type(description="The credit catalog and charges of any action.")
class CatalogMutation:
    @strawberry.mutation(
        description="Charges `amount * quantity` credits of a credit type for any object of your "
        "app, under the same lock, guard and transaction as createTask."
    )
    async def charge_credits(
        self,
        info: Info,
        input: Annotated[
            c.ChargeCreditsInput, strawberry.argument(description="The charge to make.")
        ],
        idempotency_key: Annotated[
            str | None, strawberry.argument(description=IDEMPOTENCY_KEY)
        ] = None,
    ) -> c.ChargeCreditsResult:
        access = await info.context.member()
        # An API key is nobody: it charges the member it names, or no one.
        caller_id = (
            None if access.api_key_id is not None else (await info.context.principal()).user_id
        )
        return await as_result(
            charges.charge_credits(
                runtime=info.context.runtime,
                tenant_id=access.tenant_id,
                caller_id=caller_id,
                type=input.type,
                quantity=input.quantity,
                object_id=input.object_id,
                user_id=_given(input.user_id),
                idempotency_key=idempotency_key,
            ),
            lambda usage: c.ChargeCreditsSuccess(usage=CreditUsage.from_row(usage)),
        )

    @strawberry.mutation(description="Adds a credit type to the catalog. Platform admins only.")
    async def create_credit_type(
        self,
        info: Info,
        input: Annotated[
            c.CreateCreditTypeInput, strawberry.argument(description="The credit type to add.")
        ],
    ) -> c.CreateCreditTypeResult:
        await info.context.platform_admin()
        return await as_result(
            catalog_admin.create_credit_type(
                catalog=info.context.runtime.catalog,
                value=input.value,
                name=input.name,
                description=_given(input.description),
                amount=input.amount,
                refundable=_given(input.refundable),
                usage_unit=_given(input.usage_unit),
                meter_event_name=_given(input.meter_event_name),
            ),
            lambda credit_type: c.CreateCreditTypeSuccess(
                credit_type=CreditType.from_type(credit_type)
            ),
        )

    @strawberry.mutation(
        description="Changes a credit type; a new amount applies to later charges only, in "
        "every process. Platform admins only."
    )
    async def update_credit_type(
        self,
        info: Info,
        input: Annotated[
            c.UpdateCreditTypeInput,
            strawberry.argument(
                description="The credit type, and the fields to change; omitted fields are kept."
            ),
        ],
    ) -> c.UpdateCreditTypeResult:
        await info.context.platform_admin()
        return await as_result(
            catalog_admin.update_credit_type(
                catalog=info.context.runtime.catalog,
                value=input.value,
                change=CreditTypeChange(
                    name=_given(input.name),
                    description=_given(input.description),
                    amount=_given(input.amount),
                    refundable=_given(input.refundable),
                    usage_unit=_given(input.usage_unit),
                    meter_event_name=_given(input.meter_event_name),
                ),
            ),
            lambda credit_type: c.UpdateCreditTypeSuccess(
                credit_type=CreditType.from_type(credit_type)
            ),
        )
