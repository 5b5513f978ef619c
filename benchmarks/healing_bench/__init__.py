"""The healing benchmark's machinery; ``benchmarks/healing.py`` is the entry point and describes the method.

Reuse: ``build_cases()`` needs no browser and returns every case as two HTML pages, the target marked with
``data-bench-target`` and its counterpart with ``data-bench-truth``; ``load_marked(page, html, attr)`` loads one
with the marker removed (so the inventory never sees it) and ``marked_indices(page)`` maps it to inventory indices.
"""

from .browser import Outcome, load_marked, marked_indices, run
from .cases import Case, build_cases
from .pages import PAGES
from .report import figures, print_failures, print_figures
from .targets import TARGET_ATTR, TRUTH_ATTR

__all__ = [
    "PAGES",
    "TARGET_ATTR",
    "TRUTH_ATTR",
    "Case",
    "Outcome",
    "build_cases",
    "figures",
    "load_marked",
    "marked_indices",
    "print_failures",
    "print_figures",
    "run",
]
