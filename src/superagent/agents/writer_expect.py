"""A step's expectation as an ``expect`` that holds on the live page right now, or a clear account of what the
page shows instead. Each check is run through Playwright's own ``expect`` (retrying, like the test will) before
it is written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from superagent.agents.step_models import Instruction
from superagent.agents.writer_ground import Grounder, Match, scope_specs
from superagent.agents.writer_values import Values
from superagent.healing.locators import Call, LocatorSpec, py_literal

EXPECT_TIMEOUT_MS = 3000
_STATES = {  # verb -> (method, negated method)
    "visible": ("to_be_visible", "to_be_hidden"),
    "hidden": ("to_be_hidden", "to_be_visible"),
    "enabled": ("to_be_enabled", "to_be_disabled"),
    "disabled": ("to_be_disabled", "to_be_enabled"),
    "checked": ("to_be_checked", "not_to_be_checked"),
    "unchecked": ("not_to_be_checked", "to_be_checked"),
}
_MESSAGE_WORDS = {"status": "status", "message": "status", "alert": "alert", "error": "alert", "toast": "status"}
# What "rows", "items", "results" and "cards" count, in the main content when the page marks it.
_COLLECTIONS = {
    "row": [("locator", "tbody tr")],
    "item": [("get_by_role", "listitem"), ("locator", "tbody tr")],
    "card": [("get_by_role", "article")],
    "result": [("locator", "tbody tr"), ("get_by_role", "listitem"), ("get_by_role", "article")],
}


class ExpectationFailed(Exception):
    """The expectation does not hold on the live page; the message says what the page shows instead."""


@dataclass
class Check:
    """``expect(<subject>).<method>(<args>)``: ``subject`` None is the page; args are (run value, code)."""

    subject: LocatorSpec | None
    method: str
    args: list[tuple[Any, str]] = field(default_factory=list)

    def code(self) -> str:
        subject = self.subject.code() if self.subject else "page"
        return f"expect({subject}).{self.method}({', '.join(code for _, code in self.args)})"

    async def holds(self, page: Any) -> bool:
        from playwright.async_api import expect

        subject = self.subject.resolve(page) if self.subject else page
        try:
            await getattr(expect(subject), self.method)(*(run for run, _ in self.args), timeout=EXPECT_TIMEOUT_MS)
        except AssertionError:
            return False
        return True


def _spec(*calls: Call) -> LocatorSpec:
    return LocatorSpec(strategy="expect", calls=list(calls))


def _regex(pattern: str) -> tuple[Any, str]:
    return re.compile(pattern), f"re.compile({py_literal(pattern)})"


class Expectations:
    """Builds and verifies the check for one expectation step."""

    def __init__(self, grounder: Grounder, values: Values, base_url: str) -> None:
        self.g = grounder
        self.values = values
        self.base_path = urlsplit(base_url).path.rstrip("/")

    @property
    def page(self) -> Any:
        return self.g.x.page

    async def check(self, ins: Instruction) -> Check:
        """The verified check for ``ins``; raises ExpectationFailed with what the page shows instead."""
        await self.g.x.settle()
        verb = ins.verb
        if verb in ("url_contains", "url_ends"):
            return await self._url(ins)
        if verb == "title":
            value = self.values.run(ins.value or "")
            check = Check(None, "not_to_have_title" if ins.negated else "to_have_title", [_regex(re.escape(value))])
            return await self._verified(check, ins, lambda: self.page.title())
        if verb == "count":
            return await self._count(ins)
        if verb == "first_row":
            return await self._first_row(ins)
        if verb == "heading":
            return await self._heading(ins)
        if verb in _STATES:
            return await self._state(ins)
        if verb == "value":
            match = await self._element(ins)
            value = self.values.run(ins.value or "")
            spec = await self._locator(match)
            method = "not_to_have_value" if ins.negated else "to_have_value"
            check = Check(spec, method, [(value, self.values.code(ins.value or ""))])
            return await self._verified(check, ins, lambda: spec.resolve(self.page).input_value())
        return await self._text(ins)

    async def _verified(self, check: Check, ins: Instruction, shows: Any) -> Check:
        if await check.holds(self.page):
            return check
        try:
            seen = await shows()
        except Exception as exc:  # what the page shows could not be read: say why
            seen = str(exc).splitlines()[0]
        raise ExpectationFailed(f"it does not hold on the page: {_shown(seen)}")

    async def _url(self, ins: Instruction) -> Check:
        value = self.values.run(ins.value or "")
        end = "$" if ins.verb == "url_ends" else ""
        method = "not_to_have_url" if ins.negated else "to_have_url"
        tried = [value]
        if value.startswith("/") and self.base_path and not value.startswith(self.base_path + "/"):
            tried.append(self.base_path + value)  # a path under the app's base URL
        check = Check(None, method, [_regex(re.escape(tried[0]) + end)])
        for path in tried:
            check = Check(None, method, [_regex(re.escape(path) + end)])
            if await check.holds(self.page):
                return check
        return await self._verified(check, ins, lambda: _async(self.page.url))

    async def _text(self, ins: Instruction) -> Check:
        value = self.values.run(ins.value or "")
        code = self.values.code(ins.value or "")
        scope = await self._scope_spec(ins.within)
        if ins.target and ins.target.lower() in _MESSAGE_WORDS:
            role = _MESSAGE_WORDS[ins.target.lower()]
            spec = _spec(
                *scope, Call(method="get_by_role", args=[role]), Call(method="filter", options={"has_text": value})
            )
            spec = _spec(*spec.calls, Call(method="first")) if not ins.negated else spec
        elif ins.target:
            match = await self._element(ins)
            spec = await self._locator(match)
            method = "not_to_contain_text" if ins.negated else "to_contain_text"
            check = Check(spec, method, [(value, code)])
            return await self._verified(check, ins, lambda: spec.resolve(self.page).inner_text())
        else:
            spec = await self._text_locator(scope, value, ins.negated)
        if ins.negated:
            check = Check(_spec(*spec.calls, Call(method="filter", options={"visible": True})), "to_have_count")
            check.args = [(0, "0")]
        else:
            check = Check(spec, "to_be_visible")
        return await self._verified(check, ins, self._page_says)

    async def _text_locator(self, scope: list[Call], value: str, negated: bool) -> LocatorSpec:
        """The text itself when it is unique on the page, else the first visible element showing it."""
        loose = _spec(*scope, Call(method="get_by_text", args=[value]))
        if negated:
            return loose
        exact = _spec(*scope, Call(method="get_by_text", args=[value], options={"exact": True}))
        for spec in (loose, exact):
            try:
                if await spec.resolve(self.page).count() == 1:
                    return spec
            except Exception:  # a text Playwright cannot look for is simply not a candidate
                continue
        return _spec(*loose.calls, Call(method="filter", options={"visible": True}), Call(method="first"))

    async def _heading(self, ins: Instruction) -> Check:
        value = self.values.run(ins.value or "")
        spec = _spec(Call(method="get_by_role", args=["heading"], options={"name": value}))
        if await spec.resolve(self.page).count() > 1:
            spec = _spec(*spec.calls, Call(method="filter", options={"visible": True}), Call(method="first"))
        check = Check(spec, "to_be_hidden" if ins.negated else "to_be_visible")
        return await self._verified(check, ins, self._headings)

    async def _state(self, ins: Instruction) -> Check:
        positive, negative = _STATES[ins.verb]
        method = negative if ins.negated else positive
        target = self.values.run(ins.target or "")
        try:
            match = await self._element(ins)
        except ExpectationFailed:
            if method != "to_be_hidden":
                raise
            # Not on the page at all: hidden, as asked; the test looks for it by role and name.
            role = ins.roles[0] if ins.roles else None
            call = (
                Call(method="get_by_role", args=[role], options={"name": target})
                if role
                else Call(method="get_by_text", args=[target])
            )
            return await self._verified(Check(_spec(call), method), ins, self._page_says)
        spec = await self._by_given_name(match, target) or await self._locator(match)
        return await self._verified(Check(spec, method), ins, lambda: _async(match.element.describe() + " is there"))

    async def _by_given_name(self, match: Match, target: str) -> LocatorSpec | None:
        """The element by its role and the words the step gave, when they reach it alone: its full name may carry
        what changes from run to run ("Edited 3f9a #20" for "Edited {unique}")."""
        role = match.element.fingerprint.role
        if not role or not target:
            return None
        spec = _spec(Call(method="get_by_role", args=[role], options={"name": target}))
        try:
            live = spec.resolve(self.page)
            if await live.count() != 1 or await live.evaluate("(n) => window.__superagentElements.indexOf(n)") != (
                match.element.index
            ):
                return None
        except Exception:
            return None
        return spec

    async def _collection(self, noun: str) -> LocatorSpec | None:
        """The rows, list items or cards of the main content (the whole page when it marks no main)."""
        key = noun.lower().rstrip("s") if noun else "result"
        kinds = _COLLECTIONS.get(key, _COLLECTIONS["result"])
        main = [Call(method="get_by_role", args=["main"])] if await self.page.get_by_role("main").count() == 1 else []
        specs = [_spec(*main, Call(method=m, args=[a])) for m, a in kinds]
        for spec in specs:
            if await spec.resolve(self.page).count():
                return spec
        return specs[0] if specs else None

    async def _count(self, ins: Instruction) -> Check:
        spec = await self._collection(ins.target or "")
        count = ins.count or 0
        assert spec is not None
        check = Check(spec, "not_to_have_count" if ins.negated else "to_have_count", [(count, str(count))])
        return await self._verified(check, ins, lambda: self._counted(spec))

    async def _first_row(self, ins: Instruction) -> Check:
        spec = await self._collection(ins.target or "row")
        assert spec is not None
        first = _spec(*spec.calls, Call(method="filter", options={"visible": True}), Call(method="first"))
        value = self.values.run(ins.value or "")
        method = "not_to_contain_text" if ins.negated else "to_contain_text"
        check = Check(first, method, [(value, self.values.code(ins.value or ""))])
        return await self._verified(check, ins, lambda: first.resolve(self.page).inner_text())

    # -- elements --------------------------------------------------------------------------------------------
    async def _element(self, ins: Instruction) -> Match:
        target = self.values.run(ins.target or "")
        within = self.values.run(ins.within) if ins.within else None
        match = await self.g.late(target, ins.roles, within, seconds=EXPECT_TIMEOUT_MS / 1000)
        if match is None:
            closest = ", ".join(self.g.closest(target)) or "nothing with a name"
            raise ExpectationFailed(f"nothing named like {target!r} on the page; closest: {closest}")
        return match

    async def _locator(self, match: Match, within: str | None = None) -> LocatorSpec:
        spec, _ = await self.g.x.locate(match.element, scope_specs(match.scopes, within))
        return spec

    async def _scope_spec(self, within: str | None) -> list[Call]:
        if not within:
            return []
        kind, _, name = self.values.run(within).partition(":")
        role = {"header": "banner", "footer": "contentinfo", "sidebar": "complementary", "item": "listitem"}.get(
            kind, kind
        )
        if kind == "row" and name:
            return [Call(method="get_by_role", args=["row"], options={"name": name})]
        if kind == "item" and name:
            return [Call(method="get_by_role", args=[role]), Call(method="filter", options={"has_text": name})]
        return [Call(method="get_by_role", args=[role], options={"name": name} if name else {})]

    # -- what the page shows instead ---------------------------------------------------------------------------
    async def _page_says(self) -> str:
        observation = await self.g.x.observe()
        parts = [f"messages {[m.text for m in observation.messages][:3]}"] if observation.messages else []
        parts.append(f"headings {observation.headings[:4]}")
        parts.append(f"at {self.g.x.path()!r}")
        return "; ".join(parts)

    async def _headings(self) -> str:
        return f"headings {(await self.g.x.observe()).headings[:5]}"

    async def _counted(self, spec: LocatorSpec) -> str:
        return f"{await spec.resolve(self.page).count()} of them"


async def _async(value: str) -> str:
    return value


def _shown(seen: Any) -> str:
    text = " ".join(str(seen).split())
    return (text[:200] + "…") if len(text) > 200 else text
