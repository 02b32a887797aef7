"""app.CreditsApp: a websocket on /graphql reaches the GraphQL endpoint straight from the server,
with what the observability gives it (request id, log context, the server's own send), and
without the middleware that does nothing for websockets; everything else goes through
Starlette's chain."""

from __future__ import annotations

from typing import Any

import structlog
from starlette.middleware import Middleware
from starlette.routing import WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from app import CreditsApp
from resolvers.live_sockets import RAW_SEND
from resolvers.observability import RequestObservability, current_request_id


class Recorder:
    """An ASGI endpoint that notes what it saw."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls.append(
            {
                "request_id": current_request_id(),
                "log_context": structlog.contextvars.get_contextvars(),
                "raw_send": scope.get(RAW_SEND),
                "chain": list(scope.get("chain", [])),
            }
        )


class Marks:
    """A middleware that marks the scopes it passed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope.setdefault("chain", []).append("middleware")
        await self.app(scope, receive, send)


def _app(direct: Recorder, routed: Recorder) -> CreditsApp:
    return CreditsApp(
        graphql_websocket=direct,
        routes=[WebSocketRoute("/graphql", routed), WebSocketRoute("/other", routed)],
        middleware=[Middleware(RequestObservability), Middleware(Marks)],
    )


def _websocket(path: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "websocket",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"x-request-id", b"abc-123"), (b"x-tenant", b"Acme")],
        **extra,
    }


async def _receive() -> dict[str, Any]:
    return {"type": "websocket.connect"}


async def _send(message: dict[str, Any]) -> None:
    pass


async def test_a_graphql_websocket_skips_the_chain_but_keeps_what_observability_gives() -> None:
    # given the app, its GraphQL websocket endpoint and its routes recording what they see
    direct, routed = Recorder(), Recorder()
    app = _app(direct, routed)
    # when a websocket opens on /graphql
    await app(_websocket("/graphql"), _receive, _send)
    # then the endpoint ran once, past the middleware, with the request id, the log context
    # and the server's send, all of which are gone once it returned
    assert routed.calls == []
    assert direct.calls == [
        {
            "request_id": "abc-123",
            "log_context": {"request_id": "abc-123", "tenant": "acme"},
            "raw_send": _send,
            "chain": [],
        }
    ]
    assert current_request_id() is None
    assert structlog.contextvars.get_contextvars() == {}


async def test_other_websockets_and_a_root_path_go_through_starlette() -> None:
    # given the app
    direct, routed = Recorder(), Recorder()
    app = _app(direct, routed)
    # when websockets open on another path, and on /graphql under a root path
    await app(_websocket("/other"), _receive, _send)
    await app(_websocket("/api/graphql", root_path="/api"), _receive, _send)
    # then both took the middleware chain and the router (the observability included)
    assert direct.calls == []
    assert [call["chain"] for call in routed.calls] == [["middleware"], ["middleware"]]
    assert [call["request_id"] for call in routed.calls] == ["abc-123", "abc-123"]
    assert all(call["raw_send"] is _send for call in routed.calls)
