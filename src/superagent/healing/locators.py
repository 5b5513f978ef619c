"""Locators as data: build candidates for an element, ranked like Playwright's codegen, and render them as code.

Ranking: test id > role + accessible name > label > placeholder > text > stable id/name attribute > (last resort)
a filtered container. Every candidate is checked against the live page before it is used (see ``writer``).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from superagent.healing.fingerprint import Fingerprint
from superagent.literals import py_literal

__all__ = ["Call", "LocatorSpec", "candidates", "looks_generated", "py_literal", "within"]

# Ids and test ids that look machine-generated: random tails, long digit runs, framework prefixes.
_GENERATED = re.compile(
    r"(^|[-_:])(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{4,}$|\d{3,}|^(ember|react|radix|mui|css|sc|jsx)[-_]?\w*\d",
    re.IGNORECASE,
)
_NAMED_ROLES = {
    "button", "link", "heading", "checkbox", "radio", "tab", "menuitem", "switch", "textbox", "searchbox",
    "combobox", "spinbutton", "listbox", "slider",
}  # fmt: skip


def looks_generated(value: str | None) -> bool:
    return bool(value) and bool(_GENERATED.search(value or ""))


class Call(BaseModel):
    method: str
    args: list[str] = Field(default_factory=list)
    options: dict[str, str | bool] = Field(default_factory=dict)


class LocatorSpec(BaseModel):
    """A chain of Playwright locator calls on ``page``; ``strategy`` names how it finds the element."""

    strategy: str
    calls: list[Call]

    def code(self, root: str = "page") -> str:
        """The chain as Python source; every argument is a literal, so page text can never become code."""
        parts = [root]
        for call in self.calls:
            names = [call.method, *call.options]
            if not all(name.isidentifier() and not name.startswith("_") for name in names):
                raise ValueError(f"not a locator call: {call.method!r} with options {list(call.options)!r}")
            if call.method in ("first", "last"):
                parts.append(call.method)
                continue
            rendered = [py_literal(a) for a in call.args] + [f"{k}={py_literal(v)}" for k, v in call.options.items()]
            parts.append(f"{call.method}({', '.join(rendered)})")
        return ".".join(parts)

    def resolve(self, page: Any) -> Any:
        target = page
        for call in self.calls:
            if call.method in ("first", "last"):
                target = getattr(target, call.method)
                continue
            target = getattr(target, call.method)(*call.args, **call.options)
        return target

    def then(self, other: LocatorSpec) -> LocatorSpec:
        return LocatorSpec(strategy=f"{self.strategy}>{other.strategy}", calls=self.calls + other.calls)


def _single(strategy: str, method: str, *args: str, **kwargs: str | bool) -> LocatorSpec:
    return LocatorSpec(strategy=strategy, calls=[Call(method=method, args=list(args), options=kwargs)])


def candidates(fp: Fingerprint) -> list[LocatorSpec]:
    """Locator candidates for an element, most robust first; each exact variant follows its loose one."""
    out: list[LocatorSpec] = []
    if fp.test_id and not looks_generated(fp.test_id):
        out.append(_single("test_id", "get_by_test_id", fp.test_id))
    name = fp.accessible_name
    if fp.role in _NAMED_ROLES and name and len(name) <= 80:
        out.append(_single("role", "get_by_role", fp.role, name=name))
        out.append(_single("role", "get_by_role", fp.role, name=name, exact=True))
    if fp.label and len(fp.label) <= 80:
        out.append(_single("label", "get_by_label", fp.label))
        out.append(_single("label", "get_by_label", fp.label, exact=True))
    if fp.placeholder:
        out.append(_single("placeholder", "get_by_placeholder", fp.placeholder))
    if fp.text and fp.tag not in ("input", "select", "textarea") and len(fp.text) <= 60:
        out.append(_single("text", "get_by_text", fp.text, exact=True))
    if fp.id and not looks_generated(fp.id) and re.fullmatch(r"[A-Za-z][\w-]*", fp.id):
        out.append(_single("css_id", "locator", f"#{fp.id}"))
    if fp.name and fp.tag in ("input", "select", "textarea") and re.fullmatch(r"[\w.-]+", fp.name):
        out.append(_single("css_name", "locator", f'{fp.tag}[name="{fp.name}"]'))
    return out


def within(container_role: str, container_text: str, inner: LocatorSpec) -> LocatorSpec:
    """Scope a locator to the one container (list item, card, row) that holds a distinguishing text."""
    scope = LocatorSpec(
        strategy="container",
        calls=[
            Call(method="get_by_role", args=[container_role]),
            Call(method="filter", options={"has_text": container_text}),
        ],
    )
    return scope.then(inner)
