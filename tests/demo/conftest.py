"""Fixtures for the demo shop tests: a real server per test and a small HTML reader."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import httpx
import pytest

from superagent.demo import AppServer, create_app

DEMO_USER = "demo"
DEMO_PASSWORD = "s3cret-pass"

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def text(self) -> str:
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style"):
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def descendants(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.descendants()

    def find_all(self, tag: str | None = None, text: str | None = None, **attrs: str) -> list[Node]:
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            n
            for n in self.descendants()
            if (tag is None or n.tag == tag)
            and all(n.attrs.get(k) == v for k, v in wanted.items())
            and (text is None or n.text == text)
        ]

    def find(self, tag: str | None = None, text: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, text, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs} text={text!r}>, found {len(found)}"
        return found[0]

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


class Page(Node):
    """A fetched HTML page with the lookups the tests need."""

    def __init__(self, response: httpx.Response) -> None:
        builder = _TreeBuilder()
        builder.feed(response.text)
        super().__init__("#document", {}, None)
        self.children = builder.root.children
        for child in self.children:
            if isinstance(child, Node):
                child.parent = self
        self.response = response
        self.status = response.status_code
        self.path = response.url.path
        self.query = response.url.query.decode()

    @property
    def main(self) -> Node:
        return self.find("main")

    @property
    def nav(self) -> Node:
        return self.find("nav", aria_label="Main")

    @property
    def h1(self) -> str:
        return self.find("h1").text

    def role_texts(self, role: str) -> list[str]:
        return [n.text for n in self.find_all(role=role)]

    def control(self, label: str) -> Node:
        """The form control labelled exactly ``label``."""
        target = self.find("label", text=label).get("for")
        assert target, f"label {label!r} has no for="
        return self.find(id=target)

    def labels(self) -> list[str]:
        return [n.text for n in self.find_all("label")]

    def nav_names(self) -> list[str]:
        return [n.text for n in self.nav.find_all() if n.tag in ("a", "button")]

    def testids(self) -> set[str]:
        return {n.attrs["data-testid"] for n in self.descendants() if "data-testid" in n.attrs}


class Visitor:
    """One browser-like visitor: keeps cookies, follows redirects, adds the CSRF token to posts."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, follow_redirects=True, timeout=10)

    def get(self, path: str) -> Page:
        return Page(self.http.get(path))

    def csrf(self) -> str:
        token = self.get("/products").find_all("input", name="csrf_token")[0].get("value")
        assert token
        return token

    def post(self, path: str, data: dict[str, str] | None = None, *, csrf: bool = True) -> Page:
        form = dict(data or {})
        if csrf:
            form["csrf_token"] = self.csrf()
        return Page(self.http.post(path, data=form))

    def log_in(self, username: str = DEMO_USER, password: str = DEMO_PASSWORD) -> Page:
        return self.post("/login", {"username": username, "password": password})

    def add_to_cart(self, slug: str) -> Page:
        return self.post("/cart/add", {"product": slug, "next": "/products"})

    def close(self) -> None:
        self.http.close()


Shop = Callable[..., Visitor]


@pytest.fixture
def shop() -> Iterator[Shop]:
    """Start a fresh demo app over real HTTP; returns a visitor of it."""
    servers: list[AppServer] = []
    visitors: list[Visitor] = []

    def start(variant: str = "v1", broken: frozenset[str] = frozenset()) -> Visitor:
        app = create_app(variant, username=DEMO_USER, password=DEMO_PASSWORD, broken=broken)  # type: ignore[arg-type]
        server = AppServer(app)
        server.start()
        servers.append(server)
        visitor = Visitor(server.url)
        visitors.append(visitor)
        return visitor

    yield start
    for visitor in visitors:
        visitor.close()
    for server in servers:
        server.stop()
