"""A small DOM over ``html.parser``: enough to edit the corpus's well-formed, hand-written pages."""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator
from html.parser import HTMLParser

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_RAW_TEXT = frozenset({"style", "script"})
_NO_NAME_TEXT = frozenset({"select", "textarea", "style", "script", "option"})


class Node:
    """An element (``tag``, ``attrs``, ``children``), a text node (tag ``#text``, ``data``) or the document."""

    __slots__ = ("attrs", "children", "data", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str] | None = None, data: str = "") -> None:
        self.tag = tag
        self.attrs = dict(attrs or {})
        self.children: list[Node] = []
        self.parent: Node | None = None
        self.data = data

    @property
    def is_text(self) -> bool:
        return self.tag == "#text"

    def append(self, child: Node) -> Node:
        child.detach()
        child.parent = self
        self.children.append(child)
        return child

    def insert(self, index: int, child: Node) -> Node:
        child.detach()
        child.parent = self
        self.children.insert(index, child)
        return child

    def detach(self) -> None:
        if self.parent is not None:
            self.parent.children = [c for c in self.parent.children if c is not self]
            self.parent = None

    def position(self) -> int:
        assert self.parent is not None
        return next(i for i, c in enumerate(self.parent.children) if c is self)

    def replace_with(self, other: Node) -> None:
        assert self.parent is not None
        parent, index = self.parent, self.position()
        self.detach()
        parent.insert(index, other)

    def elements(self) -> list[Node]:
        return [c for c in self.children if not c.is_text]

    def iter(self) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        if not self.is_text:
            yield self
            for child in self.children:
                yield from child.iter()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def contains(self, other: Node) -> bool:
        return other is self or any(a is self for a in other.ancestors())

    def text_nodes(self) -> Iterator[Node]:
        """Text that makes up a visible name: skips form control contents and stylesheets."""
        for child in self.children:
            if child.is_text:
                yield child
            elif child.tag not in _NO_NAME_TEXT:
                yield from child.text_nodes()

    def clone(self) -> Node:
        copy = Node(self.tag, self.attrs, self.data)
        for child in self.children:
            copy.append(child.clone())
        return copy


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._open[-1].append(Node(tag, {k: v or "" for k, v in attrs}))
        if tag not in _VOID:
            self._open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._open[-1].tag != tag:
            raise ValueError(f"</{tag}> closes <{self._open[-1].tag}>: corpus pages must be well formed")
        self._open.pop()

    def handle_data(self, data: str) -> None:
        self._open[-1].append(Node("#text", data=data))


def parse(source: str) -> Node:
    """A fresh tree of ``source``: parsed once per page, copied for every edit."""
    return _parse(source).clone()


@functools.cache
def _parse(source: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


def serialize(node: Node) -> str:
    if node.tag == "#document":
        return "<!DOCTYPE html>\n" + "".join(serialize(c) for c in node.children)
    if node.is_text:
        raw = node.parent is not None and node.parent.tag in _RAW_TEXT
        return node.data if raw else html.escape(node.data, quote=False)
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in node.attrs.items())
    if node.tag in _VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{''.join(serialize(c) for c in node.children)}</{node.tag}>"


def squash(text: str) -> str:
    return " ".join(text.split())
