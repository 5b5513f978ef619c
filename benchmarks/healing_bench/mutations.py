"""How a page changes between releases: one mutation per kind of change, and the pairs tried together.

A mutation edits ``doc`` so that ``el`` changes; it returns the element that now stands for ``el`` and a one-line
account of the change, or None when it does not apply (no id to rename, nowhere to move it).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .dom import Node
from .naming import code, name_words, new_id, restyle
from .pages import DECOY, REWORD
from .targets import INPUT_BUTTONS, SECTION_ATTR, field_unit, move_unit, phrase_of, rename_phrase, slug, targets

Mutation = Callable[[Node, Node, random.Random], "tuple[Node, str] | None"]


def rename_id(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    old = el.attrs.get("id")
    if not old:
        return None
    new = new_id(old, el.tag, rng)
    el.attrs["id"] = new
    for node in doc.iter():
        if node.attrs.get("for") == old:
            node.attrs["for"] = new
    return el, f"id {old!r} -> {new!r}"


def rename_test_id(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    old = el.attrs.get("data-testid")
    if not old:
        return None
    style = rng.choice(["restyled", "namespaced", "both"])
    new = old if style == "namespaced" else restyle(old, el.tag, rng)
    if style != "restyled":
        new = f"{rng.choice(['qa', 'e2e', 'ui'])}-{new}"
    el.attrs["data-testid"] = new
    return el, f"data-testid {old!r} -> {new!r}"


def _rename_classes(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """A new build renames the element's classes everywhere: in every class list and in the stylesheet."""
    old = el.attrs.get("class", "").split()
    if not old:
        el.attrs["class"] = f"css-{code(rng)}"
        return el, f"classes added {el.attrs['class']!r}"
    style = rng.choice(["emotion", "styled", "modules"])
    component = name_words(old[0])[0].capitalize() if name_words(old[0]) else "C"
    mapping = {}
    for cls in old:
        if style == "emotion":
            mapping[cls] = f"css-{code(rng)}"
        elif style == "styled":
            mapping[cls] = f"sc-{code(rng, 5)}"
        else:
            mapping[cls] = f"{component}_{cls}__{code(rng, 5)}"
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
            rename_phrase(doc, node, old, new)
    return el, f"text {old!r} -> {new!r}"


def _wrap(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    outer = Node("div", {"class": f"css-{code(rng)}"})
    inner = outer.append(Node("div", {"class": f"css-{code(rng)}"}))
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


def link_button(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    if el.tag == "a":
        new = Node("button", {k: v for k, v in el.attrs.items() if k not in ("href", "target", "rel")})
        new.attrs.setdefault("type", "button")
    elif el.tag == "button":
        kept = {k: v for k, v in el.attrs.items() if k not in ("type", "name", "value")}
        new = Node("a", {**kept, "href": f"/{slug(phrase_of(doc, el))}"})
    elif el.tag == "input" and el.attrs.get("type") in INPUT_BUTTONS:
        new = Node("button", {k: v for k, v in el.attrs.items() if k != "value"})
        new.append(Node("#text", data=el.attrs.get("value", "")))
    else:
        return None
    for child in list(el.children):
        new.append(child)
    el.replace_with(new)
    return new, f"<{el.tag}> rewritten as <{new.tag}>"


def copy_unit(scope: Node, el: Node) -> tuple[Node, Node, Node]:
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


def retag_ids(copy: Node, twin: Node, twin_id: str, suffix: str) -> None:
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
    unit, copy, twin = copy_unit(doc, el)
    rename_phrase(copy, twin, old, new)
    retag_ids(copy, twin, slug(new), slug(new))
    if twin.attrs.get("data-testid"):
        twin.attrs["data-testid"] = slug(new)
    if twin.attrs.get("name"):
        twin.attrs["name"] = slug(new, "_")
    if twin.attrs.get("href"):
        href = twin.attrs["href"]
        twin.attrs["href"] = f"{href.rsplit('/', 1)[0]}/{slug(new)}" if "/" in href else f"#{slug(new)}"
    assert unit.parent is not None
    before = rng.random() < 0.5
    unit.parent.insert(unit.position() + (0 if before else 1), copy)
    return el, f"look-alike {new!r} added {'before' if before else 'after'} it"


def _decoy_copy(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    """A copy with the very same name in a "Sponsored" banner at the top of the element's region."""
    _, copy, twin = copy_unit(doc, el)
    retag_ids(copy, twin, f"promo-{twin.attrs.get('id')}", "promo")
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
    "id": rename_id,
    "classes": _rename_classes,
    "test_id": rename_test_id,
    "text": _reword,
    "wrap": _wrap,
    "move": _move,
    "relocate": _relocate,
    "link_button": link_button,
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
