"""Similo-style element matching: which element of the changed page is the one a test used to reach?

Each property of the stored fingerprint is compared with the same property of every candidate; similarities are
weighted and normalised over the properties either side has (only the target's own when it was rebuilt from a
locator, since what a locator does not name is unknown). Weights follow Similo (Nass et al.): stable,
human-facing properties (names, labels, visible text, tag) weigh most; volatile ones (classes, xpath, position)
least. Accessibility properties (role, accessible name, label, test id, placeholder) are added on top.

Three refinements, measured with ``benchmarks/healing.py``:

- Text likeness is squared before weighting. Character overlap has a floor between unrelated strings and overrates
  near misses: "Desk lamp" vs "Desk lamp shade" share 75% of their characters yet name two products. Squared, an
  exact match keeps 1.0, a near-identical one stays high (0.95 -> 0.9) and half-alike text falls to 0.25, so an
  exact name or test id is not overtaken by a look-alike that merely inherited the old position.
- Numbers name records: "edit-user-1" vs "edit-user-2", "$45.00" vs "$69.00", "/item/1" vs "/item/2" differ by one
  character but are different rows, cards or pages, so when both sides carry numbers and they differ, only the
  word-level likeness counts.
- The kind of control counts once. A link turned into a button changes tag, role, ``is_button`` and the presence of
  ``href`` together: tag, like role, gives partial credit between clickable kinds; ``is_button`` (derived from the
  role) only counts when a role is missing; ``href`` and ``input_type``, which only one kind of element can carry,
  are compared only when both sides have them.

Redesigns change class, tag and wording together while the control keeps its place, its surroundings and where it
links. Fingerprints recorded with the properties that survive that (text above/below/left/right, the names of
boxes drawn with it, the href's path, the position in the viewport and in the nearest landmark) are scored with
``WEIGHTS``, tuned by ``benchmarks/healing_tune.py`` on changes drawn with another seed than the benchmark
reports; a fingerprint without them is scored with ``LEGACY_WEIGHTS`` exactly as before. Those properties count
only when the target has them (an older stored target says nothing about them), and a path only between links.

With them, three more things count. Read with the rest of the page (``neighbours.py``): a candidate named like the
text the target had beside it is that neighbour, not the target (``beside``, which only counts against); a
neighbour that is now another control is also compared with the text beyond it, so an element pushed aside by a
look-alike put next to it keeps its neighbours. And an href, like its path, is compared by whole segments
(/dashboard is not /dashboards).
"""

from __future__ import annotations

import functools
import math
import re
from difflib import SequenceMatcher

from pydantic import BaseModel

from superagent.healing.fingerprint import Fingerprint
from superagent.healing.neighbours import NEIGHBOURS, Surroundings, stood_beside

# The weights the older properties were tuned with (Similo's, plus accessibility properties).
LEGACY_WEIGHTS: dict[str, float] = {
    "tag": 1.5,
    "id": 1.5,
    "name": 1.5,
    "classes": 0.5,
    "href": 0.5,
    "alt": 0.5,
    "text": 1.5,
    "neighbor_text": 1.5,
    "xpath": 0.5,
    "id_xpath": 0.5,
    "role": 1.5,
    "accessible_name": 2.0,
    "label": 1.5,
    "test_id": 1.5,
    "placeholder": 1.0,
    "input_type": 1.0,
    "location": 0.5,
    "area": 0.5,
    "shape": 0.5,
    "is_button": 0.5,
}
# With what survives a redesign: the surroundings by direction, the boxes drawn with it, where a link goes and
# where it sits. Tuned by benchmarks/healing_tune.py on a separate seed: what names the element for good (id, name,
# label, test id, the link's path, its landmark) weighs most; what a redesign rewrites (tag, role, classes, the
# visible text) least, the accessible name, which usually keeps its gist, in between. ``beside`` (fitted alone on
# the same set, the others held) is where its fitness stops growing.
WEIGHTS: dict[str, float] = {
    "tag": 0.62,
    "id": 3.98,
    "name": 7.06,
    "classes": 0.16,
    "href": 2.35,
    "alt": 0.5,
    "text": 0.21,
    "neighbor_text": 1.5,
    "xpath": 0.19,
    "id_xpath": 0.07,
    "role": 0.42,
    "accessible_name": 2.66,
    "label": 7.06,
    "test_id": 3.98,
    "placeholder": 0.05,
    "input_type": 0.05,
    "location": 0.05,
    "area": 0.05,
    "shape": 0.05,
    "is_button": 0.05,
    "neighbor_above": 0.88,
    "neighbor_below": 0.51,
    "neighbor_left": 0.11,
    "neighbor_right": 0.42,
    "overlap_text": 0.75,
    "href_path": 3.54,
    "landmark": 2.35,
    "viewport": 0.25,
    "landmark_position": 0.12,
    "box_overlap": 0.19,
    "beside": 4.0,
}
TEXT_PROPERTIES = (
    "tag", "id", "name", "classes", "href", "alt", "text", "neighbor_text", "xpath", "id_xpath", "role",
    "accessible_name", "label", "test_id", "placeholder", "input_type", "neighbor_above", "neighbor_below",
    "neighbor_left", "neighbor_right", "overlap_text", "href_path", "landmark",
)  # fmt: skip
_EXACT = {"input_type", "landmark"}  # tag and role: see _kind_similarity
_CLICKABLE_ROLES = {"button", "link", "menuitem", "tab"}
_CLICKABLE_TAGS = {"a", "button"}
# Only links have an href, only inputs a type: absence is the tag's business.
_KIND_BOUND = {"href", "href_path", "input_type"}
# Fingerprints stored before these were recorded lack them: only a target that has one compares it.
_TARGET_BOUND = {"neighbor_above", "neighbor_below", "neighbor_left", "neighbor_right", "overlap_text", "landmark"}


class Scored(BaseModel):
    """A candidate element and how much it resembles the target (0.0 to 1.0)."""

    candidate: Fingerprint
    score: float


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


@functools.lru_cache(maxsize=16384)  # a page repeats its texts (row buttons, neighbours): compare each pair once
def text_similarity(a: str, b: str) -> float:
    """Mix of character-level and word-level likeness, robust to rewording and renamed ids (login-submit vs
    signin-button share little, 'Log in' vs 'Log in now' share a lot)."""
    if a == b:
        return 1.0
    a_low, b_low = a.lower().strip(), b.lower().strip()
    if a_low == b_low:
        return 0.95
    ta, tb = _tokens(a_low), _tokens(b_low)
    words = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    numbers_a, numbers_b = {t for t in ta if t.isdigit()}, {t for t in tb if t.isdigit()}
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return words  # another record (row 1 vs row 2): one changed digit must not look 90% alike
    return max(SequenceMatcher(None, a_low, b_low).ratio(), words)


def _xpath_similarity(a: str, b: str) -> float:
    sa, sb = a.strip("/").split("/"), b.strip("/").split("/")
    common = 0
    for x, y in zip(reversed(sa), reversed(sb), strict=False):
        if x != y:
            break
        common += 1
    return (common / max(len(sa), len(sb))) * 0.5 + SequenceMatcher(None, sa, sb).ratio() * 0.5


def _path_similarity(a: str, b: str) -> float:
    """Paths name pages: /dashboard and /dashboards are two of them, so only whole segments count."""
    if a.rstrip("/") == b.rstrip("/"):
        return 1.0
    sa, sb = set(a.strip("/").split("/")), set(b.strip("/").split("/"))
    return (len(sa & sb) / len(sa | sb)) ** 2


def _href_similarity(a: str, b: str) -> float:
    """Whole segments of the path and query, like :func:`_path_similarity`: /dashboard is not /dashboards."""
    if a == b:
        return 1.0
    sa, sb = set(re.split(r"[/?#&=]+", a.strip("/"))), set(re.split(r"[/?#&=]+", b.strip("/")))
    return (len(sa & sb) / len(sa | sb)) ** 2


def _kind_similarity(a: str, b: str, clickable: set[str]) -> float:
    if a == b:
        return 1.0
    # A link turned into a button is still the thing a user clicks.
    return 0.6 if a in clickable and b in clickable else 0.0


def _property(name: str, a: str, b: str) -> float:
    if name == "role":
        return _kind_similarity(a, b, _CLICKABLE_ROLES)
    if name == "tag":
        return _kind_similarity(a.lower(), b.lower(), _CLICKABLE_TAGS)
    if name in _EXACT:
        return 1.0 if a.lower() == b.lower() else 0.0
    if name in ("xpath", "id_xpath"):
        return _xpath_similarity(a, b)
    if name == "href_path":
        return _path_similarity(a, b)
    return text_similarity(a, b) ** 2


def _ratio(a: float, b: float) -> float:
    return min(a, b) / max(a, b) if a and b else 0.0


def _closeness(distance: float, reach: float) -> float:
    return max(0.0, 1 - distance / reach)


def _box_overlap(a: Fingerprint, b: Fingerprint) -> float:
    """Intersection over union of the two boxes: a control rebuilt in place covers its old box."""
    w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (a.width * a.height + b.width * b.height - inter)


def comparisons(
    target: Fingerprint, candidate: Fingerprint, surroundings: Surroundings | None = None
) -> dict[str, float]:
    """How alike each property is (0.0 to 1.0), for the properties that count between these two fingerprints.

    With ``surroundings`` (the page's candidates) and a target recorded with the redesign properties, a neighbour
    that is now another control is also compared with the text beyond that control."""
    recent = _has_redesign_properties(target)
    alike: dict[str, float] = {}
    for name in TEXT_PROPERTIES:
        a, b = getattr(target, name), getattr(candidate, name)
        if not a and (target.partial or not b):
            continue
        if name in _KIND_BOUND and not (a and b):
            continue
        if name in _TARGET_BOUND and not a:
            continue
        if not (a and b):
            alike[name] = 0.0
        elif name == "href" and recent:
            alike[name] = _href_similarity(str(a), str(b))
        else:
            alike[name] = _property(name, str(a), str(b))
    if surroundings is not None and recent:
        for name in NEIGHBOURS:
            further = surroundings.beyond(candidate, name) if alike.get(name, 1.0) < 1.0 else None
            if further and getattr(target, name):
                alike[name] = max(alike[name], _property(name, str(getattr(target, name)), further))
    if target.width and candidate.width:
        alike["location"] = _closeness(math.hypot(target.x - candidate.x, target.y - candidate.y), 400)
        alike["area"] = _ratio(target.area, candidate.area)
        alike["shape"] = _ratio(target.shape, candidate.shape)
        alike["box_overlap"] = _box_overlap(target, candidate)
    if target.viewport_x is not None and candidate.viewport_x is not None:
        dx, dy = target.viewport_x - candidate.viewport_x, (target.viewport_y or 0) - (candidate.viewport_y or 0)
        alike["viewport"] = _closeness(math.hypot(dx, dy), 0.1)
    if target.landmark_x is not None and candidate.landmark_x is not None:
        dx, dy = target.landmark_x - candidate.landmark_x, (target.landmark_y or 0) - (candidate.landmark_y or 0)
        alike["landmark_position"] = _closeness(math.hypot(dx, dy), 120) if target.landmark == candidate.landmark else 0
    if stood_beside(target, candidate):
        alike["beside"] = 0.0  # counts only against: being unlike the target's neighbours says nothing
    if not target.partial and not (target.role and candidate.role):
        alike["is_button"] = 1.0 if target.is_button == candidate.is_button else 0.0
    return alike


def _has_redesign_properties(fp: Fingerprint) -> bool:
    return fp.viewport_x is not None


def similarity(target: Fingerprint, candidate: Fingerprint, surroundings: Surroundings | None = None) -> float:
    """The weighted mean of :func:`comparisons`. A target recorded with the redesign properties is weighed with
    ``WEIGHTS``; one without them (stored earlier, or built by a caller that fills the older fields only) with
    ``LEGACY_WEIGHTS``, the weights the older property set was tuned with."""
    weights = WEIGHTS if _has_redesign_properties(target) else LEGACY_WEIGHTS
    alike = {name: value for name, value in comparisons(target, candidate, surroundings).items() if name in weights}
    weight_sum = sum(weights[name] for name in alike)
    return sum(weights[name] * value for name, value in alike.items()) / weight_sum if weight_sum else 0.0


def rank_candidates(target: Fingerprint, candidates: list[Fingerprint]) -> list[Scored]:
    """Score every candidate against ``target``; best first. Ties keep the candidates' order."""
    surroundings = Surroundings(candidates)
    scored = [Scored(candidate=c, score=round(similarity(target, c, surroundings), 4)) for c in candidates]
    return sorted(scored, key=lambda s: -s.score)
