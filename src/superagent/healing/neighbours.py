"""The text around an element, read with the rest of the page: what one candidate's fingerprint cannot tell alone.

- A control named like the text the target had beside it is that neighbour, not the target: the Edit button left
  of a row's Delete, the logo before the Home link (:func:`stood_beside`).
- A control added next to an element becomes its nearest text, hiding the old neighbour one step further: a
  "Save draft" button put before "Save" is what "Save" now has above it, and the text that was above "Save" is
  above "Save draft". :class:`Surroundings` finds that text beyond the control, so the element that was pushed
  aside keeps its neighbours (:meth:`Surroundings.beyond`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from superagent.healing.fingerprint import Fingerprint

NEIGHBOURS = ("neighbor_text", "neighbor_above", "neighbor_below", "neighbor_left", "neighbor_right")
# Left and right hold the whole line's text, nearest first; the others one piece of text.
LINES = ("neighbor_left", "neighbor_right")
_LONGEST_NAME = 8  # words: longer names are not looked for at the start of a line


def norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def name_of(fp: Fingerprint) -> str:
    return norm(fp.accessible_name or fp.text)


def stood_beside(target: Fingerprint, candidate: Fingerprint) -> bool:
    """Whether ``candidate`` is named like text the target had beside it (and unlike the target itself)."""
    name = name_of(candidate)
    if not name or name in (norm(target.accessible_name), norm(target.text)):
        return False
    for field in NEIGHBOURS:
        text = norm(getattr(target, field))
        if text == name or (field in LINES and text.startswith(name + " ")):
            return True
    return False


def _gap(a: Fingerprint, b: Fingerprint) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    dx = max(0.0, b.x - (a.x + a.width), a.x - (b.x + b.width))
    dy = max(0.0, b.y - (a.y + a.height), a.y - (b.y + b.height))
    return math.hypot(dx, dy)


class Surroundings:
    """The candidates of one page by name, to look past a control that stands next to an element."""

    def __init__(self, candidates: Iterable[Fingerprint]) -> None:
        self._named: dict[str, list[Fingerprint]] = defaultdict(list)
        for fp in candidates:
            if name := name_of(fp):
                self._named[name].append(fp)

    def beyond(self, candidate: Fingerprint, field: str) -> str | None:
        """The text one step further than ``candidate``'s neighbour in ``field``'s direction, when that neighbour
        is a control on the page: the control's own neighbour that way (the nearest control of that name), or for
        left and right the rest of the line after its name. None when the neighbour is not a control."""
        text = getattr(candidate, field)
        if not text:
            return None
        if field in LINES:
            words = text.split()
            for size in range(min(len(words) - 1, _LONGEST_NAME), 0, -1):
                if norm(" ".join(words[:size])) in self._named:
                    return " ".join(words[size:])
            return None
        controls = [c for c in self._named.get(norm(text), ()) if c is not candidate]
        if not controls:
            return None
        value: str | None = getattr(min(controls, key=lambda c: _gap(candidate, c)), field)
        return value
