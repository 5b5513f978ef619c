"""Render the Critic's findings: ruff-like text, JSON, or SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from superagent import __version__
from superagent.agents.critic_rules import RULES, SYNTAX_ERROR, Rule
from superagent.agents.critic_untrusted import UNTRUSTED_RULES
from superagent.models import Critique, Finding

TOOL_NAME = "superagent-critic"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _findings(critiques: Iterable[Critique]) -> list[Finding]:
    return [finding for critique in critiques for finding in critique.findings]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(critiques: Sequence[Critique]) -> str:
    problems = len(_findings(critiques))
    if not problems:
        return "All checks passed."
    files = sum(1 for critique in critiques if critique.findings)
    return f"Found {_plural(problems, 'problem')} in {_plural(files, 'file')}."


def format_text(critiques: Sequence[Critique]) -> str:
    """``path:line:col: CODE message`` and an indented hint per finding, then a summary line."""
    lines: list[str] = []
    for finding in _findings(critiques):
        lines.append(f"{finding.path}:{finding.line}:{finding.col}: {finding.code} {finding.message}")
        lines.append(f"    hint: {finding.hint}")
    if lines:
        lines.append("")
    lines.append(summary(critiques))
    return "\n".join(lines)


def format_json(critiques: Sequence[Critique]) -> str:
    """``{"findings": [...], "summary": {...}}``."""
    findings = _findings(critiques)
    document = {
        "findings": [finding.model_dump() for finding in findings],
        "summary": {
            "problems": len(findings),
            "files_with_problems": sum(1 for critique in critiques if critique.findings),
            "files_checked": len(critiques),
            "passed": not findings,
            "text": summary(critiques),
        },
    }
    return json.dumps(document, indent=2)


def _rules() -> list[Rule]:
    return [SYNTAX_ERROR, *RULES, *UNTRUSTED_RULES]


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "help": {"text": rule.hint},
        "defaultConfiguration": {"level": rule.level},
    }


def _uri(path: str) -> str:
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix(), safe="/")


def _result(finding: Finding, index: dict[str, int], rules: list[Rule]) -> dict[str, Any]:
    position = index.get(finding.code)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": rules[position].level if position is not None else "warning",
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
                    "region": {"startLine": finding.line, "startColumn": finding.col},
                }
            }
        ],
        "properties": {"hint": finding.hint},
    }
    if position is not None:
        result["ruleIndex"] = position
    return result


def format_sarif(critiques: Sequence[Critique]) -> str:
    """One SARIF 2.1.0 run whose driver lists every rule; columns count Unicode code points."""
    rules = _rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "rules": [_rule_descriptor(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, index, rules) for finding in _findings(critiques)],
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2)
