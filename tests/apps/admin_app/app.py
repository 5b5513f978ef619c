"""The Flask application: sign-in guard, user menu, dashboard and the header's site-wide search."""

from __future__ import annotations

import secrets
from typing import Any, cast

from flask import Flask, current_app, flash, get_flashed_messages, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from apps.admin_app.store import Catalogue

FEATURES = (
    "login", "logout", "create", "edit", "delete", "search", "filter", "sort", "paginate", "flash", "detail"
)  # fmt: skip
OPEN_ENDPOINTS = {"login", "static"}


class AdminApp(Flask):
    """A Flask app that also holds its catalogue, its credentials and the set of broken features."""

    def __init__(self, username: str, password: str, broken: frozenset[str]) -> None:
        super().__init__(__name__, static_url_path="/static")
        unknown = set(broken) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown features {sorted(unknown)!r}; choose from {FEATURES!r}")
        self.username = username
        self.password = password
        self.broken: set[str] = set(broken)
        self.catalogue = Catalogue()

    def reset(self) -> None:
        """Back to the seeded catalogue with every feature working (sessions live in cookies, not here)."""
        self.catalogue.reset()
        self.broken.clear()


def admin() -> AdminApp:
    return cast(AdminApp, current_app)


def is_broken(feature: str) -> bool:
    return feature in admin().broken


def create_app(username: str, password: str, *, broken: frozenset[str] = frozenset()) -> AdminApp:
    app = AdminApp(username, password, broken)
    # A fresh key per instance: sessions from another run never carry over.
    app.config.update(SECRET_KEY=secrets.token_hex(16), APPLICATION_ROOT="/admin", SESSION_COOKIE_NAME="admin_session")

    from apps.admin_app.authors import authors
    from apps.admin_app.books import books

    app.register_blueprint(books)
    app.register_blueprint(authors)
    app.before_request(_require_login)
    app.context_processor(_layout_context)
    app.add_url_rule("/", "dashboard", _dashboard)
    app.add_url_rule("/login", "login", _login, methods=["GET", "POST"])
    app.add_url_rule("/logout", "logout", _logout, methods=["POST"])
    app.add_url_rule("/search", "search", _search)
    return app


def _require_login() -> Response | None:
    if request.endpoint in OPEN_ENDPOINTS or "user" in session:
        return None
    target = request.full_path.rstrip("?")
    return redirect(url_for("login", next=target) if target != "/" else url_for("login"))


def _layout_context() -> dict[str, Any]:
    # Reading the messages consumes them, so a broken flash loses them instead of showing them later.
    messages = get_flashed_messages(with_categories=True)
    return {"user": session.get("user"), "messages": [] if is_broken("flash") else messages}


def _safe_next(target: str | None) -> str:
    """Only paths inside this app; anything else (another host, the site root) goes to the dashboard."""
    if target and target.startswith("/") and not target.startswith("//"):
        return request.script_root + target
    return url_for("dashboard")


def _login() -> str | Response:
    error = None
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        valid = secrets.compare_digest(username, admin().username) and secrets.compare_digest(
            password, admin().password
        )
        if valid and not is_broken("login"):
            session.clear()
            session["user"] = username
            return redirect(_safe_next(request.args.get("next")))
        error = "Invalid username or password."
    return render_template("login.html", error=error, username=request.form.get("username", ""))


def _logout() -> Response:
    if is_broken("logout"):
        return redirect(url_for("dashboard"))
    session.pop("user", None)
    flash("You have been logged out.", "info")
    return redirect(url_for("login"))


def _dashboard() -> str:
    catalogue = admin().catalogue
    out_of_stock = sum(1 for b in catalogue.books.values() if not b.in_stock)
    recent = sorted(catalogue.books.values(), key=lambda b: b.id, reverse=True)[:5]
    return render_template(
        "dashboard.html",
        book_count=len(catalogue.books),
        author_count=len(catalogue.authors),
        out_of_stock=out_of_stock,
        recent=recent,
    )


def _search() -> str:
    catalogue = admin().catalogue
    text = request.args.get("q", "").strip()
    found_books, found_authors = [], []
    if text and not is_broken("search"):
        needle = text.casefold()
        found_books = sorted(
            (b for b in catalogue.books.values() if needle in b.title.casefold()), key=lambda b: b.title
        )
        found_authors = catalogue.find_authors(text)
    return render_template("search.html", q=text, books=found_books, authors=found_authors, catalogue=catalogue)
