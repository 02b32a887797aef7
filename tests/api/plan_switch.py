"""Running one request with the app's query plans and the next without, to compare the two."""

from __future__ import annotations

import json
from typing import Any

from prometheus_client import REGISTRY

from resolvers.query_plans import PlanCache
from tests.api.test_projects import Member


class PlanSwitch:
    """Stands in for the app's plan cache, so one request can run planned and the next not."""

    def __init__(self, cache: PlanCache) -> None:
        self.cache = cache
        self.enabled = True

    def get(self, *args: Any) -> Any:
        return self.cache.get(*args) if self.enabled else None


def outcomes() -> dict[str, float]:
    """How many operations ran planned, abandoned their plan, or ran generically, so far."""
    return {
        outcome: REGISTRY.get_sample_value(
            "credits_graphql_query_plans_total", {"outcome": outcome}
        )
        or 0.0
        for outcome in ("planned", "abandoned", "generic")
    }


async def response_json(
    member: Member,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    signed_in: bool = True,
) -> str:
    """The status and the response's JSON, without the per-request ids of errors."""
    token = member.token if signed_in else None
    response = await member.api.post(query, variables, token=token, tenant=member.tenant.slug)
    body = response.json()
    for error in body.get("errors") or []:
        error.get("extensions", {}).pop("requestId", None)
    return f"{response.status_code} {json.dumps(body)}"
