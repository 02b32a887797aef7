"""Every private or internal name of a library that the project relies on, checked against the
installed version.

Where a library's public API was too slow or had no hook, the project reaches into it: the
GraphQL fast paths (`resolvers.execution`, `query_plans`, `inputs`), validation kept per
document (`resolvers.document_checks`), the websocket handlers, tortoise's caches and model state, aerich's migration helpers. The libraries
behind these names are pinned exactly in pyproject.toml. Before moving one of those pins, run
this module: each failure names the library, the name and the project module relying on it, so
an upgrade is judged name by name rather than discovered as a wrong answer at run time.

The lists are data: a use added to or removed from the code is an entry added or removed here.
- IMPORTED: "module:qualified.name", or "module" alone for an internal module used by name;
  `positional` are the leading parameters the project passes by position or overrides (in
  order), `keywords` the ones it passes by name.
- ON_OBJECTS: attributes of objects the library builds at run time (an executor, a schema, a
  model instance), on the sample of that object that SAMPLES builds.
"""

from __future__ import annotations

import asyncio
import datetime
import importlib
import inspect
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import strawberry
from packaging.requirements import Requirement

STRAWBERRY = "strawberry-graphql"
GRAPHQL_CORE = "graphql-core"
TORTOISE = "tortoise-orm"
AERICH = "aerich"
UVICORN = "uvicorn"


@dataclass(frozen=True)
class Imported:
    library: str
    target: str
    used_by: str
    positional: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class OnObject:
    library: str
    sample: str
    attribute: str
    used_by: str


# strawberry's execution context subclasses graphql-core's executor: the methods below are
# graphql-core's, reached through the class the project subclasses.
EXECUTOR = "strawberry.schema.schema:StrawberryGraphQLCoreExecutionContext"
LEGACY_WS = "strawberry.subscriptions.protocols.graphql_ws.handlers:BaseGraphQLWSHandler"
TRANSPORT_WS = (
    "strawberry.subscriptions.protocols.graphql_transport_ws.handlers:BaseGraphQLTransportWSHandler"
)

IMPORTED = [
    # -- strawberry-graphql ---------------------------------------------------------------------
    Imported(
        STRAWBERRY,
        "strawberry.types.arguments:_is_leaf_type",
        "resolvers.inputs",
        positional=("type_", "scalar_registry"),
        keywords=("skip_classes",),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.types.arguments:InputContext.convert",
        "resolvers.inputs",
        positional=("self", "value", "type_"),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.types.arguments:convert_arguments",
        "resolvers.query_plans, tests.api.test_input_conversion",
        positional=("value", "arguments"),
        keywords=("scalar_registry", "config", "info"),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.types.base:StrawberryObjectDefinition",
        "resolvers.inputs",
    ),
    Imported(STRAWBERRY, "strawberry.types.base:StrawberryMaybe", "resolvers.inputs"),
    Imported(STRAWBERRY, "strawberry.types.base:StrawberryOptional", "resolvers.inputs"),
    Imported(
        STRAWBERRY,
        "strawberry.types.info:Info",
        "resolvers.query_plans (builds the Info strawberry's resolver wrapper builds)",
        keywords=("_raw_info", "_field"),
    ),
    Imported(STRAWBERRY, EXECUTOR, "resolvers.execution, tests.api.test_query_plans"),
    Imported(
        STRAWBERRY,
        "strawberry.schema.schema:validate_document",
        "resolvers.document_checks (validation kept per document)",
        positional=("schema", "document", "validation_rules"),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.schema.schema:validate",
        "tests.hardening.test_document_checks (counts the calls of the validate it calls)",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.schema.schema_converter:GraphQLCoreConverter.DEFINITION_BACKREF",
        "resolvers.inputs, resolvers.query_plans, resolvers.page_plans",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.extensions:MaskErrors._process_errors",
        "resolvers.schema (MaskUnexpectedErrors overrides it)",
        positional=("self", "errors"),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.extensions:MaskErrors._process_result",
        "resolvers.schema (MaskUnexpectedErrors overrides it)",
        positional=("self", "result"),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.schema.schema:Schema._create_execution_context",
        "resolvers.schema (CreditsSchema sets the validation rules and token limit on it)",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.extensions:MaskErrors.anonymise_error",
        "resolvers.schema (MaskUnexpectedErrors overrides it)",
        positional=("self", "error"),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.asgi:GraphQL.graphql_ws_handler_class",
        "resolvers.graphql_app",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.asgi:GraphQL.graphql_transport_ws_handler_class",
        "resolvers.graphql_app",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.asgi:GraphQL.execute_operation",
        "resolvers.graphql_app (overrides it and reads its `context` argument)",
        keywords=("context",),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.asgi:GraphQL.encode_json",
        "resolvers.graphql_app (overrides it)",
        positional=("self", "data"),
    ),
    Imported(
        STRAWBERRY, f"{TRANSPORT_WS}.handle_subscribe", "resolvers.graphql_app", ("self", "message")
    ),
    Imported(
        STRAWBERRY,
        f"{TRANSPORT_WS}.send_message",
        "resolvers.graphql_app (live-fanout sends through the socket's writer)",
        ("self", "message"),
    ),
    Imported(STRAWBERRY, f"{TRANSPORT_WS}.shutdown", "resolvers.graphql_app", ("self",)),
    Imported(
        STRAWBERRY,
        f"{TRANSPORT_WS}.handle_connection_init",
        "resolvers.graphql_app (drops the init timeout's task once initialised)",
        ("self", "message"),
    ),
    Imported(
        STRAWBERRY,
        f"{TRANSPORT_WS}.handle_complete",
        "resolvers.graphql_app (a client `complete` detaches a joined subscriber)",
        ("self", "message"),
    ),
    Imported(
        STRAWBERRY,
        f"{LEGACY_WS}.handle_stop",
        "resolvers.graphql_app (a `stop` detaches a joined subscriber)",
        ("self", "message"),
    ),
    Imported(
        STRAWBERRY,
        "strawberry.asgi:ASGIWebSocketAdapter.__init__",
        "resolvers.graphql_app (reads the adapter's `ws`, the Starlette WebSocket it wraps)",
        ("self", "view", "request", "response"),
    ),
    Imported(STRAWBERRY, f"{LEGACY_WS}.handle", "resolvers.graphql_app", ("self",)),
    Imported(
        STRAWBERRY,
        f"{LEGACY_WS}.handle_connection_init",
        "resolvers.graphql_app",
        ("self", "message"),
    ),
    Imported(STRAWBERRY, f"{LEGACY_WS}.handle_start", "resolvers.graphql_app", ("self", "message")),
    Imported(STRAWBERRY, f"{LEGACY_WS}.send_message", "resolvers.graphql_app", ("self", "message")),
    Imported(STRAWBERRY, f"{LEGACY_WS}.handle_keep_alive", "resolvers.graphql_app", ("self",)),
    Imported(
        STRAWBERRY,
        "strawberry.subscriptions.protocols.graphql_ws.types:ConnectionInitMessage",
        "resolvers.graphql_app",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.subscriptions.protocols.graphql_ws.types:StartMessage",
        "resolvers.graphql_app",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.subscriptions.protocols.graphql_ws.types:OperationMessage",
        "resolvers.graphql_app",
    ),
    Imported(
        STRAWBERRY,
        "strawberry.subscriptions.protocols.graphql_transport_ws.types:SubscribeMessage",
        "resolvers.graphql_app",
    ),
    Imported(STRAWBERRY, "strawberry.types.unset:UnsetType", "resolvers.graphql_app"),
    Imported(
        STRAWBERRY,
        "strawberry.schema.exceptions:InvalidOperationTypeError",
        "resolvers.schema (a query or mutation on the legacy graphql-ws protocol)",
    ),
    # -- graphql-core ---------------------------------------------------------------------------
    Imported(
        GRAPHQL_CORE,
        f"{EXECUTOR}.execute_operation",
        "resolvers.execution (overrides it)",
        positional=("self", "serially"),
    ),
    Imported(
        GRAPHQL_CORE,
        f"{EXECUTOR}.complete_value",
        "resolvers.execution (overrides it)",
        positional=(
            "self",
            "return_type",
            "field_details_list",
            "info",
            "path",
            "result",
            "position_context",
        ),
    ),
    Imported(
        GRAPHQL_CORE,
        f"{EXECUTOR}.build_resolve_info",
        "resolvers.query_plans",
        positional=("self", "field_def", "field_nodes", "parent_type", "path"),
    ),
    Imported(GRAPHQL_CORE, f"{EXECUTOR}.build_response", "resolvers.execution", ("self", "data")),
    Imported(GRAPHQL_CORE, f"{EXECUTOR}.finish", "resolvers.execution", ("self", "result")),
    Imported(
        GRAPHQL_CORE, f"{EXECUTOR}.is_awaitable", "resolvers.execution, resolvers.query_plans"
    ),
    Imported(
        GRAPHQL_CORE,
        "graphql.execution.collect_fields:collect_fields",
        "resolvers.query_plans",
        positional=("schema", "fragments", "variable_values", "runtime_type", "operation"),
    ),
    Imported(
        GRAPHQL_CORE,
        "graphql.execution.collect_fields:collect_subfields",
        "resolvers.query_plans",
        positional=(
            "schema",
            "fragments",
            "variable_values",
            "operation",
            "return_type",
            "field_details_list",
        ),
    ),
    Imported(
        GRAPHQL_CORE,
        "graphql.execution.collect_fields:FieldDetailsList",
        "resolvers.query_plans, resolvers.page_plans",
    ),
    Imported(
        GRAPHQL_CORE, "graphql.execution.collect_fields:FragmentDetails", "resolvers.query_plans"
    ),
    Imported(
        GRAPHQL_CORE,
        "graphql.execution.values:get_argument_values",
        "resolvers.query_plans",
        positional=(
            "type_def",
            "node",
            "variable_values",
            "fragment_variable_values",
            "hide_suggestions",
        ),
    ),
    Imported(GRAPHQL_CORE, "graphql.pyutils:gather_with_cancel", "resolvers.query_plans"),
    # -- tortoise-orm ---------------------------------------------------------------------------
    Imported(
        TORTOISE,
        "tortoise.backends.base.executor:EXECUTOR_CACHE.clear",
        "services.migrate, tests.conftest, tests.test_migrations",
    ),
    Imported(
        TORTOISE,
        "tortoise.backends.base.config_generator:expand_db_url",
        "models.connection",
        positional=("db_url",),
    ),
    Imported(
        TORTOISE,
        "tortoise.backends.base.client:BaseDBAsyncClient",
        "services (type of a connection), tests.test_migrations",
    ),
    Imported(TORTOISE, "tortoise.backends.asyncpg", "models.connection (ASYNCPG_ENGINE)"),
    Imported(
        TORTOISE,
        "tortoise:Tortoise.init",
        "app (requests find the lifespan's ORM context)",
        keywords=("_enable_global_fallback",),
    ),
    # -- aerich ---------------------------------------------------------------------------------
    Imported(AERICH, "aerich.utils:decompress_dict", "scripts.make_migration", ("compressed_str",)),
    # Its `request`/`response` (set at the handshake) are cleared after accept, and its `queue`
    # and `writable` swapped for lighter objects with the methods it calls on them (`put_nowait`,
    # `get`, `empty`; `wait`, `set`, `clear`); resolvers.lean_connection checks the class and
    # the attributes at run time and leaves anything else alone.
    Imported(
        UVICORN,
        "uvicorn.protocols.websockets.websockets_sansio_impl:WebSocketsSansIOProtocol",
        "resolvers.lean_connection.lighten_connection (trims a connection once accepted)",
    ),
    Imported(
        AERICH,
        "aerich.utils:get_formatted_compressed_data",
        "scripts.make_migration",
        ("dictionary",),
    ),
]

ON_OBJECTS = [
    # -- strawberry-graphql ---------------------------------------------------------------------
    *(
        OnObject(STRAWBERRY, "strawberry.Schema", attribute, used_by)
        for attribute, used_by in [
            ("_schema", "resolvers.inputs, resolvers.query_cost; tests"),
            ("schema_converter.scalar_registry", "resolvers.inputs, resolvers.query_plans"),
            ("exception_handlers", "resolvers.query_plans"),
            ("config.info_class", "resolvers.query_plans"),
            ("config.name_converter.from_field", "resolvers.inputs"),
        ]
    ),
    OnObject(STRAWBERRY, "GraphQLSchema", "_strawberry_schema", "resolvers.query_plans"),
    OnObject(STRAWBERRY, "default resolver", "_is_default", "resolvers.query_plans"),
    *(
        OnObject(STRAWBERRY, "StrawberryField", attribute, "resolvers.query_plans, inputs")
        for attribute in (
            "base_resolver",
            "arguments",
            "get_result",
            "default_resolver",
            "python_name",
            "resolve_type",
            "default_value",
            "default_factory",
        )
    ),
    *(
        OnObject(STRAWBERRY, "StrawberryResolver", attribute, "resolvers.query_plans")
        for attribute in ("self_parameter", "parent_parameter", "root_parameter", "info_parameter")
    ),
    OnObject(STRAWBERRY, "input definition", "from_input", "resolvers.inputs"),
    OnObject(STRAWBERRY, "input definition", "is_input", "resolvers.inputs"),
    OnObject(STRAWBERRY, "GraphQL view", "connection_init_wait_timeout", "resolvers.graphql_app"),
    *(
        OnObject(STRAWBERRY, "legacy graphql-ws handler", attribute, "resolvers.graphql_app")
        for attribute in (
            "view",
            "websocket",
            "context",
            "keep_alive",
            "keep_alive_task",
            "connection_acknowledged",
        )
    ),
    *(
        OnObject(STRAWBERRY, "graphql-transport-ws handler", attribute, "resolvers.graphql_app")
        for attribute in (
            "connection_init_timeout_task",
            "connection_init_received",
            "connection_acknowledged",
        )
    ),
    # -- graphql-core ---------------------------------------------------------------------------
    *(
        OnObject(GRAPHQL_CORE, "executor", attribute, "resolvers.execution, resolvers.query_plans")
        for attribute in (
            "middleware_manager",
            "abort_signal",
            "schema",
            "operation",
            "fragments",
            "root_value",
            "variable_values",
            "hide_suggestions",
            "type_resolver",
        )
    ),
    OnObject(GRAPHQL_CORE, "FieldDetails", "node", "resolvers.query_plans, resolvers.page_plans"),
    OnObject(GRAPHQL_CORE, "FieldDetails", "fragment_variable_values", "resolvers.query_plans"),
    # -- tortoise-orm ---------------------------------------------------------------------------
    *(
        OnObject(TORTOISE, "Model instance", attribute, "models.rows (new_row sets it)")
        for attribute in ("_partial", "_saved_in_db", "_custom_generated_pk", "_await_when_save")
    ),
    *(
        OnObject(TORTOISE, "Model._meta", attribute, used_by)
        for attribute, used_by in [
            ("db", "models.queries, models.json_pages, bench.run"),
            ("db_table", "models, services.ledger.statement, services.ledger.writes"),
            ("fields_map", "models.queries, services.ledger.statement"),
            ("fields_db_projection", "models.rows, services.ledger.statement"),
        ]
    ),
    *(
        OnObject(TORTOISE, "Model field", attribute, used_by)
        for attribute, used_by in [
            ("generated", "services.ledger.statement"),
            ("get_for_dialect", "services.ledger.statement"),
            ("to_python_value", "models.queries"),
        ]
    ),
    # -- uvicorn --------------------------------------------------------------------------------
    *(
        OnObject(UVICORN, "websockets-sansio protocol", attribute, "resolvers.lean_connection")
        for attribute in ("handshake_complete", "queue", "writable")
    ),
    # Read before each direct write; its `conn` is the websockets library's (public) protocol,
    # whose `state` and `extensions` are read.
    *(
        OnObject(UVICORN, "websockets-sansio protocol", attribute, "resolvers.wire_frames")
        for attribute in ("conn", "close_sent", "disconnected", "transport", "writable")
    ),
]


# -- samples: objects the libraries build, as the project meets them -----------------------------


@strawberry.input
class ProbeInput:
    name: str


@strawberry.type
class ProbeQuery:
    plain: int = 1

    @strawberry.field
    def computed(self, value: ProbeInput) -> str:
        return value.name


def _strawberry_samples() -> dict[str, Any]:
    from graphql import parse
    from graphql.execution.collect_fields import collect_fields
    from strawberry.asgi import GraphQL
    from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
    from strawberry.schema.schema_converter import GraphQLCoreConverter
    from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
    from strawberry.types.base import get_object_definition

    executors: list[Any] = []

    class Capturing(StrawberryGraphQLCoreExecutionContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            executors.append(self)

    schema = strawberry.Schema(query=ProbeQuery, execution_context_class=Capturing)
    result = schema.execute_sync('{ plain computed(value: {name: "x"}) }', root_value=ProbeQuery())
    if result.errors:
        raise RuntimeError(f"the probe schema failed to execute: {result.errors}")
    graphql_schema = schema._schema
    query_type = graphql_schema.query_type
    assert query_type is not None
    field = query_type.fields["computed"].extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
    executor = executors[0]
    grouped = collect_fields(
        graphql_schema,
        executor.fragments,
        executor.variable_values,
        query_type,
        parse("{ plain }").definitions[0],
    )[0]
    return {
        "strawberry.Schema": schema,
        "GraphQLSchema": graphql_schema,
        "default resolver": query_type.fields["plain"].resolve,
        "StrawberryField": field,
        "StrawberryResolver": field.base_resolver,
        "input definition": get_object_definition(ProbeInput, strict=True),
        "GraphQL view": GraphQL(schema, connection_init_wait_timeout=datetime.timedelta(seconds=1)),
        # Built outside a connection: only what its constructor sets is looked at.
        "legacy graphql-ws handler": BaseGraphQLWSHandler(
            None, None, None, None, schema, True, 1.0
        ),
        "graphql-transport-ws handler": _transport_ws_handler_class()(
            None, None, None, None, schema, datetime.timedelta(seconds=1)
        ),
        "executor": executor,
        "FieldDetails": grouped["plain"][0],
    }


def _transport_ws_handler_class() -> Any:
    module, _, name = TRANSPORT_WS.partition(":")
    return getattr(importlib.import_module(module), name)


def _tortoise_samples() -> dict[str, Any]:
    from tortoise import fields
    from tortoise.models import Model

    class Probe(Model):
        id = fields.IntField(primary_key=True)
        name = fields.CharField(max_length=20)

        class Meta:
            app = "private_names_probe"

    return {
        "Model instance": Probe(id=1, name="probe"),
        "Model._meta": Probe._meta,
        "Model field": Probe._meta.fields_map["name"],
    }


def _uvicorn_samples() -> dict[str, Any]:
    from uvicorn.config import Config
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
    from uvicorn.server import ServerState

    async def app(scope: Any, receive: Any, send: Any) -> None:
        pass

    config = Config(app, ws="websockets-sansio")
    config.load()
    loop = asyncio.new_event_loop()
    try:
        # Built outside a connection: only what its constructor sets is looked at.
        protocol = WebSocketsSansIOProtocol(config, ServerState(), {}, _loop=loop)
    finally:
        loop.close()
    return {"websockets-sansio protocol": protocol}


# Which builder makes the samples of a library's objects (graphql-core's come from a strawberry
# schema, as the project meets them).
SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    STRAWBERRY: _strawberry_samples,
    GRAPHQL_CORE: _strawberry_samples,
    TORTOISE: _tortoise_samples,
    UVICORN: _uvicorn_samples,
}


@cache
def _built(builder: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    return builder()


# -- checks --------------------------------------------------------------------------------------


def _fail(library: str, name: str, used_by: str, problem: str) -> None:
    pytest.fail(
        f"{library} {version(library)}: `{name}` {problem}. Relied on by: {used_by}.",
        pytrace=False,
    )


def _lookup(owner: Any, dotted: str) -> Any:
    """`owner.a.b.c`, reading the last attribute without running it (a property of an object
    that is not set up, like a model's `_meta.db`, is still there)."""
    *path, last = dotted.split(".")
    for part in path:
        owner = getattr(owner, part)
    return inspect.getattr_static(owner, last)


@pytest.mark.parametrize("name", IMPORTED, ids=lambda name: name.target)
def test_an_imported_name_is_still_there(name: Imported) -> None:
    module_name, _, qualified = name.target.partition(":")
    try:
        module = importlib.import_module(module_name)
        found = _lookup(module, qualified) if qualified else module
    except (ImportError, AttributeError) as error:
        _fail(name.library, name.target, name.used_by, f"is gone ({error})")
        return
    if not (name.positional or name.keywords):
        return
    function = found.__func__ if isinstance(found, staticmethod | classmethod) else found
    parameters = inspect.signature(function).parameters
    leading = tuple(parameters)[: len(name.positional)]
    if leading != name.positional:
        _fail(
            name.library,
            name.target,
            name.used_by,
            f"now starts with the parameters {leading}, not {name.positional}",
        )
    missing = [keyword for keyword in name.keywords if keyword not in parameters]
    if missing:
        _fail(name.library, name.target, name.used_by, f"no longer takes {missing}")


@pytest.mark.parametrize(
    "name", ON_OBJECTS, ids=lambda name: f"{name.library}:{name.sample}.{name.attribute}"
)
def test_an_attribute_of_a_library_object_is_still_there(name: OnObject) -> None:
    try:
        sample = _built(SAMPLES[name.library])[name.sample]
    except Exception as error:
        _fail(
            name.library, f"<{name.sample}>", name.used_by, f"cannot be built any more ({error!r})"
        )
        return
    try:
        _lookup(sample, name.attribute)
    except AttributeError as error:
        _fail(name.library, f"<{name.sample}>.{name.attribute}", name.used_by, f"is gone ({error})")


def test_every_library_with_relied_on_names_is_pinned_exactly() -> None:
    # given the project's declared dependencies
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    declared = {
        (requirement := Requirement(line)).name: requirement
        for line in pyproject["project"]["dependencies"]
    }
    # then each library whose internals are listed here is pinned to one version, the installed one
    libraries = {name.library for name in IMPORTED} | {name.library for name in ON_OBJECTS}
    for library in sorted(libraries):
        specifiers = list(declared[library].specifier) if library in declared else []
        pinned = [spec.version for spec in specifiers if spec.operator == "=="]
        assert pinned == [version(library)], (
            f"{library}: pyproject.toml declares {specifiers or 'nothing'}; its private names are "
            f"checked here against {version(library)}, so it must be pinned =={version(library)}"
        )
