"""Which elements are targets, where their visible names live, and what moves with them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dom import Node, squash

# Markup read (then stripped) by the benchmark; see ``pages``.
TARGET_ATTR = "data-bench-target"
TRUTH_ATTR = "data-bench-truth"
SECTION_ATTR = "data-bench-section"
UNIT_ATTR = "data-bench-unit"

_CONTROLS = frozenset({"input", "select", "textarea"})
INPUT_BUTTONS = frozenset({"submit", "button", "reset"})


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
            return squash(self.node.attrs.get(self.attr, ""))
        return squash("".join(t.data for t in self.node.text_nodes()))

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
    if el.tag == "input" and el.attrs.get("type") in INPUT_BUTTONS and el.attrs.get("value"):
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


def rename_phrase(scope: Node, el: Node, old: str, new: str) -> None:
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


def slug(text: str, sep: str = "-") -> str:
    return sep.join(re.findall(r"[a-z0-9]+", text.lower())) or "item"
