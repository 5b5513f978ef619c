"""The bundled test apps' fixtures (defined in ``apps.fixtures`` and ``apps.spa_app.fixtures`` so other test folders
can import them too). One Chromium serves every app's browser tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from apps.fixtures import admin_server, admin_site, app_browser, settings_server, settings_site, tab
from apps.spa_app.fixtures import spa_credentials, spa_server

__all__ = [
    "admin_server",
    "admin_site",
    "app_browser",
    "module_browser",
    "settings_server",
    "settings_site",
    "spa_credentials",
    "spa_server",
    "tab",
]


@pytest.fixture(scope="module")
def module_browser(app_browser: Browser) -> Browser:
    """The session's Chromium (a second sync Playwright in the same thread would not start)."""
    return app_browser
