"""Fixtures shared by the API tests."""

from __future__ import annotations

import pytest

from resolvers import execution
from settings import FastPath, Settings
from tests.api.plan_switch import PlanSwitch
from tests.api.test_projects import Member
from tests.conftest import Api, require_fast_paths
from tests.factories import make_tenant, make_user


@pytest.fixture
async def member(api: Api) -> Member:
    """A user of a tenant with 100 credits, calling the API."""
    tenant = await make_tenant(100)
    return Member(api, tenant, await make_user(tenant))


@pytest.fixture
def plan_switch(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> PlanSwitch:
    """The app's plans, switched on (`enabled`) or off between requests."""
    require_fast_paths(settings, FastPath.QUERY_PLANS)
    switch = PlanSwitch(execution.PLANS)
    monkeypatch.setattr(execution, "PLANS", switch)
    return switch
