"""Values a steps test types and expects: ``{unique}`` made afresh on every run, a Scenario Outline's ``{col}``
placeholders as the test's parameters. Exploration uses one concrete value for each; the code names them."""

from __future__ import annotations

import keyword
import re
import uuid

from superagent.healing.locators import py_literal

UNIQUE_NAME = "unique"
UNIQUE_CODE = "uuid.uuid4().hex[:8]"
_PLACEHOLDER = re.compile(r"\{([^{}\n]+)\}")
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def identifier(column: str) -> str:
    """A Python parameter name for an Examples column ("first name" -> first_name)."""
    name = re.sub(r"\W+", "_", column.strip().lower()).strip("_") or "value"
    name = f"col_{name}" if name[0].isdigit() else name
    return f"{name}_" if keyword.iskeyword(name) or name in ("page", "credentials", UNIQUE_NAME) else name


class Values:
    """Turns a step's value into what exploration types now and the code the test uses instead."""

    def __init__(self, examples: list[dict[str, str]]) -> None:
        self.token = uuid.uuid4().hex[:8]
        self.row = examples[0] if examples else {}
        self.params = {column: identifier(column) for column in self.row}
        self.examples = [{self.params[c]: v for c, v in row.items() if c in self.params} for row in examples]
        self.used_unique = False
        self._templates: dict[str, str] = {}  # the literal exploration saw -> the f-string the test uses

    def _names(self, text: str) -> list[str]:
        return [m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1) == UNIQUE_NAME or m.group(1) in self.row]

    def run(self, text: str) -> str:
        """The concrete value for exploration: a fresh token, the first Examples row."""

        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            if name == UNIQUE_NAME:
                self.used_unique = True
                return self.token
            return self.row.get(name, m.group())

        return _PLACEHOLDER.sub(one, text)

    def code(self, text: str) -> str:
        """The value as test code: a plain literal, or an f-string over ``unique`` and the parameters."""
        if not self._names(text):
            return py_literal(text)
        parts: list[str] = []
        last = 0
        for m in _PLACEHOLDER.finditer(text):
            name = m.group(1)
            if name != UNIQUE_NAME and name not in self.row:
                continue
            parts.append(_escape_braces(py_literal(text[last : m.start()])[1:-1]))
            parts.append("{" + (UNIQUE_NAME if name == UNIQUE_NAME else self.params[name]) + "}")
            last = m.end()
        parts.append(_escape_braces(py_literal(text[last:])[1:-1]))
        code = 'f"' + "".join(parts) + '"'
        self._templates[py_literal(self.run(text))] = code
        return code

    def templated(self, code: str) -> str:
        """Code written from what exploration saw, its generated values put back as the test's variables: any
        literal holding the token, and literals that are exactly a templated value exploration used."""

        def swap(m: re.Match[str]) -> str:
            literal = m.group()
            if literal in self._templates:
                return self._templates[literal]
            if self.token in literal:
                return "f" + _escape_braces(literal).replace(self.token, "{" + UNIQUE_NAME + "}")
            return literal

        return _LITERAL.sub(swap, code)


def _escape_braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")
