"""A single-page issue tracker: vanilla ES modules, client-side routing, a JSON API on the standard library.

Unlike the demo shop it renders everything in the browser, routes with ``history.pushState`` (a deep link such as
``/issues/3`` is served the same page), has no test ids and few element ids, and repeats names on purpose
(an "Open" tab and an "Open" link in every row, two "Save" and two "Cancel" buttons on an issue's page, "Cancel"
in its dialogs too). ``create_app(password=..., broken=...)`` sabotages the features named in ``FEATURES``.
"""

from apps.spa_app.server import FEATURES, SpaApp, create_app
from apps.spa_app.store import LABELS, SEED_ISSUES

__all__ = ["FEATURES", "LABELS", "SEED_ISSUES", "SpaApp", "create_app"]
