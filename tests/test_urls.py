"""Base URLs with a path: tests navigate relative to the app, never to the host's root."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from superagent.urls import app_base, goto_target, relative_to, start_page


@pytest.mark.parametrize(
    ("given", "base"),
    [
        ("http://h:5000", "http://h:5000/"),
        ("http://h:5000/", "http://h:5000/"),
        ("http://h/admin", "http://h/admin/"),
        ("http://h/admin/", "http://h/admin/"),
        ("http://h/tracker/app/?tab=1#x", "http://h/tracker/app/"),
        ("http://h/app/index.html", "http://h/app/"),
    ],
)
def test_a_base_url_is_a_folder(given: str, base: str) -> None:
    assert app_base(given) == base


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("/", "http://h/admin/"),
        ("/books/", "http://h/admin/books/"),
        ("/books/?page=2", "http://h/admin/books/?page=2"),
    ],
)
def test_gotos_resolve_inside_the_app_like_playwright_does(path: str, url: str) -> None:
    # Playwright resolves page.goto's argument against the context's base URL the way urljoin does.
    assert urljoin(app_base("http://h/admin"), goto_target(path)) == url


def test_pages_are_recorded_relative_to_the_app() -> None:
    base = app_base("http://h/admin")
    assert relative_to(base, "http://h/admin") == "/"
    assert relative_to(base, "http://h/admin/books/3") == "/books/3"
    assert relative_to(base, "http://h/other/") is None
    assert start_page("http://h/app/index.html?x=1") == "/index.html?x=1"
    assert start_page("http://h/admin/") == "/"
