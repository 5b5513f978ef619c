"""Fixtures for the test apps: the single-page issue tracker once per session, one Chromium per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from apps.spa_app.fixtures import spa_credentials, spa_server
from superagent.browser.chromium import launch_options

__all__ = ["module_browser", "spa_credentials", "spa_server"]


@pytest.fixture(scope="module")
def module_browser(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(chromium))
        yield browser
        browser.close()
