"""A library back-office in the style of Flask-Admin / Django admin, served under ``/admin/``.

It imitates a server-rendered CRUD admin mounted on a sub-path of a larger site: every page and asset lives
under ``/admin/`` (the host's ``/`` answers 404), links come from ``url_for`` so they carry the prefix.
Nothing has a test id. Pages: log in, a dashboard, a site-wide search in the header (its button is "Search"),
Books and Authors lists with their own filter forms (whose button is also "Search"), column sorting through
header links, 10-per-page pagination, detail pages with icon-only Edit/Delete buttons, add/edit forms,
delete through an "Are you sure" page, flash messages with an icon-only "Dismiss" button, and a user menu
(a button with the user's name opening a menu with "Log out").

A second book with an existing title (case-insensitive) is refused with a visible field error.

``create_app(username, password, broken=...)`` takes the credentials; ``app.broken`` may also be changed while
serving. Each name in ``FEATURES`` makes that feature misbehave in a way a user would notice:

- login: correct credentials are refused.
- logout: "Log out" leaves the user signed in, back on the dashboard.
- create: "Add book"/"Add author" report success but nothing is stored.
- edit: saving an edit reports success but nothing changes.
- delete: "Yes, delete" reports success but the book stays.
- search: the list filters' text box is ignored and the header search finds nothing.
- filter: the genre select and the "In stock" checkbox are ignored.
- sort: header links mark the column as sorted but rows keep their order.
- paginate: every page number shows the first page's rows.
- flash: no confirmation message is shown after create, edit, delete or log out.
- detail: every book's detail page shows the first book.
"""

from apps.admin_app.app import FEATURES, AdminApp, create_app
from apps.admin_app.server import MOUNT, serve

__all__ = ["FEATURES", "MOUNT", "AdminApp", "create_app", "serve"]
