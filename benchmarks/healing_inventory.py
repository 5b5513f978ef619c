"""How long the page inventory (every visible interactive element with its fingerprint) takes on a large page.

    .venv/bin/python benchmarks/healing_inventory.py [--rows N] [--repeat N] [--ref REF ...]

The page is generated: a header and footer of links, a sidebar of nested lists, a filter form, an admin table of N
users (a checkbox, a linked name, Edit and Delete buttons per row) and a grid of product cards; with the default
124 rows about 630 elements are inventoried. Each version of the inventory script (``fingerprint.js`` with
``inventory_main.js``) runs on the same page in the same browser, ``--repeat`` times after a warm-up run, and the
median is printed: the working tree's, and the one of each git ``--ref`` (by default the commit before the
redesign properties were recorded and the commit that first recorded them all), so before and after come from one
run on one machine. A run counts until the elements are parsed on this side, as ``snapshot.inventory`` has them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from superagent.browser.chromium import launch_options
from superagent.browser.snapshot import script

_REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFS = ("d7fdffd^", "f1ef445")


def big_page(rows: int) -> str:
    """A dense admin page: ``rows`` table rows of four controls each, plus navigation, filters and cards."""
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(12))
    side = "".join(
        f'<li><a href="/docs/{i}">Topic {i}</a><ul>'
        + "".join(f'<li><a href="/docs/{i}/{j}">Page {i}.{j}</a></li>' for j in range(3))
        + "</ul></li>"
        for i in range(8)
    )
    table = "".join(
        f"""<tr><td><input type="checkbox" aria-label="Select user {i}"></td>
        <td><a href="/users/{i}">User {i}</a></td><td>user{i}@example.com</td><td>{"Admin" if i % 7 else "Viewer"}</td>
        <td><button class="btn btn-sm" data-testid="edit-user-{i}">Edit</button>
        <button class="btn btn-sm btn-danger" data-testid="delete-user-{i}">Delete</button></td></tr>"""
        for i in range(rows)
    )
    cards = "".join(
        f"""<article class="card"><h3><a href="/p/{i}">Product {i}</a></h3><p class="price">${i + 9}.00</p>
        <button class="btn btn-cart" type="button">Add to cart</button></article>"""
        for i in range(24)
    )
    return f"""<!DOCTYPE html><html><head><style>
body {{ font: 14px/1.4 sans-serif; margin: 0; }}
header, footer {{ display: flex; gap: 12px; padding: 8px 24px; }}
header ul, footer ul {{ display: flex; gap: 12px; list-style: none; margin: 0; padding: 0; }}
.layout {{ display: flex; gap: 24px; padding: 16px 24px; }}
aside {{ width: 220px; }}
main {{ flex: 1; }}
.grid {{ display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }}
.card {{ border: 1px solid #ddd; padding: 8px; }}
td {{ padding: 2px 6px; }}
</style></head><body>
<header><a class="logo" href="/">Admin</a><nav><ul>{nav}</ul></nav>
  <form role="search"><input type="search" name="q" placeholder="Search"><button>Search</button></form></header>
<div class="layout"><aside><h2>Docs</h2><ul>{side}</ul></aside>
<main><h1>Users</h1>
<form class="filters"><label for="role">Role</label><select id="role" name="role"><option>Any</option></select>
  <label for="status">Status</label><input id="status" name="status"><button type="submit">Apply</button></form>
<table><thead><tr><th>Pick</th><th>Name</th><th>Email</th><th>Role</th><th>Actions</th></tr></thead>
<tbody>{table}</tbody></table>
<h2>Products</h2><section class="grid">{cards}</section></main></div>
<footer><ul>{nav}</ul></footer>
</body></html>"""


def script_at(ref: str) -> str:
    """The inventory script as it was at git ``ref``."""

    def show(name: str) -> str:
        path = f"src/superagent/browser/{name}"
        return subprocess.run(
            ["git", "show", f"{ref}:{path}"], cwd=_REPO, capture_output=True, text=True, check=True
        ).stdout

    return "() => {\n" + show("fingerprint.js") + show("inventory_main.js")


def _elements(result: Any) -> list[Any]:
    """Older scripts hand back the elements themselves, newer ones as one JSON text: either way, the list."""
    return json.loads(result) if isinstance(result, str) else list(result)


async def timings(scripts: dict[str, str], html: str, repeat: int) -> dict[str, tuple[float, int]]:
    """Median milliseconds and element count of each script, run in turn on the same page."""
    from playwright.async_api import async_playwright

    samples: dict[str, list[float]] = {name: [] for name in scripts}
    counts: dict[str, int] = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        await page.set_content(html)
        for name, source in scripts.items():  # warm-up: compile each script and settle the layout
            counts[name] = len(_elements(await page.evaluate(source)))
        for _ in range(repeat):
            for name, source in scripts.items():
                started = time.perf_counter()
                result = _elements(await page.evaluate(source))
                samples[name].append((time.perf_counter() - started) * 1000)
                counts[name] = len(result)
        await browser.close()
    return {name: (statistics.median(s), counts[name]) for name, s in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=124, help="table rows (four controls each)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--ref", action="append", help="also time the script of git commit REF (repeatable)")
    args = parser.parse_args()
    scripts = {ref: script_at(ref) for ref in (args.ref or DEFAULT_REFS)}
    scripts["working tree"] = script("inventory")
    results = asyncio.run(timings(scripts, big_page(args.rows), args.repeat))
    print(f"inventory on a generated page, median of {args.repeat} runs")
    for name, (ms, count) in results.items():
        print(f"  {name:<16} {ms:8.0f} ms  {count:5d} elements")


if __name__ == "__main__":
    main()
