"""What a model may change in one line of a test, checked on the syntax tree: one locator chain, or one wait.

A model's line edit is code that runs during the proof. Rather than looking for what could go wrong in it, Medic
accepts only edits of a shape it can name: the old line with exactly one locator chain (``page.get_by_role(...)
.first`` with literal arguments) swapped for another from the same root, the old line with a ``timeout=`` added or
changed, or a hard wait (``page.wait_for_timeout``, ``time.sleep``) removed or turned into a wait for an element,
the load state or the address. Everything else is dropped with the reason.
"""

from __future__ import annotations

import ast

from superagent.agents.critic_context import LOCATOR_FACTORIES

LOCATOR_CALLS = LOCATOR_FACTORIES | {"nth"}
POSITIONS = frozenset({"first", "last"})
HARD_WAITS = frozenset({"wait_for_timeout", "sleep"})
WAIT_KEYWORDS = frozenset({"state", "timeout"})


def _literal(node: ast.AST) -> bool:
    """A constant, ``re.compile("...")`` or a locator chain: what a locator call may take as an argument."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | int | bool) or node.value is None
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "re.compile":
        return not node.keywords and all(isinstance(a, ast.Constant | ast.Attribute) for a in node.args)
    return locator_root(node) is not None


def locator_root(node: ast.AST) -> str | None:
    """The variable a locator chain starts from (``page``, ``card``), or None when ``node`` is not one."""
    steps = 0
    while True:
        if isinstance(node, ast.Attribute) and node.attr in POSITIONS:
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOCATOR_CALLS:
            if not all(_literal(a) for a in node.args) or not all(k.arg and _literal(k.value) for k in node.keywords):
                return None
            node = node.func.value
        else:
            break
        steps += 1
    return node.id if isinstance(node, ast.Name) and steps else None


def _matches(old: object, new: object, hole: ast.AST, filled: list[ast.AST]) -> bool:
    """``new`` is ``old`` with the subtree ``hole`` replaced by something (collected in ``filled``)."""
    if old is hole and isinstance(new, ast.AST):
        filled.append(new)
        return True
    if type(old) is not type(new):
        return False
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_matches(a, b, hole, filled) for a, b in zip(old, new, strict=True))
    if isinstance(old, ast.AST):
        return all(_matches(getattr(old, f, None), getattr(new, f, None), hole, filled) for f in old._fields)
    return old == new


def _one_locator_swapped(old: ast.stmt, new: ast.stmt) -> bool:
    for hole in ast.walk(old):
        root = locator_root(hole)
        filled: list[ast.AST] = []
        if root and _matches(old, new, hole, filled) and locator_root(filled[0]) == root:
            return True
    return False


def _without_timeouts(stmt: ast.stmt) -> str:
    copy = ast.parse(ast.unparse(stmt)).body[0]
    for node in ast.walk(copy):
        if isinstance(node, ast.Call):
            node.keywords = [k for k in node.keywords if not (k.arg == "timeout" and _number(k.value))]
    return ast.dump(copy)


def _number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _hard_wait(stmt: ast.stmt) -> bool:
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not isinstance(call, ast.Call):
        return False
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return name in HARD_WAITS and all(_number(a) for a in call.args)


def _a_wait(stmt: ast.stmt) -> bool:
    """``<locator>.wait_for(state=..., timeout=...)``, ``page.wait_for_load_state("load")`` or
    ``page.wait_for_url("/path")`` with literal arguments."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
        return False
    constants = all(isinstance(a, ast.Constant) for a in call.args)
    keywords = all(k.arg in WAIT_KEYWORDS and isinstance(k.value, ast.Constant) for k in call.keywords)
    if call.func.attr == "wait_for":
        return not call.args and keywords and locator_root(call.func.value) is not None
    on_page = isinstance(call.func.value, ast.Name) and call.func.value.id == "page"
    return on_page and call.func.attr in {"wait_for_load_state", "wait_for_url"} and constants and keywords


def _statement(line: str) -> ast.stmt | None:
    try:
        body = ast.parse(line.strip()).body
    except SyntaxError:
        return None
    return body[0] if len(body) == 1 else None


def edit_problem(old: str, new: str) -> str | None:
    """Why a model may not turn line ``old`` into ``new``; None when the edit has an allowed shape."""
    if any(marker in text for text in (old, new) for marker in ("expect(", "assert ")):
        return "it touches an assertion"
    old_stmt = _statement(old)
    if old_stmt is None:
        return "the old line is not a whole statement"
    if not new.strip():
        return None if _hard_wait(old_stmt) else "it deletes a line that is not a hard wait"
    if "\n" in new or old[: len(old) - len(old.lstrip())] != new[: len(new) - len(new.lstrip())]:
        return "it changes the line's indentation or spans several lines"
    new_stmt = _statement(new)
    if new_stmt is None:
        return "the new line is not a whole statement"
    if _one_locator_swapped(old_stmt, new_stmt):
        return None
    if ast.dump(old_stmt) != ast.dump(new_stmt) and _without_timeouts(old_stmt) == _without_timeouts(new_stmt):
        return None
    if _hard_wait(old_stmt) and _a_wait(new_stmt):
        return None
    return "it changes more than one locator or wait"
