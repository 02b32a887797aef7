"""A real local HTTP server that receives webhooks, for the webhook tests.

It records every request (body, headers, when it arrived, how many were in flight with it) and
answers from a script: `answer(500, 500)` makes the next two requests get 500, then 200 again;
`hold` keeps each request open that long before answering (to overlap senders).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.servers import free_port
from tests.waiting import eventually_blocking


@dataclass(frozen=True)
class Received:
    body: bytes
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived
    # Requests for the same event id in flight at once, this one included.
    overlapping: int

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)

    @property
    def event_id(self) -> str:
        return str(self.json["id"])


@dataclass
class WebhookReceiver:
    port: int = field(default_factory=free_port)
    hold: float = 0.0
    # Serve HTTPS with this certificate and key (PEM files) instead of HTTP.
    certificate: tuple[str, str] | None = None
    received: list[Received] = field(default_factory=list)
    _script: deque[int] = field(default_factory=deque)
    _in_flight: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.certificate else "http"
        return f"{scheme}://127.0.0.1:{self.port}/hook"

    def answer(self, *statuses: int) -> None:
        """The next requests get these statuses, in order; then 200."""
        with self._lock:
            self._script.extend(statuses)

    def of_event(self, event_id: str) -> list[Received]:
        with self._lock:
            return [request for request in self.received if request.event_id == event_id]

    def count(self) -> int:
        with self._lock:
            return len(self.received)

    async def _hook(self, request: Request) -> Response:
        import asyncio

        arrived = time.monotonic()
        body = await request.body()
        event_id = str(json.loads(body)["id"])
        with self._lock:
            self._in_flight[event_id] = self._in_flight.get(event_id, 0) + 1
            overlapping = self._in_flight[event_id]
            status = self._script.popleft() if self._script else 200
        try:
            if self.hold:
                await asyncio.sleep(self.hold)  # keeps the request open on purpose
        finally:
            with self._lock:
                self._in_flight[event_id] -= 1
                self.received.append(Received(body, dict(request.headers), arrived, overlapping))
        return Response(status_code=status)

    def start(self) -> WebhookReceiver:
        app = Starlette(routes=[Route("/hook", self._hook, methods=["POST"])])
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            ssl_certfile=self.certificate[0] if self.certificate else None,
            ssl_keyfile=self.certificate[1] if self.certificate else None,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="webhooks", daemon=True)
        self._thread.start()
        eventually_blocking(self._started, interval=0.01, what="the webhook receiver to start")
        return self

    def _started(self) -> bool:
        assert self._thread is not None and self._thread.is_alive(), "receiver's thread died"
        return self._server is not None and self._server.started

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)
