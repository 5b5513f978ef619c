"""Healing benchmark: after a page changes, does the Similo scorer still rank the element a test used first?

    .venv/bin/python benchmarks/healing.py [--json] [--failures N] [--page NAME]

Corpus: seven hand-written pages (``benchmarks/healing_pages.py``: login, sign-up, product grid, users table,
settings, docs navigation, search with filters). Every interactive element is a target. Each target gets realistic
changes, one at a time, each giving a new page:

- ``id``, ``test_id``: renamed (generated-looking, React-style, or re-worded and re-cased); label ``for`` follows;
- ``classes``: renamed the way CSS-in-JS / CSS modules do it, everywhere on the page and in the stylesheet;
- ``text``: the visible name reworded ("Log in" -> "Sign in"), on every element that carried it;
- ``wrap``: the element put inside two new ``div`` containers;
- ``move``: the element (with its label, card or table row) moved to the other end of its parent;
- ``relocate``: the same moved to another section of the same kind (header links to the footer, between fieldsets);
- ``link_button``: a link rewritten as a button, a button as a link;
- ``decoy_near``: a look-alike next to it ("Save draft" beside "Save", "Confirm email" beside "Confirm password");
- ``decoy_copy``: a copy with the same name in a "Sponsored" banner at the top of its region;
- ``combo``: two of the above together.

Each case is rendered in Chromium and inventoried the way the healer sees a page; ``rank_candidates`` must put the
true counterpart first. A wrong winner that still passes a confidence gate (score >= 0.5 and a lead of >= 0.05 over
the runner-up) is "confidently wrong": the healer would act on it.

``--e2e N`` (default 4) then measures the end-to-end heal rate on N cases per mutation: real tests, broken by the
change, run through Medic's proof loop (``benchmarks/healing_e2e.py``).

Reuse: ``build_cases()`` needs no browser and returns every case as two HTML pages, the target marked with
``data-bench-target`` and its counterpart with ``data-bench-truth``; ``load_marked(page, html, attr)`` loads one
with the marker removed (so the inventory never sees it) and ``marked_indices(page)`` maps it to inventory indices.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import html
import json
import random
import re
import statistics
import string
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from superagent.browser.chromium import launch_options
from superagent.browser.snapshot import inventory
from superagent.healing.fingerprint import Fingerprint
from superagent.healing.similo import rank_candidates

if __package__:
    from .healing_pages import DECOY, PAGES, REWORD
else:
    from healing_pages import DECOY, PAGES, REWORD

TARGET_ATTR = "data-bench-target"
TRUTH_ATTR = "data-bench-truth"
SECTION_ATTR = "data-bench-section"
UNIT_ATTR = "data-bench-unit"
GATE_SCORE = 0.5
GATE_MARGIN = 0.05

# --- a small DOM over html.parser: enough to edit well-formed, hand-written pages ------------------------------------

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


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- targets and their visible names ---------------------------------------------------------------------------------

_CONTROLS = frozenset({"input", "select", "textarea"})
_INPUT_BUTTONS = frozenset({"submit", "button", "reset"})


def is_target(node: Node) -> bool:
    if node.tag == "a":
        return "href" in node.attrs
    if node.tag == "input":
        return node.attrs.get("type", "text") != "hidden"
    return node.tag in ("button", "select", "textarea")


def targets(doc: Node) -> list[Node]:
    return [n for n in doc.iter() if is_target(n)]


def label_of(scope: Node, el: Node) -> Node | None:
    """The ``<label>`` naming a form control: ``for`` its id within ``scope``, else a wrapping label."""
    if el.tag not in _CONTROLS:
        return None
    if el.attrs.get("id"):
        for node in scope.iter():
            if node.tag == "label" and node.attrs.get("for") == el.attrs["id"]:
                return node
    return next((a for a in el.ancestors() if a.tag == "label"), None)


@dataclass
class _Slot:
    """One place a visible name lives: an attribute of ``node``, or (``attr`` None) its text."""

    node: Node
    attr: str | None

    def get(self) -> str:
        if self.attr:
            return _squash(self.node.attrs.get(self.attr, ""))
        return _squash("".join(t.data for t in self.node.text_nodes()))

    def replace(self, old: str, new: str) -> None:
        if self.attr:
            self.node.attrs[self.attr] = self.node.attrs[self.attr].replace(old, new, 1)
            return
        for text in self.node.text_nodes():
            if old in text.data:
                text.data = text.data.replace(old, new, 1)
                return
        raise ValueError(f"{old!r} is split across elements; keep corpus names in one text node")


def name_slots(scope: Node, el: Node) -> list[_Slot]:
    """Where ``el``'s visible name lives, the one a user reads first first."""
    slots = []
    if el.attrs.get("aria-label"):
        slots.append(_Slot(el, "aria-label"))
    if el.tag == "input" and el.attrs.get("type") in _INPUT_BUTTONS and el.attrs.get("value"):
        slots.append(_Slot(el, "value"))
    if el.tag in ("a", "button"):
        slots.append(_Slot(el, None))
    label = label_of(scope, el)
    if label is not None:
        slots.append(_Slot(label, None))
    if el.attrs.get("placeholder"):
        slots.append(_Slot(el, "placeholder"))
    return [s for s in slots if s.get()]


def phrase_of(scope: Node, el: Node) -> str:
    slots = name_slots(scope, el)
    if not slots:
        raise ValueError(f"<{el.tag} {el.attrs}> has no visible name")
    return slots[0].get()


def _rename_phrase(scope: Node, el: Node, old: str, new: str) -> None:
    for slot in name_slots(scope, el):
        if slot.get() == old:
            slot.replace(old, new)


def field_unit(scope: Node, el: Node) -> Node:
    """What belongs with ``el`` on screen: its label (the field wrapper, or the wrapping label), or its list item."""
    label = label_of(scope, el)
    if label is not None:
        if label.contains(el):
            return label
        if label.parent is el.parent and el.parent is not None and el.parent.tag in ("div", "p", "li"):
            return el.parent
    if el.parent is not None and el.parent.tag == "li" and len(el.parent.elements()) == 1:
        return el.parent
    return el


def move_unit(scope: Node, el: Node) -> Node:
    """What moves with ``el``: a marked card or row, else its field unit."""
    return next((a for a in [el, *el.ancestors()] if UNIT_ATTR in a.attrs), None) or field_unit(scope, el)


def _slug(text: str, sep: str = "-") -> str:
    return sep.join(re.findall(r"[a-z0-9]+", text.lower())) or "item"


# --- mutations ------------------------------------------------------------------------------------------------------

# A mutation edits ``doc`` so that ``el`` changes; it returns the element that now stands for ``el`` and a one-line
# account of the change, or None when it does not apply (no id to rename, nowhere to move it).
Mutation = Callable[[Node, Node, random.Random], "tuple[Node, str] | None"]

_SYNONYMS = {
    "login": "signin", "log": "sign", "signup": "register", "submit": "btn", "button": "btn", "username": "user-name",
    "password": "pwd", "email": "mail", "user": "member", "users": "members", "add": "put", "cart": "basket",
    "delete": "remove", "edit": "modify", "search": "find", "settings": "prefs", "account": "profile",
    "save": "persist", "first": "given", "last": "family", "filters": "facets", "apply": "run", "remember": "persist",
    "sso": "oauth", "tab": "tabs", "display": "public", "name": "label", "more": "extra", "load": "fetch",
    "confirm": "repeat", "new": "fresh", "phone": "mobile", "price": "cost", "stock": "inventory",
}  # fmt: skip
_KIND_SUFFIX = {"a": "link", "button": "btn", "input": "input", "select": "select", "textarea": "text"}


def _code(rng: random.Random, size: int = 6) -> str:
    """A random-looking name part with at least one digit and one letter, as build tools generate."""
    while True:
        code = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(size))
        if re.search(r"\d", code) and re.search(r"[a-z]", code):
            return code


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w]


def _restyle(name: str, kind: str, rng: random.Random) -> str:
    """The same name as another developer would write it: synonyms, another case style, maybe a kind suffix."""
    words = _words(name)
    swapped = [part for w in words for part in _SYNONYMS.get(w, w).split("-")]
    if swapped == words or rng.random() < 0.3:
        swapped.append(_KIND_SUFFIX.get(kind, "el"))
    style = rng.choice(["camel", "snake", "kebab"])
    if style == "camel":
        return swapped[0] + "".join(w.capitalize() for w in swapped[1:])
    return ("_" if style == "snake" else "-").join(swapped)


def _new_id(old: str, kind: str, rng: random.Random) -> str:
    style = rng.choice(["generated", "react", "restyled", "restyled"])
    if style == "generated":
        return f"{rng.choice(['f', 'el', 'input', 'c', 'mui'])}-{_code(rng)}"
    if style == "react":
        return f":r{_code(rng, 2)}:"
    return _restyle(old, kind, rng)


def _rename_id(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    old = el.attrs.get("id")
    if not old:
        return None
    new = _new_id(old, el.tag, rng)
    el.attrs["id"] = new
    for node in doc.iter():
        if node.attrs.get("for") == old:
            node.attrs["for"] = new
    return el, f"id {old!r} -> {new!r}"


def _rename_test_id(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    old = el.attrs.get("data-testid")
    if not old:
        return None
    style = rng.choice(["restyled", "namespaced", "both"])
    new = old if style == "namespaced" else _restyle(old, el.tag, rng)
    if style != "restyled":
        new = f"{rng.choice(['qa', 'e2e', 'ui'])}-{new}"
    el.attrs["data-testid"] = new
    return el, f"data-testid {old!r} -> {new!r}"


def _rename_classes(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """A new build renames the element's classes everywhere: in every class list and in the stylesheet."""
    old = el.attrs.get("class", "").split()
    if not old:
        el.attrs["class"] = f"css-{_code(rng)}"
        return el, f"classes added {el.attrs['class']!r}"
    style = rng.choice(["emotion", "styled", "modules"])
    component = _words(old[0])[0].capitalize() if _words(old[0]) else "C"
    mapping = {}
    for cls in old:
        if style == "emotion":
            mapping[cls] = f"css-{_code(rng)}"
        elif style == "styled":
            mapping[cls] = f"sc-{_code(rng, 5)}"
        else:
            mapping[cls] = f"{component}_{cls}__{_code(rng, 5)}"
    for node in doc.iter():
        if node.attrs.get("class"):
            node.attrs["class"] = " ".join(mapping.get(c, c) for c in node.attrs["class"].split())
        if node.tag == "style":
            for text in node.children:
                for cls, new in mapping.items():
                    text.data = re.sub(rf"\.{re.escape(cls)}(?![\w-])", "." + new, text.data)
    return el, f"classes {' '.join(old)!r} -> {el.attrs['class']!r}"


def _reword(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """The new release words it differently, on every element that carried the old name."""
    old = phrase_of(doc, el)
    if old not in REWORD:
        raise KeyError(f"healing_pages.REWORD has no rewording of {old!r}")
    new = REWORD[old]
    for node in targets(doc):
        if phrase_of(doc, node) == old:
            _rename_phrase(doc, node, old, new)
    return el, f"text {old!r} -> {new!r}"


def _wrap(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    outer = Node("div", {"class": f"css-{_code(rng)}"})
    inner = outer.append(Node("div", {"class": f"css-{_code(rng)}"}))
    el.replace_with(outer)
    inner.append(el)
    return el, "wrapped in two new divs"


def _can_move(unit: Node) -> bool:
    return unit.tag not in ("html", "body", "main", "form", "#document") and SECTION_ATTR not in unit.attrs


def _move(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """Reorder: the element (with its label, card or row) goes to the other end of its parent."""
    unit = move_unit(doc, el)
    for _ in range(3):
        if unit.parent is not None and len(unit.parent.elements()) >= 2:
            break
        unit = unit.parent if unit.parent is not None else unit
    parent = unit.parent
    if parent is None or len(parent.elements()) < 2 or not _can_move(unit):
        return None
    siblings = parent.elements()
    if siblings[0] is unit:
        parent.append(unit)
        where = "last"
    else:
        parent.insert(siblings[0].position(), unit)
        where = "first"
    return el, f"<{unit.tag}> moved {where} in its <{parent.tag}>"


def _relocate(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """Move the element (with its label, card or item) to the end of another section of the same kind."""
    unit = move_unit(doc, el)
    home = next((a for a in unit.ancestors() if SECTION_ATTR in a.attrs), None)
    if home is None or not _can_move(unit):
        return None
    group = home.attrs[SECTION_ATTR]
    same = [n for n in doc.iter() if n.attrs.get(SECTION_ATTR) == group]
    others = [n for n in same if n is not home and not unit.contains(n)]
    if not others:
        return None
    later = [n for n in others if same.index(n) > same.index(home)]
    dest = (later or others)[0]
    dest.append(unit)
    return el, f"<{unit.tag}> moved to another {group!r} section"


def _link_button(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    if el.tag == "a":
        new = Node("button", {k: v for k, v in el.attrs.items() if k not in ("href", "target", "rel")})
        new.attrs.setdefault("type", "button")
    elif el.tag == "button":
        kept = {k: v for k, v in el.attrs.items() if k not in ("type", "name", "value")}
        new = Node("a", {**kept, "href": f"/{_slug(phrase_of(doc, el))}"})
    elif el.tag == "input" and el.attrs.get("type") in _INPUT_BUTTONS:
        new = Node("button", {k: v for k, v in el.attrs.items() if k != "value"})
        new.append(Node("#text", data=el.attrs.get("value", "")))
    else:
        return None
    for child in list(el.children):
        new.append(child)
    el.replace_with(new)
    return new, f"<{el.tag}> rewritten as <{new.tag}>"


def _copy_unit(scope: Node, el: Node) -> tuple[Node, Node, Node]:
    """A deep copy of ``el``'s field unit; returns (unit, its copy, the copy of ``el``)."""
    unit = field_unit(scope, el)
    copy = unit.clone()
    path = []
    node = el
    while node is not unit:
        assert node.parent is not None
        path.append(node.position())
        node = node.parent
    twin = copy
    for index in reversed(path):
        twin = twin.children[index]
    return unit, copy, twin


def _retag_ids(copy: Node, twin: Node, twin_id: str, suffix: str) -> None:
    renamed = {}
    for node in copy.iter():
        if node.attrs.get("id"):
            new = twin_id if node is twin else f"{node.attrs['id']}-{suffix}"
            renamed[node.attrs["id"]] = new
            node.attrs["id"] = new
    for node in copy.iter():
        if node.attrs.get("for") in renamed:
            node.attrs["for"] = renamed[node.attrs["for"]]


def _decoy_near(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """A new element right beside the old one, named alike ("Save draft" next to "Save")."""
    old = phrase_of(doc, el)
    if old not in DECOY:
        raise KeyError(f"healing_pages.DECOY has no look-alike of {old!r}")
    new = DECOY[old]
    unit, copy, twin = _copy_unit(doc, el)
    _rename_phrase(copy, twin, old, new)
    _retag_ids(copy, twin, _slug(new), _slug(new))
    if twin.attrs.get("data-testid"):
        twin.attrs["data-testid"] = _slug(new)
    if twin.attrs.get("name"):
        twin.attrs["name"] = _slug(new, "_")
    if twin.attrs.get("href"):
        href = twin.attrs["href"]
        twin.attrs["href"] = f"{href.rsplit('/', 1)[0]}/{_slug(new)}" if "/" in href else f"#{_slug(new)}"
    assert unit.parent is not None
    before = rng.random() < 0.5
    unit.parent.insert(unit.position() + (0 if before else 1), copy)
    return el, f"look-alike {new!r} added {'before' if before else 'after'} it"


def _decoy_copy(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """A copy with the very same name in a "Sponsored" banner at the top of the element's region."""
    _, copy, twin = _copy_unit(doc, el)
    _retag_ids(copy, twin, f"promo-{twin.attrs.get('id')}", "promo")
    if twin.attrs.get("data-testid"):
        twin.attrs["data-testid"] = f"promo-{twin.attrs['data-testid']}"
    banner = Node("aside", {"class": "promo-banner"})
    banner.append(Node("p", {"class": "promo-label"})).append(Node("#text", data="Sponsored"))
    if copy.tag == "li":
        banner.append(Node("ul", {"class": "promo-list"})).append(copy)
    else:
        banner.append(copy)
    host = next((a for a in el.ancestors() if a.tag in ("main", "aside", "header", "footer")), None)
    host = host or next(n for n in doc.iter() if n.tag == "body")
    host.insert(0, banner)
    return el, f"same-name copy in a banner at the top of <{host.tag}>"


MUTATIONS: dict[str, Mutation] = {
    "id": _rename_id,
    "classes": _rename_classes,
    "test_id": _rename_test_id,
    "text": _reword,
    "wrap": _wrap,
    "move": _move,
    "relocate": _relocate,
    "link_button": _link_button,
    "decoy_near": _decoy_near,
    "decoy_copy": _decoy_copy,
}
# One combination per target, taken in turn among the pairs whose two changes both apply to it.
COMBOS: list[tuple[str, str]] = [
    ("text", "id"),
    ("classes", "wrap"),
    ("text", "move"),
    ("link_button", "text"),
    ("test_id", "classes"),
    ("relocate", "wrap"),
    ("decoy_near", "text"),
    ("id", "classes"),
    ("test_id", "text"),
    ("wrap", "decoy_copy"),
    ("text", "classes"),
    ("link_button", "classes"),
]


# --- cases ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One target on one page and one change: ``before_html`` marks the target, ``after_html`` its counterpart."""

    page: str
    target: int  # index among the page's targets, in document order
    name: str  # the target's visible name on the original page
    mutation: str  # a key of MUTATIONS, or "combo"
    detail: str
    before_html: str
    after_html: str


def _strip_bench(doc: Node, keep: str) -> None:
    for node in doc.iter():
        for attr in [a for a in node.attrs if a.startswith("data-bench") and a != keep]:
            del node.attrs[attr]


def marked_page(source: str, only: int | None = None) -> str:
    """The original page with ``data-bench-target`` = target index on every target (or only on one)."""
    doc = parse(source)
    for i, el in enumerate(targets(doc)):
        if only is None or i == only:
            el.attrs[TARGET_ATTR] = str(i)
    _strip_bench(doc, keep=TARGET_ATTR)
    return serialize(doc)


def _mutated(source: str, index: int, steps: tuple[str, ...], seed: str) -> tuple[str, str] | None:
    doc = parse(source)
    el = targets(doc)[index]
    rng = random.Random(seed)
    details = []
    for step in steps:
        done = MUTATIONS[step](doc, el, rng)
        if done is None:
            return None
        el, detail = done
        details.append(detail)
    el.attrs[TRUTH_ATTR] = ""
    _strip_bench(doc, keep=TRUTH_ATTR)
    return serialize(doc), "; ".join(details)


@functools.cache
def _original(source: str, index: int) -> tuple[str, str]:
    """The target's visible name and the original page with the target marked."""
    doc = parse(source)
    return phrase_of(doc, targets(doc)[index]), marked_page(source, only=index)


def _case(page: str, source: str, index: int, mutation: str, steps: tuple[str, ...]) -> Case | None:
    made = _mutated(source, index, steps, seed=f"{page}/{index}/{'+'.join(steps)}")
    if made is None:
        return None
    after, detail = made
    name, before = _original(source, index)
    return Case(page, index, name, mutation, f"{'+'.join(steps)}: {detail}", before, after)


def build_cases(pages: dict[str, str] | None = None) -> list[Case]:
    """Every applicable (target, mutation) case of the corpus, deterministically; pure Python, no browser."""
    cases = []
    turn = 0
    for page, source in (pages or PAGES).items():
        for index in range(len(targets(parse(source)))):
            singles = {m: _case(page, source, index, m, (m,)) for m in MUTATIONS}
            cases += [c for c in singles.values() if c is not None]
            pairs = [pair for pair in COMBOS if all(singles[m] is not None for m in pair)]
            for k in range(len(pairs)):
                combo = _case(page, source, index, "combo", pairs[(turn + k) % len(pairs)])
                if combo is not None:
                    cases.append(combo)
                    break
            turn += 1
    return cases


# --- in the browser -------------------------------------------------------------------------------------------------

_TAKE_MARKS = """(attr) => {
  const marks = new Map();
  for (const el of document.querySelectorAll(`[${attr}]`)) {
    marks.set(el, el.getAttribute(attr));
    el.removeAttribute(attr);
  }
  window.__benchMarks = marks;
  return marks.size;
}"""
_MARKS_BY_INDEX = """() => (window.__superagentElements || []).map(
  (el) => (window.__benchMarks && window.__benchMarks.has(el)) ? window.__benchMarks.get(el) : null)"""


async def load_marked(page: Any, source: str, attr: str) -> int:
    """Load ``source`` and take ``attr`` off the elements carrying it (remembered); returns how many did."""
    await page.set_content(source)
    return int(await page.evaluate(_TAKE_MARKS, attr))


async def marked_indices(page: Any) -> list[str | None]:
    """After ``inventory(page)``: each inventory index's marker value, None where unmarked."""
    return list(await page.evaluate(_MARKS_BY_INDEX))


@dataclass
class Outcome:
    case: Case
    target: Fingerprint
    truth_rank: int  # 0 is first
    winner: Fingerprint
    score: float
    runner_up: float
    truth_score: float

    @property
    def correct(self) -> bool:
        return self.truth_rank == 0

    @property
    def margin(self) -> float:
        return self.score - self.runner_up

    @property
    def confident(self) -> bool:
        return self.score >= GATE_SCORE and self.margin >= GATE_MARGIN


async def original_fingerprints(page: Any, source: str) -> list[Fingerprint]:
    """Every target's fingerprint on the unchanged page, by target index."""
    total = await load_marked(page, marked_page(source), TARGET_ATTR)
    elements = await inventory(page)
    found = {int(m): elements[i].fingerprint for i, m in enumerate(await marked_indices(page)) if m is not None}
    missing = sorted(set(range(total)) - set(found))
    if missing:
        raise RuntimeError(f"targets {missing} are not in the inventory (hidden?)")
    return [found[i] for i in range(total)]


async def observe_case(page: Any, case: Case) -> tuple[list[Fingerprint], int]:
    """Load the changed page and inventory it: every candidate, and the index of the true counterpart."""
    await load_marked(page, case.after_html, TRUTH_ATTR)
    elements = await inventory(page)
    truth_at = [i for i, m in enumerate(await marked_indices(page)) if m is not None]
    if len(truth_at) != 1:
        raise RuntimeError(f"{case.page}#{case.target} {case.detail}: counterpart not in the inventory")
    return [e.fingerprint for e in elements], truth_at[0]


def score_case(case: Case, target: Fingerprint, candidates: list[Fingerprint], truth_index: int) -> Outcome:
    truth = candidates[truth_index]
    ranked = rank_candidates(target, candidates)
    rank = next(i for i, s in enumerate(ranked) if s.candidate == truth)
    return Outcome(
        case=case,
        target=target,
        truth_rank=rank,
        winner=ranked[0].candidate,
        score=ranked[0].score,
        runner_up=ranked[1].score if len(ranked) > 1 else 0.0,
        truth_score=ranked[rank].score,
    )


async def run(cases: list[Case]) -> list[Outcome]:
    """Score every case in one browser page; the next page loads while the current one is scored."""
    from playwright.async_api import async_playwright

    outcomes = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        originals = {
            name: await original_fingerprints(page, PAGES[name]) for name in dict.fromkeys(c.page for c in cases)
        }
        pending = asyncio.ensure_future(observe_case(page, cases[0])) if cases else None
        for i, case in enumerate(cases):
            assert pending is not None
            candidates, truth_index = await pending
            if i + 1 < len(cases):
                pending = asyncio.ensure_future(observe_case(page, cases[i + 1]))
                await asyncio.sleep(0)
            outcomes.append(score_case(case, originals[case.page][case.target], candidates, truth_index))
        await browser.close()
    return outcomes


# --- figures --------------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    pages: int
    targets: int
    cases: int
    top1: float
    top3: float
    per_mutation: dict[str, dict[str, float]] = field(default_factory=dict)
    per_page: dict[str, dict[str, float]] = field(default_factory=dict)
    margin_correct: float = 0.0
    margin_wrong: float = 0.0
    wrong: int = 0
    confidently_wrong: int = 0
    correct_past_gate: int = 0
    seconds: float = 0.0


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 4) if values else 0.0


def figures(outcomes: list[Outcome], seconds: float) -> Figures:
    def group(key: Callable[[Outcome], str]) -> dict[str, dict[str, float]]:
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            groups[key(o)].append(o)
        return {
            k: {
                "cases": len(v),
                "top1": round(sum(o.correct for o in v) / len(v), 4),
                "confidently_wrong": sum(o.confident and not o.correct for o in v),
            }
            for k, v in groups.items()
        }

    correct = [o for o in outcomes if o.correct]
    wrong = [o for o in outcomes if not o.correct]
    return Figures(
        pages=len({o.case.page for o in outcomes}),
        targets=len({(o.case.page, o.case.target) for o in outcomes}),
        cases=len(outcomes),
        top1=round(len(correct) / len(outcomes), 4),
        top3=round(sum(o.truth_rank < 3 for o in outcomes) / len(outcomes), 4),
        per_mutation=group(lambda o: o.case.mutation),
        per_page=group(lambda o: o.case.page),
        margin_correct=_mean([o.margin for o in correct]),
        margin_wrong=_mean([o.margin for o in wrong]),
        wrong=len(wrong),
        confidently_wrong=sum(o.confident for o in wrong),
        correct_past_gate=sum(o.confident for o in correct),
        seconds=round(seconds, 1),
    )


def describe(fp: Fingerprint) -> str:
    """The identifying properties of a fingerprint, on one line."""
    keys = ("tag", "role", "id", "test_id", "name", "accessible_name", "label", "text", "href", "neighbor_text",
            "classes")  # fmt: skip
    parts = [f"{k}={getattr(fp, k)!r}" for k in keys if getattr(fp, k)]
    parts.append(f"at=({fp.x:.0f},{fp.y:.0f}) {fp.width:.0f}x{fp.height:.0f}")
    return " ".join(parts)


def print_figures(f: Figures) -> None:
    print(f"pages: {f.pages}   targets: {f.targets}   cases: {f.cases}   ({f.seconds}s)")
    print(f"top-1 accuracy: {f.top1:.1%}   (target >= 95%)   top-3: {f.top3:.1%}")
    for title, rows in (("per mutation", f.per_mutation), ("per page", f.per_page)):
        print(f"{title}:{'top-1':>19}  cases  confidently wrong")
        for name, row in rows.items():
            print(f"  {name:<16} {row['top1']:>7.1%}  {row['cases']:>5.0f}  {row['confidently_wrong']:>5.0f}")
    print(f"mean margin winner - runner-up: correct {f.margin_correct:.3f}, wrong {f.margin_wrong:.3f}")
    print(
        f"wrong winners: {f.wrong}; confidently wrong (score >= {GATE_SCORE}, margin >= {GATE_MARGIN}): "
        f"{f.confidently_wrong}"
    )
    print(f"correct winners past the same gate: {f.correct_past_gate} of {f.cases - f.wrong}")


def print_failures(outcomes: list[Outcome], limit: int) -> None:
    wrong = sorted((o for o in outcomes if not o.correct), key=lambda o: -o.margin)
    for o in wrong[:limit]:
        c = o.case
        flag = "confidently wrong" if o.confident else "wrong"
        print(f"\n[{c.mutation}] {c.page} #{c.target} {c.name!r} ({flag}) -- {c.detail}")
        print(f"  target : {describe(o.target)}")
        print(f"  winner : {o.score:.3f} {describe(o.winner)}")
        print(f"  truth  : {o.truth_score:.3f} rank {o.truth_rank + 1}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--failures", type=int, default=0, metavar="N", help="show the N worst wrong winners")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages")
    parser.add_argument(
        "--e2e", type=int, default=4, metavar="N", help="end-to-end heal rate on N cases per mutation (0: skip)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    pages = {k: v for k, v in PAGES.items() if not args.page or k in args.page}
    cases = build_cases(pages)
    outcomes = asyncio.run(run(cases))
    result = figures(outcomes, time.perf_counter() - started)
    print_figures(result)
    if args.failures:
        print_failures(outcomes, args.failures)
    e2e = None
    if args.e2e:
        if __package__:
            from .healing_e2e import print_e2e, run_e2e
        else:
            from healing_e2e import print_e2e, run_e2e
        e2e = run_e2e(cases, args.e2e)
        print_e2e(e2e)
    if args.json:
        json.dump({**dataclasses.asdict(result), "e2e": dataclasses.asdict(e2e) if e2e else None}, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
