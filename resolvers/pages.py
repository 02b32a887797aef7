"""The reference pages in web/: `/pricing`, the tenant's live credits page and the Stripe return
pages. They are static files: everything they show comes from the public GraphQL API, called by
their scripts from the page's own origin, so a frontend developer can copy how it is done.

Every response here carries a Content-Security-Policy that allows only this origin (scripts,
styles, fetches and the websocket), so a page can load nothing from anywhere else.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
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
}
# The HTML may be revalidated, never reused unchecked: a deploy is seen at once.
NO_CACHE = {"Cache-Control": "no-cache"}


@dataclass(frozen=True)
class BillingReturn:
    title: str
    message: str


# Where Stripe sends the customer back (the defaults of STRIPE_SUCCESS_URL, STRIPE_CANCEL_URL and
# STRIPE_PORTAL_RETURN_URL): one page, web/billing.html, saying what happened.
BILLING_RETURNS = {
    "/billing/success": BillingReturn(
        "Thank you: the payment went through",
        "Stripe has taken the payment. Your plan or credits change as soon as Stripe confirms it "
        "to us, usually within a few seconds; the credits page shows it without a reload.",
    ),
    "/billing/cancel": BillingReturn(
        "Checkout was cancelled",
        "Nothing was charged and nothing changed. You can choose a plan or a credit pack again "
        "whenever you like.",
    ),
    "/billing": BillingReturn(
        "Back from the billing portal",
        "Changes made in the Stripe billing portal (payment method, invoices, plan) reach your "
        "organisation as soon as Stripe confirms them.",
    ),
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
        return FileResponse(path, media_type="text/html", headers=NO_CACHE)

    return page


def _billing_page(text: BillingReturn) -> Callable[[Request], Awaitable[Response]]:
    template = Template((WEB_ROOT / "billing.html").read_text())
    body = template.substitute(title=html.escape(text.title), message=html.escape(text.message))

    async def page(request: Request) -> Response:
        return HTMLResponse(body, headers=NO_CACHE)

    return page


def page_routes() -> list[BaseRoute]:
    """The pages and their assets (web/js, web/css, web/vendor under /web)."""
    secured = [Middleware(SecurityHeaders)]
    routes: list[BaseRoute] = [
        Route(url, _page(file_name), methods=["GET"], middleware=secured)
        for url, file_name in PAGES.items()
    ]
    routes += [
        Route(url, _billing_page(text), methods=["GET"], middleware=secured)
        for url, text in BILLING_RETURNS.items()
    ]
    routes.append(
        Mount(ASSETS_PATH, app=StaticFiles(directory=WEB_ROOT), name="web", middleware=secured)
    )
    return routes
