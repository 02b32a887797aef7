"""Fixtures shared by the API tests."""

from __future__ import annotations

import pytest

from tests.api.test_projects import Member
from tests.conftest import Api
from tests.factories import make_tenant, make_user


@pytest.fixture
async def member(api: Api) -> Member:
    """A user of a tenant with 100 credits, calling the API."""
    tenant = await make_tenant(100)
    return Member(api, tenant, await make_user(tenant))
