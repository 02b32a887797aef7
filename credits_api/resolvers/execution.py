"""The GraphQL execution context, without the reference cycle graphql-core gives every request.

graphql-core 3.3's executor keeps `async_helpers`, a tuple of its own bound methods: executor →
helpers → method → executor. That cycle makes everything one operation touched (the executor,
collected fields, variables, results, our Context) unreachable only by the cyclic garbage
collector, never by reference counting, so each request leaves about 80 objects for the
collector to find (bench/: about a tenth of a charged mutation's CPU went to collections, and
the longer pauses were the slowest requests). Holding the methods weakly breaks the cycle; the
executor is alive whenever a resolver can call them, since the running operation holds it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from graphql.type.definition import GraphQLResolveInfoHelpers
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


def _weak_call(method: Callable[..., Any]) -> Callable[..., Any]:
    reference = weakref.WeakMethod(method)

    def call(*args: Any, **kwargs: Any) -> Any:
        bound = reference()
        if bound is None:
            raise RuntimeError("the GraphQL operation has already finished")
        return bound(*args, **kwargs)

    return call


class CycleFreeExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.async_helpers = GraphQLResolveInfoHelpers(
            gather=_weak_call(self.gather_async_work), track=_weak_call(self.track_async_work)
        )
