"""Session-scoped servers for the bundled test apps, per-test resets, and one shared Chromium.

Import the fixtures where they are needed (``tests/apps/conftest.py`` does; an end-to-end module may too):
``admin_server``/``settings_server`` start one server per session with a random password;
``admin_site``/``settings_site`` hand the same server to a test after restoring its seed data and clearing
``app.broken``; ``app_browser`` is one Chromium per session and ``tab`` a fresh context and page per test.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from apps.admin_app import MOUNT, AdminApp
from apps.admin_app import create_app as create_admin_app
from apps.admin_app import serve as serve_admin
from apps.settings_app import SettingsApp
from apps.settings_app import create_app as create_settings_app
from apps.settings_app import serve as serve_settings
from superagent.browser.chromium import launch_args

USERNAME = "dana"
AppT = TypeVar("AppT", AdminApp, SettingsApp)


@dataclass(frozen=True)
class RunningApp(Generic[AppT]):
    """A served app: ``url`` is where a user starts (the app's own root, ending in ``/``)."""

    app: AppT
    origin: str
    url: str
    username: str
    password: str


@pytest.fixture(scope="session")
def admin_server() -> Iterator[RunningApp[AdminApp]]:
    password = secrets.token_urlsafe(12)
    app = create_admin_app(USERNAME, password)
    with serve_admin(app) as origin:
        yield RunningApp(app, origin, f"{origin}{MOUNT}/", USERNAME, password)


@pytest.fixture
def admin_site(admin_server: RunningApp[AdminApp]) -> RunningApp[AdminApp]:
    admin_server.app.reset()
    return admin_server


@pytest.fixture(scope="session")
def settings_server() -> Iterator[RunningApp[SettingsApp]]:
    password = secrets.token_urlsafe(12)
    app = create_settings_app(USERNAME, password)
    with serve_settings(app) as origin:
        yield RunningApp(app, origin, f"{origin}/", USERNAME, password)


@pytest.fixture
def settings_site(settings_server: RunningApp[SettingsApp]) -> RunningApp[SettingsApp]:
    settings_server.app.reset()
    return settings_server


@pytest.fixture(scope="module")  # a sync Playwright left open would stop the next module from starting one
def app_browser(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=launch_args())
        yield browser
        browser.close()


@pytest.fixture
def tab(app_browser: Browser) -> Iterator[Page]:
    context = app_browser.new_context()
    page = context.new_page()
    yield page
    context.close()
