"""The GraphQL execution context: planned queries.

Planning is a fast path (`settings.FastPath`: query-plans and page-reads):
`execution_context_class` gives a schema the context its switches ask for, strawberry's own
when neither is on.

Queries run from a plan compiled once per document where one exists (`query_plans`; pages of
projects and tasks as one statement that returns their JSON, `page_plans`), and through
graphql-core otherwise or when the plan gives up. A mutation's root fields run through
graphql-core, in order; their results are completed from the plan where one exists.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, ClassVar

from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from resolvers.page_plans import plan_root_page
from resolvers.query_plans import Plan, PlanCache, Planning, Run
from services.metrics import QUERY_PLANS
from settings import FastPath

# Every schema's plans (a test swaps it for one it can switch off).
PLANS = PlanCache()
PLANNED = QUERY_PLANS.labels("planned")
ABANDONED = QUERY_PLANS.labels("abandoned")
GENERIC = QUERY_PLANS.labels("generic")


def execution_context_class(
    fast_paths: Collection[FastPath],
) -> type[StrawberryGraphQLCoreExecutionContext]:
    """The execution context for a schema with these fast paths on."""
    planning = Planning(
        field_by_field=FastPath.QUERY_PLANS in fast_paths,
        root_fields=plan_root_page if FastPath.PAGE_READS in fast_paths else None,
    )
    if not planning.field_by_field and planning.root_fields is None:
        return StrawberryGraphQLCoreExecutionContext
    return type("CreditsExecutionContext", (PlannedExecutionContext,), {"planning": planning})


class PlannedExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Runs a query from its plan, and completes a mutation's root fields from theirs."""

    planning: ClassVar[Planning] = Planning()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._field_plans: dict[str, tuple[Any, Any]] | None = None

    def execute_operation(self, serially: bool | None = None) -> Any:
        plan = self._plan()
        if plan is None:
            GENERIC.inc()
            return super().execute_operation(serially)
        if plan.root is None:
            # A mutation: counted by root field, in `complete_value`.
            self._field_plans = plan.fields
            return super().execute_operation(serially)
        data = _attempt(plan.root, self.root_value, None, Run(self))
        if data is _GAVE_UP:
            # Outside the `except`: the generic run's errors must not chain the plan's.
            ABANDONED.inc()
            return super().execute_operation(serially)
        if not self.is_awaitable(data):
            PLANNED.inc()
            return self.finish(self.build_response(data))
        return self._await_planned(data, serially)

    async def _await_planned(self, data: Any, serially: bool | None) -> Any:
        completed = await _attempt_async(data)
        if completed is _GAVE_UP:
            ABANDONED.inc()
            result = super().execute_operation(serially)
            return await result if self.is_awaitable(result) else result
        PLANNED.inc()
        return self.finish(self.build_response(completed))

    def complete_value(
        self,
        return_type: Any,
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        field_plans = self._field_plans
        # Only a mutation's root fields, and only the outer call: graphql-core completes a
        # non-null type by calling this again with the type inside.
        if field_plans is None or path.prev is not None or return_type is not info.return_type:
            return super().complete_value(
                return_type, field_details_list, info, path, result, position_context
            )
        planned = field_plans.get(path.key)
        if planned is None:
            GENERIC.inc()
            return super().complete_value(
                return_type, field_details_list, info, path, result, position_context
            )
        completed = _attempt(planned[1], result, path, Run(self))
        if completed is _GAVE_UP:
            ABANDONED.inc()
            return super().complete_value(
                return_type, field_details_list, info, path, result, position_context
            )
        if self.is_awaitable(completed):
            return self._await_field(
                completed, return_type, field_details_list, info, path, result, position_context
            )
        PLANNED.inc()
        return completed

    async def _await_field(self, completed: Any, *arguments: Any) -> Any:
        value = await _attempt_async(completed)
        if value is _GAVE_UP:
            ABANDONED.inc()
            fallback = super().complete_value(*arguments)
            return await fallback if self.is_awaitable(fallback) else fallback
        PLANNED.inc()
        return value

    def _plan(self) -> Plan | None:
        manager = self.middleware_manager
        if self.abort_signal is not None or (manager is not None and manager.middlewares):
            return None
        return PLANS.get(self.schema, self.operation, self.fragments, self.planning)


_GAVE_UP = object()


def _attempt(run: Callable[..., Any], *args: Any) -> Any:
    try:
        return run(*args)
    except Exception:  # graphql-core answers it exactly, errors included
        return _GAVE_UP


async def _attempt_async(data: Any) -> Any:
    try:
        return await data
    except Exception:  # as above
        return _GAVE_UP


# Every fast path on: the context the service runs by default.
CreditsExecutionContext = execution_context_class(frozenset(FastPath))
