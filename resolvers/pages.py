"""The reference pages in web/: `/pricing`, the tenant's live credits page and the Stripe return
pages. They are static files: everything they show comes from the public GraphQL API, called by
their scripts from the page's own origin, so a frontend developer can copy how it is done.

Every response here carries a Content-Security-Policy that allows only this origin (scripts,
styles, fetches and the websocket), so a page can load nothing from anywhere else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WEB_ROOT = Path(__file__).resolve().parent.parent / "web"
ASSETS_PATH = "/web"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        # 'self' covers the same-origin ws:// and wss:// of the live subscription.
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # The Checkout URLs the pages open carry session ids: never pass this origin's paths on.
    "Referrer-Policy": "no-referrer",
}

# path -> file under web/
PAGES = {
    "/pricing": "pricing.html",
    "/app/{tenant}/settings/credits": "credits.html",
    "/billing/success": "billing-success.html",
    "/billing/cancel": "billing-cancel.html",
    "/billing": "billing.html",
}


class SecurityHeaders:
    """Adds the pages' security headers to every response of the wrapped app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _page(file_name: str) -> Callable[[Request], Awaitable[Response]]:
    path = WEB_ROOT / file_name

    async def page(request: Request) -> Response:
        # The HTML names its scripts by fixed paths: revalidate it so a deploy is seen at once.
        return FileResponse(path, media_type="text/html", headers={"Cache-Control": "no-cache"})

    return page


def page_routes() -> list[BaseRoute]:
    """The pages and their assets (web/js, web/css, web/vendor under /web)."""
    secured = [Middleware(SecurityHeaders)]
    routes: list[BaseRoute] = [
        Route(url, _page(file_name), methods=["GET"], middleware=secured)
        for url, file_name in PAGES.items()
    ]
    routes.append(
        Mount(ASSETS_PATH, app=StaticFiles(directory=WEB_ROOT), name="web", middleware=secured)
    )
    return routes
