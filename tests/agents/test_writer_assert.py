"""Assertions written from one run must hold on the next: made-up values are cut, generated ids generalised."""

from __future__ import annotations

import re

import pytest

from superagent.agents.writer_assert import stable_text, url_pattern


@pytest.mark.parametrize(
    ("text", "dynamic", "expected"),
    [
        pytest.param("Welcome back, qa-user-4821", ["qa-user-4821"], "Welcome back", id="generated-username"),
        pytest.param("Account created for shopper, enjoy", ["shopper"], "Account created for", id="dynamic-value"),
        pytest.param("Order #1042 confirmed", [], "Order", id="order-number"),
        pytest.param("Thanks! Your order 48213 is on its way", [], "Thanks! Your order", id="long-number"),
        pytest.param("Saved item 8f3a9c2d", [], "Saved item", id="random-id"),
        pytest.param("2 products found", [], "2 products found", id="small-count-kept"),
        pytest.param("Your cart is empty", [], "Your cart is empty", id="nothing-to-cut"),
        pytest.param("Your cart is empty", ["", "absent"], "Your cart is empty", id="unused-dynamic-values"),
    ],
)
def test_stable_text(text: str, dynamic: list[str], expected: str) -> None:
    assert stable_text(text, dynamic) == expected


@pytest.mark.parametrize(
    ("text", "dynamic"),
    [
        pytest.param("Hi qa-user-4821", ["qa-user-4821"], id="only-a-greeting-left"),
        pytest.param("#1042", [], id="only-a-number"),
        pytest.param("Hey", [], id="too-short"),
        pytest.param("qa-user-4821 logged in", ["qa-user-4821"], id="value-first"),
    ],
)
def test_stable_text_too_short(text: str, dynamic: list[str]) -> None:
    assert stable_text(text, dynamic) is None


def test_stable_text_cuts_at_the_earliest_made_up_value() -> None:
    text = "Hello alice, order 9913 placed"
    assert stable_text(text, ["9913", "alice"]) == "Hello"


@pytest.mark.parametrize(
    ("url", "pattern", "other"),
    [
        pytest.param(
            "http://127.0.0.1:8000/items/8f3a9c2d", r"/items/[^/]+$", "http://127.0.0.1:8000/items/", id="random-id"
        ),
        pytest.param(
            "http://127.0.0.1:8000/orders/7", r"/orders/[^/]+$", "http://127.0.0.1:8000/orders/7/cancel", id="number"
        ),
        pytest.param("http://127.0.0.1:8000/dashboard", r"/dashboard$", "http://127.0.0.1:8000/dashboards", id="kept"),
        pytest.param(
            "http://127.0.0.1:8000/orders/SA-XSPRLX", r"/orders/[^/]+$", "http://127.0.0.1:8000/orders", id="code"
        ),
        pytest.param(
            "http://127.0.0.1:8000/search?q=desk",
            r"/search\?q=desk$",
            "http://127.0.0.1:8000/search?q=deskXlamp",
            id="query-escaped",
        ),
    ],
)
def test_url_pattern(url: str, pattern: str, other: str) -> None:
    assert url_pattern(url) == pattern
    assert re.search(url_pattern(url), url)
    assert not re.search(url_pattern(url), other)


def test_url_pattern_matches_the_next_generated_id_but_not_another_page() -> None:
    pattern = url_pattern("http://localhost:8000/items/8f3a9c2d")
    assert re.search(pattern, "http://localhost:8000/items/b71e04aa")
    assert not re.search(pattern, "http://localhost:8000/orders/b71e04aa")
    assert not re.search(pattern, "http://localhost:8000/items/b71e04aa/edit")


def test_url_pattern_escapes_regex_characters_in_the_query() -> None:
    pattern = url_pattern("http://localhost:8000/search?q=desk+lamp&page=1")
    assert re.search(pattern, "http://localhost:8000/search?q=desk+lamp&page=1")
    assert not re.search(pattern, "http://localhost:8000/search?q=deskkk+lamp&page=1")
    assert not re.search(pattern, "http://localhost:8000/search?q=desk+lamp&page=2")


def test_url_pattern_for_the_home_page() -> None:
    pattern = url_pattern("http://localhost:8000/")
    assert re.search(pattern, "http://localhost:8000/")
    assert not re.search(pattern, "http://localhost:8000/dashboard")
