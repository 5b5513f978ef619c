"""The Critic's view of one test module: the parsed tree and the lookups its rules share (no rules here)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

LOCATOR_FACTORIES = frozenset(
    {"locator", "get_by_role", "get_by_text", "get_by_label", "get_by_placeholder", "get_by_alt_text"}
    | {"get_by_title", "get_by_test_id", "frame_locator", "filter", "nth", "and_", "or_", "content_frame"}
)
HANDLE_METHODS = frozenset(
    {"query_selector", "query_selector_all", "wait_for_selector", "element_handle", "element_handles"}
    | {"eval_on_selector", "eval_on_selector_all"}
)
ACTIONS = frozenset(
    {"goto", "click", "dblclick", "fill", "type", "press", "press_sequentially", "check", "uncheck", "tap"}
    | {"set_checked", "select_option", "hover", "focus", "clear", "drag_to", "drag_and_drop", "reload"}
    | {"set_input_files", "select_text", "dispatch_event", "go_back", "go_forward"}
)
SELECTOR_METHODS = (ACTIONS - {"goto", "reload", "go_back", "go_forward"}) | {
    "is_visible", "is_hidden", "is_enabled", "is_disabled", "is_checked", "is_editable", "text_content",
    "inner_text", "inner_html", "get_attribute", "input_value",
}  # fmt: skip
SELECTOR_METHODS = frozenset({"locator", "frame_locator"}) | HANDLE_METHODS
NARROWING_KEYWORDS = frozenset({"has_text", "has", "has_not_text", "has_not"})
STATE_FIXES = {
    "text_content": "to_have_text(...)", "inner_text": "to_have_text(...)", "inner_html": "to_contain_text(...)",
    "all_text_contents": "to_have_text([...])", "all_inner_texts": "to_have_text([...])",
    "is_visible": "to_be_visible()", "is_hidden": "to_be_hidden()", "is_enabled": "to_be_enabled()",
    "is_disabled": "to_be_disabled()", "is_checked": "to_be_checked()", "is_editable": "to_be_editable()",
    "get_attribute": "to_have_attribute(name, value)", "input_value": "to_have_value(...)",
    "count": "to_have_count(n)",
}  # fmt: skip
PAGE_SELECTOR_METHODS = (ACTIONS | STATE_FIXES.keys()) - {"goto", "reload", "go_back", "go_forward", "count"}


def method(node: ast.AST) -> str:
    """The method name of a ``x.name(...)`` call, else ''."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def receiver(call: ast.Call) -> ast.expr:
    return call.func.value if isinstance(call.func, ast.Attribute) else call.func


def is_page_like(node: ast.expr) -> bool:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name in {"page", "frame", "popup"} or name.endswith("_page")


def str_value(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


FuncDef = ast.FunctionDef | ast.AsyncFunctionDef


class Context:
    """One parsed module, with the lookups rules share."""

    def __init__(self, source: str, tree: ast.Module) -> None:
        self.source = source
        self.lines = source.split("\n")  # as the AST counts lines: U+2028 and the like do not end one
        self.tree = tree
        self.nodes = list(ast.walk(tree))
        self.parents = {child: node for node in self.nodes for child in ast.iter_child_nodes(node)}
        self.calls = [n for n in self.nodes if isinstance(n, ast.Call)]
        self.strings = [(n, n.value) for n in self.nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        self.tests = list(_test_functions(tree))
        self.aliases = _import_aliases(tree)
        self._bindings: dict[ast.AST, dict[str, list[ast.AST]]] = {}

    def snippet(self, node: ast.AST, limit: int = 80, hide: ast.AST | None = None) -> str:
        """The node's source on one line, shortened; the text of ``hide`` (a secret) becomes "..."."""
        text = " ".join((ast.get_source_segment(self.source, node) or ast.unparse(node)).split())
        secret = self.snippet(hide, limit=len(self.source)) if hide is not None else ""
        if secret and secret in text:
            head, _, tail = text.rpartition(secret)
            text = f'{head}"..."{tail}'
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def line_text(self, node: ast.AST) -> str:
        return self.lines[node.lineno - 1].strip() if hasattr(node, "lineno") else ""

    def position(self, node: ast.AST) -> tuple[int, int]:
        """1-based line and character column (the AST counts columns in UTF-8 bytes)."""
        line, offset = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return line, len(text.encode()[:offset].decode(errors="ignore")) + 1

    def qualname(self, expr: ast.AST) -> str:
        """``time.sleep`` for ``sleep`` after ``from time import sleep``; '' for anything but a dotted name."""
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return ""
        parts.append(self.aliases.get(expr.id, expr.id))
        return ".".join(reversed(parts))

    def value_of(self, name: ast.Name) -> ast.expr | None:
        """The value of ``name`` when its function (or module) assigns it exactly once."""
        scope: ast.AST = name
        while scope in self.parents and not isinstance(scope, FuncDef):
            scope = self.parents[scope]
        if scope not in self._bindings:
            self._bindings[scope] = _bindings(scope)
        values = self._bindings[scope].get(name.id, [])
        return values[0] if len(values) == 1 and isinstance(values[0], ast.expr) else None

    def chain(self, expr: ast.expr) -> list[ast.expr]:
        """``expr`` and each receiver beneath it (calls, attributes, subscripts), through local variables."""
        out: list[ast.expr] = []
        hops = 0
        while True:
            out.append(expr)
            if isinstance(expr, ast.Call):
                expr = expr.func
            elif isinstance(expr, ast.Attribute | ast.Subscript):
                expr = expr.value
            elif isinstance(expr, ast.Name) and hops < 5 and (value := self.value_of(expr)) is not None:
                hops += 1
                expr = value
            else:
                return out

    def chain_calls(self, expr: ast.expr) -> list[ast.Call]:
        return [n for n in self.chain(expr) if isinstance(n, ast.Call)]

    def is_locator(self, expr: ast.expr) -> bool:
        chain = self.chain(expr)
        named = isinstance(chain[-1], ast.Name) and "locator" in chain[-1].id
        return named or any(method(n) in LOCATOR_FACTORIES for n in chain)

    def selectors(self) -> Iterator[tuple[ast.Constant, str, str]]:
        """(node, engine, text) for each part of a string given to a selector API or prefixed css=/xpath=."""
        nodes: dict[int, ast.Constant] = {}
        for call in self.calls:
            name = method(call)
            if name in SELECTOR_METHODS or (name in PAGE_SELECTOR_METHODS and is_page_like(receiver(call))):
                args = call.args[: 2 if name == "drag_and_drop" else 1]
                args += [k.value for k in call.keywords if k.arg in {"selector", "source", "target"}]
                nodes.update((id(a), a) for a in args if isinstance(a, ast.Constant) and str_value(a))
        nodes.update((id(c), c) for c, text in self.strings if text.startswith(("css=", "xpath=", "/html/")))
        for const in nodes.values():
            for part in str(const.value).split(">>"):
                part = part.strip()
                if part.startswith(("css=", "xpath=")):
                    engine, _, text = part.partition("=")
                    yield const, engine, text
                elif re.match(r"\(*(/|\.\.)", part):
                    yield const, "xpath", part
                elif part and not re.match(r"[\w:-]+=|[\"']", part):  # text=, id=, internal:role=, "text"
                    yield const, "css", part

    def literal_bindings(self) -> Iterator[tuple[str, ast.Constant]]:
        """(name, literal) for ``name = "..."``, ``obj.name = "..."``, ``name="..."`` and ``{"name": "..."}``."""
        for node in self.nodes:
            pairs: list[tuple[str | None, ast.AST | None]] = []
            if isinstance(node, ast.Assign):
                pairs = [(_target_name(target), node.value) for target in node.targets]
            elif isinstance(node, ast.AnnAssign):
                pairs = [(_target_name(node.target), node.value)]
            elif isinstance(node, ast.Dict):
                pairs = [(str_value(key), value) for key, value in zip(node.keys, node.values, strict=True)]
            elif isinstance(node, ast.keyword):
                pairs = [(node.arg, node.value)]
            for name, value in pairs:
                if name and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield name, value

    @staticmethod
    def is_true(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and node.value is True


def _test_functions(tree: ast.Module) -> Iterator[FuncDef]:
    """What pytest collects: module-level ``test*`` functions and ``test*`` methods of ``Test*`` classes."""
    for node in tree.body:
        if isinstance(node, FuncDef) and _is_test(node):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from (n for n in node.body if isinstance(n, FuncDef) and _is_test(n))


def _is_test(fn: FuncDef) -> bool:
    fixture = any("fixture" in ast.unparse(d) for d in fn.decorator_list)
    return fn.name.startswith("test") and not fixture


def _target_name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def _import_aliases(tree: ast.Module) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases.update((a.asname or a.name, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            aliases.update((a.asname or a.name, f"{node.module}.{a.name}") for a in node.names)
    return aliases


def _bindings(scope: ast.AST) -> dict[str, list[ast.AST]]:
    """Name -> values bound in ``scope``; unpacking, loop, ``with`` and augmented targets bind opaque nodes."""
    found: dict[str, list[ast.AST]] = {}
    for node in ast.walk(scope):
        pairs: list[tuple[ast.AST, ast.AST]] = []
        if isinstance(node, ast.Assign):
            pairs = [(target, node.value) for target in node.targets]
        elif isinstance(node, ast.AnnAssign | ast.NamedExpr):
            pairs = [(node.target, node.value or node)]
        elif isinstance(node, ast.AugAssign | ast.For | ast.AsyncFor | ast.comprehension):
            pairs = [(node.target, node)]
        elif isinstance(node, ast.withitem) and node.optional_vars:
            pairs = [(node.optional_vars, node)]
        for target, value in pairs:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    found.setdefault(name.id, []).append(value if name is target else node)
    return found
