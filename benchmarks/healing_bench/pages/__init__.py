"""The page corpus of the healing benchmark: seven hand-written pages, and how their wording changes.

Markup conventions read (then stripped) by ``benchmarks/healing.py``:

- ``data-bench-section="group"``: a container an element may be moved to from another container of the same group
  (header links to footer links, one fieldset to another, one product grid to another).
- ``data-bench-unit``: what moves with an element when it is reordered (a product card, a table row).

Every interactive element of a page is a target. ``REWORD`` gives each visible name a realistic rewording for a new
release; ``DECOY`` gives it a look-alike name for a new neighbouring element ("Save" next to "Save draft").
"""

from .auth import LOGIN, SIGNUP
from .content import DOCS, SEARCH, SETTINGS
from .shop import PRODUCTS, TABLE
from .wording import DECOY, REWORD

PAGES: dict[str, str] = {
    "login": LOGIN,
    "signup": SIGNUP,
    "products": PRODUCTS,
    "users-table": TABLE,
    "settings": SETTINGS,
    "docs-navigation": DOCS,
    "search": SEARCH,
}


__all__ = ["DECOY", "PAGES", "REWORD"]
