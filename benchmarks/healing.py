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
- ``combo``: two of the above together.

Each case is rendered in Chromium and inventoried the way the healer sees a page; ``rank_candidates`` must put the
true counterpart first. A wrong winner that still passes a confidence gate (score >= 0.5 and a lead of >= 0.05 over
the runner-up) is "confidently wrong": the healer would act on it.

``--e2e N`` (default 4) then measures the end-to-end heal rate on N cases per mutation: real tests, broken by the
change, run through Medic's proof loop (``benchmarks/healing_e2e.py``).

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

if __package__:
    from .healing_bench import PAGES, build_cases, figures, print_failures, print_figures, run
else:
    from healing_bench import PAGES, build_cases, figures, print_failures, print_figures, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--failures", type=int, default=0, metavar="N", help="show the N worst wrong winners")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages")
    parser.add_argument(
        "--e2e", type=int, default=4, metavar="N", help="end-to-end heal rate on N cases per mutation (0: skip)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    pages = {k: v for k, v in PAGES.items() if not args.page or k in args.page}
    cases = build_cases(pages)
    outcomes = asyncio.run(run(cases))
    result = figures(outcomes, time.perf_counter() - started)
    print_figures(result)
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
