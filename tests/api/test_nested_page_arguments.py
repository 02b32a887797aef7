"""A nested page asked for with a bad `first` or `after` is a BAD_REQUEST naming the argument,
as the root lists answer (it was masked as "Unexpected error.": found by the schemathesis fuzz)."""

from __future__ import annotations

import pytest

from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_project, make_tenant, make_user


@pytest.mark.parametrize(
    ("arguments", "field"),
    [("first: -1", "first"), ("first: 101", "first"), ('after: "M¹"', "after")],
)
async def test_a_bad_nested_tasks_page_is_a_bad_request(
    api: Api, arguments: str, field: str
) -> None:
    # given a project
    tenant = await make_tenant()
    member = Member(api, tenant, await make_user(tenant))
    await make_project(tenant)

    # when its tasks are read with a bad argument
    errors = await member.errors(
        f"{{ projects {{ edges {{ node {{ tasks({arguments}) {{ edges {{ cursor }} }} }} }} }} }}",
        {},
    )

    # then the error says which argument, with BAD_REQUEST
    assert [(error["extensions"]["code"], error["extensions"]["field"]) for error in errors] == [
        ("BAD_REQUEST", field)
    ]
