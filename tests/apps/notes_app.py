"""A small team-notes web app built only on the standard library.

It deliberately differs from the bundled demo shop: no framework, no template engine,
and mixed labelling conventions (wrapping labels, aria-label, ``<label for>``, placeholders).
Set ``app.broken`` to ``{"login"}``, ``{"search"}`` or ``{"create_item"}`` to break a flow.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from html import escape
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from string import Template
from typing import Any
from urllib.parse import parse_qs, urlsplit

from apps.local_http import serve_handler

COOKIE = "notes_sid"
PRIORITIES = ("Low", "Normal", "High")
SEED_NOTES = (
    ("Quarterly planning agenda", "Goals, budget review and hiring plan for next quarter.", "High"),
    ("Fix flaky export job", "The nightly CSV export times out about once a week.", "High"),
    ("Onboarding checklist", "Laptop, accounts, buddy and a first small task.", "Normal"),
    ("Release notes draft", "Summarise the user-facing changes since the last version.", "Normal"),
    ("Team offsite ideas", "Lakeside cabin, city museum or a cooking class.", "Low"),
    ("Database backup rotation", "Keep seven daily and four weekly snapshots.", "Normal"),
)

PAGE = Template(
    """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>$title - Team Notes</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; }
header { display: flex; gap: 1rem; align-items: center; padding: .75rem 1.5rem; background: #234; }
header a, header button { color: #fff; } header form { margin-left: auto; }
main { padding: 1.5rem; max-width: 40rem; } .error { color: #b00; font-weight: bold; }
.field { display: block; margin: .5rem 0; } .muted { color: #667; }
</style></head>
<body>
<header><a class="brand" href="/">Team Notes</a>$nav</header>
<main>
$content
</main>
</body>
</html>
"""
)


@dataclass
class Note:
    id: int
    title: str
    body: str
    priority: str


@dataclass
class Session:
    user: str
    flash: str | None = None


class NotesApp:
    """In-memory notes tracker. ``serve()`` runs it on an ephemeral localhost port."""

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self.password = password
        self.broken: set[str] = set()
        self.notes: list[Note] = [Note(i, t, b, p) for i, (t, b, p) in enumerate(SEED_NOTES, start=1)]
        self.sessions: dict[str, Session] = {}
        self.lock = threading.Lock()

    def check_credentials(self, user: str, password: str) -> bool:
        if "login" in self.broken:
            return False
        return secrets.compare_digest(user.strip(), self.username) and secrets.compare_digest(password, self.password)

    def filter_notes(self, query: str) -> list[Note]:
        if "search" in self.broken:
            return []
        needle = query.strip().casefold()
        return [n for n in self.notes if needle in n.title.casefold()]

    def add_note(self, title: str, body: str, priority: str) -> Note | None:
        if "create_item" in self.broken:
            return None
        with self.lock:
            note = Note(len(self.notes) + 1, title, body, priority if priority in PRIORITIES else "Normal")
            self.notes.append(note)
        return note

    @contextmanager
    def serve(self) -> Iterator[str]:
        with serve_handler(partial(_Handler, app=self), name="notes-app") as url:
            yield url


class _Handler(BaseHTTPRequestHandler):
    server_version = "TeamNotes/1.0"

    def __init__(self, *args: Any, app: NotesApp, **kwargs: Any) -> None:
        self.app = app
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing -----------------------------------------------------------------
    def _session(self) -> tuple[str, Session] | None:
        morsel = SimpleCookie(self.headers.get("Cookie", "")).get(COOKIE)
        if morsel is None:
            return None
        session = self.app.sessions.get(morsel.value)
        return (morsel.value, session) if session else None

    def _form(self) -> dict[str, str]:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}

    def _send(self, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str, cookie: str | None = None) -> None:
        headers = {"Location": location}
        if cookie is not None:
            headers["Set-Cookie"] = cookie
        self._send(HTTPStatus.SEE_OTHER, headers=headers)

    def _page(self, title: str, content: str, *, signed_in: bool, nav: bool = True) -> None:
        if not nav:
            links = ""
        elif signed_in:
            links = '<a href="/board">Board</a><form method="post" action="/signout"><button>Sign out</button></form>'
        else:
            links = '<a href="/signin">Sign in</a>'
        self._send(HTTPStatus.OK, PAGE.substitute(title=escape(title), nav=links, content=content))

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, PAGE.substitute(title="Not found", nav="", content="<h1>Not found</h1>"))

    # -- routes -------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        current = self._session()
        if url.path == "/":
            intro = "<h1>Team Notes</h1><p>Shared notes and tasks for small teams.</p>"
            return self._page("Home", intro, signed_in=current is not None)
        if url.path == "/signin":
            return self._signin_page()
        if current is None:
            return self._redirect("/signin")
        _, session = current
        if url.path == "/board":
            query = parse_qs(url.query, keep_blank_values=True)
            return self._board(session, query["q"][0] if "q" in query else None)
        if url.path == "/notes/new":
            return self._new_note_page()
        if url.path.startswith("/notes/") and url.path.removeprefix("/notes/").isdigit():
            return self._note_page(session, int(url.path.removeprefix("/notes/")))
        return self._not_found()

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        form = self._form()
        current = self._session()
        if path == "/signin":
            if not self.app.check_credentials(form.get("user", ""), form.get("password", "")):
                return self._signin_page(error="Wrong email or password")
            token = secrets.token_urlsafe(24)
            self.app.sessions[token] = Session(user=form["user"].strip())
            return self._redirect("/board", f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax")
        if path == "/signout":
            if current is not None:
                self.app.sessions.pop(current[0], None)
            return self._redirect("/", f"{COOKIE}=; Path=/; Max-Age=0")
        if current is None:
            return self._redirect("/signin")
        if path == "/notes":
            title = form.get("title", "").strip()
            if not title:
                return self._new_note_page(error="Title is required", form=form)
            note = self.app.add_note(title, form.get("body", ""), form.get("priority", "Normal"))
            if note is None:
                return self._redirect("/board")
            current[1].flash = "Note saved"
            return self._redirect(f"/notes/{note.id}")
        return self._not_found()

    # -- pages --------------------------------------------------------------------
    def _signin_page(self, error: str | None = None) -> None:
        alert = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
        content = f"""<h1>Sign in to Team Notes</h1>
{alert}
<form method="post" action="/signin">
  <label class="field">Email or username <input name="user" autocomplete="username"></label>
  <div class="field"><span>Password</span>
    <input type="password" name="password" aria-label="Password" autocomplete="current-password"></div>
  <input type="submit" value="Sign in">
</form>"""
        self._page("Sign in", content, signed_in=False, nav=False)

    def _board(self, session: Session, query: str | None) -> None:
        notes = self.app.notes if query is None else self.app.filter_notes(query)
        status = ""
        if query is not None:
            status = f'<p role="status">Showing {len(notes)} of {len(self.app.notes)} notes</p>'
        items = "\n".join(
            f'  <li><a href="/notes/{n.id}">{escape(n.title)}</a> <span class="muted">{escape(n.priority)}</span></li>'
            for n in notes
        )
        content = f"""<h1>Your board</h1>
<p>Signed in as {escape(session.user)}</p>
<p><a href="/notes/new">Add note</a></p>
<form method="get" action="/board">
  <input type="search" placeholder="Filter notes" name="q" value="{escape(query or "")}">
  <button>Go</button>
</form>
{status}
<ul aria-label="Notes">
{items}
</ul>"""
        self._page("Board", content, signed_in=True)

    def _new_note_page(self, error: str | None = None, form: dict[str, str] | None = None) -> None:
        form = form or {}
        alert = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
        chosen = form.get("priority", "Normal")
        options = "".join(f"<option{' selected' if p == chosen else ''}>{p}</option>" for p in PRIORITIES)
        content = f"""<h1>Add a note</h1>
{alert}
<form method="post" action="/notes">
  <div class="field"><label for="t">Title</label>
    <input id="t" name="title" required value="{escape(form.get("title", ""))}"></div>
  <div class="field"><label for="b">Body</label>
    <textarea id="b" name="body" rows="4">{escape(form.get("body", ""))}</textarea></div>
  <div class="field"><select name="priority" aria-label="Priority">{options}</select></div>
  <button type="submit">Save note</button>
</form>"""
        self._page("Add a note", content, signed_in=True)

    def _note_page(self, session: Session, note_id: int) -> None:
        note = next((n for n in self.app.notes if n.id == note_id), None)
        if note is None:
            return self._not_found()
        flash, session.flash = session.flash, None
        status = f'<p role="status">{escape(flash)}</p>' if flash else ""
        content = f"""<h1>{escape(note.title)}</h1>
{status}
<p class="muted">Priority: {escape(note.priority)}</p>
<p style="white-space: pre-wrap">{escape(note.body)}</p>"""
        self._page(note.title, content, signed_in=True)
