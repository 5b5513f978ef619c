"""One step phrase -> one Instruction: the Lark parser for step_language.lark and the tree-to-Instruction rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from lark import Lark, Token, Transformer

from superagent.agents import step_phrases as P
from superagent.agents.step_models import UNIQUE, Instruction

_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_WORD_END = r"(?![\w'’-])"


def phrase_pattern(phrases: tuple[str, ...] | list[str]) -> str:
    """A regex matching any of the phrases as whole words, longest first, any whitespace between words."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w).replace("'", "['’]") for w in p.split()) for p in ordered)


def slots_pattern(slots: tuple[tuple[str, ...], ...]) -> str:
    """A regex for one phrase from each slot in turn; an empty phrase makes its slot optional."""
    pattern = ""
    for i, slot in enumerate(slots):
        space = r"\s+" if i < len(slots) - 1 else ""
        pattern += f"(?:(?:{phrase_pattern([w for w in slot if w])}){space})" + ("?" if "" in slot else "")
    return pattern


def _terminal(name: str, pattern: str) -> str:
    not_followed = P.NOT_FOLLOWED_BY.get(name)
    guard = rf"(?!\s+(?:{phrase_pattern(not_followed)}){_WORD_END})" if not_followed else ""
    return f"{name}: /(?:{pattern}){_WORD_END}{guard}/i"


def _key_terminal() -> str:
    names = phrase_pattern([*P.KEYS, *(f"{n}" for n in P.MODIFIERS)])
    modifiers = phrase_pattern(list(P.MODIFIERS))
    return rf"KEY: /(?:(?:{modifiers})\s*\+\s*)*(?:{names}|[a-z0-9])(?![\w'’+-])/i"


def grammar_text() -> str:
    """step_language.lark with the terminals built from the word lists of step_phrases."""
    rules = files("superagent.agents").joinpath("step_language.lark").read_text(encoding="utf-8")
    generated = [_terminal(name, phrase_pattern(phrases)) for name, phrases in P.TERMINALS.items()]
    generated += [_terminal("TEST_LEAD", slots_pattern(P.TEST_LEAD))]
    generated += [_terminal(f"STATE_{verb.upper()}", phrase_pattern(w)) for verb, w in P.STATE_WORDS.items()]
    generated += [_terminal(f"CHANGE_{verb.upper()}", phrase_pattern(w)) for verb, w in P.STATE_CHANGES.items()]
    generated += [_terminal("NUMBER_WORD", phrase_pattern(list(P.NUMBER_WORDS))), _key_terminal()]
    return rules + "\n// ---- built from step_phrases.py\n" + "\n".join(generated) + "\n"


@cache
def parser() -> Lark:
    return Lark(grammar_text(), parser="earley", lexer="dynamic", ambiguity="resolve", propagate_positions=False)


# ---------------------------------------------------------------- from a parse tree to an Instruction


@dataclass(frozen=True)
class _Words:
    """A run of words as typed: unquoted words and quoted strings (with their quotes)."""

    tokens: tuple[Token, ...]

    @property
    def quoted(self) -> list[str]:
        return [_unquote(t) for t in self.tokens if t.type == "QUOTED"]

    def words(self) -> list[str]:
        return [str(t) for t in self.tokens]


@dataclass(frozen=True)
class _Negation:
    negated: bool


@dataclass(frozen=True)
class _Change:
    state: str  # visible, hidden, enabled, ...
    negated: bool


def _unquote(token: str) -> str:
    return token[1:-1] if len(token) >= 2 and _QUOTES.get(token[0]) == token[-1] else token


def _lower(words: list[str]) -> list[str]:
    return [w.lower().strip(".,;:!?") for w in words]


def _split_noun(words: list[str]) -> tuple[list[str], str | None]:
    """Words before a trailing role noun, and the noun ("the Save button" -> ["Save"], "button")."""
    low = _lower(words)
    for size in (2, 1):
        if len(words) > size and " ".join(low[-size:]) in P.ROLE_NOUNS:
            return words[:-size], " ".join(low[-size:])
    if len(words) == 2 and " ".join(low) in P.ROLE_NOUNS:  # "the search box": named by its kind
        return words[:1], " ".join(low)
    return words, None


def _drop_determiners(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0].lower() in P.DETERMINERS:
        words = words[1:]
    return words


def _name(run: _Words) -> tuple[str, str | None]:
    """The name of an element as the user wrote it, and the kind of element they called it, if any."""
    tokens = list(run.tokens)
    quoted = [i for i, t in enumerate(tokens) if t.type == "QUOTED"]
    if quoted:
        first, last = quoted[0], quoted[-1]
        after = " ".join(_lower([str(t) for t in tokens[last + 1 :]]))
        before = " ".join(_lower(_drop_determiners([str(t) for t in tokens[:first]]))) if first else ""
        noun = after if after in P.ROLE_NOUNS else before if before in P.ROLE_NOUNS else None
        return " ".join(_unquote(str(tokens[i])) for i in quoted), noun
    words, noun = _split_noun(_drop_determiners(run.words()))
    return " ".join(words).rstrip(".,;:!?"), noun


def _value(run: _Words) -> str:
    """A value to type or expect: the quoted text if there is one, else the words with "{unique}" resolved."""
    quoted = run.quoted
    if quoted:
        return " ".join(quoted)
    text = " ".join(run.words()).removeprefix(":").strip()  # "the title is: Books"
    if not text:
        raise ValueError("an empty value")
    for phrase in P.UNIQUE_PHRASES:
        text = re.sub(rf"(?<!\w){phrase_pattern([phrase])}(?!\w)", UNIQUE, text, flags=re.IGNORECASE)
    return text


def _roles(noun: str | None, verb: str) -> list[str]:
    if noun is not None:
        return list(P.ROLE_NOUNS[noun])
    return list(P.VERB_ROLES.get(verb, ()))


def _key(token: str) -> str:
    parts = [p.strip() for p in token.split("+")]
    mods = [P.MODIFIERS[p.lower()] for p in parts[:-1]]
    last = re.sub(r"\s+", " ", parts[-1])
    return "+".join([*mods, P.KEYS.get(last.lower(), last)])


class _ToInstruction(Transformer[Token, Instruction]):
    """Builds the Instruction of one phrase; ``source`` is that phrase, kept for error messages."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    # ---- parts
    def phrase(self, children: list[Token]) -> _Words:
        return _Words(tuple(children))

    head = phrase

    def aux(self, children: list[Any]) -> _Negation:
        return _Negation(any(isinstance(c, Token) and c.type in ("NOT", "NEG_AUX") for c in children))

    def be(self, children: list[Any]) -> _Negation:
        flags = [c.negated if isinstance(c, _Negation) else c.type in ("NOT", "NEG_IS") for c in children]
        return _Negation(any(flags))

    def state_word(self, children: list[Token]) -> str:
        return children[0].type.removeprefix("STATE_").lower()

    def state_change(self, children: list[Token]) -> str:
        return children[0].type.removeprefix("CHANGE_").lower()

    def change(self, children: list[Any]) -> _Change:
        state = next(c for c in children if isinstance(c, str) and not isinstance(c, Token))
        return _Change(state, _negated(children))

    def key(self, children: list[Token]) -> str:
        return _key(str(children[0]))

    def start(self, children: list[Any]) -> Instruction:
        found: Instruction = children[-1]
        return found

    # ---- actions
    def _act(self, verb: str, **fields: Any) -> Instruction:
        return Instruction(kind="action", verb=verb, source=self.source, **fields)

    def _target(self, verb: str, run: _Words, **fields: Any) -> Instruction:
        name, noun = _name(run)
        return self._act(verb, target=name, roles=_roles(noun, verb), **fields)

    def goto(self, children: list[Any]) -> Instruction:
        run = _runs(children)[0]
        words = run.words()
        if len(words) == 1 and re.match(r"(?:https?://|/|\.)", words[0], re.IGNORECASE):
            return self._act("goto", target=words[0].rstrip(".,;:!?") or words[0])
        name, _ = _name(run)
        return self._act("goto", target=name)

    def click(self, children: list[Any]) -> Instruction:
        return self._target("click", _runs(children)[0])

    def fill_value_first(self, children: list[Any]) -> Instruction:
        value, field = _runs(children)
        return self._target("fill", field, value=_value(value))

    def fill_field_first(self, children: list[Any]) -> Instruction:
        field, value = _runs(children)
        return self._target("fill", field, value=_value(value))

    def select(self, children: list[Any]) -> Instruction:
        option, field = _runs(children)
        return self._target("select", field, value=_plain_name(option))

    def check(self, children: list[Any]) -> Instruction:
        return self._target("check", _runs(children)[0])

    def uncheck(self, children: list[Any]) -> Instruction:
        return self._target("uncheck", _runs(children)[0])

    def upload(self, children: list[Any]) -> Instruction:
        runs = _runs(children)
        if len(runs) == 1:
            return self._act("upload", value=_plain_name(runs[0]))
        return self._target("upload", runs[1], value=_plain_name(runs[0]))

    def hover(self, children: list[Any]) -> Instruction:
        return self._target("hover", _runs(children)[0])

    def press_key(self, children: list[Any]) -> Instruction:
        key = next(c for c in children if isinstance(c, str) and not isinstance(c, Token))
        runs = _runs(children)
        if runs:
            return self._target("press", runs[0], value=key)
        return self._act("press", value=key)

    def login(self, children: list[Any]) -> Instruction:
        runs = _runs(children)
        if not runs:
            return self._act("login")
        words = _drop_determiners(runs[0].words()) if not runs[0].quoted else [" ".join(runs[0].quoted)]
        while len(words) > 1 and words[-1].lower() in P.ACCOUNT_NOUNS:
            words = words[:-1]
        return self._act("login", value=" ".join(words))

    def logout(self, children: list[Any]) -> Instruction:
        return self._act("logout")

    def reload(self, children: list[Any]) -> Instruction:
        return self._act("reload")

    def wait_for(self, children: list[Any]) -> Instruction:
        return self._act("wait_for", value=_value(_runs(children)[0]))

    def wait_for_state(self, children: list[Any]) -> Instruction:
        change = next(c for c in children if isinstance(c, _Change))
        name, noun = _name(_runs(children)[0])
        gone = (change.state == "hidden") != change.negated
        return self._act("wait_for", value=name, roles=_roles(noun, "wait_for"), negated=gone)

    # ---- expectations
    def _expect(self, verb: str, children: list[Any], **fields: Any) -> Instruction:
        fields.setdefault("negated", _negated(children))
        return Instruction(kind="expect", verb=verb, source=self.source, **fields)

    def text(self, children: list[Any]) -> Instruction:
        run = _runs(children)[0]
        if not run.quoted or len(run.tokens) > 1:
            name, noun = _name(run)
            if noun is not None and noun not in P.MESSAGE_NOUNS and P.ROLE_NOUNS[noun]:
                return self._expect("visible", children, target=name, roles=_roles(noun, "visible"))
        return self._expect("text", children, value=_value(run))

    text_on_page = text

    def text_in(self, children: list[Any]) -> Instruction:
        where, run = _runs(children)
        name, noun = _name(where)
        return self._expect("text", children, target=name, value=_value(run), roles=_roles(noun, "text"))

    def state(self, children: list[Any]) -> Instruction:
        change = next(c for c in children if isinstance(c, _Change))
        name, noun = _name(_runs(children)[0])
        return self._expect(change.state, children, target=name, roles=_roles(noun, change.state))

    def url_contains(self, children: list[Any]) -> Instruction:
        return self._expect("url_contains", children, value=_value(_runs(children)[0]))

    def url_ends(self, children: list[Any]) -> Instruction:
        runs = _runs(children)
        path = _value(runs[0]) if runs else str(next(c for c in children if isinstance(c, Token) and c.type == "PATH"))
        return self._expect("url_ends", children, value=path.rstrip(".,;:!?") or path)

    def title(self, children: list[Any]) -> Instruction:
        return self._expect("title", children, value=_value(_runs(children)[0]))

    def heading(self, children: list[Any]) -> Instruction:
        return self._expect("heading", children, value=_value(_runs(children)[0]), roles=["heading"])

    def first_row(self, children: list[Any]) -> Instruction:
        noun = next(c for c in children if isinstance(c, Token) and c.type == "FIRST").split()[-1].lower()
        return self._expect("first_row", children, target=noun, value=_value(_runs(children)[0]))

    def value(self, children: list[Any]) -> Instruction:
        field, expected = _runs(children)
        name, noun = _name(field)
        return self._expect("value", children, target=name, value=_value(expected), roles=_roles(noun, "value"))

    def count(self, children: list[Any]) -> Instruction:
        number = next(c for c in children if isinstance(c, Token) and c.type == "NUMBER")
        noun = next(c for c in reversed(children) if isinstance(c, Token) and c.type == "WORD")
        n = int(number) if number.isdigit() else P.NUMBER_WORDS[re.sub(r"\s+", " ", number.lower())]
        return self._expect("count", children, target=str(noun).rstrip(".,;:!?"), count=n)


def _runs(children: list[Any]) -> list[_Words]:
    return [c for c in children if isinstance(c, _Words)]


def _negated(children: list[Any]) -> bool:
    flags = [c.negated for c in children if isinstance(c, _Negation | _Change)]
    flags += [c.type in ("NOT", "NEG_AUX", "NEG_IS") for c in children if isinstance(c, Token)]
    return sum(flags) % 2 == 1


def _plain_name(run: _Words) -> str:
    """An option, file or account as named, without articles or a kind noun: "the Large option" -> "Large"."""
    name, _ = _name(run)
    return name


def instruction_from(phrase: str) -> Instruction:
    """Parse one phrase; raises lark's UnexpectedInput when the phrase is not a step."""
    tree = parser().parse(phrase)
    result: Instruction = _ToInstruction(phrase).transform(tree)
    return result
