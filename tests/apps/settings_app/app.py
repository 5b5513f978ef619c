"""The WSGI application: routing, cookie sessions, form and upload parsing (python-multipart)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from python_multipart import parse_form
from python_multipart.multipart import Field, File

from apps.settings_app import pages
from apps.settings_app.state import (
    PROJECT_FEATURES,
    TEMPLATES,
    VISIBILITIES,
    AccountState,
    CsvImportError,
    ProjectDraft,
    profile_from_form,
    read_contacts,
)

FEATURES = ("login", "save_settings", "switches", "upload", "wizard", "validation")
COOKIE = "acme_sid"

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class Session:
    user: str
    message: tuple[str, str] | None = None  # (kind, text), shown once on the next page
    draft: ProjectDraft | None = None
    reached: int = 1  # the furthest wizard step the draft may open
    created: int | None = None


@dataclass
class Request:
    method: str
    path: str
    cookie: str | None
    form: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


@dataclass
class Response:
    body: str = ""
    status: HTTPStatus = HTTPStatus.OK
    headers: list[tuple[str, str]] = field(default_factory=list)


def redirect(location: str, *cookies: str) -> Response:
    return Response(
        status=HTTPStatus.SEE_OTHER, headers=[("Location", location)] + [("Set-Cookie", c) for c in cookies]
    )


def read_request(environ: dict[str, Any]) -> Request:
    morsel = SimpleCookie(environ.get("HTTP_COOKIE", "")).get(COOKIE)
    request = Request(environ["REQUEST_METHOD"], environ.get("PATH_INFO") or "/", morsel.value if morsel else None)
    content_type = environ.get("CONTENT_TYPE", "")
    if request.method != "POST":
        return request
    if content_type.startswith("application/x-www-form-urlencoded"):
        # python-multipart hands url-encoded values over still encoded; the standard library decodes them.
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        request.form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        return request

    def on_field(part: Field) -> None:
        name = part.field_name.decode() if part.field_name else ""
        request.form.setdefault(name, []).append((part.value or b"").decode("utf-8", "replace"))

    def on_file(part: File) -> None:
        part.file_object.seek(0)
        name = part.field_name.decode() if part.field_name else ""
        request.files[name] = ((part.file_name or b"").decode("utf-8", "replace"), part.file_object.read())

    if not content_type.startswith("multipart/form-data"):
        return request  # a bodiless post (wsgiref reports it as text/plain) or one this app never sends
    headers = {"Content-Type": content_type, "Content-Length": environ.get("CONTENT_LENGTH") or "0"}
    parse_form(headers, environ["wsgi.input"], on_field, on_file)
    return request


class SettingsApp:
    """A WSGI callable; ``broken`` may be changed while serving and ``reset`` restores a fresh account."""

    def __init__(self, username: str, password: str, broken: frozenset[str]) -> None:
        unknown = set(broken) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown features {sorted(unknown)!r}; choose from {FEATURES!r}")
        self.username = username
        self.password = password
        self.broken: set[str] = set(broken)
        self.state = AccountState()
        self.sessions: dict[str, Session] = {}

    def reset(self) -> None:
        self.state = AccountState()
        self.sessions.clear()
        self.broken.clear()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        response = self.handle(read_request(environ))
        data = response.body.encode("utf-8")
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "no-store"),
            *response.headers,
        ]
        start_response(f"{response.status.value} {response.status.phrase}", headers)
        return [data]

    # -- routing ------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        if request.path == "/login":
            return self.login(request)
        session = self.sessions.get(request.cookie or "")
        if session is None:
            return redirect("/login")
        routes: dict[tuple[str, str], Callable[[Request, Session], Response]] = {
            ("GET", "/"): lambda r, s: redirect("/settings/profile"),
            ("POST", "/logout"): self.logout,
            ("GET", "/settings/profile"): self.profile,
            ("POST", "/settings/profile"): self.save_profile,
            ("POST", "/settings/picture"): self.upload_picture,
            ("GET", "/contacts"): self.contacts,
            ("POST", "/contacts/import"): self.import_contacts,
            ("GET", "/projects"): lambda r, s: Response(pages.projects_page(s.user, self.state.projects)),
            ("GET", "/projects/new"): self.start_wizard,
            ("GET", "/projects/new/done"): self.created,
        }
        route = routes.get((request.method, request.path))
        if route is not None:
            return route(request, session)
        step = request.path.removeprefix("/projects/new/")
        if step in ("1", "2", "3"):
            handler = self.wizard_step if request.method == "GET" else self.wizard_post
            return handler(request, session, int(step))
        return Response(pages.not_found_page(), HTTPStatus.NOT_FOUND)

    def scripts(self) -> str:
        return ("" if "switches" in self.broken else pages.SWITCH_JS) + (
            "" if "validation" in self.broken else pages.VALIDATION_JS
        )

    @staticmethod
    def take_message(session: Session) -> tuple[str, str] | None:
        message, session.message = session.message, None
        return message

    # -- sign in ------------------------------------------------------------------
    def login(self, request: Request) -> Response:
        if request.method != "POST":
            return Response(pages.login_page(None, None))
        user = request.form.get("user", [""])[0].strip()
        password = request.form.get("password", [""])[0]
        valid = secrets.compare_digest(user, self.username) and secrets.compare_digest(password, self.password)
        if not valid or "login" in self.broken:
            return Response(pages.login_page("Incorrect email or password.", None))
        token = secrets.token_urlsafe(24)
        self.sessions[token] = Session(user=user)
        return redirect("/settings/profile", f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax")

    def logout(self, request: Request, session: Session) -> Response:
        self.sessions.pop(request.cookie or "", None)
        return Response(
            pages.login_page(None, ("info", "You have signed out.")),
            headers=[("Set-Cookie", f"{COOKIE}=; Path=/; Max-Age=0")],
        )

    # -- profile ------------------------------------------------------------------
    def profile(self, request: Request, session: Session, error: str | None = None) -> Response:
        validate = "validation" not in self.broken
        page = pages.profile_page(session.user, self.state, self.take_message(session), error, self.scripts(), validate)
        return Response(page)

    def save_profile(self, request: Request, session: Session) -> Response:
        profile = profile_from_form(request.form, self.state.profile)
        if not profile.display_name and "validation" not in self.broken:
            # Reached only without the page's script; normally the browser shows this before posting.
            return self.profile(request, session, error="Display name is required")
        if "save_settings" not in self.broken:
            self.state.profile = profile
        session.message = ("success", "Settings saved")
        return redirect("/settings/profile")

    def upload_picture(self, request: Request, session: Session) -> Response:
        name, _ = request.files.get("picture", ("", b""))
        if not name:
            session.message = ("error", "Choose an image to upload.")
            return redirect("/settings/profile")
        if "upload" not in self.broken:
            self.state.picture = name
        session.message = ("success", f"Profile picture updated: {name}")
        return redirect("/settings/profile")

    # -- contacts -----------------------------------------------------------------
    def contacts(self, request: Request, session: Session) -> Response:
        return Response(pages.contacts_page(session.user, self.state.contacts, self.take_message(session)))

    def import_contacts(self, request: Request, session: Session) -> Response:
        name, data = request.files.get("contacts", ("", b""))
        if not name:
            session.message = ("error", "Choose a CSV file to import.")
            return redirect("/contacts")
        try:
            contacts = read_contacts(data)
        except CsvImportError as exc:
            session.message = ("error", str(exc))
            return redirect("/contacts")
        if "upload" not in self.broken:
            self.state.contacts.extend(contacts)
        session.message = ("success", f"Imported {len(contacts)} contact{'' if len(contacts) == 1 else 's'}")
        return redirect("/contacts")

    # -- create-project wizard ----------------------------------------------------
    def start_wizard(self, request: Request, session: Session) -> Response:
        session.draft, session.reached = ProjectDraft(), 1
        return redirect("/projects/new/1")

    def wizard_step(self, request: Request, session: Session, step: int, error: str | None = None) -> Response:
        if session.draft is None:
            return redirect("/projects/new")
        if step > session.reached:
            return redirect(f"/projects/new/{session.reached}")
        validate = "validation" not in self.broken
        page = pages.wizard_page(session.user, step, session.draft, error, self.scripts(), validate)
        return Response(page)

    def wizard_post(self, request: Request, session: Session, step: int) -> Response:
        if session.draft is None:
            return redirect("/projects/new")
        form = request.form
        action = form.get("action", ["next"])[0]
        if step == 1:
            session.draft = replace(
                session.draft,
                name=form.get("name", [""])[0].strip(),
                description=form.get("description", [""])[0].strip(),
            )
            if not session.draft.name and "validation" not in self.broken:
                return self.wizard_step(request, session, 1, error="Project name is required")
        elif step == 2:
            visibility, template = form.get("visibility", [""])[0], form.get("template", [""])[0]
            session.draft = replace(
                session.draft,
                visibility=visibility if visibility in VISIBILITIES else session.draft.visibility,
                template=template if template in TEMPLATES else session.draft.template,
                features=frozenset(name for name, _ in PROJECT_FEATURES if name in form),
            )
        elif action == "create":
            if "wizard" in self.broken:
                # The wizard silently starts over: no project, an empty first step.
                return self.start_wizard(request, session)
            session.created = self.state.add_project(session.draft).id
            session.draft, session.reached = None, 1
            return redirect("/projects/new/done")
        target = step - 1 if action == "back" else step + 1
        session.reached = max(session.reached, target)
        return redirect(f"/projects/new/{max(target, 1)}")

    def created(self, request: Request, session: Session) -> Response:
        project = next((p for p in self.state.projects if p.id == session.created), None)
        if project is None:
            return redirect("/projects")
        return Response(pages.created_page(session.user, project))


def create_app(username: str, password: str, *, broken: frozenset[str] = frozenset()) -> SettingsApp:
    return SettingsApp(username, password, broken)
