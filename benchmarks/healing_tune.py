"""Tune the scorer's weights on a separate set of generated changes, never on the figures ``healing.py`` reports.

    .venv/bin/python benchmarks/healing.py --seed tune --observations tune.json --e2e 0   # the tuning set
    .venv/bin/python benchmarks/healing_tune.py tune.json [--rounds 3]

The tuning set draws its ids, classes, placements and decoys with another seed than the benchmark. Each weight of
``similo.WEIGHTS`` in turn is scaled (x0.5 ... x2) and kept when more cases rank the truth first (ties: when the
truth's lead over the best wrong candidate grows). A right winner that passes Medic's gate counts half a case more,
a wrong winner that would pass it costs three right ones, and every weight stays between 0.05 and 8. Only targets
recorded with the redesign properties are used, since only they are scored with ``WEIGHTS``; each case's
properties are compared as ``rank_candidates`` does, with the page's other candidates at hand. Prints the weights
to copy into ``similo.py``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from superagent.healing.neighbours import Surroundings
from superagent.healing.similo import WEIGHTS, comparisons

if __package__:
    from .healing_bench.browser import GATE_MARGIN, GATE_SCORE, load_observed
else:
    from healing_bench.browser import GATE_MARGIN, GATE_SCORE, load_observed

Rows = list[list[dict[str, float]]]  # per case, per candidate: the properties' likeness; the truth first
STEPS = (0.5, 0.75, 1.33, 2.0)
BOUNDS = (0.05, 8.0)  # no weight leaves this range: a few cases must not decide a property alone
PENALTY = 3  # a confidently wrong winner costs three right ones
HEALED = 0.5  # a right winner that passes the gate heals without a person: worth half a case more
SHORTLIST = 6  # candidates kept per case: the truth and the strongest wrong ones under the starting weights


def _score(alike: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights[k] for k in alike)
    return sum(weights[k] * v for k, v in alike.items()) / total if total else 0.0


def _fitness(rows: Rows, weights: dict[str, float]) -> tuple[float, float]:
    """Cases ranking the truth strictly first (half as much again when Medic's gate would let it heal), less a
    penalty for each wrong winner the gate would accept; then the summed lead (capped) of the truth."""
    first, lead = 0.0, 0.0
    for row in rows:
        truth = _score(row[0], weights)
        rivals = sorted((_score(r, weights) for r in row[1:]), reverse=True) or [0.0]
        first += truth > rivals[0]
        first += HEALED * (truth >= GATE_SCORE and truth - rivals[0] >= GATE_MARGIN)
        if rivals[0] > truth:
            runner_up = max(truth, rivals[1] if len(rivals) > 1 else 0.0)
            first -= PENALTY * (rivals[0] >= GATE_SCORE and rivals[0] - runner_up >= GATE_MARGIN)
        lead += max(-0.2, min(0.2, truth - rivals[0]))
    return first, lead


def load_rows(path: Path) -> Rows:
    rows = []
    for seen in load_observed(path):
        if seen.target.viewport_x is None:
            continue
        surroundings = Surroundings(seen.candidates)
        alike = [comparisons(seen.target, c, surroundings) for c in seen.candidates]
        others = [a for i, a in enumerate(alike) if i != seen.truth_index]
        others.sort(key=lambda a: -_score(a, WEIGHTS))
        rows.append([alike[seen.truth_index], *others[: SHORTLIST - 1]])
    return rows


def tune(rows: Rows, rounds: int) -> dict[str, float]:
    weights = dict(WEIGHTS)
    best = _fitness(rows, weights)
    print(f"start: fitness {best[0]:.1f} of at most {len(rows) * (1 + HEALED):.0f}")
    for _ in range(rounds):
        improved = False
        for name in sorted(weights):
            for step in STEPS:
                value = round(weights[name] * step, 3)
                if not BOUNDS[0] <= value <= BOUNDS[1]:
                    continue
                trial = {**weights, name: value}
                fit = _fitness(rows, trial)
                if fit > best:
                    weights, best, improved = trial, fit, True
        print(f"round: fitness {best[0]:.1f}, lead {best[1]:.2f}")
        if not improved:
            break
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("observations", type=Path, help="written by healing.py --seed tune --observations FILE")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    weights = tune(load_rows(args.observations), args.rounds)
    for name, value in weights.items():
        print(f'    "{name}": {value},')


if __name__ == "__main__":
    main()
