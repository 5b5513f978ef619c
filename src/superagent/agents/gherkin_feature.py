"""Gherkin in: .feature files (read with Cucumber's own parser) and Given/When/Then typed inline, their steps read
by the step language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from gherkin.errors import CompositeParserException, ParserError
from gherkin.parser import Parser
from pydantic import BaseModel, ConfigDict, Field

from superagent.agents.step_language import QUOTED, parse_steps, step_hint
from superagent.agents.step_models import Instruction
from superagent.agents.step_render import quote
from superagent.errors import FeatureError, StepSyntaxError


class Scenario(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    instructions: list[Instruction]
    tags: list[str] = Field(default_factory=list)  # with their "@", the feature's and rule's first
    examples: list[dict[str, str]] = Field(default_factory=list)  # Scenario Outline rows; "<col>" -> "{col}"
    line: int


class Feature(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    background: list[Instruction] = Field(default_factory=list)
    scenarios: list[Scenario]
    path: str | None = None


_HEADER = re.compile(
    r"^[ \t]*(?:Feature|Rule|Background|Scenario(?: Outline| Template)?|Example|Examples|Scenarios):",
    re.MULTILINE,
)
_INLINE_START = re.compile(r"^\W*(?:given|when)\s", re.IGNORECASE)
_KEYWORD = re.compile(r"(?<!\S)(?:(?i:given|when|then)|And|But)(?=\s)")
_PLACEHOLDER = re.compile(r"<([^<>\n]+)>")


def looks_like_gherkin(text: str) -> bool:
    """A feature file ("Feature:", "Scenario:" ...) or Given/When/Then typed as one request."""
    if _HEADER.search(text):
        return True
    keywords = {m.group().lower() for m in _keywords(text)}
    return bool(_INLINE_START.match(text)) and "then" in keywords


def _keywords(text: str) -> list[re.Match[str]]:
    quoted = [m.span() for m in QUOTED.finditer(text)]
    return [m for m in _KEYWORD.finditer(text) if not any(s < m.start() < e for s, e in quoted)]


def parse_feature(text: str, path: str | None = None) -> Feature:
    """Read a Gherkin feature. Raises FeatureError naming the file and line of malformed Gherkin or of a step the
    step language cannot read."""
    where = path or "feature"
    try:
        document = cast(dict[str, Any], Parser().parse(text))  # the AST's TypedDicts, read as plain dicts
    except CompositeParserException as exc:
        raise _gherkin_error(exc.errors[0], where, path) from None
    except ParserError as exc:
        raise _gherkin_error(exc, where, path) from None
    feature = document.get("feature")
    if not feature:
        raise FeatureError(f"{where}: no 'Feature:' line: a feature file starts with Feature: NAME", path=path)
    reader = _Reader(where, path)
    background: list[Instruction] = []
    scenarios: list[Scenario] = []
    for child in feature["children"]:
        if "background" in child:
            background += reader.steps(child["background"]["steps"])
        elif "scenario" in child:
            scenarios.append(reader.scenario(child["scenario"], _tags(feature)))
        elif "rule" in child:
            scenarios += reader.rule(child["rule"], _tags(feature))
    return Feature(name=feature["name"], background=background, scenarios=scenarios, path=path)


def parse_inline_gherkin(text: str) -> Feature:
    """Given/When/Then typed in one request, on one line or several, with or without a Feature: header (a typed
    "Scenario: ..." needs none: the request is its feature)."""
    if _HEADER.search(text):
        if not re.search(r"^[ \t]*Feature:", text, re.MULTILINE):
            try:
                return parse_feature("Feature: request\n" + text)
            except FeatureError as exc:  # the line numbers of what was typed, not of the line put before it
                if exc.line is None:
                    raise
                line = exc.line - 1
                raise FeatureError(
                    re.sub(r"^feature:\d+:", f"request:{line}:", str(exc)), path=exc.path, line=line
                ) from None
        return parse_feature(text)
    keywords = _keywords(text)
    if not keywords:
        raise FeatureError(f"no Given, When or Then in {text!r}")
    name = " ".join(text[: keywords[0].start()].split()).rstrip(":").strip() or " ".join(text.split())
    name = name if len(name) <= 80 else name[:79] + "…"
    reader = _Reader("request", None)
    instructions: list[Instruction] = []
    for keyword, end in zip(keywords, [*(k.start() for k in keywords[1:]), len(text)], strict=True):
        line = text.count("\n", 0, keyword.start()) + 1
        instructions += reader.step(text[keyword.end() : end].strip(), line)
    return Feature(name=name, scenarios=[Scenario(name=name, instructions=instructions, line=1)])


class _Reader:
    """Turns the Gherkin AST's scenarios and steps into ours, errors naming the file and line."""

    def __init__(self, where: str, path: str | None) -> None:
        self.where = where
        self.path = path

    def steps(self, steps: list[dict[str, Any]]) -> list[Instruction]:
        out: list[Instruction] = []
        for step in steps:
            line = step["location"]["line"]
            if "dataTable" in step:
                raise self.error(line, f"the step {step['text']!r} has a data table, which is not supported")
            text = step["text"]
            if "docString" in step:  # "Then I should see:" and the text below it
                text = f"{text.rstrip(':').rstrip()} {quote(step['docString']['content'])}"
            out += self.step(text, line)
        return out

    def step(self, text: str, line: int) -> list[Instruction]:
        try:
            return parse_steps(text).instructions
        except StepSyntaxError as exc:
            phrase = exc.phrase or text
            raise self.error(line, f"cannot read the step {phrase!r}: {step_hint(phrase)}") from None

    def scenario(self, scenario: dict[str, Any], inherited: list[str], before: Sequence[Instruction] = ()) -> Scenario:
        instructions = [*before, *self.steps(scenario["steps"])]
        examples: list[dict[str, str]] = []
        for block in scenario.get("examples", []):
            header = [cell["value"] for cell in block.get("tableHeader", {}).get("cells", [])]
            examples += [
                dict(zip(header, (c["value"] for c in row["cells"]), strict=True)) for row in block.get("tableBody", [])
            ]
        if examples:
            instructions = [_placeholders(ins) for ins in instructions]
        tags = list(dict.fromkeys([*inherited, *_tags(scenario)]))
        return Scenario(
            name=scenario["name"],
            instructions=instructions,
            tags=tags,
            examples=examples,
            line=scenario["location"]["line"],
        )

    def rule(self, rule: dict[str, Any], inherited: list[str]) -> list[Scenario]:
        tags = [*inherited, *_tags(rule)]
        background: list[Instruction] = []
        scenarios: list[Scenario] = []
        for child in rule["children"]:
            if "background" in child:
                background += self.steps(child["background"]["steps"])
            elif "scenario" in child:
                scenarios.append(self.scenario(child["scenario"], tags, background))
        return scenarios

    def error(self, line: int, message: str) -> FeatureError:
        return FeatureError(f"{self.where}:{line}: {message}", path=self.path, line=line)


def _tags(node: dict[str, Any]) -> list[str]:
    return [tag["name"] for tag in node.get("tags", [])]


def _placeholders(ins: Instruction) -> Instruction:
    """An outline step's "<col>" as "{col}", the way generated values are written elsewhere."""
    update = {
        field: _PLACEHOLDER.sub(r"{\1}", text)
        for field in ("target", "value")
        if (text := getattr(ins, field)) is not None and "<" in text
    }
    return ins.model_copy(update=update) if update else ins


def _gherkin_error(exc: ParserError, where: str, path: str | None) -> FeatureError:
    location = getattr(exc, "location", None) or {}
    line = location.get("line")
    message = re.sub(r"^\(\d+:\d+\):\s*", "", str(exc).strip())
    prefix = f"{where}:{line}" if line else where
    return FeatureError(f"{prefix}: malformed Gherkin: {message}", path=path, line=line)
