"""The GraphQL endpoint (HTTP and websockets) with our context and connection auth."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import uuid4

from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry import Schema
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from credits_api.observability import current_request_id
from credits_api.resolvers.context import Context
from credits_api.services.auth import Authenticator
from credits_api.services.runtime import Runtime


class CreditsGraphQL(GraphQL):
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
        self._request_timeout = request_timeout_seconds

    async def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
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

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        # Every error names the request, so a masked "Unexpected error." can be found in the logs.
        request_id = current_request_id()
        if request_id:
            for error in response.get("errors") or []:
                if isinstance(error, dict):
                    error.setdefault("extensions", {})["requestId"] = request_id
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Any:
        headers = request.headers
        return Context(
            request_id=current_request_id() or uuid4().hex,
            runtime=self._runtime(),
            authenticator=self._authenticator(),
            request=request,
            authorization=headers.get("authorization"),
            tenant_slug=headers.get("x-tenant"),
        )

    async def on_ws_connect(self, context: Any) -> Any:
        params = getattr(context, "connection_params", None) or {}
        if not isinstance(params, dict):
            raise ConnectionRejectionError({"message": "connection_init payload must be an object"})
        authorization = params.get("authorization") or params.get("Authorization")
        tenant = params.get("tenant") or params.get("X-Tenant") or params.get("x-tenant")
        context.authorization = authorization if isinstance(authorization, str) else None
        context.tenant_slug = tenant if isinstance(tenant, str) else None
        try:
            await context.member()
        except GraphQLError as error:
            code = (error.extensions or {}).get("code", "FORBIDDEN")
            raise ConnectionRejectionError({"message": error.message, "code": code}) from None
        return await super().on_ws_connect(context)
