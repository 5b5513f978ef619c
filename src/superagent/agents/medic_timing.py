"""Timing repairs: hard waits and non-web-first checks become Playwright's auto-waiting equivalents.

None of these changes what a test asserts — only how it waits for it.
"""

from __future__ import annotations

import ast
import re

from superagent.models import Edit, Patch, PatchKind

LONG_TIMEOUT_MS = 30000
_HARD_WAIT = re.compile(r"^\s*(page\.wait_for_timeout\([^)]*\)|time\.sleep\([^)]*\)|sleep\([^)]*\))\s*$")
_ACTIONS = ("click", "fill", "check", "uncheck", "select_option", "press", "type", "hover", "dblclick", "set_checked")
_READS = {
    "is_visible": "to_be_visible()",
    "is_hidden": "to_be_hidden()",
    "is_enabled": "to_be_enabled()",
    "is_disabled": "to_be_disabled()",
    "is_checked": "to_be_checked()",
}


def _segment(line: str, node: ast.AST) -> str:
    return ast.get_source_segment(line, node) or ""


def locator_in(line: str) -> str | None:
    """The locator expression a line acts on or asserts about, as written in the line."""
    try:
        tree = ast.parse(line.strip())
    except SyntaxError:
        return None
    text = line.strip()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "expect" and node.args:
            segment = _segment(text, node.args[0])
            return segment if segment != "page" else None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ACTIONS:
            return _segment(text, node.func.value)
    return None


def web_first(line: str) -> str | None:
    """``assert loc.is_visible()`` → ``expect(loc).to_be_visible()``; ``assert loc.text_content() == "x"`` →
    ``expect(loc).to_have_text("x")``; ``assert "x" in loc.inner_text()`` → ``to_contain_text``."""
    indent = line[: len(line) - len(line.lstrip())]
    try:
        node = ast.parse(line.strip()).body[0]
    except (SyntaxError, IndexError):
        return None
    if not isinstance(node, ast.Assert):
        return None
    text = line.strip()
    test = node.test
    negate = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    if negate and isinstance(test, ast.UnaryOp):
        test = test.operand
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr in _READS:
        matcher = _READS[test.func.attr]
        prefix = "not_" if negate else ""
        return f"{indent}expect({_segment(text, test.func.value)}).{prefix}{matcher}"
    if negate or not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, right, op = test.left, test.comparators[0], test.ops[0]

    def read(node: ast.AST) -> str | None:
        is_read = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if is_read and node.func.attr in ("text_content", "inner_text"):  # type: ignore[attr-defined]
            return _segment(text, node.func.value)  # type: ignore[attr-defined]
        return None

    if isinstance(op, ast.Eq) and read(left):
        return f"{indent}expect({read(left)}).to_have_text({_segment(text, right)})"
    if isinstance(op, ast.In) and read(right):
        return f"{indent}expect({read(right)}).to_contain_text({_segment(text, left)})"
    return None


def timing_patches(source: str, failing_line: int | None) -> list[Patch]:
    """Candidate timing repairs for a test, most targeted first."""
    lines = source.split("\n")
    patches: list[Patch] = []
    conversions = [
        Edit(line=n, old=line, new=new) for n, line in enumerate(lines, 1) if (new := web_first(line)) is not None
    ]
    waits = [Edit(line=n, old=line, new="") for n, line in enumerate(lines, 1) if _HARD_WAIT.match(line)]
    if failing_line and 0 < failing_line <= len(lines):
        failing = lines[failing_line - 1]
        target = locator_in(failing) or locator_in(web_first(failing) or "")
        before = [w.line for w in waits if w.line < failing_line]
        if target and before:
            # The last hard wait before the failure becomes a wait for the very element the test needs.
            indent = failing[: len(failing) - len(failing.lstrip())]
            last = max(before)
            waits = [
                Edit(line=w.line, old=w.old, new=f"{indent}expect({target}).to_be_visible()") if w.line == last else w
                for w in waits
            ]
    if conversions or waits:
        patches.append(
            Patch(
                kind=PatchKind.TIMING,
                edits=sorted(conversions + waits, key=lambda e: e.line),
                rationale="replace hard waits and one-shot checks with auto-waiting locators and web-first assertions",
            )
        )
    if failing_line and 0 < failing_line <= len(lines):
        longer = _with_timeout(lines[failing_line - 1])
        if longer:
            patches.append(
                Patch(
                    kind=PatchKind.TIMING,
                    edits=[Edit(line=failing_line, old=lines[failing_line - 1], new=longer)],
                    rationale=f"the element appears late: wait up to {LONG_TIMEOUT_MS // 1000} s for it",
                )
            )
    return patches


def _with_timeout(line: str) -> str | None:
    """Give the failing call an explicit, longer timeout (only where it has none)."""
    if "timeout=" in line:
        return None
    match = re.search(r"\.(to_\w+|click|fill|check|select_option|press|hover)\((.*)\)\s*$", line)
    if not match:
        return None
    args = match.group(2).strip()
    inner = f"{args}, timeout={LONG_TIMEOUT_MS}" if args else f"timeout={LONG_TIMEOUT_MS}"
    return line[: match.start(2)] + inner + line[match.end(2) :]
