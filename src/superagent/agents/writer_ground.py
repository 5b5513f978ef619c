"""Finding the element a step names on a live page: name similarity over what a person reads (accessible name,
label, placeholder, text, alt), role hints from the verb and the noun, and the element's surroundings (its dialog,
form, table row, landmark) to tell repeated names apart.

A target that is not on the page is looked for behind the links and menus that lead towards it (a bounded
search, recorded as steps); an element no name picks out alone is reached through a container chain, the way
Playwright's codegen scopes it (``page.get_by_role("row", name="Milk").get_by_role("button", name="Delete")``).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from superagent.agents.writer_explore import Explorer
from superagent.browser.snapshot import Element
from superagent.healing.fingerprint import Fingerprint
from superagent.healing.locators import Call, LocatorSpec
from superagent.healing.similo import text_similarity

log = logging.getLogger(__name__)

NAME_FIELDS = ("accessible_name", "label", "placeholder", "text", "alt")
MIN_SCORE = 0.6  # below this a name is not the one the step means
TIE = 0.02  # two matches closer than this are equally good
KIND_SCORE = 0.8  # a search box for "Search": below its own name, above a near miss
OFF_ROLE = 0.75  # a match of another role than the step asks for: a link styled as a button, a clickable div
MAX_DEPTH = 2  # links and menus followed in a row when looking for a target
MAX_TRIES = 6  # links and menus tried in all
LATE_CONTENT_S = 2.0  # how long a step's target may take to show before links and menus are searched
FIELD_ROLES = frozenset({"textbox", "searchbox", "combobox", "spinbutton"})
_STOP = frozenset({"the", "a", "an", "of", "to", "in", "on", "for", "and", "page", "my", "your", "new", "all"})
# Never opened while looking for something: they end the session or destroy data.
_DANGEROUS = re.compile(r"\b(?:log\s*out|sign\s*out|log\s*off|delete|remove|destroy|discard)\b", re.IGNORECASE)

# Each element's surroundings, innermost first: {kind, role, name, keys}. ``keys`` are texts that may tell a row
# or list item from its siblings (its cells, its heading); ``name`` a container's own accessible name.
_SCOPES_OF = """(indexes) => {
  const text = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const named = (n) => {
    const by = n.getAttribute('aria-labelledby');
    if (by) return text(by.split(/\\s+/).map((id) => (document.getElementById(id) || {}).textContent).join(' '));
    if (n.getAttribute('aria-label')) return text(n.getAttribute('aria-label'));
    if (n.tagName === 'FIELDSET') { const l = n.querySelector('legend'); return l ? text(l.textContent) : ''; }
    return '';
  };
  const LANDMARK = {HEADER: 'banner', FOOTER: 'contentinfo', NAV: 'navigation', MAIN: 'main', ASIDE: 'complementary'};
  const scopeOf = (n) => {
    const role = n.getAttribute('role');
    const tag = n.tagName;
    if (role === 'dialog' || role === 'alertdialog' || (tag === 'DIALOG' && n.open)) {
      let name = named(n);
      if (!name) { const h = n.querySelector('h1, h2, h3, h4, h5, h6'); name = h ? text(h.textContent) : ''; }
      return {kind: 'dialog', role: role || 'dialog', name, keys: []};
    }
    if (role === 'menu') return {kind: 'menu', role: 'menu', name: named(n), keys: []};
    if (tag === 'TR' || role === 'row') {
      const keys = Array.from(n.children).map((c) => text(c.innerText || c.textContent)).filter(Boolean);
      return {kind: 'row', role: 'row', name: '', keys};
    }
    if (tag === 'LI' || tag === 'ARTICLE' || role === 'listitem' || role === 'article') {
      const h = n.querySelector('h1, h2, h3, h4, h5, h6, strong, b, a');
      const keys = [h ? text(h.textContent) : '', text(n.innerText || n.textContent).slice(0, 60)].filter(Boolean);
      return {kind: 'item', role: role || (tag === 'LI' ? 'listitem' : 'article'), name: '', keys};
    }
    if (tag === 'FORM' || role === 'form') return {kind: 'form', role: 'form', name: named(n), keys: []};
    if (tag === 'FIELDSET' || role === 'group' || role === 'radiogroup') {
      return {kind: 'form', role: role === 'radiogroup' ? 'radiogroup' : 'group', name: named(n), keys: []};
    }
    if (tag === 'TABLE' || role === 'table') return {kind: 'table', role: 'table', name: named(n), keys: []};
    if (LANDMARK[tag] || ['banner', 'contentinfo', 'navigation', 'main', 'complementary'].includes(role)) {
      const r = role || LANDMARK[tag];
      const kind = {banner: 'header', contentinfo: 'footer', complementary: 'sidebar'}[r] || r;
      return {kind, role: r, name: named(n), keys: []};
    }
    if ((tag === 'SECTION' || role === 'region') && named(n)) {
      return {kind: 'section', role: 'region', name: named(n), keys: []};
    }
    return null;
  };
  return indexes.map((i) => {
    const out = [];
    for (let n = window.__superagentElements[i].parentElement; n && n !== document.body; n = n.parentElement) {
      const s = scopeOf(n);
      if (s) out.push(s);
    }
    return out;
  });
}"""

_POPUP_OPENERS = """(indexes) => indexes.filter((i) => {
  const el = window.__superagentElements[i];
  const popup = el.getAttribute('aria-haspopup');
  return (popup && popup !== 'false') || el.getAttribute('aria-expanded') === 'false';
})"""


async def popup_openers(explorer: Explorer) -> list[Element]:
    """The controls that say they open a menu or a popup (``aria-haspopup``, or collapsed ``aria-expanded``)."""
    if not explorer.elements:
        return []
    chosen = set(await explorer.page.evaluate(f"({_POPUP_OPENERS})", [el.index for el in explorer.elements]))
    return [el for el in explorer.elements if el.index in chosen]


@dataclass(frozen=True)
class Scope:
    kind: str  # dialog, menu, row, item, form, table, header, footer, navigation, main, sidebar, section
    role: str
    name: str = ""
    keys: tuple[str, ...] = ()

    def label(self) -> str:
        name = self.name or (self.keys[0] if self.keys else "")
        return f"{self.kind} {name!r}" if name else self.kind


@dataclass(frozen=True)
class Match:
    element: Element
    score: float
    scopes: tuple[Scope, ...] = ()

    def describe(self) -> str:
        return f"{self.element.describe()} ({self.score:.2f})"


class Ungroundable(Exception):
    """A step's target is not on the page (nor behind its links and menus), or more than one element fits it."""


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def likeness(target: str, name: str) -> float:
    """How well an element's name fits the name a step gave: 1 for the same words, high when the target is a
    whole-word part of a short name ("Delete" in "Delete issue"), else the healer's text similarity, squared.
    Words that mean the same to a user count as the same ("New note" is "Add note")."""
    t, n = _same(_norm(target)), _same(_norm(name))
    if not t or not n:
        return 0.0
    if t == n:
        return 1.0
    score = text_similarity(t, n) ** 2  # squared like the healer's: "Archive" is not "Search" (0.6 -> 0.38)
    if re.search(rf"\b{re.escape(t)}\b", n):
        score = max(score, 0.7 + 0.25 * len(t) / len(n))
    return score


# Words a user says for the same control: "New note", "Add note" and "Create note" open the same form.
_SYNONYMS = {"new": "add", "create": "add"}
# Names that say what kind of element is meant: "fill Search with ..." is the search box, whatever its label.
_KIND_NAMES = {"search": "searchbox", "search box": "searchbox", "search field": "searchbox"}


def _same(text: str) -> str:
    return " ".join(_SYNONYMS.get(w, w) for w in text.split())


def name_score(target: str, fp: Fingerprint) -> float:
    score = max((likeness(target, str(v)) for f in NAME_FIELDS if (v := getattr(fp, f))), default=0.0)
    if _KIND_NAMES.get(_norm(target)) == fp.role:
        score = max(score, KIND_SCORE)
    return score


def role_of(fp: Fingerprint) -> str | None:
    """The element's role, inputs without an ARIA role (password, date, file) counted as what a step asks."""
    if fp.role:
        return fp.role
    if fp.tag in ("input", "textarea") and fp.input_type not in ("checkbox", "radio", "submit", "button"):
        return "file" if fp.input_type == "file" else "textbox"
    return None


def rank(elements: Sequence[Element], target: str, roles: Sequence[str] = ()) -> list[Match]:
    """Every element whose name resembles ``target``, best first; off-role elements count for less."""
    wanted = set(roles)
    out: list[Match] = []
    for el in elements:
        score = name_score(target, el.fingerprint)
        if score <= 0:
            continue
        role = role_of(el.fingerprint)
        if wanted and role not in wanted:
            if role == "heading" or (wanted <= FIELD_ROLES | {"listbox"}) != (role in FIELD_ROLES | {"listbox"}):
                continue  # a heading is never clicked, a field never a button
            score *= OFF_ROLE
        out.append(Match(el, round(score, 4)))
    return sorted(out, key=lambda m: -m.score)


def _scope_fits(scope: Scope, kind: str, name: str) -> bool:
    if scope.kind != kind and not (kind == "table" and scope.kind == "row"):
        return False
    if not name:
        return True
    wanted = _norm(name)
    return wanted in _norm(scope.name) or any(wanted in _norm(k) for k in scope.keys)


def _words(text: str) -> set[str]:
    """Words that carry meaning, plurals folded ("Add book" shares "book" with "Books")."""
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _norm(text).split() if w not in _STOP and len(w) > 2
    }


def _overlap(a: Sequence[Scope], b: Sequence[Scope]) -> int:
    return sum(1 for s in a if s in b)


def _keys(scope: Scope, within: str | None) -> list[str]:
    """A row's or item's texts to tell it by: the one the step named first, then words before numbers
    ("Webhook retries" rather than "#9", which "#90" would match too)."""
    named = within.partition(":")[2] if within else ""
    keys = [k for k in scope.keys if 0 < len(k) <= 60]
    if named and any(_norm(named) in _norm(k) for k in keys):
        keys.insert(0, named)
    return list(dict.fromkeys(sorted(keys, key=lambda k: (k != named, not re.search(r"[A-Za-z]{3}", k)))))


def scope_specs(scopes: Sequence[Scope], within: str | None = None) -> list[LocatorSpec]:
    """Containers to scope a locator with, innermost first: a named dialog or form, a table row by one of its
    cells (the one ``within`` names first), a list item by its heading, a landmark."""
    out: list[LocatorSpec] = []
    for scope in scopes:
        if scope.kind == "row":
            out += [_role(scope.role, name=key) for key in _keys(scope, within)]
        elif scope.kind == "item":
            out += [
                LocatorSpec(
                    strategy="container",
                    calls=[
                        Call(method="get_by_role", args=[scope.role]),
                        Call(method="filter", options={"has_text": k}),
                    ],
                )
                for k in _keys(scope, within)
            ]
        elif scope.name:
            out.append(_role(scope.role, name=scope.name))
        elif scope.kind in ("dialog", "header", "footer", "navigation", "main", "sidebar", "menu"):
            out.append(_role(scope.role))
    return out


def _role(role: str, **options: str | bool) -> LocatorSpec:
    return LocatorSpec(strategy="container", calls=[Call(method="get_by_role", args=[role], options=options)])


class Grounder:
    """Finds a step's element on the explorer's page, and remembers where the last one was."""

    def __init__(self, explorer: Explorer) -> None:
        self.x = explorer
        self.last: tuple[Scope, ...] = ()
        self.tries = 0

    async def scopes(self, elements: Sequence[Element]) -> list[tuple[Scope, ...]]:
        if not elements:
            return []
        raw: list[list[dict[str, Any]]] = await self.x.page.evaluate(f"({_SCOPES_OF})", [el.index for el in elements])
        return [
            tuple(Scope(s["kind"], s["role"], s.get("name") or "", tuple(s.get("keys") or ())) for s in chain)
            for chain in raw
        ]

    async def candidates(self, target: str, roles: Sequence[str], within: str | None = None) -> list[Match]:
        """Matches on the current page, with their surroundings, narrowed by ``within`` ("row:Milk", "dialog")
        and by an open modal dialog (nothing behind it can be used)."""
        ranked = [m for m in rank(self.x.elements, target, roles) if m.score >= MIN_SCORE * OFF_ROLE][:12]
        chains = await self.scopes([m.element for m in ranked])
        ranked = [Match(m.element, m.score, chain) for m, chain in zip(ranked, chains, strict=True)]
        if within:
            kind, _, name = within.partition(":")
            ranked = [m for m in ranked if any(_scope_fits(s, kind, name) for s in m.scopes)]
        in_dialog = [m for m in ranked if any(s.kind == "dialog" for s in m.scopes)]
        if in_dialog and await self.x.page.locator("[aria-modal=true], dialog[open]").count():
            ranked = in_dialog
        return ranked

    async def pick(self, target: str, roles: Sequence[str], within: str | None = None) -> Match | None:
        """The one element the step means, or None when nothing here is named like it. Raises Ungroundable when
        two fit equally well and neither ``within`` nor the last step's surroundings tell them apart."""
        ranked = await self.candidates(target, roles, within)
        good = [m for m in ranked if m.score >= MIN_SCORE]
        if not good:
            return None
        best = [m for m in good if good[0].score - m.score < TIE]
        if len(best) > 1 and self.last:
            # Proximity: the one in the same dialog, form or row as the element the previous step used.
            closeness = [_overlap(m.scopes, self.last) for m in best]
            best = [m for m, c in zip(best, closeness, strict=True) if c == max(closeness)]
        if len(best) > 1:
            where = ", ".join(
                f"{m.element.describe()} in {m.scopes[0].label() if m.scopes else 'the page'}" for m in best[:3]
            )
            raise Ungroundable(
                f"{len(best)} elements fit {target!r} equally well ({where}); say which one, e.g. "
                f"'in the row for ...' or 'in the dialog'"
            )
        return best[0]

    async def reach(self, target: str, roles: Sequence[str], within: str | None = None) -> Match | None:
        """Like ``pick``, looking behind links and menus that lead towards the target when it is not here; the
        clicks that got there stay recorded, the dead ends are undone."""
        found = await self.late(target, roles, within)
        if found is None:
            self.tries = 0
            found = await self._search(target, roles, within, depth=1)
        return found

    async def late(
        self, target: str, roles: Sequence[str], within: str | None = None, seconds: float = LATE_CONTENT_S
    ) -> Match | None:
        """``pick``, giving content that arrives late (a list a single-page app fetches) ``seconds`` to show."""
        found = await self.pick(target, roles, within)
        deadline = asyncio.get_running_loop().time() + seconds
        while found is None and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.25)
            await self.x.settle()
            found = await self.pick(target, roles, within)
        return found

    async def row_opener(self, target: str) -> Match | None:
        """The one link or button of the one row (or list item) that shows ``target`` as a cell or heading: "click
        'Webhook retries'" on a table whose titles are plain text and whose rows each have an "Open" link."""
        controls = [el for el in self.x.elements if role_of(el.fingerprint) in ("link", "button")]
        wanted = _norm(target)
        hits: list[tuple[Element, tuple[Scope, ...], Scope]] = []
        for el, chain in zip(controls, await self.scopes(controls), strict=True):
            row = next((s for s in chain if s.kind in ("row", "item")), None)
            if row is not None and any(_norm(k) == wanted for k in row.keys):
                hits.append((el, chain, row))
        if len({row for _, _, row in hits}) != 1:
            return None
        opening = [h for h in hits if _words(h[0].describe()) & {"open", "view", "detail", "show"}] or hits
        if len(opening) != 1:
            return None
        el, chain, _ = opening[0]
        return Match(el, 1.0, chain)

    async def _search(self, target: str, roles: Sequence[str], within: str | None, depth: int) -> Match | None:
        for lead in await self._leads(target):
            if self.tries >= MAX_TRIES:
                return None
            self.tries += 1
            mark, url = len(self.x.steps), str(self.x.page.url)
            try:
                await self.x.act(lead, "click", description=f"open {lead.describe()} on the way to {target!r}")
                found = await self.pick(target, roles, within)
                if found is None and depth < MAX_DEPTH:
                    found = await self._search(target, roles, within, depth + 1)
            except Ungroundable:
                raise
            except Exception as exc:  # a lead that cannot be followed is just not the way
                log.info("following %s towards %r failed: %s", lead.describe(), target, exc)
                found = None
            if found is not None:
                return found
            del self.x.steps[mark:]
            await self._undo(url)
        return None

    async def _leads(self, target: str) -> list[Element]:
        """Menus to open (few, so all of them) and links or tabs whose names share a word with the target."""
        words = _words(target)
        openers = {el.index for el in await popup_openers(self.x)}
        links: list[tuple[float, Element]] = []
        menus: list[Element] = []
        for el in self.x.elements:
            name = el.describe()
            if _DANGEROUS.search(name):
                continue
            if el.index in openers:
                menus.append(el)
            elif el.fingerprint.role in ("link", "tab") and words:
                shared = words & _words(el.fingerprint.accessible_name or el.fingerprint.text or "")
                if shared:
                    links.append((len(shared) / len(words), el))
        links.sort(key=lambda pair: -pair[0])
        return [el for _, el in links] + menus

    async def _undo(self, url: str) -> None:
        """Back to where the search was before a lead that led nowhere: close a menu, or reopen the page."""
        page = self.x.page
        if str(page.url) != url:
            await page.goto(url, wait_until="load")
        else:
            await page.keyboard.press("Escape")
        await self.x.settle()

    def closest(self, target: str, roles: Sequence[str] = (), n: int = 3) -> list[str]:
        """The best-named elements on the page, whatever their role, for an error message."""
        ranked = rank(self.x.elements, target, ())
        return [m.describe() for m in ranked[:n]]
