"""Plumbing shared by the shop's views: sessions, CSRF, rendering and redirects."""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from superagent.demo.store import ITEM_CATEGORIES, Session, Store, User, money
from superagent.demo.ui import UI, field_id

SESSION_COOKIE = "shop_session"
CONSENT_COOKIE = "cookie_consent"
_SCOPE_KEY = "shop.session"

BROKEN_FLOWS: frozenset[str] = frozenset({"login", "logout", "register", "search", "create_item", "cart", "checkout"})


@dataclass
class Shop:
    """One app instance: its data, its release and the flows deliberately broken in it."""

    store: Store
    ui: UI
    broken: frozenset[str]
    templates: jinja2.Environment

    def is_broken(self, flow: str) -> bool:
        return flow in self.broken


def make_templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("superagent.demo", "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["field_id"] = field_id
    env.globals["categories"] = ITEM_CATEGORIES
    env.filters["money"] = money
    return env


class SessionMiddleware:
    """Gives every visitor a random session cookie backed by the store."""

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = self._cookie(scope)
        session = self.store.sessions.get(incoming or "")
        if session is None:
            session = self.store.new_session()
        scope[_SCOPE_KEY] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                current: Session = scope[_SCOPE_KEY]
                if current.sid != incoming:
                    cookie = f"{SESSION_COOKIE}={current.sid}; Path=/; HttpOnly; SameSite=Lax"
                    message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    @staticmethod
    def _cookie(scope: Scope) -> str | None:
        for key, value in scope.get("headers", []):
            if key == b"cookie":
                jar: SimpleCookie = SimpleCookie()
                try:
                    jar.load(value.decode("latin-1"))
                except Exception:
                    continue
                if SESSION_COOKIE in jar:
                    return jar[SESSION_COOKIE].value
        return None


def shop_of(request: Request) -> Shop:
    shop: Shop = request.app.state.shop
    return shop


def session_of(request: Request) -> Session:
    session: Session = request.scope[_SCOPE_KEY]
    return session


def replace_session(request: Request, session: Session) -> None:
    request.scope[_SCOPE_KEY] = session


def current_user(request: Request) -> User | None:
    session = session_of(request)
    if session.user is None:
        return None
    return shop_of(request).store.find_user(session.user)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    shop = shop_of(request)
    session = session_of(request)
    # Error pages leave pending messages for the next real page.
    flashes = session.take_flashes() if template != "error.html" else []
    context.setdefault("title", "")
    html = shop.templates.get_template(template).render(
        request=request,
        ui=shop.ui,
        user=current_user(request),
        session=session,
        csrf_token=session.csrf,
        cart_count=session.cart_count,
        toasts=[text for kind, text in flashes if kind == "toast"],
        notices=[text for kind, text in flashes if kind == "notice"],
        show_cookie_banner=request.cookies.get(CONSENT_COOKIE) != "accepted",
        path=request.url.path,
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return redirect("/login?next=" + quote(target, safe="/"))


def safe_next(value: str | None, default: str) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default


async def checked_form(request: Request) -> FormData | None:
    """The posted form if its CSRF token matches the session, else ``None``."""
    form = await request.form()
    token = form.get("csrf_token")
    if not isinstance(token, str) or token != session_of(request).csrf:
        return None
    return form


def forbidden(request: Request) -> HTMLResponse:
    return render(
        request,
        "error.html",
        403,
        title="Session expired",
        heading="Your session has expired",
        message="Please reload the page and try again.",
    )


def text_field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def not_found(request: Request) -> Response:
    return render(
        request,
        "error.html",
        404,
        title="Not found",
        heading="Page not found",
        message="The page you are looking for does not exist.",
    )
