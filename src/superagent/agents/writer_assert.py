"""Turn what changed on the page after the flow's last action into `expect` assertions, checked live."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from superagent.browser.snapshot import Observation
from superagent.healing.locators import Call, LocatorSpec
from superagent.literals import py_literal, regex_literal
from superagent.models import Assertion

# The rows of the list a page shows: table rows with data cells (not a lone "No results" cell), else the list
# items and articles of the page's main content; each row as its cells' texts.
_LISTING = """() => {
  const text = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const chrome = (el) => el.closest('nav, header, footer, [role=menu], [role=dialog], [role=tablist]');
  let rows = [...document.querySelectorAll('tr')].filter(visible)
    .filter((r) => r.querySelectorAll('td').length > 1 && !r.closest('thead'));
  let role = 'row';
  if (!rows.length) {
    rows = [...document.querySelectorAll('li, article, [role=listitem]')].filter(visible).filter((r) => !chrome(r));
    role = rows.length && rows[0].tagName.toLowerCase() === 'article' ? 'article' : 'listitem';
  }
  return {role, rows: rows.map((r) => {
    const cells = r.tagName.toLowerCase() === 'tr' ? [...r.querySelectorAll('td')].map((c) => text(c.innerText))
      : [...r.querySelectorAll('a, h1, h2, h3, h4, strong')].map((c) => text(c.innerText)).concat([text(r.innerText)]);
    return {cells: cells.filter(Boolean), text: text(r.innerText)};
  })};
}"""


class Row(BaseModel):
    cells: list[str]
    text: str


class Listing(BaseModel):
    """The rows a list shows, in order, and the ARIA role that reaches one of them."""

    role: str = "row"
    rows: list[Row] = Field(default_factory=list)

    def names(self) -> list[str | None]:
        """Per row, a text that names it and no other row: its first cell that is not a made-up id."""
        keys: list[str | None] = []
        for row in self.rows:
            key = None
            for cell in row.cells:
                if len(cell) < 4 or len(cell) > 60 or _GENERATED_TOKEN.search(cell):
                    continue
                if sum(cell in other.text for other in self.rows) == 1:
                    key = cell
                    break
            keys.append(key)
        return keys

    def holds(self, text: str) -> bool:
        return any(text in row.text for row in self.rows)

    def row_code(self, text_code: str) -> str:
        """Code for the one row holding ``text_code`` (a literal or a variable of the test)."""
        return f'page.get_by_role("{self.role}").filter(has_text={text_code})'


async def read_listing(page: Any) -> Listing:
    return Listing.model_validate(await page.evaluate(_LISTING))


def row_gone(listing: Listing, text_code: str) -> Assertion:
    return Assertion(code=f"expect({listing.row_code(text_code)}).to_have_count(0)", description="row gone")


def row_shown(listing: Listing, text_code: str) -> Assertion:
    return Assertion(code=f"expect({listing.row_code(text_code)}).to_be_visible()", description="row shown")


def order_changed(before: Listing, after: Listing) -> Assertion | None:
    """Two rows in an order the list did not show before: the first row now, and one that came before it until
    the action (or, when the first row was not shown at all, as on a long list split into pages, the row now
    second).

    ``to_contain_text`` with a list checks that matching rows appear in that order, so the assertion fails
    when the order did not change."""
    keys_after = after.names()
    if not keys_after or keys_after[0] is None:
        return None
    first = keys_after[0]
    before_texts = [row.text for row in before.rows]
    first_at = next((i for i, text in enumerate(before_texts) if first in text), None)
    if first_at == 0:
        return None
    for key in keys_after[1:]:
        if key is None:
            continue
        if first_at is None or any(key in text for text in before_texts[:first_at]):
            code = f'expect(page.get_by_role("{after.role}")).to_contain_text([{py_literal(first)}, {py_literal(key)}])'
            return Assertion(code=code, description="order")
    return None


_GENERATED_TOKEN = re.compile(r"\b(?=[\w-]*\d)[\w-]{5,}\b|\b\d{3,}\b|#\s*\w+")
# An id a run made up: letters with digits (8f3a9c2d), a number, or an upper-case code (SA-XSPRLX): routes are
# words in lower case, while order numbers and SKUs are often all capitals with no digit at all.
_GENERATED_SEGMENT = re.compile(r"^(?=.*\d)[\w-]{4,}$|^\d+$|^[A-Z0-9_-]*[A-Z]{4,}[A-Z0-9_-]*$")


def stable_text(text: str, dynamic: Iterable[str]) -> str | None:
    """The part of an observed text that will read the same on every run: cut before any value the run made up
    (a generated username, an order number); None when too little is left to be worth asserting."""
    cut = len(text)
    for value in dynamic:
        if value and value in text:
            cut = min(cut, text.index(value))
    match = _GENERATED_TOKEN.search(text)
    if match:
        cut = min(cut, match.start())
    stable = text[:cut].rstrip(" ,:;#-–—(").strip()
    return stable if len(stable) >= 4 else None


def url_pattern(url: str) -> str:
    """A regex for the path (and query) of ``url``, with generated id segments generalised."""
    parts = urlsplit(url)
    segments = [("[^/]+" if _GENERATED_SEGMENT.match(seg) else re.escape(seg)) for seg in parts.path.split("/")]
    pattern = "/".join(segments) or "/"
    if parts.query:
        pattern += re.escape("?" + parts.query)
    return pattern + "$"


def url_assertion(url: str) -> str:
    """The address check for ``url``: its path as a regex with generated segments generalised."""
    return f"expect(page).to_have_url(re.compile({regex_literal(url_pattern(url))}))"


class AssertionBuilder:
    """Builds assertion candidates from an observation diff and keeps those that hold, uniquely, right now."""

    def __init__(self, page: Any, dynamic: Iterable[str] = ()) -> None:
        self.page = page
        self.dynamic = [d for d in dynamic if d]

    async def _holds(self, spec: LocatorSpec) -> bool:
        try:
            locator = spec.resolve(self.page)
            return bool(await locator.count() == 1 and await locator.is_visible())
        except Exception:
            return False

    async def _gone(self, spec: LocatorSpec) -> bool:
        try:
            return bool(await spec.resolve(self.page).count() == 0)
        except Exception:
            return False

    async def build(
        self, before: Observation, after: Observation, *, want_negative: bool = False, limit: int = 3
    ) -> list[Assertion]:
        out: list[Assertion] = []
        if urlsplit(before.url)[2:4] != urlsplit(after.url)[2:4]:
            pattern = url_pattern(after.url)
            if not any(d in pattern for d in self.dynamic):
                out.append(Assertion(code=url_assertion(after.url), description="address"))
        positives = await self._messages(before, after) + await self._headings(before, after)
        positives += await self._controls(before, after, appeared=True)
        seen: set[str] = set()
        for assertion in positives:
            if assertion.code in seen:
                continue
            seen.add(assertion.code)
            if len([a for a in out if a.description != "address"]) >= limit - 1:
                break
            out.append(assertion)
        if want_negative or not out:
            out += (await self._headings(before, after, gone=True) + await self._controls(before, after))[:1]
        return out

    async def _messages(self, before: Observation, after: Observation) -> list[Assertion]:
        old = {(m.role, m.text) for m in before.messages}
        found = []
        for msg in sorted(after.messages, key=lambda m: (m.role != "alert", not m.explicit)):
            if (msg.role, msg.text) in old:
                continue
            text = stable_text(msg.text, self.dynamic)
            if not text:
                continue
            whole = LocatorSpec(strategy="role", calls=[Call(method="get_by_role", args=[msg.role])])
            if await self._holds(whole):
                code = f"expect({whole.code()}).to_contain_text({py_literal(text)})"
            else:
                spec = LocatorSpec(
                    strategy="role",
                    calls=[
                        Call(method="get_by_role", args=[msg.role]),
                        Call(method="filter", options={"has_text": text}),
                    ],
                )
                if not await self._holds(spec):
                    continue
                code = f"expect({spec.code()}).to_be_visible()"
            found.append(Assertion(code=code, description=f"{msg.role} message"))
        return found

    async def _headings(self, before: Observation, after: Observation, *, gone: bool = False) -> list[Assertion]:
        old, new = (after.headings, before.headings) if gone else (before.headings, after.headings)
        found = []
        # Listed things come after the page's own title, so the last heading that went away is the telling one.
        for heading in reversed(new) if gone else new:
            if heading in old:
                continue
            text = heading if gone else stable_text(heading, self.dynamic)
            if not text or len(text) > 80:
                continue
            spec = LocatorSpec(
                strategy="role", calls=[Call(method="get_by_role", args=["heading"], options={"name": text})]
            )
            if gone and await self._gone(spec):
                found.append(Assertion(code=f"expect({spec.code()}).to_be_hidden()", description="heading gone"))
            elif not gone and await self._holds(spec):
                found.append(Assertion(code=f"expect({spec.code()}).to_be_visible()", description="heading"))
        return found

    async def _controls(self, before: Observation, after: Observation, *, appeared: bool = False) -> list[Assertion]:
        old, new = (before.controls, after.controls) if appeared else (after.controls, before.controls)
        old_names = {(c.role, c.name) for c in old}
        found = []
        for control in new:
            if (control.role, control.name) in old_names or len(control.name) > 40:
                continue
            if any(d in control.name for d in self.dynamic) or _GENERATED_TOKEN.search(control.name):
                continue
            spec = LocatorSpec(
                strategy="role",
                calls=[Call(method="get_by_role", args=[control.role], options={"name": control.name, "exact": True})],
            )
            if appeared and await self._holds(spec):
                found.append(Assertion(code=f"expect({spec.code()}).to_be_visible()", description="control"))
            elif not appeared and await self._gone(spec):
                found.append(Assertion(code=f"expect({spec.code()}).to_be_hidden()", description="control gone"))
        return found
