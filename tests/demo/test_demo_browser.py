"""Logging in to both releases of the demo shop with a real Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from superagent.demo import AppServer, create_app

CHROMIUM = "/usr/lib/chromium/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "s3cret-pass"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]


@pytest.mark.parametrize(("variant", "username_label"), [("v1", "Username"), ("v2", "User name")])
def test_log_in_and_out_in_chromium(variant, username_label):
    with AppServer(create_app(variant, password=PASSWORD)) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(server.url + "/")
            featured = page.get_by_role("region", name="Featured products")
            expect(featured.get_by_role("listitem")).to_have_count(3)
            expect(featured.get_by_role("link", name="Desk Lamp")).to_be_visible()

            banner = page.get_by_role("dialog", name="We use cookies")
            expect(banner).to_be_visible()
            page.get_by_role("contentinfo").get_by_role("link", name="Contact").click()
            expect(page.get_by_role("heading", name="Contact us")).to_be_visible()

            products = page.get_by_role("navigation", name="Main").get_by_role(
                "button" if variant == "v2" else "link", name="Products"
            )
            products.click()
            expect(page.get_by_role("heading", name="Products", exact=True)).to_be_visible()

            page.get_by_role("link", name="Log in").click()
            expect(page.get_by_role("heading", name="Log in")).to_be_visible()
            expect(page.get_by_label("Username", exact=True)).to_have_count(1 if variant == "v1" else 0)
            page.get_by_label(username_label, exact=True).fill("demo")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()

            expect(page).to_have_url(server.url + "/dashboard")
            expect(page.get_by_role("heading", name="Welcome back, demo")).to_be_visible()
            toast = page.get_by_role("status").filter(has_text="Signed in successfully")
            expect(toast).to_be_visible()
            expect(toast).to_have_count(0, timeout=10_000)
            expect(page.get_by_role("link", name=re.compile(r"^Cart \(0\)$"))).to_be_visible()

            banner.get_by_role("button", name="Accept").click()
            expect(banner).to_have_count(0)
            page.reload()
            expect(page.get_by_role("heading", name="Welcome back, demo")).to_be_visible()
            expect(page.get_by_role("dialog")).to_have_count(0)

            page.get_by_role("button", name="Log out").click()
            expect(page.get_by_role("status").filter(has_text="You have been signed out.")).to_be_visible()
            expect(page.get_by_role("link", name="Log in")).to_be_visible()
        finally:
            browser.close()
