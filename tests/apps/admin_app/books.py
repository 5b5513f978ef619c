"""Books: the paginated, filterable, sortable list, detail page, add/edit form and delete confirmation."""

from __future__ import annotations

import math
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from apps.admin_app.app import admin, is_broken
from apps.admin_app.store import GENRES, SORT_KEYS, Book, BookQuery, DuplicateTitleError

PER_PAGE = 10
COLUMNS = (("title", "Title"), ("author", "Author"), ("year", "Year"), ("genre", "Genre"))

books = Blueprint("books", __name__, url_prefix="/books")


def _query_from(args: MultiDict[str, str]) -> BookQuery:
    sort = args.get("sort", "")
    return BookQuery(
        text=args.get("q", ""),
        genre=args.get("genre", "") if args.get("genre", "") in GENRES else "",
        in_stock_only=args.get("in_stock") == "1",
        sort=sort if sort in SORT_KEYS else "",
        descending=args.get("dir") == "desc",
    )


def _params(query: BookQuery, **overrides: Any) -> dict[str, Any]:
    """Query-string parameters that reproduce ``query``, so sort and page links keep the filters."""
    params: dict[str, Any] = {
        "q": query.text or None,
        "genre": query.genre or None,
        "in_stock": "1" if query.in_stock_only else None,
        "sort": query.sort or None,
        "dir": "desc" if query.sort and query.descending else None,
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


@books.get("/")
def index() -> str:
    shown = _query_from(request.args)
    used = shown
    if is_broken("search"):
        used = BookQuery(genre=used.genre, in_stock_only=used.in_stock_only, sort=used.sort, descending=used.descending)
    if is_broken("filter"):
        used = BookQuery(text=used.text, sort=used.sort, descending=used.descending)
    if is_broken("sort"):
        used = BookQuery(text=used.text, genre=used.genre, in_stock_only=used.in_stock_only)
    found = admin().catalogue.find_books(used)

    pages = max(1, math.ceil(len(found) / PER_PAGE))
    page = request.args.get("page", "1")
    current = min(max(int(page), 1), pages) if page.isdigit() else 1
    first_row = 0 if is_broken("paginate") else (current - 1) * PER_PAGE

    def sort_url(key: str) -> str:
        descending = shown.sort == key and not shown.descending
        return url_for("books.index", **_params(shown, sort=key, dir="desc" if descending else None))

    def page_url(number: int) -> str:
        return url_for("books.index", **_params(shown, page=number if number > 1 else None))

    return render_template(
        "books/list.html",
        query=shown,
        genres=GENRES,
        columns=COLUMNS,
        books=found[first_row : first_row + PER_PAGE],
        author_name=admin().catalogue.author_name,
        total=len(found),
        first=(current - 1) * PER_PAGE + 1,
        last=min(current * PER_PAGE, len(found)),
        page=current,
        pages=pages,
        sort_url=sort_url,
        page_url=page_url,
    )


def _book_or_404(book_id: int) -> Book:
    book = admin().catalogue.books.get(book_id)
    if book is None:
        abort(404)
    return book


def _read_form(form: MultiDict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {
        "title": form.get("title", "").strip(),
        "author_id": form.get("author_id", ""),
        "year": form.get("year", "").strip(),
        "genre": form.get("genre", ""),
        "in_stock": form.get("in_stock") == "1",
    }
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = "Title is required."
    if not values["author_id"].isdigit() or int(values["author_id"]) not in admin().catalogue.authors:
        errors["author_id"] = "Choose an author."
    if not values["year"].isdigit() or not 1000 <= int(values["year"]) <= 2100:
        errors["year"] = "Year must be a whole number between 1000 and 2100."
    if values["genre"] not in GENRES:
        errors["genre"] = "Choose a genre."
    return values, errors


def _render_form(heading: str, submit: str, values: dict[str, Any], errors: dict[str, str], cancel: str) -> str:
    authors = admin().catalogue.find_authors()
    return render_template(
        "books/form.html",
        heading=heading,
        submit=submit,
        values=values,
        errors=errors,
        authors=authors,
        genres=GENRES,
        cancel=cancel,
    )


@books.route("/new", methods=["GET", "POST"])
def new() -> str | Response:
    if request.method == "GET":
        blank = {"title": "", "author_id": "", "year": "", "genre": GENRES[0], "in_stock": True}
        return _render_form("Add book", "Save", blank, {}, url_for("books.index"))
    values, errors = _read_form(request.form)
    if not errors and not is_broken("create"):
        try:
            admin().catalogue.add_book(
                values["title"], int(values["author_id"]), int(values["year"]), values["genre"], values["in_stock"]
            )
        except DuplicateTitleError:
            errors["title"] = "A book with this title already exists."
    if errors:
        return _render_form("Add book", "Save", values, errors, url_for("books.index"))
    flash(f"Book “{values['title']}” was added.", "success")
    return redirect(url_for("books.index"))


@books.get("/<int:book_id>")
def detail(book_id: int) -> str:
    if is_broken("detail"):  # every detail link shows the first book
        book_id = min(admin().catalogue.books)
    book = _book_or_404(book_id)
    return render_template("books/detail.html", book=book, author=admin().catalogue.authors.get(book.author_id))


@books.route("/<int:book_id>/edit", methods=["GET", "POST"])
def edit(book_id: int) -> str | Response:
    book = _book_or_404(book_id)
    cancel = url_for("books.detail", book_id=book_id)
    if request.method == "GET":
        current: dict[str, Any] = {
            "title": book.title,
            "author_id": str(book.author_id),
            "year": str(book.year),
            "genre": book.genre,
            "in_stock": book.in_stock,
        }
        return _render_form("Edit book", "Save changes", current, {}, cancel)
    values, errors = _read_form(request.form)
    if not errors and not is_broken("edit"):
        try:
            admin().catalogue.update_book(
                book_id,
                title=values["title"],
                author_id=int(values["author_id"]),
                year=int(values["year"]),
                genre=values["genre"],
                in_stock=values["in_stock"],
            )
        except DuplicateTitleError:
            errors["title"] = "A book with this title already exists."
    if errors:
        return _render_form("Edit book", "Save changes", values, errors, cancel)
    flash(f"Book “{values['title']}” was updated.", "success")
    return redirect(cancel)


@books.route("/<int:book_id>/delete", methods=["GET", "POST"])
def delete(book_id: int) -> str | Response:
    book = _book_or_404(book_id)
    if request.method == "GET":
        return render_template("books/confirm_delete.html", book=book)
    if not is_broken("delete"):
        admin().catalogue.delete_book(book_id)
    flash(f"Book “{book.title}” was deleted.", "success")
    return redirect(url_for("books.index"))
