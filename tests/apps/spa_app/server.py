"""The issue tracker's HTTP side, on the standard library: static files, the JSON API and the SPA fallback.

Every sabotage is done here, in what the server answers, so the browser code is the same whatever is broken.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from apps.local_http import serve_handler
from apps.spa_app.store import LABELS, SORTS, Issue, IssueStore

COOKIE = "tracker_session"
STATIC = Path(__file__).parent / "static"
_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".html": "text/html"}

FEATURES = ("login", "logout", "create", "edit", "close", "delete", "filter", "sort", "toast", "routing", "detail")
"""What ``broken=`` can sabotage, and what each does when broken:

login: the right password is refused. logout: the session survives "Sign out". create: the new issue is
acknowledged but never stored. edit: title, description and label changes are ignored. close: closing and
reopening are ignored. delete: the issue survives deletion. filter: status, label and text filters are ignored.
sort: the list is always newest first. toast: no toast messages. routing: any URL but ``/`` serves a page shell
without the app, so a deep link shows nothing. detail: every issue's page shows issue #1.
"""

# What a server misconfigured for client-side routing would send for a deep link: the page, minus the app.
_EMPTY_SHELL = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Issue Tracker</title></head>'
    "<body><main></main></body></html>"
)


class SpaApp:
    """One tracker: one account, its issues in memory, and the features currently sabotaged."""

    def __init__(self, username: str, password: str, broken: frozenset[str] = frozenset()) -> None:
        if not username.strip() or not password:
            raise ValueError("the tracker account needs a non-empty username and password")
        self.username = username.strip()
        self.password = password
        self.store = IssueStore()
        self._broken = frozenset[str]()
        self.broken = broken

    @property
    def broken(self) -> frozenset[str]:
        return self._broken

    @broken.setter
    def broken(self, flows: frozenset[str]) -> None:
        unknown = set(flows) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown feature(s) to break: {sorted(unknown)!r}; known: {', '.join(FEATURES)}")
        self._broken = frozenset(flows)

    def is_broken(self, feature: str) -> bool:
        return feature in self._broken

    @contextmanager
    def breaking(self, *features: str) -> Iterator[None]:
        """Break ``features`` for the block, then restore what was broken before."""
        before = self.broken
        self.broken = before | set(features)
        try:
            yield
        finally:
            self.broken = before

    def reset(self) -> None:
        """Seeded issues again, everyone signed out (the broken set is left as it is)."""
        self.store.reset()

    def check_credentials(self, username: str, password: str) -> bool:
        if self.is_broken("login"):
            return False
        return secrets.compare_digest(username.strip(), self.username) and secrets.compare_digest(
            password, self.password
        )

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Serve on a free 127.0.0.1 port from a background thread; yields the base URL."""
        with serve_handler(partial(_Handler, app=self), name="issue-tracker") as url:
            yield url


def create_app(*, username: str = "morgan", password: str, broken: frozenset[str] = frozenset()) -> SpaApp:
    """A fresh tracker with one account and the seeded issues; ``broken`` names features from FEATURES."""
    return SpaApp(username, password, frozenset(broken))


class _ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Handler(BaseHTTPRequestHandler):
    server_version = "IssueTracker/1.0"

    def __init__(self, *args: Any, app: SpaApp, **kwargs: Any) -> None:
        self.app = app
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing -----------------------------------------------------------------
    def _token(self) -> str | None:
        morsel = SimpleCookie(self.headers.get("Cookie", "")).get(COOKIE)
        return morsel.value if morsel else None

    def _user(self) -> str | None:
        return self.app.store.session_user(self._token())

    def _body(self) -> dict[str, Any]:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            data = json.loads(raw or b"{}")
        except ValueError as exc:
            raise _ApiError(HTTPStatus.BAD_REQUEST, "The request body is not JSON") from exc
        if not isinstance(data, dict):
            raise _ApiError(HTTPStatus.BAD_REQUEST, "The request body must be a JSON object")
        return data

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(data).encode(), "application/json", headers)

    def _with_message(self, data: dict[str, Any], message: str) -> dict[str, Any]:
        return data if self.app.is_broken("toast") else {**data, "message": message}

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        try:
            if url.path.startswith("/api/"):
                return self._api(url.path.removeprefix("/api"), parse_qs(url.query))
            if self.command not in ("GET", "HEAD"):
                raise _ApiError(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed")
            if url.path.startswith("/static/"):
                return self._static(url.path.removeprefix("/static/"))
            return self._page(url.path)
        except _ApiError as exc:
            self._json(exc.status, {"error": exc.message})

    do_GET = do_HEAD = do_POST = do_PATCH = do_DELETE = _dispatch

    # -- pages and files ----------------------------------------------------------
    def _page(self, path: str) -> None:
        if path != "/" and self.app.is_broken("routing"):
            return self._send(HTTPStatus.OK, _EMPTY_SHELL.encode(), "text/html; charset=utf-8")
        self._send(HTTPStatus.OK, (STATIC / "index.html").read_bytes(), "text/html; charset=utf-8")

    def _static(self, name: str) -> None:
        target = (STATIC / name).resolve()
        if not target.is_file() or not target.is_relative_to(STATIC.resolve()) or target.suffix not in _TYPES:
            raise _ApiError(HTTPStatus.NOT_FOUND, "Not found")
        self._send(HTTPStatus.OK, target.read_bytes(), _TYPES[target.suffix] + "; charset=utf-8")

    # -- the JSON API -------------------------------------------------------------
    def _api(self, path: str, query: dict[str, list[str]]) -> None:
        method = self.command
        if path == "/session":
            return self._session_api(method)
        user = self._user()
        if user is None:
            raise _ApiError(HTTPStatus.UNAUTHORIZED, "Sign in first")
        if path == "/labels" and method == "GET":
            return self._json(HTTPStatus.OK, {"labels": list(LABELS)})
        if path == "/issues":
            if method == "GET":
                return self._list(query)
            if method == "POST":
                return self._create(user)
        number = path.removeprefix("/issues/")
        if path.startswith("/issues/") and number.isdigit():
            issue = self.app.store.get(int(number))
            if issue is None:
                raise _ApiError(HTTPStatus.NOT_FOUND, f"There is no issue #{number}")
            if method == "GET":
                shown = self.app.store.get(1) if self.app.is_broken("detail") else issue
                return self._json(HTTPStatus.OK, {"issue": (shown or issue).to_json()})
            if method == "PATCH":
                return self._update(issue)
            if method == "DELETE":
                return self._delete(issue)
        raise _ApiError(HTTPStatus.NOT_FOUND, "Not found")

    def _session_api(self, method: str) -> None:
        if method == "GET":
            return self._json(HTTPStatus.OK, {"user": self._user()})
        if method == "POST":
            body = self._body()
            username, password = str(body.get("username", "")), str(body.get("password", ""))
            if not self.app.check_credentials(username, password):
                raise _ApiError(HTTPStatus.UNAUTHORIZED, "Wrong username or password")
            token = self.app.store.open_session(username.strip())
            cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"
            return self._json(HTTPStatus.OK, {"user": username.strip()}, {"Set-Cookie": cookie})
        if method == "DELETE":
            current = self._token()
            if current and not self.app.is_broken("logout"):
                self.app.store.close_session(current)
            return self._json(HTTPStatus.OK, self._with_message({}, "You have signed out"))
        raise _ApiError(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed")

    def _list(self, query: dict[str, list[str]]) -> None:
        def arg(name: str, default: str) -> str:
            return query.get(name, [default])[0]

        state, label, text, sort = arg("state", "open"), arg("label", ""), arg("q", ""), arg("sort", "newest")
        if state not in ("open", "closed", "all") or (label and label not in LABELS) or sort not in SORTS:
            raise _ApiError(HTTPStatus.BAD_REQUEST, "Unknown state, label or sort")
        if self.app.is_broken("filter"):
            state, label, text = "all", "", ""
        if self.app.is_broken("sort"):
            sort = "newest"
        issues = self.app.store.query(state=state, label=label, text=text, sort=sort)
        self._json(HTTPStatus.OK, {"issues": [i.to_json() for i in issues]})

    def _fields(self, body: dict[str, Any], *, partial_update: bool) -> dict[str, str]:
        fields: dict[str, str] = {}
        for name in ("title", "description", "label"):
            if name in body:
                fields[name] = str(body[name]).strip()
        if (not partial_update or "title" in fields) and not fields.get("title"):
            raise _ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, "Title is required")
        if "label" in fields and fields["label"] not in LABELS:
            raise _ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, f"Unknown label {fields['label']!r}")
        return fields

    def _create(self, user: str) -> None:
        fields = self._fields(self._body(), partial_update=False)
        title, description, label = fields["title"], fields.get("description", ""), fields.get("label", "bug")
        issue = self.app.store.create(title, description, label, user, keep=not self.app.is_broken("create"))
        data = self._with_message({"issue": issue.to_json()}, f"Issue #{issue.number} created")
        self._json(HTTPStatus.CREATED, data)

    def _update(self, issue: Issue) -> None:
        body = self._body()
        fields = self._fields(body, partial_update=True)
        state = body.get("state")
        if state is not None and state not in ("open", "closed"):
            raise _ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, f"Unknown state {state!r}")
        changes: dict[str, Any] = {} if self.app.is_broken("edit") else dict(fields)
        if state is not None and not self.app.is_broken("close"):
            changes["state"] = state
        updated = self.app.store.update(issue.number, **changes) or issue
        self._json(HTTPStatus.OK, {"issue": updated.to_json()})

    def _delete(self, issue: Issue) -> None:
        if not self.app.is_broken("delete"):
            self.app.store.delete(issue.number)
        self._json(HTTPStatus.OK, self._with_message({}, f"Issue #{issue.number} deleted"))
