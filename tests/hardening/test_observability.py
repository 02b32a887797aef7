"""Operators' endpoints: /healthz, /readyz (DB and Redis), /metrics per GraphQL operation."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from prometheus_client.parser import text_string_to_metric_families

from settings import Settings
from tests.conftest import Api, in_process
from tests.factories import make_project, make_tenant, make_user, token_for
from tests.servers import free_port

CREATE_TASK = """
mutation($p: ID!) { createTask(input: {projectId: $p, title: "t"}) { __typename } }
"""


def sample(metrics: str, name: str, **labels: str) -> float:
    """The value of one Prometheus sample (0 when the series does not exist yet)."""
    for family in text_string_to_metric_families(metrics):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return float(found.value)
    return 0.0


@pytest.fixture
async def dead_redis_api(settings: Settings) -> AsyncIterator[Api]:
    """The app pointed at a Redis port where nothing listens."""
    dead = f"redis://127.0.0.1:{free_port()}/0"
    async with in_process(settings.model_copy(update={"redis_url": dead})) as api:
        yield api


async def test_healthz_and_readyz_answer_when_all_is_up(api: Api) -> None:
    # when an orchestrator probes the process
    health = await api.client.get("/healthz")
    ready = await api.client.get("/readyz")

    # then it is alive and ready, and says what it checked
    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": True, "redis": True}}


async def test_readyz_is_503_when_redis_is_down(dead_redis_api: Api) -> None:
    # when Redis is unreachable
    ready = await dead_redis_api.client.get("/readyz")
    health = await dead_redis_api.client.get("/healthz")

    # then the process is alive but not ready, and names the failing dependency
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "checks": {"database": True, "redis": False}}
    assert health.status_code == 200


async def test_charges_fail_closed_when_redis_is_down(dead_redis_api: Api) -> None:
    # given a tenant with credits, served by a process whose Redis is down
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)

    # when a task is created
    data = await dead_redis_api.gql(
        CREATE_TASK, {"p": str(project.id)}, token=token_for(user), tenant=tenant.slug
    )

    # then it is refused as UNAVAILABLE (no free usage) rather than a 5xx
    assert data["createTask"]["__typename"] == "Unavailable"


async def test_metrics_count_requests_and_latency_per_operation(api: Api) -> None:
    # given a tenant with a project, and the metrics before
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)
    before = (await api.client.get("/metrics")).text

    # when a task is charged
    created = await api.gql(
        CREATE_TASK, {"p": str(project.id)}, token=token_for(user), tenant=tenant.slug
    )
    assert created["createTask"]["__typename"] == "CreateTaskSuccess"
    after = (await api.client.get("/metrics")).text

    # then /metrics counts the request under its operation, with its latency, and the charge
    labels = {"path": "/graphql", "operation": "createTask"}
    assert sample(after, "credits_http_requests_total", status="200", **labels) == (
        sample(before, "credits_http_requests_total", status="200", **labels) + 1
    )
    assert sample(after, "credits_http_request_duration_seconds_count", **labels) == (
        sample(before, "credits_http_request_duration_seconds_count", **labels) + 1
    )
    assert sample(after, "credits_charges_total", credit_type="credit-task-creation") == (
        sample(before, "credits_charges_total", credit_type="credit-task-creation") + 1
    )
    # and the credit path's own metrics are exposed
    for name in (
        "credits_rejections_total",
        "credits_lock_wait_seconds_bucket",
        "credits_charge_batch_size_bucket",
        "credits_websockets",
        "credits_outbox_pending",
        "credits_http_requests_in_progress",
    ):
        assert name in after, name


async def test_a_refused_query_is_labelled_without_running(api: Api) -> None:
    # when a query fails validation
    before = (await api.client.get("/metrics")).text
    await api.client.post("/graphql", json={"query": "{ nope }"})
    after = (await api.client.get("/metrics")).text

    # then it is counted, under no operation (nothing executed)
    labels = {"path": "/graphql", "operation": "none", "status": "200"}
    assert sample(after, "credits_http_requests_total", **labels) == (
        sample(before, "credits_http_requests_total", **labels) + 1
    )
