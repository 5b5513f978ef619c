"""Benchmark cases: every (target, change) of the corpus as a pair of HTML pages; pure Python, no browser."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from .dom import Node, parse, serialize
from .mutations import COMBOS, MUTATIONS, Mutation
from .pages import PAGES
from .redesign import REDESIGNS
from .targets import TARGET_ATTR, TRUTH_ATTR, phrase_of, targets

# Every single change a case can make; "combo" cases pair two of MUTATIONS.
KINDS: dict[str, Mutation] = {**MUTATIONS, **REDESIGNS}


@dataclass(frozen=True)
class Case:
    """One target on one page and one change: ``before_html`` marks the target, ``after_html`` its counterpart."""

    page: str
    target: int  # index among the page's targets, in document order
    name: str  # the target's visible name on the original page
    mutation: str  # a key of KINDS, or "combo"
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
        done = KINDS[step](doc, el, rng)
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


def _case(page: str, source: str, index: int, mutation: str, steps: tuple[str, ...], seed: str) -> Case | None:
    made = _mutated(source, index, steps, seed=f"{seed}{page}/{index}/{'+'.join(steps)}")
    if made is None:
        return None
    after, detail = made
    name, before = _original(source, index)
    return Case(page, index, name, mutation, f"{'+'.join(steps)}: {detail}", before, after)


def build_cases(pages: dict[str, str] | None = None, seed: str = "") -> list[Case]:
    """Every applicable (target, mutation) case of the corpus, deterministically; pure Python, no browser.

    Another ``seed`` draws other names, classes and placements for the same changes: a separate set to tune a
    scorer on, so that the reported figures are not those it was tuned on."""
    cases = []
    turn = 0
    for page, source in (pages or PAGES).items():
        for index in range(len(targets(parse(source)))):
            singles = {m: _case(page, source, index, m, (m,), seed) for m in KINDS}
            cases += [c for c in singles.values() if c is not None]
            pairs = [pair for pair in COMBOS if all(singles[m] is not None for m in pair)]
            for k in range(len(pairs)):
                combo = _case(page, source, index, "combo", pairs[(turn + k) % len(pairs)], seed)
                if combo is not None:
                    cases.append(combo)
                    break
            turn += 1
    return cases
