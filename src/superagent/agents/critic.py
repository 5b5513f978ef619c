"""The Critic: reads pytest-playwright test code and reports what would make it flaky or unsafe, before it runs.

``critique_source`` checks one module's text; ``critique_paths`` checks files and folders of tests. A file that
does not parse is reported as an ``SA000`` finding, not raised. Lines are 1-based, columns 1-based characters.
A ``# noqa`` comment silences every finding on its line, ``# noqa: SA101,SA104`` only those codes.

With ``untrusted=True`` the allowlist rules of :mod:`~superagent.agents.critic_untrusted` (SA2xx) apply too, and
``# noqa`` cannot silence them: the code they check was written by a generator or a model, not by the reader.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from pathlib import Path

from superagent.agents.critic_context import Context, FuncDef
from superagent.agents.critic_rules import RULES, SYNTAX_ERROR
from superagent.agents.critic_untrusted import UNTRUSTED_RULES
from superagent.errors import TestFileError
from superagent.models import Critique, Finding

SKIP_DIRS = frozenset({"__pycache__", "node_modules", "venv", "site-packages"})
SILENCEABLE = frozenset(rule.code for rule in RULES)
NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+\d+(?:[\s,]+[A-Z]+\d+)*))?", re.IGNORECASE)


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


def critique_source(source: str, path: str = "<string>", *, untrusted: bool = False) -> Critique:
    """Check one module's source. ``path`` is only used to label the findings; ``untrusted`` adds the SA2xx
    allowlist that every generated or model-written test must pass."""
    try:
        with warnings.catch_warnings():  # invalid escapes and the like are not the Critic's business
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as exc:
        return Critique(path=path, findings=[_syntax_finding(path, exc)])
    ctx, silenced = Context(source, tree), _noqa(source)
    findings: dict[tuple[int, int, str], Finding] = {}
    for rule in [*RULES, *(UNTRUSTED_RULES if untrusted else [])]:
        for hit in rule.check(ctx):
            line, col = ctx.position(hit.node)
            if rule.code in SILENCEABLE and _silenced(silenced, rule.code, line, hit.node):
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


def critique_paths(paths: list[str], *, untrusted: bool = False) -> list[Critique]:
    """Check files and folders (searched recursively for ``test_*.py`` / ``*_test.py``, sorted).

    A file that is not ``.py`` is bad input (a usage error), not a finding: the Critic reads Python only."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _test_files(path)
            if not found:
                raise TestFileError(f"no test files (test_*.py or *_test.py) under {raw}")
            files.extend(found)
        elif path.is_file():
            if path.suffix != ".py":
                raise TestFileError(f"{raw!r} is not a Python test file")
            files.append(path)
        else:
            raise TestFileError(f"test file not found: {raw}")
    seen: set[Path] = set()
    critiques = []
    for file in files:
        if file.resolve() not in seen:
            seen.add(file.resolve())
            critiques.append(critique_source(_read(file), str(file), untrusted=untrusted))
    return critiques
