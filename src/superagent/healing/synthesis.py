"""Locators for a chosen element, checked for uniqueness against a recorded inventory (no live page needed),
and fingerprints reconstructed from a locator when no stored fingerprint exists."""

from __future__ import annotations

import ast
import re

from superagent.healing.fingerprint import Fingerprint
from superagent.healing.locators import Call, LocatorSpec, candidates


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _contains(haystack: str | None, needle: str, exact: bool) -> bool:
    if exact:
        return re.sub(r"\s+", " ", haystack or "").strip() == needle.strip()
    return _norm(needle) in _norm(haystack)


def _call_matches(call: Call, fp: Fingerprint) -> bool:
    exact = bool(call.options.get("exact", False))
    arg = call.args[0] if call.args else ""
    if call.method == "get_by_test_id":
        return fp.test_id == arg
    if call.method == "get_by_role":
        if fp.role != arg:
            return False
        name = call.options.get("name")
        return name is None or _contains(fp.accessible_name, str(name), exact)
    if call.method == "get_by_label":
        return _contains(fp.label, arg, exact)
    if call.method == "get_by_placeholder":
        return _contains(fp.placeholder, arg, exact)
    if call.method == "get_by_text":
        return _contains(fp.text, arg, exact)
    if call.method == "locator":
        if arg.startswith("#"):
            return fp.id == arg[1:]
        match = re.fullmatch(r'(\w+)\[name="([^"]+)"\]', arg)
        return match is not None and fp.tag == match.group(1) and fp.name == match.group(2)
    return False


def matches(spec: LocatorSpec, fp: Fingerprint) -> bool:
    """Whether a single-call locator would reach an element with this fingerprint (Playwright's rules, roughly:
    case-insensitive substring unless exact). Chained locators are not simulated."""
    return len(spec.calls) == 1 and _call_matches(spec.calls[0], fp)


def unique_locators(winner: Fingerprint, inventory: list[Fingerprint]) -> list[LocatorSpec]:
    """Locators for ``winner``, most robust first, that match it and nothing else in the inventory."""
    out = []
    for spec in candidates(winner):
        if not matches(spec, winner):
            continue
        if sum(1 for fp in inventory if matches(spec, fp)) == 1:
            out.append(spec)
    return out


def parse_locator(code: str) -> LocatorSpec | None:
    """``page.get_by_role("button", name="Save")`` (with or without ``page.``) back into a LocatorSpec."""
    text = code.strip()
    if not text.startswith("page."):
        text = "page." + text
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    calls: list[Call] = []
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Attribute):  # .first / .last
            calls.append(Call(method=node.attr))
            node = node.value
            continue
        func = node.func
        if not isinstance(func, ast.Attribute):
            return None
        try:
            args = [str(ast.literal_eval(a)) for a in node.args]
            options = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
        except ValueError:
            return None
        calls.append(Call(method=func.attr, args=args, options=options))
        node = func.value
    if not (isinstance(node, ast.Name) and node.id == "page") or not calls:
        return None
    return LocatorSpec(strategy="parsed", calls=list(reversed(calls)))


def reconstruct(code: str) -> Fingerprint | None:
    """A partial fingerprint from an old locator, for tests SuperAgent did not write (no stored fingerprint)."""
    spec = parse_locator(code)
    if spec is None:
        return None
    fp = Fingerprint(partial=True)
    for call in spec.calls:
        arg = call.args[0] if call.args else None
        if call.method == "get_by_test_id":
            fp.test_id = arg
        elif call.method == "get_by_role":
            fp.role = arg
            fp.accessible_name = str(call.options.get("name")) if call.options.get("name") else None
            fp.is_button = arg == "button"
        elif call.method == "get_by_label":
            fp.label = arg
        elif call.method == "get_by_placeholder":
            fp.placeholder = arg
        elif call.method == "get_by_text":
            fp.text = arg
        elif call.method == "locator" and arg:
            if arg.startswith("#"):
                fp.id = arg[1:]
            elif match := re.fullmatch(r'(\w+)\[name="([^"]+)"\]', arg):
                fp.tag, fp.name = match.group(1), match.group(2)
    return fp
