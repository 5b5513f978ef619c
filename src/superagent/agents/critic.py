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
from collections.abc import Iterator
from pathlib import Path

from superagent.agents.critic_rules import RULES, SYNTAX_ERROR, Rule
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
        self.strings = [n for n in self.nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        self.tests = list(_test_functions(tree))
        self.aliases = _import_aliases(tree)
        self._bindings: dict[ast.AST, dict[str, list[ast.expr]]] = {}

    def snippet(self, node: ast.AST, limit: int = 80) -> str:
        text = " ".join((ast.get_source_segment(self.source, node) or ast.unparse(node)).split())
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
        return values[0] if len(values) == 1 else None

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

    def is_locator(self, expr: ast.expr) -> bool:
        from superagent.agents.critic_rules import LOCATOR_FACTORIES, method

        root = self.chain(expr)[-1]
        named = isinstance(root, ast.Name) and "locator" in root.id
        return named or any(method(n) in LOCATOR_FACTORIES for n in self.chain(expr))

    @staticmethod
    def is_true(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and node.value is True

    @staticmethod
    def target_name(node: ast.AST | None) -> str:
        return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _test_functions(tree: ast.Module) -> Iterator[FuncDef]:
    """What pytest collects: module-level ``test*`` functions and ``test*`` methods of ``Test*`` classes."""
    for node in tree.body:
        if isinstance(node, FuncDef) and node.name.startswith("test"):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from (n for n in node.body if isinstance(n, FuncDef) and n.name.startswith("test"))


def _import_aliases(tree: ast.Module) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases.update((a.asname or a.name, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            aliases.update((a.asname or a.name, f"{node.module}.{a.name}") for a in node.names)
    return aliases


def _bindings(scope: ast.AST) -> dict[str, list[ast.expr]]:
    found: dict[str, list[ast.expr]] = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr | ast.AugAssign) and node.value:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.For | ast.AsyncFor | ast.withitem | ast.comprehension):
            target = node.optional_vars if isinstance(node, ast.withitem) else node.target
            for name in ast.walk(target) if target else ():
                if isinstance(name, ast.Name):
                    found.setdefault(name.id, []).extend([node, node])  # rebound: never resolved
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


def _syntax_finding(path: str, exc: SyntaxError | ValueError) -> Finding:
    line, col = (exc.lineno or 1, exc.offset or 1) if isinstance(exc, SyntaxError) else (1, 1)
    detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    return Finding(
        path=path, line=line, col=col, code=SYNTAX_ERROR.code,
        message=SYNTAX_ERROR.message.format(snippet="", detail=detail), hint=SYNTAX_ERROR.hint,
    )  # fmt: skip


def critique_source(source: str, path: str = "<string>", rules: list[Rule] | None = None) -> Critique:
    """Check one module's source. ``path`` is only used to label the findings."""
    try:
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as exc:
        return Critique(path=path, findings=[_syntax_finding(path, exc)])
    ctx, silenced = Context(source, tree), _noqa(source)
    findings: dict[tuple[int, int, str], Finding] = {}
    for rule in RULES if rules is None else rules:
        for hit in rule.check(ctx):
            line, col = ctx.position(hit.node)
            codes = silenced.get(line, frozenset())
            if codes is None or rule.code in codes:
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
    unique = {f.resolve(): f for f in reversed(files)}
    ordered = [f for f in files if unique.get(f.resolve()) is f]
    return [critique_source(_read(f), str(f)) for f in ordered]
