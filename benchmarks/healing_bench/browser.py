"""In Chromium: load a case, inventory it the way the healer sees a page, and score it."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from superagent.browser.chromium import launch_options
from superagent.browser.snapshot import inventory
from superagent.healing.fingerprint import Fingerprint
from superagent.healing.similo import Scored, rank_candidates

from .cases import Case, marked_page
from .pages import PAGES
from .targets import TARGET_ATTR, TRUTH_ATTR

Ranker = Callable[[Fingerprint, list[Fingerprint]], list[Scored]]
GATE_SCORE = 0.5
GATE_MARGIN = 0.05

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


@dataclass
class Observed:
    """One case as the healer sees it: the target's fingerprint, every candidate, and which one is the truth."""

    case: Case
    target: Fingerprint
    candidates: list[Fingerprint]
    truth_index: int


def score_case(seen: Observed, rank: Ranker = rank_candidates) -> Outcome:
    truth = seen.candidates[seen.truth_index]
    ranked = rank(seen.target, seen.candidates)
    position = next(i for i, s in enumerate(ranked) if s.candidate == truth)
    return Outcome(
        case=seen.case,
        target=seen.target,
        truth_rank=position,
        winner=ranked[0].candidate,
        score=ranked[0].score,
        runner_up=ranked[1].score if len(ranked) > 1 else 0.0,
        truth_score=ranked[position].score,
    )


async def run(cases: list[Case]) -> list[Observed]:
    """Inventory every case in one browser page; the next page loads while the current one is read."""
    from playwright.async_api import async_playwright

    seen = []
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
            seen.append(Observed(case, originals[case.page][case.target], candidates, truth_index))
        await browser.close()
    return seen


def save_observed(seen: list[Observed], path: Path) -> None:
    rows = [
        {
            "case": dataclasses.asdict(o.case),
            "target": o.target.model_dump(),
            "candidates": [c.model_dump() for c in o.candidates],
            "truth_index": o.truth_index,
        }
        for o in seen
    ]
    path.write_text(json.dumps(rows))


def load_observed(path: Path) -> list[Observed]:
    return [
        Observed(
            Case(**row["case"]),
            Fingerprint.model_validate(row["target"]),
            [Fingerprint.model_validate(c) for c in row["candidates"]],
            row["truth_index"],
        )
        for row in json.loads(path.read_text())
    ]
