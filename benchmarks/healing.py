"""Healing benchmark: after a page changes, does the Similo scorer still rank the element a test used first?

    .venv/bin/python benchmarks/healing.py [--json] [--failures N] [--page NAME]

Corpus: seven hand-written pages (``benchmarks/healing_bench/pages``: login, sign-up, product grid, users table,
settings, docs navigation, search with filters). Every interactive element is a target. Each target gets realistic
changes, one at a time, each giving a new page:

- ``id``, ``test_id``: renamed (generated-looking, React-style, or re-worded and re-cased); label ``for`` follows;
- ``classes``: renamed the way CSS-in-JS / CSS modules do it, everywhere on the page and in the stylesheet;
- ``text``: the visible name reworded ("Log in" -> "Sign in"), on every element that carried it;
- ``wrap``: the element put inside two new ``div`` containers;
- ``move``: the element (with its label, card or table row) moved to the other end of its parent;
- ``relocate``: the same moved to another section of the same kind (header links to the footer, between fieldsets);
- ``link_button``: a link rewritten as a button, a button as a link;
- ``decoy_near``: a look-alike next to it ("Save draft" beside "Save", "Confirm email" beside "Confirm password");
- ``decoy_copy``: a copy with the same name in a "Sponsored" banner at the top of its region;
- ``combo``: two of the above together;
- ``redesign``: a clickable control rebuilt in place with new classes, another tag and new wording (a link becomes
  ``<button class="Cta_root__x1">`` with new text), a generated id and a new test id;
- ``redesign_decoys``: the same, plus an element elsewhere keeping the old tag and classes under a look-alike name,
  and one keeping the old tag and wording under other classes.

Each case is rendered in Chromium and inventoried the way the healer sees a page; ``rank_candidates`` must put the
true counterpart first. A wrong winner that still passes a confidence gate (score >= 0.5 and a lead of >= 0.05 over
the runner-up) is "confidently wrong": the healer would act on it.

``--e2e N`` (default 4) then measures the end-to-end heal rate on N cases per mutation: real tests, broken by the
change, run through Medic's proof loop (``benchmarks/healing_e2e.py``).

The same observed pages are also scored with the redesign fields of every fingerprint blanked ("old fields": what a
caller that fills only the older fields gets) and, with ``--baseline REF`` (repeatable), by the scorer of git
commit REF.
``--observations FILE`` keeps the inventoried pages in FILE (read back if it exists), so a scoring change can be
measured without a browser; delete the file after changing the corpus or ``fingerprint.js``.

Reuse: ``build_cases()`` needs no browser and returns every case as two HTML pages, the target marked with
``data-bench-target`` and its counterpart with ``data-bench-truth``; ``load_marked(page, html, attr)`` loads one
with the marker removed (so the inventory never sees it) and ``marked_indices(page)`` maps it to inventory indices.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
import time
from pathlib import Path

if __package__:
    from .healing_bench import PAGES, build_cases, figures, print_failures, print_figures, run
    from .healing_bench.browser import load_observed, save_observed, score_case
    from .healing_bench.report import print_comparison
    from .healing_bench.scorers import old_fields_only, scorer_at
else:
    from healing_bench import PAGES, build_cases, figures, print_failures, print_figures, run
    from healing_bench.browser import load_observed, save_observed, score_case
    from healing_bench.report import print_comparison
    from healing_bench.scorers import old_fields_only, scorer_at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--failures", type=int, default=0, metavar="N", help="show the N worst wrong winners")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages")
    parser.add_argument(
        "--e2e", type=int, default=4, metavar="N", help="end-to-end heal rate on N cases per mutation (0: skip)"
    )
    parser.add_argument("--seed", default="", help="draw the changes with another seed (a set to tune scorers on)")
    parser.add_argument(
        "--baseline", metavar="REF", action="append", help="also score with the scorer of git commit REF (repeatable)"
    )
    parser.add_argument("--observations", type=Path, metavar="FILE", help="reuse (or write) the inventoried pages")
    args = parser.parse_args()
    started = time.perf_counter()
    pages = {k: v for k, v in PAGES.items() if not args.page or k in args.page}
    cases = build_cases(pages, args.seed)
    if args.observations and args.observations.exists():
        seen = load_observed(args.observations)
    else:
        seen = asyncio.run(run(cases))
        if args.observations:
            save_observed(seen, args.observations)
    outcomes = [score_case(s) for s in seen]
    result = figures(outcomes, time.perf_counter() - started)
    print_figures(result)
    columns = {"today": outcomes, "old fields": [score_case(s, old_fields_only) for s in seen]}
    for ref in args.baseline or ():
        rank = scorer_at(ref)
        columns[ref] = [score_case(s, rank) for s in seen]
    print_comparison(columns)
    if args.failures:
        print_failures(outcomes, args.failures)
    e2e = None
    if args.e2e:
        if __package__:
            from .healing_e2e import print_e2e, run_e2e
        else:
            from healing_e2e import print_e2e, run_e2e
        e2e = run_e2e(cases, args.e2e)
        print_e2e(e2e)
    if args.json:
        json.dump({**dataclasses.asdict(result), "e2e": dataclasses.asdict(e2e) if e2e else None}, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
