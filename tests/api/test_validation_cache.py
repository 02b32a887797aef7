"""A document is validated once per process, not once per request (bench/ found it was not)."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema

from tests.conftest import Api

# Unique text: the validation cache is process-wide, other tests must not have warmed it.
PROBE = "query ValidationCacheProbe { __typename }"


async def test_a_repeated_document_is_validated_once(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given graphql-core's validate counted
    calls: list[Any] = []
    validate = strawberry_schema.validate

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return validate(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counting)

    # when the same document is sent three times
    for _ in range(3):
        assert await api.gql(PROBE) == {"__typename": "Query"}

    # then it was validated once
    assert len(calls) == 1


async def test_the_limits_still_apply_with_cached_rules(api: Api) -> None:
    # given a document deeper than the depth limit (sent twice, so the second is a cache hit)
    deep = "{ viewer " + "{ memberships { tenant " * 6 + "{ id }" + " }" * 12 + " }"
    for _ in range(2):
        # when it is sent
        response = await api.post(deep)

        # then it is refused by validation, every time
        errors = response.json()["errors"]
        assert any("exceeds maximum operation depth" in error["message"] for error in errors)
