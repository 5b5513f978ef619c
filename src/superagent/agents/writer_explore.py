"""Scribe's hands and eyes: act on the live page through verified locators and record every step."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

from superagent.browser.snapshot import Element, Observation, element_index, inventory, observe
from superagent.healing.locators import Call, LocatorSpec, candidates, within
from superagent.models import Step
from superagent.urls import app_base, goto_target, relative_to

log = logging.getLogger(__name__)

_CONTAINER_OF = """(el) => {
  const n = el.closest('li, article, tr, [role=listitem], [role=row], [role=group], section, fieldset');
  if (!n) return null;
  const tag = n.tagName.toLowerCase();
  const role = n.getAttribute('role') || ({li: 'listitem', article: 'article', tr: 'row', fieldset: 'group',
    section: 'region'})[tag];
  const heading = n.querySelector('h1, h2, h3, h4, h5, h6, a, strong, [role=heading]');
  const text = (heading ? heading.textContent : n.textContent || '').replace(/\\s+/g, ' ').trim();
  return {role, text: text.slice(0, 60)};
}"""


# Verified locators kept per step beyond the chosen one: enough for a Critic revision, cheap to check.
MAX_ALTERNATIVES = 1


# What Playwright says when the page navigated away while a script was reading it.
_NAVIGATED = re.compile(r"Execution context was destroyed|navigat", re.IGNORECASE)


class NoUniqueLocator(Exception):
    """Raised inside the writer when nothing identifies an element on its own."""


class Explorer:
    """Drives one page, keeps its inventory fresh, and records the steps a test will replay."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = app_base(base_url)
        self.steps: list[Step] = []
        self.elements: list[Element] = []

    async def goto(self, path: str = "/") -> None:
        await self.page.goto(urljoin(self.base_url, goto_target(path)), wait_until="load")
        self.steps.append(Step(action="goto", value=path, description=f"open {path}"))
        await self.settle()

    async def settle(self, *, rounds: int = 20, interval: float = 0.06) -> Observation:
        """Wait until what the page shows stops changing (late content, client-side rendering). A navigation
        that starts meanwhile (Enter submitting a form) is waited for, not reported as an error."""
        for attempt in range(3):
            try:
                return await self._settle(rounds, interval)
            except Exception as exc:
                if attempt == 2 or not _NAVIGATED.search(str(exc)):
                    raise
                await asyncio.sleep(interval)
        raise AssertionError("unreachable")

    async def _settle(self, rounds: int, interval: float) -> Observation:
        await self.page.wait_for_load_state("load")
        last = await observe(self.page)
        for _ in range(rounds):
            await asyncio.sleep(interval)
            current = await observe(self.page)
            if current == last:
                break
            last = current
        self.elements = await inventory(self.page)
        return last

    async def observe(self) -> Observation:
        return await observe(self.page)

    def path(self) -> str:
        url = str(self.page.url)
        inside = relative_to(self.base_url, url)
        return url if inside is None else inside

    # -- finding -------------------------------------------------------------------------------------------
    def find(
        self,
        keywords: Iterable[str] = (),
        *,
        roles: Iterable[str] = ("link", "button"),
        where: Callable[[Element], bool] | None = None,
        exclude: Iterable[str] = (),
    ) -> Element | None:
        """The element whose name best matches one of ``keywords`` (earlier keywords rank higher)."""
        best: tuple[float, Element] | None = None
        role_set = set(roles)
        words = [k.lower() for k in keywords]
        banned = [x.lower() for x in exclude]
        for el in self.elements:
            fp = el.fingerprint
            if role_set and fp.role not in role_set:
                continue
            if where is not None and not where(el):
                continue
            name = " ".join(
                filter(None, [fp.accessible_name, fp.text, fp.label, fp.placeholder, fp.test_id, fp.name, fp.id])
            ).lower()
            if any(b in name for b in banned):
                continue
            score = 1.0 if not words else 0.0
            for rank, word in enumerate(words):
                label = (fp.accessible_name or fp.text or "").lower().strip()
                if label == word:
                    score = max(score, 100 - rank)
                elif re.search(rf"\b{re.escape(word)}\b", label):
                    score = max(score, 60 - rank)
                elif re.search(rf"\b{re.escape(word)}", name):
                    score = max(score, 30 - rank)
            if score > 0 and (best is None or score > best[0]):
                best = (score, el)
        return best[1] if best else None

    def fields(self, form: int | None) -> list[Element]:
        return [el for el in self.elements if el.form == form and el.fingerprint.tag in ("input", "select", "textarea")]

    # -- locating ------------------------------------------------------------------------------------------
    async def _unique(self, spec: LocatorSpec, el: Element) -> bool:
        try:
            return await element_index(spec.resolve(self.page)) == el.index
        except Exception:  # an invalid selector for this page is simply not a candidate
            return False

    async def locate(self, el: Element, scopes: Sequence[LocatorSpec] = ()) -> tuple[LocatorSpec, list[LocatorSpec]]:
        """The best verified-unique locator for ``el`` and the verified alternatives after it. ``scopes`` are
        containers of the element, innermost first, to narrow a name that repeats (tried alone, then in pairs)."""
        verified: list[LocatorSpec] = []
        for spec in candidates(el.fingerprint):
            if await self._unique(spec, el):
                verified.append(spec)
                if len(verified) > MAX_ALTERNATIVES:
                    break
        if not verified and scopes:
            verified = await self._within(el, scopes)
        if not verified:
            verified = await self._scoped(el)
        if not verified:
            raise NoUniqueLocator(f"no unique locator for {el.describe()}")
        return verified[0], verified[1:]

    async def _within(self, el: Element, scopes: Sequence[LocatorSpec]) -> list[LocatorSpec]:
        inner = [c for c in candidates(el.fingerprint) if c.strategy not in ("css_id", "css_name")]
        chains = list(scopes) + [outer.then(near) for i, near in enumerate(scopes) for outer in scopes[i + 1 :]]
        out: list[LocatorSpec] = []
        for scope in chains:
            for spec in inner:
                if await self._unique(scope.then(spec), el):
                    out.append(scope.then(spec))
                    if len(out) > MAX_ALTERNATIVES:
                        return out
                    break
        return out

    async def _scoped(self, el: Element) -> list[LocatorSpec]:
        container = await self.page.evaluate(f"(i) => ({_CONTAINER_OF})(window.__superagentElements[i])", el.index)
        if not container or not container.get("role") or not container.get("text"):
            return []
        out = []
        for inner in candidates(el.fingerprint):
            if inner.strategy in ("css_id", "css_name"):
                continue
            spec = within(container["role"], container["text"], inner)
            if await self._unique(spec, el):
                out.append(spec)
        return out

    # -- acting --------------------------------------------------------------------------------------------
    async def act(
        self,
        el: Element,
        action: str,
        *,
        value: str | None = None,
        value_expr: str | None = None,
        description: str = "",
        settle: bool = True,
        scopes: Sequence[LocatorSpec] = (),
        upload: str | None = None,
    ) -> Step:
        """Perform ``action`` on ``el`` through a verified-unique locator and record it; ``upload`` is the path
        of the file to give a file input (``value`` is then how the test names it)."""
        spec, alternatives = await self.locate(el, scopes)
        where = self.path()
        locator = spec.resolve(self.page)
        if action in ("click", "dismiss"):
            await locator.click()
        elif action == "fill":
            await locator.fill(value or "")
        elif action == "check":
            await locator.check()
        elif action == "uncheck":
            await locator.uncheck()
        elif action == "hover":
            await locator.hover()
        elif action == "upload":
            await locator.set_input_files(upload or value or "")
        elif action == "select":
            await locator.select_option(label=value)
        elif action == "press":
            await locator.press(value or "Enter")
        step = Step(
            action=action,
            locator=spec.code(),
            value=value if value_expr is None else None,
            value_expr=value_expr,
            description=description or f"{action} {el.describe()}",
            fingerprint=el.fingerprint,
            alternatives=[a.code() for a in alternatives],
            page=urlsplit(where).path or "/",
        )
        self.steps.append(step)
        if settle and action in ("click", "press", "hover", "uncheck", "upload"):
            await self.settle()
        return step


def role_spec(role: str, name: str) -> LocatorSpec:
    return LocatorSpec(strategy="role", calls=[Call(method="get_by_role", args=[role], options={"name": name})])
