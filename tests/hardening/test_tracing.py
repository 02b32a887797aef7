"""OpenTelemetry tracing (the `otel` extra): a span per GraphQL operation named by its root fields,
the charge's lock wait and batch commit under it with the database and Redis calls, errors
marked; nothing at all when OTEL_EXPORTER_OTLP_ENDPOINT is unset; a real server exporting
over OTLP/HTTP."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from tortoise.context import TortoiseContext

from app import create_app
from resolvers.tracing import OperationTracing
from services import tracing
from settings import FastPath, Settings
from tests import backends
from tests.api.plan_switch import outcomes
from tests.conftest import Api, in_process, require_fast_paths
from tests.factories import make_project, make_tenant, make_user, token_for
from tests.live.client import TRANSPORT_WS, LiveClient
from tests.servers import REPO, start_server
from tests.waiting import eventually

CREATE_TASK = """
mutation($p: ID!) { createTask(input: {projectId: $p, title: "t"}) { __typename } }
"""


@dataclass
class Traced:
    api: Api
    exporter: InMemorySpanExporter

    def spans(self) -> tuple[ReadableSpan, ...]:
        return self.exporter.get_finished_spans()

    def operations(self) -> list[ReadableSpan]:
        return [span for span in self.spans() if span.name.startswith("graphql.")]


@pytest.fixture
async def traced(settings: Settings) -> AsyncIterator[Traced]:
    """The app in-process with tracing on into an in-memory exporter (synchronous export)."""
    exporter = InMemorySpanExporter()
    try:
        async with in_process(settings, span_exporter=exporter) as api:
            yield Traced(api, exporter)
    finally:
        tracing.shutdown()


def in_trace(spans: Sequence[ReadableSpan], root: ReadableSpan) -> list[ReadableSpan]:
    """The spans under `root` (children, grandchildren, ...)."""
    assert root.context is not None
    below = {root.context.span_id}
    found: list[ReadableSpan] = []
    grew = True
    while grew:
        grew = False
        for span in spans:
            assert span.context is not None
            inside = span.parent is not None and span.parent.span_id in below
            if inside and span.context.span_id not in below:
                below.add(span.context.span_id)
                found.append(span)
                grew = True
    return found


def child_of(span: ReadableSpan, parent: ReadableSpan) -> bool:
    assert parent.context is not None
    return span.parent is not None and span.parent.span_id == parent.context.span_id


async def test_a_create_task_is_one_operation_span_with_its_charge_under_it(
    traced: Traced,
) -> None:
    # given a member with a project
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)

    # when it creates a task
    data = await traced.api.gql(
        CREATE_TASK, {"p": str(project.id)}, token=token_for(user), tenant=tenant.slug
    )
    assert data["createTask"]["__typename"] == "CreateTaskSuccess"

    # then there is one operation span, named by the mutation's root field
    [operation] = traced.operations()
    assert operation.name == "graphql.mutation createTask"
    assert operation.kind is SpanKind.SERVER
    assert operation.status.status_code is StatusCode.UNSET
    assert operation.attributes is not None
    assert operation.attributes["graphql.operation.type"] == "mutation"
    assert operation.attributes["credits.tenant"] == tenant.slug
    assert operation.resource.attributes["service.name"] == "credits-api"
    # and the charge's lock wait and batch commit are its children (the batch ends after the
    # answer: it publishes the usage event and releases the lock first)
    spans = await eventually(
        traced.spans,
        until=lambda spans: any(span.name == "ledger.batch_commit" for span in spans),
        what="the batch commit's span",
    )
    [wait] = [span for span in spans if span.name == "ledger.lock_wait"]
    [batch] = [span for span in spans if span.name == "ledger.batch_commit"]
    assert child_of(wait, operation) and child_of(batch, operation)
    assert [link.context.span_id for link in batch.links] == [operation.context.span_id]  # type: ignore[union-attr]
    assert batch.attributes == {"credits.batch.size": 1, "credits.batch.tenants": 1}
    # and no token or secret is in any span of the trace
    below = in_trace(spans, operation)
    text = json.dumps([dict(span.attributes or {}) for span in [operation, *below]])
    assert token_for(user).split(".")[1] not in text and "Bearer" not in text

    if backends.is_postgres():
        # and on PostgreSQL + Redis the database and Redis calls are in the trace, under the
        # batch commit (the guarded write) and the request (e.g. its auth is cached, its reads)
        database = [s for s in below if (s.attributes or {}).get("db.system") == "postgresql"]
        redis = [s for s in below if (s.attributes or {}).get("db.system") == "redis"]
        assert any(child_of(span, batch) for span in database), [s.name for s in below]
        assert redis, [s.name for s in below]
        assert all(span.kind is SpanKind.CLIENT for span in database + redis)


async def test_spans_are_named_by_root_fields_never_by_client_chosen_names(
    traced: Traced,
) -> None:
    # given a member
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)

    # when it sends a named operation with aliases and a fragment
    await traced.api.gql(
        """
        query StolenCreditCard_4111 {
          secretAlias: usageSummary { used }
          anotherAlias: creditTypes { value }
          ...Plans
        }
        fragment Plans on Query { plans { name } }
        """,
        token=token_for(user),
        tenant=tenant.slug,
    )

    # then the span is named by the schema's root field names (sorted), and nothing the client
    # chose appears in its name or attributes
    [operation] = traced.operations()
    assert operation.name == "graphql.query creditTypes plans usageSummary"
    text = operation.name + json.dumps(dict(operation.attributes or {}))
    for chosen in ("StolenCreditCard_4111", "secretAlias", "anotherAlias", "Plans"):
        assert chosen not in text


async def test_a_planned_query_gets_its_span_too(traced: Traced, settings: Settings) -> None:
    require_fast_paths(settings, FastPath.QUERY_PLANS)
    # given a member with a project
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    await make_project(tenant, by=user)
    before = outcomes()

    # when it reads its projects (a query the fast path runs from its plan)
    data = await traced.api.gql(
        "{ projects(first: 5) { edges { node { name } } } }",
        token=token_for(user),
        tenant=tenant.slug,
    )

    # then it ran planned (the tracing extension adds no field middleware, which would turn
    # the plans off), and it has its span
    assert data["projects"]["edges"][0]["node"]["name"] == "Project"
    assert outcomes()["planned"] - before["planned"] == 1
    assert [span.name for span in traced.operations()] == ["graphql.query projects"]


async def test_a_top_level_error_marks_the_operation_span_as_an_error(traced: Traced) -> None:
    # when a query needs credentials it lacks, and a document fails validation
    unauthenticated = (await traced.api.post("{ usageSummary { used } }")).json()
    invalid = (await traced.api.post("{ secretTokenAsAField }")).json()
    assert unauthenticated["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert invalid["errors"][0]["extensions"]["code"] == "BAD_REQUEST"

    # then both spans are errors, described by the codes; the invalid document's span is not
    # named by its (nonexistent) field
    by_name = {span.name: span for span in traced.operations()}
    assert set(by_name) == {"graphql.query usageSummary", "graphql.operation"}
    assert by_name["graphql.query usageSummary"].status.status_code is StatusCode.ERROR
    assert by_name["graphql.query usageSummary"].status.description == "UNAUTHENTICATED"
    assert by_name["graphql.operation"].status.status_code is StatusCode.ERROR
    assert by_name["graphql.operation"].status.description == "BAD_REQUEST"


async def test_without_an_endpoint_tracing_is_off_and_records_nothing(
    settings: Settings,
) -> None:
    # given tracing was on (a previous app), and an app built without an endpoint
    tracing.configure(settings, exporter=InMemorySpanExporter())
    assert tracing.active()
    app = create_app(settings)

    # then tracing reports off, hands out no spans, and the schema runs no tracing extension
    assert settings.otel_exporter_otlp_endpoint is None
    assert not tracing.active()
    assert tracing.start_child("anything") is None
    assert tracing.start_current("anything", {}) is None
    graphql = next(route for route in app.routes if getattr(route, "path", "") == "/graphql")
    extensions = graphql.app.schema.extensions  # type: ignore[attr-defined]
    assert OperationTracing not in extensions


# Runs a charge in a fresh interpreter, the app in-process, configured from the environment,
# and says which opentelemetry modules were loaded once the modules were imported (redis-py 8
# imports the SDK's metrics for its own optional instrumentation when it is installed) and
# after the app was built and served the charge.
CHARGE_IN_A_FRESH_PROCESS = """
import asyncio, json, os, sys
import httpx
from asgi_lifespan import LifespanManager
from app import create_app

def loaded():
    return sorted(name for name in sys.modules if name.startswith("opentelemetry"))

async def main():
    imported = loaded()
    app = create_app()
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.post(
                "/graphql",
                json={"query": os.environ["QUERY"], "variables": {"p": os.environ["PROJECT"]}},
                headers={"Authorization": "Bearer " + os.environ["TOKEN"],
                         "X-Tenant": os.environ["TENANT"]},
            )
    print(json.dumps({
        "response": response.json(),
        "imported": imported,
        "served": loaded(),
        "tracing_sdk": "services.tracing_sdk" in sys.modules,
    }))

asyncio.run(main())
"""


async def test_without_an_endpoint_a_charge_imports_no_opentelemetry(
    db: TortoiseContext, server_env: dict[str, str]
) -> None:
    # given a member with a project
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)

    # when a fresh process with an empty OTEL_EXPORTER_OTLP_ENDPOINT (unset) serves a createTask
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHARGE_IN_A_FRESH_PROCESS,
        cwd=REPO,
        env={
            **os.environ,
            **server_env,
            "RATE_LIMITS": "off",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "",
            "QUERY": CREATE_TASK,
            "PROJECT": str(project.id),
            "TOKEN": token_for(user),
            "TENANT": tenant.slug,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    outcome = json.loads(stdout.decode().splitlines()[-1])

    # then the charge went through, building the app and serving it imported no opentelemetry
    # module, and neither the tracing implementation, the SDK's tracing nor an
    # instrumentation was ever loaded
    assert outcome["response"]["data"]["createTask"]["__typename"] == "CreateTaskSuccess"
    assert outcome["served"] == outcome["imported"]
    assert not outcome["tracing_sdk"]
    assert not [
        name
        for name in outcome["served"]
        if name.startswith(("opentelemetry.sdk.trace", "opentelemetry.instrumentation"))
    ]


@dataclass
class Collector:
    """A stand-in OTLP/HTTP collector: records each POST's path, content type and body."""

    port: int
    posts: list[tuple[str, str, bytes]] = field(default_factory=list)


@pytest.fixture
def collector() -> Iterator[Collector]:
    posts: list[tuple[str, str, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            posts.append((self.path, self.headers.get("content-type", ""), body))
            self.send_response(200)
            self.send_header("content-type", "application/x-protobuf")
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Collector(server.server_address[1], posts)
    finally:
        server.shutdown()
        server.server_close()


def exported_spans(collector: Collector) -> list[tuple[str, str]]:
    """(service name, span name) of every span the collector received on /v1/traces."""
    found = []
    for path, content_type, body in list(collector.posts):
        assert path == "/v1/traces" and content_type == "application/x-protobuf"
        request = ExportTraceServiceRequest.FromString(body)
        for resource_spans in request.resource_spans:
            service = next(
                attribute.value.string_value
                for attribute in resource_spans.resource.attributes
                if attribute.key == "service.name"
            )
            for scope_spans in resource_spans.scope_spans:
                found.extend((service, span.name) for span in scope_spans.spans)
    return found


async def test_a_real_server_exports_its_spans_over_otlp_http(
    db: TortoiseContext, server_env: dict[str, str], collector: Collector, tmp_path: Path
) -> None:
    # given a member with a project, and a server whose OTLP endpoint is a local collector
    tenant = await make_tenant(credits=10)
    user = await make_user(tenant)
    project = await make_project(tenant, by=user)
    env = {
        **server_env,
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{collector.port}",
        "OTEL_SERVICE_NAME": "credits-api-eu",
        # The batch processor's delay (5 s by default), so the test does not wait for it.
        "OTEL_BSP_SCHEDULE_DELAY": "100",
    }
    server = start_server(env, tmp_path)
    try:
        # when a task is created over HTTP and a query runs over a websocket
        async with httpx.AsyncClient(timeout=10) as http:
            created = await http.post(
                server.graphql_url,
                json={"query": CREATE_TASK, "variables": {"p": str(project.id)}},
                headers={"Authorization": f"Bearer {token_for(user)}", "X-Tenant": tenant.slug},
            )
        assert created.json()["data"]["createTask"]["__typename"] == "CreateTaskSuccess"
        socket = await LiveClient.connect(
            server.ws_url, TRANSPORT_WS, token=token_for(user), tenant=tenant.slug
        )
        try:
            await socket.subscribe("query Mine { mine: usageSummary { used } }")
            answer = await socket.receive(wait=10)
            assert answer["payload"]["data"] == {"mine": {"used": 1}}, answer
        finally:
            await socket.close()

        # then the collector receives their spans on /v1/traces, as protobuf, from the
        # service OTEL_SERVICE_NAME names
        expected = {
            ("credits-api-eu", "graphql.mutation createTask"),
            ("credits-api-eu", "ledger.lock_wait"),
            ("credits-api-eu", "ledger.batch_commit"),
            ("credits-api-eu", "graphql.query usageSummary"),
        }
        await eventually(
            lambda: exported_spans(collector),
            until=lambda spans: expected <= set(spans),
            what=f"spans {sorted(expected)} exported",
        )
    finally:
        server.stop()
    assert "tracing on" in server.log()


def test_without_the_extra_a_server_with_an_endpoint_warns_and_serves(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    # given a Python path on which opentelemetry cannot be imported (as without the extra)
    blocked = tmp_path / "no-otel" / "opentelemetry"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'opentelemetry'\", name='opentelemetry')\n"
    )
    env = {
        **server_env,
        "PYTHONPATH": str(blocked.parent),
        "CREDITS_ENV": "production",
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318",
    }

    # when a production server starts with an endpoint set
    server = start_server(env, tmp_path)
    try:
        # then it serves
        answer = httpx.post(server.graphql_url, json={"query": "{ creditTypes { value } }"})
        assert answer.json()["data"]["creditTypes"]
    finally:
        server.stop()
    # and said once, as a JSON warning, that tracing is off and how to turn it on
    lines = [json.loads(line) for line in server.log().splitlines() if line.startswith("{")]
    [warning] = [line for line in lines if "OTEL_EXPORTER_OTLP_ENDPOINT" in line["event"]]
    assert warning["level"] == "warning"
    assert "pip install 'credits-api[otel]'" in warning["event"]
    assert warning["missing"] == "opentelemetry"
