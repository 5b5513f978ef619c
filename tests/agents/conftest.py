"""One Chromium per test module for the browser tests of the agents (async Playwright, module event loop)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from superagent.browser.chromium import launch_options


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chromium_browser(chromium: str) -> AsyncIterator[Any]:
    """A headless Chromium shared by a module's tests; its tests must run on the module's event loop too:
    ``pytestmark = pytest.mark.asyncio(loop_scope="module")``."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options(chromium))
        try:
            yield browser
        finally:
            await browser.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser_context(chromium_browser: Any) -> AsyncIterator[Any]:
    """One context per module (a context costs more to open than a page); 5 s timeouts so a miss fails fast."""
    context = await chromium_browser.new_context()
    context.set_default_timeout(5000)
    try:
        yield context
    finally:
        await context.close()


@pytest_asyncio.fixture(loop_scope="module")
async def tab(browser_context: Any) -> AsyncIterator[Any]:
    """A fresh page for one test, in a context without the cookies earlier tests left."""
    await browser_context.clear_cookies()
    page = await browser_context.new_page()
    try:
        yield page
    finally:
        await page.close()
