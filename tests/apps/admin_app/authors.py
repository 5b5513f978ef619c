"""Authors: a searchable list sorted by name, a detail page with their books, add and edit forms."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from apps.admin_app.app import admin, is_broken
from apps.admin_app.store import Author

authors = Blueprint("authors", __name__, url_prefix="/authors")


@authors.get("/")
def index() -> str:
    text = request.args.get("q", "")
    descending = request.args.get("dir") == "desc"
    catalogue = admin().catalogue
    found = catalogue.find_authors("" if is_broken("search") else text, descending=descending and not is_broken("sort"))
    # The Name header link flips the order; the other filters are kept.
    flip: dict[str, Any] = {"q": text or None, "dir": None if descending else "desc"}
    return render_template(
        "authors/list.html",
        q=text,
        authors=found,
        descending=descending,
        book_count=lambda a: len(catalogue.books_by(a.id)),
        sort_url=url_for("authors.index", **{k: v for k, v in flip.items() if v}),
    )


def _author_or_404(author_id: int) -> Author:
    author = admin().catalogue.authors.get(author_id)
    if author is None:
        abort(404)
    return author


@authors.get("/<int:author_id>")
def detail(author_id: int) -> str:
    author = _author_or_404(author_id)
    return render_template("authors/detail.html", author=author, books=admin().catalogue.books_by(author_id))


def _form(heading: str, submit: str, values: dict[str, str], errors: dict[str, str], cancel: str) -> str:
    page = {"heading": heading, "submit": submit, "values": values, "errors": errors, "cancel": cancel}
    return render_template("authors/form.html", **page)


def _save(author_id: int | None) -> str | Response:
    heading, submit = ("Add author", "Save") if author_id is None else ("Edit author", "Save changes")
    cancel = url_for("authors.index") if author_id is None else url_for("authors.detail", author_id=author_id)
    if request.method == "GET":
        current = admin().catalogue.authors.get(author_id or 0)
        values = {"name": current.name, "country": current.country} if current else {"name": "", "country": ""}
        return _form(heading, submit, values, {}, cancel)
    values = {"name": request.form.get("name", "").strip(), "country": request.form.get("country", "").strip()}
    if not values["name"]:
        return _form(heading, submit, values, {"name": "Name is required."}, cancel)
    if author_id is None:
        if not is_broken("create"):
            admin().catalogue.add_author(values["name"], values["country"])
        flash(f"Author “{values['name']}” was added.", "success")
        return redirect(url_for("authors.index"))
    if not is_broken("edit"):
        admin().catalogue.update_author(author_id, values["name"], values["country"])
    flash(f"Author “{values['name']}” was updated.", "success")
    return redirect(cancel)


@authors.route("/new", methods=["GET", "POST"])
def new() -> str | Response:
    return _save(None)


@authors.route("/<int:author_id>/edit", methods=["GET", "POST"])
def edit(author_id: int) -> str | Response:
    _author_or_404(author_id)
    return _save(author_id)
