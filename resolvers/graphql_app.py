"""The GraphQL endpoint (HTTP and websockets) with our context and connection auth.

Websockets authenticate once, at `connection_init` (`{"authorization": "Bearer …", "tenant": …}`):
a bad token or a tenant the user is not a member of closes the socket with 4403 before any
operation runs, on graphql-transport-ws (strawberry's own behaviour) and on the legacy graphql-ws
(our handler below; strawberry's closes those with 1011). On shutdown uvicorn closes every open
socket with 1012 (service restart) and waits for the handlers to finish their cleanup.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from collections.abc import Callable
from contextvars import Token
from datetime import timedelta
from typing import Any, cast
from uuid import uuid4

import orjson
from graphql import GraphQLError, parse
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry import Schema
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.subscriptions.protocols.graphql_ws.types import (
    ConnectionInitMessage,
    OperationMessage,
    StartMessage,
    StopMessage,
)
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from resolvers import live_fanout
from resolvers.context import Context
from resolvers.json_text import JsonText
from resolvers.key_sockets import KeySockets
from resolvers.lean_connection import lighten_connection
from resolvers.live_sockets import FORBIDDEN, SocketWriter
from resolvers.loaders import Loaders
from resolvers.observability import current_request_id
from resolvers.schema import CreditsSchema
from resolvers.wire_frames import DirectWire
from services import metrics
from services.auth import Authenticator
from services.runtime import Runtime
from settings import FastPath

INIT_TIMEOUT = 4408
TOO_MANY_INITS = 4429


def _fresh_loaders(context: Any) -> None:
    """A websocket's context lives as long as the connection: each operation gets fresh
    DataLoaders so their caches neither grow without bound nor serve stale rows, and checks
    an API key again (a key revoked since the last operation is refused)."""
    if isinstance(context, Context):
        context.forget_api_key()
        context.loaders = Loaders(context.loaders.tenant_id)


class _LiveSending:
    """With fast path live-fanout: every message of the socket goes through its bounded
    writer (the fan-out writes there too, so they stay in order), and each operation's task
    learns which socket and operation it serves (`live_fanout.CURRENT`)."""

    view: Any
    websocket: Any
    live_writer: SocketWriter | None = None
    # Operations that joined their render group, by id: their strawberry operation (task,
    # generator) has ended; the group writes their frames. An id here is live for the
    # protocol: the server sends no `complete` for it on its own, the client's
    # `complete`/`stop` detaches it, and the connection's end detaches them all.
    live_joined: dict[str, tuple[live_fanout.Group, live_fanout.Member]] | None = None

    def _start_live(self) -> None:
        hub = getattr(self.view, "live_hub", None)
        socket = getattr(self.websocket, "ws", None)
        if hub is not None and isinstance(socket, WebSocket):
            wire = DirectWire.of(socket) if hub.direct_frames else None
            self.live_writer = SocketWriter(socket, wire=wire)
            self.live_joined = {}
            lighten_connection(socket)

    def _joined(self, id: str, group: live_fanout.Group, member: live_fanout.Member) -> None:
        if self.live_joined is None or self.live_writer is None or self.live_writer.closed:
            # The connection ended meanwhile: nobody would detach it.
            self.view.live_hub.detach(group, member)
            metrics.LIVE_SUBSCRIPTIONS.dec()
            return
        self.live_joined[id] = (group, member)

    def _leave(self, id: str) -> bool:
        """Detaches the joined operation `id`; False when there is none."""
        joined = self.live_joined.pop(id, None) if self.live_joined else None
        if joined is None:
            return False
        self.view.live_hub.detach(*joined)
        metrics.LIVE_SUBSCRIPTIONS.dec()
        return True

    def _leave_all(self) -> None:
        for id in list(self.live_joined or ()):
            self._leave(id)
        self.live_joined = None

    def _is_joined_complete(self, message: Any) -> bool:
        """The `complete` strawberry sends when a joined operation's task ends: not sent (the
        operation goes on in its group)."""
        return (
            bool(self.live_joined)
            and isinstance(message, dict)
            and message.get("type") == "complete"
            and message.get("id") in self.live_joined  # type: ignore[operator]
        )

    def _live_operation(self, protocol: str, id: str, payload: Any) -> Token[Any] | None:
        if self.live_writer is None or not isinstance(payload, dict):
            return None
        variables = payload.get("variables")
        return live_fanout.CURRENT.set(
            live_fanout.LiveOperation(
                hub=self.view.live_hub,
                writer=self.live_writer,
                id=id,
                protocol=protocol,
                query=payload.get("query") or "",
                variables=variables if isinstance(variables, dict) else None,
                operation_name=payload.get("operationName"),
                joined=functools.partial(self._joined, id),
            )
        )

    async def _send_live(self, message: Any) -> bool:
        # Before the ack, messages go straight out: a refusal's message must precede the
        # close that follows it, which does not go through the writer.
        if self.live_writer is None or not getattr(self, "connection_acknowledged", False):
            return False
        if self._is_joined_complete(message):
            return True
        await self.live_writer.send(self.view.encode_json(message))
        return True


def _unparsable(schema: Schema, message: SubscribeMessage) -> dict[str, Any] | None:
    """The error a subscribe message's document fails to parse with, formatted; None when it
    parses (or is not a string: strawberry answers that itself)."""
    query = message.get("payload", {}).get("query")
    if not isinstance(query, str):
        return None
    max_tokens = getattr(schema, "max_tokens", None)
    try:
        parse(query, max_tokens=max_tokens)
    except GraphQLError as error:
        error.extensions = {**(error.extensions or {}), "code": "BAD_REQUEST"}
        return error.formatted  # type: ignore[return-value]
    return None


class TransportWSHandler(_LiveSending, BaseGraphQLTransportWSHandler[Any, Any]):
    """graphql-transport-ws, with fresh loaders per operation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._start_live()

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged and self.live_joined and message["id"] in self.live_joined:
            # A joined operation is still live (strawberry no longer holds it).
            reason = f"Subscriber for {message['id']} already exists"
            await self.websocket.close(code=4409, reason=reason)
            return
        if self.connection_acknowledged and (refusal := _unparsable(self.view.schema, message)):
            # strawberry lets a syntax error (or the token limit) escape the operation's
            # task, which then answers `complete` and nothing else: say what was wrong.
            await self.send_message({"type": "error", "id": message["id"], "payload": [refusal]})
            return
        _fresh_loaders(self.context)
        # The operation's task is created inside and copies the contextvar as it is now.
        token = self._live_operation("graphql-transport-ws", message["id"], message["payload"])
        try:
            await super().handle_subscribe(message)
        finally:
            if token is not None:
                live_fanout.CURRENT.reset(token)
                # The last message received stays referenced by strawberry's receive loop
                # until the next one: the operation took what it needs from it.
                cast(dict[str, Any], message).clear()

    async def handle_connection_init(self, message: Any) -> None:
        await super().handle_connection_init(message)
        if self.live_writer is not None and self.connection_init_received:
            # Cancelled by the init: its task (and coroutine) need not live as long as the
            # connection (shutdown cancels it only while it is set).
            self.connection_init_timeout_task = None

    async def handle_complete(self, message: Any) -> None:
        self._leave(message["id"])
        await super().handle_complete(message)

    async def send_message(self, message: Any) -> None:
        if not await self._send_live(message):
            await super().send_message(message)

    async def shutdown(self) -> None:
        await super().shutdown()
        if self.live_writer is not None:
            self.live_writer.stop()
        self._leave_all()


class LegacyWSHandler(_LiveSending, BaseGraphQLWSHandler[Any, Any]):
    """The legacy graphql-ws protocol, held to the same rules as graphql-transport-ws: a refused
    `connection_init` closes with 4403 (after a `connection_error` message), one init only, and
    a connection that does not initialise in time is closed (4408)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_wait = self.view.connection_init_wait_timeout.total_seconds()
        self._init_received = False
        self._start_live()

    async def handle(self) -> None:
        init_timeout = asyncio.create_task(self._close_unless_initialised())
        try:
            await super().handle()
        finally:
            init_timeout.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await init_timeout
            if self.live_writer is not None:
                self.live_writer.stop()
            self._leave_all()

    async def send_message(self, message: Any) -> None:
        if not await self._send_live(message):
            await super().send_message(message)

    async def _close_unless_initialised(self) -> None:
        await asyncio.sleep(self._init_wait)
        if not self._init_received:
            with contextlib.suppress(Exception):
                await self.websocket.close(INIT_TIMEOUT, "Connection initialisation timeout")

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        if self._init_received:
            await self.websocket.close(TOO_MANY_INITS, "Too many initialisation requests")
            return
        self._init_received = True
        payload = message.get("payload")
        if payload is not None and not isinstance(payload, dict):
            await self.send_message({"type": "connection_error"})
            await self.websocket.close(FORBIDDEN, "Invalid connection init payload")
            return
        if isinstance(self.context, dict):
            self.context["connection_params"] = payload
        elif hasattr(self.context, "connection_params"):
            self.context.connection_params = payload
        try:
            ack_payload = await self.view.on_ws_connect(self.context)
        except ConnectionRejectionError as error:
            await self.send_message({"type": "connection_error", "payload": error.payload})
            await self.websocket.close(FORBIDDEN, "Forbidden")
            return
        ack: OperationMessage = {"type": "connection_ack"}
        if not isinstance(ack_payload, UnsetType) and ack_payload is not None:
            ack = {"type": "connection_ack", "payload": ack_payload}
        await self.send_message(ack)
        self.connection_acknowledged = True
        if self.keep_alive:
            self.keep_alive_task = asyncio.create_task(self.handle_keep_alive())

    async def handle_stop(self, message: StopMessage) -> None:
        await self._stop_joined(message["id"])
        await super().handle_stop(message)

    async def _stop_joined(self, id: str) -> None:
        """A joined operation stopped (by `stop`, or a `start` reusing its id) is answered
        `complete`, as strawberry answers the operations it runs (its task, cancelled, says
        so); while that task is still ending, the task says it."""
        if self._leave(id) and id not in self.tasks:
            await self.send_message({"type": "complete", "id": id})

    async def handle_start(self, message: StartMessage) -> None:
        if self.connection_acknowledged:
            await self._stop_joined(message["id"])
        _fresh_loaders(self.context)
        token = self._live_operation("graphql-ws", message["id"], message.get("payload"))
        try:
            await super().handle_start(message)
        finally:
            if token is not None:
                live_fanout.CURRENT.reset(token)
                cast(dict[str, Any], message).clear()  # as TransportWSHandler.handle_subscribe


class CreditsGraphQL(GraphQL):
    graphql_transport_ws_handler_class = TransportWSHandler
    graphql_ws_handler_class = LegacyWSHandler

    def __init__(
        self,
        schema: Schema,
        *,
        runtime: Callable[[], Runtime],
        authenticator: Callable[[], Authenticator],
        graphiql: bool,
        allowed_origins: list[str],
        request_timeout_seconds: float = 10.0,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if graphiql else None,
            # A GET must never run a mutation; strawberry refuses mutations over GET itself.
            allow_queries_via_get=True,
            keep_alive=True,
            keep_alive_interval=15,
            connection_init_wait_timeout=timedelta(seconds=10),
            allowed_origins=allowed_origins,
        )
        self._runtime = runtime
        self._authenticator = authenticator
        self.live_hub: live_fanout.LiveHub | None = None
        self.key_sockets = KeySockets()
        self._request_timeout = request_timeout_seconds
        self._encode: Callable[[object], str] = (
            encode_with_orjson
            if isinstance(schema, CreditsSchema) and FastPath.ORJSON_RESPONSES in schema.fast_paths
            else encode_with_stdlib
        )
        if isinstance(schema, CreditsSchema) and FastPath.LIVE_FANOUT in schema.fast_paths:
            self.live_hub = live_fanout.LiveHub(
                schema,
                self.encode_json,
                direct_frames=FastPath.LIVE_FRAMES in schema.fast_paths,
            )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            await super().__call__(scope, receive, send)
            return
        metrics.WEBSOCKETS.inc()
        try:
            # What strawberry's own __call__ does for a websocket, without its frame staying
            # suspended for the connection's life.
            await self.run(WebSocket(scope, receive=receive, send=send))
        finally:
            metrics.WEBSOCKETS.dec()

    async def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
        context = kwargs.get("context")
        if isinstance(context, Context) and context.refused is not None:
            return ExecutionResult(data=None, errors=[context.refused])
        # A request that outlives its budget is answered, not left hanging. A charge it started
        # still commits or not as a whole (the ledger shields it); an idempotency key makes the
        # retry safe.
        try:
            async with asyncio.timeout(self._request_timeout):
                return await super().execute_operation(*args, **kwargs)
        except TimeoutError:
            error = GraphQLError(
                "The request took too long and was stopped.", extensions={"code": "TIMEOUT"}
            )
            return ExecutionResult(data=None, errors=[error])

    def encode_json(self, data: object) -> str:
        """Responses (HTTP and websocket messages) as JSON text: a str, not bytes, which would
        go out as binary websocket frames."""
        return self._encode(data)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        # Every error names the request, so a masked "Unexpected error." can be found in the logs.
        request_id = current_request_id()
        for error in response.get("errors") or []:
            if isinstance(error, dict):
                extensions = error.setdefault("extensions", {})
                # Parse errors end the operation before the masking extension sees them.
                extensions.setdefault("code", "BAD_REQUEST")
                if request_id:
                    extensions["requestId"] = request_id
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Any:
        headers = request.headers
        context = Context(
            request_id=current_request_id() or uuid4().hex,
            runtime=self._runtime(),
            authenticator=self._authenticator(),
            request=request,
            authorization=headers.get("authorization"),
            tenant_slug=headers.get("x-tenant"),
        )
        # Credentials a request carries are checked before any operation runs, whatever it
        # selects: a bad token or a tenant the caller is not a member of is refused even for
        # `{ __typename }`. Websockets authenticate with their `connection_init` payload.
        if isinstance(request, Request) and context.authorization is not None:
            try:
                if context.tenant_slug is not None:
                    await context.member()
                else:
                    await context.principal()
            except GraphQLError as error:
                context.refused = error
        return context

    async def on_ws_connect(self, context: Any) -> Any:
        params = getattr(context, "connection_params", None) or {}
        if not isinstance(params, dict):
            raise ConnectionRejectionError({"message": "connection_init payload must be an object"})
        authorization = params.get("authorization") or params.get("Authorization")
        tenant = params.get("tenant") or params.get("X-Tenant") or params.get("x-tenant")
        context.authorization = authorization if isinstance(authorization, str) else None
        context.tenant_slug = tenant if isinstance(tenant, str) else None
        # What the connection needs of the payload is kept above: the rest (and the parsed
        # message) need not live as long as the connection.
        context.connection_params = None
        try:
            await context.member()
        except GraphQLError as error:
            code = (error.extensions or {}).get("code", "FORBIDDEN")
            raise ConnectionRejectionError({"message": error.message, "code": code}) from None
        if context.api_key_id is not None and isinstance(context.request, WebSocket):
            await self.key_sockets.track(context.api_key_id, context.request, context.runtime.bus)
        return await super().on_ws_connect(context)


def encode_with_stdlib(data: object) -> str:
    """The stdlib's JSON, compact, with non-ASCII characters as UTF-8 (not `\\u` escapes), as
    orjson writes them. A page the database wrote as JSON (`page_plans`) is `JsonText`,
    parsed to be written again."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_fragment_value)
    try:
        text.encode()
    except UnicodeEncodeError:  # a lone surrogate: only an escape can carry it
        return json.dumps(data, separators=(",", ":"), default=_fragment_value)
    return text


def encode_with_orjson(data: object) -> str:
    """The same JSON text by orjson (fast path `orjson-responses`): about 15 times faster than
    the stdlib on a 40 KB page, which was 3% of a 50x10 read's CPU. What orjson refuses
    (integers beyond 64 bits, lone surrogates, non-string keys) goes to the stdlib. (A NaN float
    would become null, not the stdlib's invalid `NaN`; graphql-core never lets one into a
    response.) Requests are still parsed by the stdlib (about 2 us a request): orjson would
    read integers beyond 64 bits as floats. `JsonText` is written as it is."""
    try:
        return orjson.dumps(data, default=_as_fragment).decode()
    except TypeError:
        return encode_with_stdlib(data)


def _fragment_value(value: object) -> object:
    if isinstance(value, JsonText):
        return json.loads(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _as_fragment(value: object) -> object:
    if isinstance(value, JsonText):
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
