"""Redesigns: the same control in the same place, rebuilt with a new component, so that class, tag and wording all
change at once (``<a class="cta">Buy</a>`` becoming ``<button class="btn-primary">Purchase now</button>``).

- ``redesign``: a clickable control gets new classes, becomes another kind of element (a link a button, a button a
  link, an input button a ``<button>``), is reworded, and gets a generated id and a new test id. Every instance of
  the same component (same tag, classes and name, such as each table row's Edit button) changes alike; other
  elements that share only its name or only its classes keep theirs. The new classes carry the old ones' style
  rules, so the control keeps its place and about its size, as a redesign that keeps the layout does.
- ``redesign_decoys``: the same, plus two new elements in another region of the page: one keeps the old tag and
  classes under a look-alike name, one keeps the old tag and the old wording under other classes.
"""

from __future__ import annotations

import random
import re

from .dom import Node
from .mutations import Mutation, link_button, rename_test_id
from .naming import code
from .pages import DECOY, REWORD
from .targets import phrase_of, rename_phrase, slug, targets

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_REGIONS = ("header", "nav", "main", "aside", "footer")
_UTILITY = ["inline-flex", "items-center", "px-4", "py-2", "rounded-md", "font-medium", "text-sm", "shadow-sm"]


def _design_classes(count: int, rng: random.Random) -> list[str]:
    """Class names of a new design system: CSS modules, BEM or utility classes."""
    scheme = rng.choice(["modules", "bem", "utility"])
    if scheme == "modules":
        component = rng.choice(["Button", "Action", "Cta", "Control"])
        parts = ["root", "primary", "label", "large"][: max(count, 1)]
        return [f"{component}_{part}__{code(rng, 5)}" for part in parts]
    if scheme == "bem":
        base = rng.choice(["c-button", "ds-action", "ui-cta"])
        return [base, f"{base}--{rng.choice(['primary', 'secondary', 'quiet'])}"][: max(count, 1)]
    return rng.sample(_UTILITY, max(count, 2))


def _carry_styles(doc: Node, mapping: dict[str, str]) -> None:
    """Every rule naming an old class also applies to the new one, so the control keeps its look and size."""

    def extend(match: re.Match[str]) -> str:
        head = match.group(1)
        lead = head[: len(head) - len(head.lstrip())]
        selectors = [s.strip() for s in head.split(",")]
        extra = []
        for selector in selectors:
            changed = selector
            for old, new in mapping.items():
                changed = re.sub(rf"\.{re.escape(old)}(?![\w-])", "." + new, changed)
            if changed != selector:
                extra.append(changed)
        return match.group(0) if not extra else f"{lead}{', '.join(selectors + extra)} {{{match.group(2)}}}"

    for node in doc.iter():
        if node.tag == "style":
            for text in node.children:
                text.data = _RULE.sub(extend, text.data)


def _rebuild(doc: Node, el: Node, classes: list[str], old_name: str, rng: random.Random) -> Node:
    """One instance of the component rebuilt: new classes, the other kind of element, new wording, new ids."""
    el.attrs["class"] = " ".join(classes)
    done = link_button(doc, el, rng)
    assert done is not None
    el = done[0]
    rename_phrase(doc, el, old_name, REWORD[old_name])
    if el.attrs.get("id"):
        el.attrs["id"] = f"{rng.choice(['cta', 'action', 'btn'])}-{code(rng)}"
    if el.attrs.get("data-testid"):
        rename_test_id(doc, el, rng)
    return el


def _redesigned(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str, Node, str] | None:
    """Redesign ``el``'s component; returns the new ``el``, the account, a copy of the original and its old name.

    Every instance of the component (same tag, classes and name: the Edit button of each table row) is rebuilt the
    same way, as a redesign of a shared component does; other elements with the same name or classes keep theirs.
    """
    if el.tag not in ("a", "button") and not (el.tag == "input" and el.attrs.get("type") in ("submit", "button")):
        return None
    old_name = phrase_of(doc, el)
    if old_name not in REWORD:
        raise KeyError(f"pages.REWORD has no rewording of {old_name!r}")
    original = el.clone()
    old_tag, old_class = el.tag, el.attrs.get("class", "")
    instances = [
        n
        for n in targets(doc)
        if n.tag == old_tag and n.attrs.get("class", "") == old_class and phrase_of(doc, n) == old_name
    ]
    new_classes = _design_classes(len(old_class.split()), rng)
    _carry_styles(doc, dict(zip(old_class.split(), new_classes, strict=False)))
    rebuilt = el
    for instance in instances:
        new = _rebuild(doc, instance, new_classes, old_name, rng)
        if instance is el:
            rebuilt = new
    detail = (
        f"<{old_tag} class={old_class!r}> {old_name!r} -> <{rebuilt.tag} class={rebuilt.attrs['class']!r}> "
        f"{REWORD[old_name]!r}" + (f" ({len(instances)} instances)" if len(instances) > 1 else "")
    )
    return rebuilt, detail, original, old_name


def _redesign(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    done = _redesigned(doc, el, rng)
    return None if done is None else (done[0], done[1])


def _elsewhere(doc: Node, el: Node) -> Node:
    """Another region of the page than ``el``'s: the first header, nav, main, aside or footer not around it."""
    around = [a for a in el.ancestors() if a.tag in _REGIONS]
    for node in doc.iter():
        if node.tag in _REGIONS and not node.contains(el) and not any(a.contains(node) for a in around):
            return node
    return next(n for n in doc.iter() if n.tag == "body")


def _decoy(original: Node, name: str, new_name: str | None, classes: str, path: str) -> Node:
    """A copy of the original element, renamed to ``new_name`` when given, without its id and test id."""
    copy = original.clone()
    if new_name is not None:
        rename_phrase(copy, copy, name, new_name)
    copy.attrs.pop("id", None)
    copy.attrs.pop("data-testid", None)
    copy.attrs.pop("name", None)
    copy.attrs["class"] = classes
    if "href" in copy.attrs:
        copy.attrs["href"] = path
    return copy


def _redesign_decoys(doc: Node, el: Node, rng: random.Random) -> tuple[Node, str] | None:
    done = _redesigned(doc, el, rng)
    if done is None:
        return None
    new, detail, original, name = done
    look_alike = DECOY.get(name, f"{name} (new)")
    old_classes = original.attrs.get("class", "")
    box = Node("div", {"class": "promo"})
    box.append(_decoy(original, name, look_alike, old_classes, f"/promo/{slug(look_alike)}"))
    box.append(_decoy(original, name, None, f"promo-{code(rng, 4)}", f"/promo/{slug(name)}-offer"))
    host = _elsewhere(doc, new)
    host.append(box)
    return new, f"{detail}; in <{host.tag}>: {look_alike!r} with the old classes, {name!r} with other classes"


REDESIGNS: dict[str, Mutation] = {"redesign": _redesign, "redesign_decoys": _redesign_decoys}
