"""The app's base URL, and paths relative to it: an app may be served under a path (``http://host/admin/``).

A base URL always ends with ``/`` so that Playwright resolves relative paths inside the app (``books/`` is
``http://host/admin/books/``); a start page that names a file (``/app/index.html``) keeps its folder as the base.
Paths recorded while exploring are app-relative with a leading ``/`` (``/`` is the start page); tests navigate with
``page.goto("./")`` or ``page.goto("books/")``, never with a host-absolute ``/books/``.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def app_base(url: str) -> str:
    """``http://h/admin`` -> ``http://h/admin/``; ``http://h`` -> ``http://h/``; query and fragment dropped."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    if not path.endswith("/"):
        head, _, last = path.rpartition("/")
        path = f"{head}/" if "." in last else f"{path}/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def start_page(url: str) -> str:
    """The app-relative start page of ``url``: ``/`` for its base, ``/index.html?x=1`` for a file under it."""
    base = app_base(url)
    parts = urlsplit(url.strip())
    rest = (parts.path or "/")[len(urlsplit(base).path) :]
    query = f"?{parts.query}" if parts.query else ""
    return "/" + rest + query if rest or query else "/"


def goto_target(path: str) -> str:
    """What a generated test passes to ``page.goto`` for an app-relative path: ``./`` or ``books/?page=2``."""
    rest = path.lstrip("/")
    return rest or "./"


def relative_to(base: str, url: str) -> str | None:
    """``url`` as an app-relative path (``/books/``) when it is inside the app at ``base``, else None."""
    if url == base.rstrip("/"):
        return "/"
    if url.startswith(base):
        return "/" + url[len(base) :]
    return None
