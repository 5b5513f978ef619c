"""What the browser records of an element beyond its own attributes: text around it by direction, the elements
drawn in the same box, the link's path, its place in the viewport and in its landmark, and no control characters.
Measured in Chromium on a page served on 127.0.0.1, with every box placed absolutely so positions are known."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from apps.local_http import serve_handler

from superagent.browser.snapshot import inventory, script
from superagent.healing.fingerprint import Fingerprint

pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html><html><head><style>
* { box-sizing: border-box; margin: 0; padding: 0; border: 0; }
body { font: 16px/20px sans-serif; }
.at { position: absolute; display: block; }
.link { top: 20px; width: 80px; height: 20px; }
</style></head><body>
<header class="at" style="left: 0; top: 0; width: 1000px; height: 60px">
  <a id="cart" class="at link" href="/shop/cart?step=2#top" style="left: 100px">Cart</a>
  <a id="docs" class="at link" href="https://example.com/docs/x?y=1" style="left: 300px">Docs</a>
  <a id="top" class="at link" href="#top" style="left: 500px">Top</a>
</header>
<main class="at" style="left: 0; top: 100px; width: 1000px; height: 600px">
  <span class="at" style="left: 300px; top: 100px">Quantity</span>
  <span class="at" style="left: 200px; top: 150px">Amount</span>
  <input id="qty" class="at" style="left: 300px; top: 150px; width: 100px; height: 20px">
  <span class="at" style="left: 450px; top: 150px">units</span>
  <span class="at" style="left: 300px; top: 220px">Max 10 per order</span>
  <div class="at" title="Buy wrapper" style="left: 300px; top: 300px; width: 120px; height: 40px">
    <button id="buy" class="at" style="left: 0; top: 0; width: 120px; height: 40px">
      <img class="at" alt="cart icon" style="left: 0; top: 0; width: 100px; height: 36px">
      <span class="at" title="badge" style="left: 0; top: 0; width: 40px; height: 40px"></span>Buy</button>
  </div>
  <div class="at" title="Big box" style="left: 600px; top: 300px; width: 300px; height: 200px">
    <button id="small" class="at" style="left: 0; top: 0; width: 60px; height: 20px">Go</button>
  </div>
  <span class="at" style="left: 600px; top: 520px">Ada Lovelace</span>
  <span class="at" style="left: 720px; top: 520px">ada@example.com</span>
  <span class="at" style="left: 880px; top: 520px">Active</span>
  <button id="edit-row" class="at" style="left: 950px; top: 520px; width: 50px; height: 20px">Edit</button>
  <span class="at" style="left: 1010px; top: 520px">Delete</span>
  <button id="ctl" class="at" style="left: 600px; top: 50px; width: 100px; height: 20px">x</button>
</main>
<button id="loose" class="at" style="left: 50px; top: 750px; width: 60px; height: 20px">Loose</button>
</body></html>"""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE.encode())

        def log_message(self, *args: object) -> None:
            pass

    with serve_handler(Handler) as url:
        yield url


@pytest.fixture
async def tab(chromium: str, site: str) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    from superagent.browser.chromium import launch_options

    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options(chromium))
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            await page.goto(site + "/shop/product")
            # Control characters cannot be written in HTML (the parser remaps C1 references), so they are set here.
            await page.evaluate(
                """() => {
                  const b = document.getElementById('ctl');
                  b.setAttribute('aria-label', 'Pay\\u0007 now\\u0085');
                  b.setAttribute('data-testid', 'pay\\u0000-now');
                  b.textContent = 'Pay\\u009b\\u0001now';
                }"""
            )
            yield page
        finally:
            await browser.close()


async def by_id(page: Any) -> dict[str, Fingerprint]:
    return {e.fingerprint.id: e.fingerprint for e in await inventory(page) if e.fingerprint.id}


async def test_nearest_text_is_recorded_for_each_direction(tab: Any) -> None:
    qty = (await by_id(tab))["qty"]
    assert (qty.neighbor_above, qty.neighbor_below) == ("Quantity", "Max 10 per order")
    assert (qty.neighbor_left, qty.neighbor_right) == ("Amount", "units")


async def test_left_and_right_take_the_whole_line_nearest_first(tab: Any) -> None:
    # A table row's cells name its record: the status alone would be the same on many rows.
    edit = (await by_id(tab))["edit-row"]
    assert edit.neighbor_left == "Active ada@example.com Ada Lovelace"
    assert edit.neighbor_right == "Delete"


async def test_an_element_with_nothing_around_it_has_no_neighbours(tab: Any) -> None:
    loose = (await by_id(tab))["loose"]
    assert loose.neighbor_below is None and loose.neighbor_left is None and loose.neighbor_right is None
    # Text beyond reach (more than 400 px away) is not a neighbour either.
    assert loose.neighbor_above is None


async def test_own_text_is_never_its_own_neighbour(tab: Any) -> None:
    buy = (await by_id(tab))["buy"]
    assert "Buy" not in {buy.neighbor_above, buy.neighbor_below, buy.neighbor_left, buy.neighbor_right}


async def test_overlapping_parents_and_children_lend_their_names(tab: Any) -> None:
    buy = (await by_id(tab))["buy"]
    assert buy.overlap_text is not None
    # The wrapper has the same box, the icon covers 75% of it: both overlap.
    assert "Buy wrapper" in buy.overlap_text and "cart icon" in buy.overlap_text
    # A 40x40 badge covers a third of the 120x40 button: drawn on it, but not the same box.
    assert "badge" not in buy.overlap_text


async def test_a_small_element_in_a_large_box_does_not_overlap_it(tab: Any) -> None:
    small = (await by_id(tab))["small"]
    assert small.overlap_text is None  # 60x20 of a 300x200 box is 2%


async def test_href_path_drops_query_and_fragment(tab: Any) -> None:
    found = await by_id(tab)
    assert found["cart"].href == "/shop/cart?step=2#top"
    assert found["cart"].href_path == "/shop/cart"
    assert found["docs"].href_path == "example.com/docs/x"  # another site keeps its host
    assert found["top"].href_path is None  # an in-page anchor has no path
    assert found["qty"].href_path is None


async def test_position_in_the_viewport_and_in_the_landmark(tab: Any) -> None:
    found = await by_id(tab)
    cart, qty, loose = found["cart"], found["qty"], found["loose"]
    assert cart.viewport_x == pytest.approx(140 / 1280) and cart.viewport_y == pytest.approx(30 / 800)
    assert cart.landmark == "header"
    assert (cart.landmark_x, cart.landmark_y) == pytest.approx((140, 30))
    assert qty.landmark == "main"
    assert (qty.landmark_x, qty.landmark_y) == pytest.approx((350, 160))
    assert loose.landmark is None and loose.landmark_x is None


async def test_control_characters_are_stripped_from_collected_text(tab: Any) -> None:
    ctl = (await by_id(tab))["ctl"]
    assert ctl.accessible_name == "Pay now"
    assert ctl.text == "Pay now"
    assert ctl.test_id == "pay-now"
    dumped = ctl.model_dump_json()
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in dumped)


async def test_the_single_element_script_records_the_same_properties(tab: Any) -> None:
    one = Fingerprint.model_validate(await tab.locator("#qty").evaluate(script("fingerprint")))
    assert (one.neighbor_above, one.neighbor_left, one.landmark) == ("Quantity", "Amount", "main")


async def test_the_inventory_crosses_as_one_json_text_with_what_each_element_records(tab: Any) -> None:
    # One text instead of hundreds of objects serialized value by value; read back, the same fingerprints.
    raw = await tab.evaluate(script("inventory"))
    assert isinstance(raw, str)
    entries = {entry["id"]: entry for entry in json.loads(raw) if entry["id"]}
    one = await tab.locator("#buy").evaluate(script("fingerprint"))
    assert {k: v for k, v in entries["buy"].items() if k != "index"} == {k: v for k, v in one.items() if k != "index"}
    assert [e.fingerprint.id for e in await inventory(tab)] == [entry["id"] for entry in json.loads(raw)]
