"""A handful of tiny pages, served from a table of routes: enough of an app for one flow, and nothing more.

A route is a page (HTML for GET) or a function of the request's form fields (query and urlencoded body) that
returns a ``Reply``: a page, or a 303 redirect after a POST, as real apps answer a submitted form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class Reply:
    body: str = ""
    status: int = 200
    location: str | None = None


Route = str | Callable[[dict[str, str]], Reply]


def page(title: str, body: str) -> str:
    head = f'<meta charset="utf-8"><title>{title}</title>'
    return f'<!doctype html><html lang="en"><head>{head}</head><body>{body}</body></html>'


def redirect(location: str) -> Reply:
    return Reply(status=303, location=location)


def site_handler(routes: Mapping[str, Route]) -> type[BaseHTTPRequestHandler]:
    """A request handler answering ``routes`` by path; anything else is a 404."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, fields: dict[str, str]) -> None:
            parts = urlsplit(self.path)
            route = routes.get(parts.path)
            fields = dict(parse_qsl(parts.query)) | fields
            if route is None:
                reply = Reply(page("Not found", "<h1>Not found</h1>"), status=404)
            elif isinstance(route, str):
                reply = Reply(route)
            else:
                reply = route(fields)
            body = reply.body.encode()
            self.send_response(reply.status)
            if reply.location:
                self.send_header("Location", reply.location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer({})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._answer(dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True)))

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
