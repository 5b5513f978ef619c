"""The demo shop as an ASGI application."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from superagent.demo import auth, pages, shop
from superagent.demo.store import Store
from superagent.demo.ui import UI, VARIANTS, Variant
from superagent.demo.web import BROKEN_FLOWS, SessionMiddleware, Shop, make_templates, not_found, render

_STATIC = Path(__file__).parent / "static"


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404:
        return not_found(request)
    if status == 405:
        return render(
            request,
            "error.html",
            405,
            title="Not allowed",
            heading="Not allowed",
            message="That action is not available here.",
        )
    return render(request, "error.html", status, title="Error", heading="Something went wrong", message="")


async def _server_error(request: Request, exc: Exception) -> Response:
    return HTMLResponse(_SERVER_ERROR_PAGE, status_code=500)


_SERVER_ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error · SuperShop</title></head>
<body><main><h1>Something went wrong</h1><p>Please try again later.</p>
<p><a href="/">Back to the home page</a></p></main></body></html>
"""


def create_app(
    variant: Variant = "v1",
    *,
    username: str = "demo",
    password: str,
    broken: frozenset[str] = frozenset(),
) -> Starlette:
    """Build a fresh shop with one account, ``username``/``password``, and all data in memory.

    ``variant`` picks the release: ``"v1"`` or ``"v2"`` (same features, reworked markup, and
    "Item saved" instead of "Item created"). ``broken`` names flows to sabotage, from
    :data:`BROKEN_FLOWS`.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    if not username.strip() or not password:
        raise ValueError("the demo account needs a non-empty username and password")
    unknown = set(broken) - BROKEN_FLOWS
    if unknown:
        raise ValueError(
            f"unknown flow(s) to break: {', '.join(sorted(unknown))}; known: {', '.join(sorted(BROKEN_FLOWS))}"
        )
    store = Store(username.strip(), password)
    app = Starlette(
        routes=[
            *pages.routes,
            *auth.routes,
            *shop.routes,
            Mount("/static", app=StaticFiles(directory=_STATIC), name="static"),
        ],
        middleware=[Middleware(SessionMiddleware, store=store)],
        exception_handlers={HTTPException: _http_error, 500: _server_error},
    )
    app.state.shop = Shop(store=store, ui=UI(variant), broken=frozenset(broken), templates=make_templates())
    return app
