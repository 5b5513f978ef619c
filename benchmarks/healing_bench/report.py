"""Figures of a benchmark run: top-1 per mutation and page, margins, confidently wrong winners."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from superagent.healing.fingerprint import Fingerprint

from .browser import GATE_MARGIN, GATE_SCORE, Outcome


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


def top1_by_kind(outcomes: list[Outcome]) -> dict[str, float]:
    """Top-1 per mutation kind, then over all redesign kinds and over every case."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.case.mutation].append(o)
        if o.case.mutation.startswith("redesign"):
            groups["redesign (all)"].append(o)
        groups["overall"].append(o)
    return {k: sum(o.correct for o in v) / len(v) for k, v in groups.items()}


def print_comparison(columns: dict[str, list[Outcome]]) -> None:
    """Top-1 per mutation kind for several scorers on the very same observed pages."""
    tables = {name: top1_by_kind(outcomes) for name, outcomes in columns.items()}
    kinds = list(next(iter(tables.values())))
    print("\ntop-1 on the same pages" + "".join(f"{name:>22}" for name in columns))
    for kind in kinds:
        print(f"  {kind:<21}" + "".join(f"{tables[name].get(kind, 0.0):>22.1%}" for name in columns))
    print(
        "  confidently wrong    "
        + "".join(f"{sum(o.confident and not o.correct for o in outcomes):>22}" for outcomes in columns.values())
    )
