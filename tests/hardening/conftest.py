"""Fixtures of the hardening tests."""

from __future__ import annotations

import pytest

from tests.conftest import Api
from tests.factories import make_project, make_tenant, make_user, token_for


@pytest.fixture
async def member(api: Api) -> tuple[str, str]:
    """An owner's token and the slug of their tenant (100 credits, one project)."""
    tenant = await make_tenant(100)
    user = await make_user(tenant)
    await make_project(tenant, by=user)
    return token_for(user), tenant.slug
