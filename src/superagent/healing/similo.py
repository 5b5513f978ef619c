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
"""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher

from pydantic import BaseModel

from superagent.healing.fingerprint import Fingerprint

TEXT_WEIGHTS: dict[str, float] = {
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
}
GEOMETRY_WEIGHTS: dict[str, float] = {"location": 0.5, "area": 0.5, "shape": 0.5, "is_button": 0.5}
_EXACT = {"input_type"}  # tag and role: see _kind_similarity
_CLICKABLE_ROLES = {"button", "link", "menuitem", "tab"}
_CLICKABLE_TAGS = {"a", "button"}
_KIND_BOUND = {"href", "input_type"}  # only links have an href, only inputs a type: absence is the tag's business


class Scored(BaseModel):
    """A candidate element and how much it resembles the target (0.0 to 1.0)."""

    candidate: Fingerprint
    score: float


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


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
    return text_similarity(a, b) ** 2


def similarity(target: Fingerprint, candidate: Fingerprint) -> float:
    total = weight_sum = 0.0
    for name, weight in TEXT_WEIGHTS.items():
        a, b = getattr(target, name), getattr(candidate, name)
        if not a and (target.partial or not b):
            continue
        if name in _KIND_BOUND and not (a and b):
            continue
        weight_sum += weight
        if a and b:
            total += weight * _property(name, str(a), str(b))
    if target.width and candidate.width:
        distance = math.hypot(target.x - candidate.x, target.y - candidate.y)
        total += GEOMETRY_WEIGHTS["location"] * max(0.0, 1 - distance / 400)
        ratio = (
            min(target.area, candidate.area) / max(target.area, candidate.area) if target.area and candidate.area else 0
        )
        total += GEOMETRY_WEIGHTS["area"] * ratio
        shape = (
            min(target.shape, candidate.shape) / max(target.shape, candidate.shape)
            if target.shape and candidate.shape
            else 0
        )
        total += GEOMETRY_WEIGHTS["shape"] * shape
        weight_sum += GEOMETRY_WEIGHTS["location"] + GEOMETRY_WEIGHTS["area"] + GEOMETRY_WEIGHTS["shape"]
    if not target.partial and not (target.role and candidate.role):
        weight_sum += GEOMETRY_WEIGHTS["is_button"]
        total += GEOMETRY_WEIGHTS["is_button"] * (1.0 if target.is_button == candidate.is_button else 0.0)
    return total / weight_sum if weight_sum else 0.0


def rank_candidates(target: Fingerprint, candidates: list[Fingerprint]) -> list[Scored]:
    """Score every candidate against ``target``; best first. Ties keep the candidates' order."""
    scored = [Scored(candidate=c, score=round(similarity(target, c), 4)) for c in candidates]
    return sorted(scored, key=lambda s: -s.score)
