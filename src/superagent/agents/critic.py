"""The Critic: reads pytest-playwright test code and reports what would make it flaky or unsafe, before it runs.

``critique_source`` checks one module's text; ``critique_paths`` checks files and folders of tests. A file that
does not parse is reported as an ``SA000`` finding, not raised. Lines are 1-based, columns 1-based characters.
A ``# noqa`` comment silences every finding on its line, ``# noqa: SA101,SA104`` only those codes.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from collections.abc import Iterator
from pathlib import Path

from superagent.agents.critic_rules import (
    LOCATOR_FACTORIES,
    PAGE_SELECTOR_METHODS,
    RULES,
    SELECTOR_METHODS,
    SYNTAX_ERROR,
    is_page_like,
    method,
    receiver,
    str_value,
)
from superagent.errors import TestFileError
from superagent.models import Critique, Finding

FuncDef = ast.FunctionDef | ast.AsyncFunctionDef
SKIP_DIRS = frozenset({"__pycache__", "node_modules", "venv", "site-packages"})
NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+\d+(?:[\s,]+[A-Z]+\d+)*))?", re.IGNORECASE)


class Context:
    """One parsed module, with the lookups rules share."""

    def __init__(self, source: str, tree: ast.Module) -> None:
        self.source = source
        self.lines = source.splitlines()
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


def _noqa(source: str) -> dict[int, frozenset[str] | None]:
    """Line -> codes silenced there (None: all of them)."""
    silenced: dict[int, frozenset[str] | None] = {}
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return silenced
    for token in tokens:
        match = NOQA.search(token.string)
        if match:
            codes = match.group("codes")
            silenced[token.start[0]] = frozenset(re.findall(r"[A-Z]+\d+", codes.upper())) if codes else None
    return silenced


def _silenced(silenced: dict[int, frozenset[str] | None], code: str, line: int, node: ast.AST) -> bool:
    """A ``# noqa`` on the finding's line, or on the last line of a multi-line expression, silences it."""
    last = getattr(node, "end_lineno", None) if not isinstance(node, FuncDef | ast.ClassDef) else None
    for number in {line, last or line}:
        if number in silenced and (silenced[number] is None or code in (silenced[number] or ())):
            return True
    return False


def _syntax_finding(path: str, exc: SyntaxError | ValueError) -> Finding:
    line, col = (exc.lineno or 1, exc.offset or 1) if isinstance(exc, SyntaxError) else (1, 1)
    detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    return Finding(
        path=path, line=line, col=col, code=SYNTAX_ERROR.code,
        message=SYNTAX_ERROR.message.format(snippet="", detail=detail), hint=SYNTAX_ERROR.hint,
    )  # fmt: skip


def critique_source(source: str, path: str = "<string>") -> Critique:
    """Check one module's source. ``path`` is only used to label the findings."""
    try:
        with warnings.catch_warnings():  # invalid escapes and the like are not the Critic's business
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as exc:
        return Critique(path=path, findings=[_syntax_finding(path, exc)])
    ctx, silenced = Context(source, tree), _noqa(source)
    findings: dict[tuple[int, int, str], Finding] = {}
    for rule in RULES:
        for hit in rule.check(ctx):
            line, col = ctx.position(hit.node)
            if _silenced(silenced, rule.code, line, hit.node):
                continue
            message, hint = rule.render(hit)
            finding = Finding(path=path, line=line, col=col, code=rule.code, message=message, hint=hint)
            findings.setdefault((line, col, rule.code), finding)
    return Critique(path=path, findings=[findings[key] for key in sorted(findings)])


def _test_files(folder: Path) -> list[Path]:
    return sorted(
        f
        for f in folder.rglob("*.py")
        if (f.name.startswith("test_") or f.name.endswith("_test.py"))
        and not any(p.startswith(".") or p in SKIP_DIRS for p in f.relative_to(folder).parts[:-1])
    )


def _read(path: Path) -> str:
    try:
        with tokenize.open(path) as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError, SyntaxError) as exc:
        raise TestFileError(f"cannot read test file {path}: {exc}") from exc


def critique_paths(paths: list[str]) -> list[Critique]:
    """Check files and folders (searched recursively for ``test_*.py`` / ``*_test.py``, sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _test_files(path)
            if not found:
                raise TestFileError(f"no test files (test_*.py or *_test.py) under {raw}")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise TestFileError(f"test file not found: {raw}")
    seen: set[Path] = set()
    critiques = []
    for file in files:
        if file.resolve() not in seen:
            seen.add(file.resolve())
            critiques.append(critique_source(_read(file), str(file)))
    return critiques
