"""The step language: a test spelled out step by step ("log in, click New issue, expect 'Issue created'").

Text is cut into phrases (commas, "then", "and", ";", new lines, numbered or bulleted lists; never inside
quotes), and each phrase is read by the grammar in step_language.lark (see step_grammar). The words the grammar
knows live in step_phrases.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from lark.exceptions import LarkError

from superagent.agents import step_phrases as P
from superagent.agents.step_grammar import instruction_from, phrase_pattern, slots_pattern
from superagent.agents.step_models import Instruction, StepScript
from superagent.errors import StepSyntaxError

log = logging.getLogger(__name__)

QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<![\w'’])'[^']*'(?!\w)")
# Where one step ends and the next begins, outside quotes. Sentence ends need a space or the end after the dot,
# so "contacts.csv" and "/v1.2/" stay whole.
_SEPARATOR = re.compile(
    r"\s*(?:\r?\n|;|,|\.(?=\s|$)|(?<!\w)(?:and\s+then|then|after\s+that|and)(?!\w))\s*", re.IGNORECASE
)
# "and" may also sit inside an unquoted name ("click Terms and Conditions"): a short capitalised phrase after it
# that cannot be read on its own is read together with the phrase before, when that makes one step.
_JOINS_NAME = re.compile(r"[A-Z0-9]\S*(?:\s+\S+){0,2}")
_LINE_MARKER = re.compile(r"^[ \t]*(?:\d{1,3}[.)]|[-*•]|step\s+\d{1,3}\s*[:.)])[ \t]+", re.IGNORECASE | re.MULTILINE)
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|(?<=:)|^)\d{1,3}[.)](?=\s)")
_TRAILING = re.compile(r"[\s.!?]+$")
# "write a test on http://127.0.0.1:5000 that ...": where the app runs is the router's business, not a step
_TEST_AT_URL = re.compile(r"\b(tests?|scenario)\s+(?:on|at|against|for)\s+(?:https?://|www\.)\S+", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_HEADER_WORDS = phrase_pattern([*P.FILLERS, "steps", "test", "on", "for", "at"])
_FILLER_ONLY = re.compile(rf"^\W*(?:(?:{slots_pattern(P.TEST_LEAD)}|{_HEADER_WORDS})\W*)*$", re.IGNORECASE)
_VERB_AT_START = {
    name: re.compile(rf"^(?:(?:{phrase_pattern(P.FILLERS)})\s+)*(?:{phrase_pattern(P.TERMINALS[name])})(?!\w)", re.I)
    for name in P.USAGE
    if name in P.TERMINALS
}
# A trailing "in the dialog", "in the New issue dialog", "in the row for Milk", "in the header": where to look.
_SCOPE_NOUNS = {
    "row": "row", "line": "row", "item": "item", "card": "item", "entry": "item", "dialog": "dialog",
    "modal": "dialog", "popup": "dialog", "pop-up": "dialog", "form": "form", "header": "header",
    "footer": "footer", "navigation": "navigation", "nav": "navigation", "sidebar": "sidebar", "menu": "menu",
    "table": "table", "main content": "main", "main area": "main",
}  # fmt: skip
_SCOPE = re.compile(
    r"\s+(?:inside|within|in|on)\s+(?:the\s+)?(?:"
    r"(?P<keyed>row|line|item|card|entry)\s+(?:for|of|with|containing|that\s+(?:says|contains))\s+(?P<key>.+)"
    rf"|(?P<name>(?:(?!\s(?:in|inside|within|on)\s)[^\"“”‘’'])+?\s+|(?:{QUOTED.pattern})\s+)?(?P<noun>{phrase_pattern(list(_SCOPE_NOUNS))}))$",
    re.IGNORECASE,
)
MAX_STEPS = 200
MAX_PHRASE_WORDS = 40  # longer "phrases" are prose, not steps; also keeps the Earley parser's work bounded


@dataclass(frozen=True)
class _Phrase:
    text: str
    separator: str  # what came before it: "", ",", "and", "\n" ...


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED.finditer(text)]


def _outside(spans: list[tuple[int, int]], pos: int) -> bool:
    return not any(start < pos < end for start, end in spans)


def _split(text: str) -> list[_Phrase]:
    """Cut text into phrases at separators outside quotes, list markers removed."""
    text = _TEST_AT_URL.sub(r"\1", text)
    spans = _quote_spans(text)
    numbers = [m for m in _INLINE_NUMBER.finditer(text) if _outside(spans, m.start())]
    if len(numbers) >= 2 and numbers[0].group().startswith("1"):
        for m in reversed(numbers):
            text = text[: m.start()] + "\n" + text[m.end() :]
    text = _LINE_MARKER.sub("\n", text)
    spans = _quote_spans(text)
    phrases: list[_Phrase] = []
    start, separator = 0, ""
    for m in _SEPARATOR.finditer(text):
        if not _outside(spans, m.start()) or not _outside(spans, m.end() - 1):
            continue
        phrases.append(_Phrase(text[start : m.start()], separator))
        start, separator = m.end(), m.group().strip().lower() or "\n"
    phrases.append(_Phrase(text[start:], separator))
    return [_Phrase(_clean(p.text), p.separator) for p in phrases if _clean(p.text)]


def _clean(phrase: str) -> str:
    phrase = phrase.strip()
    if phrase.endswith(("…", "...")):
        return phrase
    return _TRAILING.sub("", phrase) if not phrase.endswith(tuple("\"”’'")) else phrase


def _header(text: str) -> tuple[str | None, str]:
    """A leading title before a colon ("Create an issue:", "write a test that:") and the rest of the text. The
    title is the script's name unless it is only filler; text before a colon is a title only when it is not a
    step and the step after the colon reads on its own."""
    spans = _quote_spans(text)
    colon = next((m.start() for m in re.finditer(r":(?=\s|$)", text) if _outside(spans, m.start())), -1)
    if colon < 0:
        return None, text
    head, rest = text[:colon].strip(), text[colon + 1 :]
    if _FILLER_ONLY.match(_URL.sub(" ", head)):
        return None, rest
    if "\n" in head or _reads(head):
        return None, text
    following = _split(rest)
    if not following or not _reads(following[0].text) or _reads(f"{head}: {following[0].text}"):
        return None, text
    return head, rest


def _reads(phrase: str) -> bool:
    try:
        _instruction(phrase, 0)
    except StepSyntaxError:
        return False
    return True


def _scoped(phrase: str) -> Instruction | None:
    """A step ending in where to look ("click Delete in the row for Milk"), read without that ending; None when
    the phrase has no such ending or does not read without it."""
    spans = _quote_spans(phrase)
    match = _SCOPE.search(phrase)
    if match is None or not _outside(spans, match.start()):
        return None
    try:
        instruction = instruction_from(phrase[: match.start()])
    except (LarkError, ValueError, KeyError, StopIteration):
        return None
    if instruction.verb in ("goto", "login", "logout", "press", "reload") and instruction.target is None:
        return None
    if match.group("keyed"):
        within = f"{_SCOPE_NOUNS[match.group('keyed').lower()]}:{_unquote(match.group('key'))}"
    else:
        noun = _SCOPE_NOUNS[" ".join(match.group("noun").lower().split())]
        name = _unquote(match.group("name") or "")
        within = f"{noun}:{name}" if name and name.lower() not in ("main", "top", "open") else noun
    return instruction.model_copy(update={"within": within, "source": phrase})


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1].strip() if QUOTED.fullmatch(text) else text


def _instruction(phrase: str, number: int) -> Instruction:
    if len(phrase.split()) > MAX_PHRASE_WORDS:
        raise _error(phrase, number, f"a step has at most {MAX_PHRASE_WORDS} words")
    scoped = _scoped(phrase)
    if scoped is not None:
        return scoped
    try:
        return instruction_from(phrase)
    except LarkError as exc:
        log.debug("step %d %r does not parse: %s", number, phrase, exc)
        raise _error(phrase, number, step_hint(phrase)) from None
    except (ValueError, KeyError, StopIteration) as exc:  # a parse tree the rules cannot turn into a step
        log.debug("step %d %r parsed but could not be built: %r", number, phrase, exc)
        raise _error(phrase, number, step_hint(phrase)) from None


def step_hint(phrase: str) -> str:
    """What to write instead of a phrase that cannot be read."""
    unclosed_single = re.search(r"(?<![\w'’])'[^']*$", phrase)
    if sum(phrase.count(q) for q in '"“”') % 2 or phrase.count("‘") != phrase.count("’") or unclosed_single:
        return "it has a quote that is not closed"
    for name, verb in _VERB_AT_START.items():
        if verb.match(phrase):
            return f"write it as {P.USAGE[name]}"
    return f"start a step with a verb such as {P.VERB_HINT}"


def _error(phrase: str, number: int, hint: str) -> StepSyntaxError:
    where = f"step {number} " if number else "step "
    return StepSyntaxError(
        f"cannot read {where}{phrase!r}: {hint} (see superagent run --help)", phrase=phrase, number=number
    )


@dataclass(frozen=True)
class _Read:
    phrases: list[str]
    results: list[Instruction | StepSyntaxError]
    name: str | None


def _read(text: str) -> _Read:
    """Every phrase of the text, each read or with the error saying why not."""
    name, body = _header(text.strip())
    pieces = _split(body)
    if len(pieces) > MAX_STEPS:
        raise StepSyntaxError(
            f"{len(pieces)} steps are too many for one test: split it into tests of at most {MAX_STEPS} steps",
            phrase=text,
        )
    phrases: list[str] = []
    results: list[Instruction | StepSyntaxError] = []
    for piece in pieces:
        number = len(phrases) + 1
        try:
            results.append(_instruction(piece.text, number))
            phrases.append(piece.text)
            continue
        except StepSyntaxError as exc:
            failure = exc
        if phrases and piece.separator == "and" and _JOINS_NAME.fullmatch(piece.text):
            try:
                results[-1] = _instruction(f"{phrases[-1]} and {piece.text}", number - 1)
                phrases[-1] = f"{phrases[-1]} and {piece.text}"
                continue
            except StepSyntaxError:
                pass
        if phrases and piece.separator in (",", "and") and step_hint(piece.text).startswith("start a step"):
            failure = _error(piece.text, number, f"{step_hint(piece.text)}; if it belongs to the step before, quote it")
        phrases.append(piece.text)
        results.append(failure)
    return _Read(phrases, results, name)


def parse_steps(text: str) -> StepScript:
    """Read a test spelled out as steps. Raises StepSyntaxError naming the first step it cannot read."""
    read = _read(text)
    if not read.results:
        raise StepSyntaxError(f"no steps in {text!r}: {step_hint('')} (see superagent run --help)", phrase=text)
    instructions: list[Instruction] = []
    for result in read.results:
        if isinstance(result, StepSyntaxError):
            raise result
        instructions.append(result)
    return StepScript(instructions=instructions, name=read.name)


def looks_like_steps(text: str) -> bool:
    """Whether a request spells out steps rather than naming a flow: two or more phrases that read as steps
    (and most of its phrases do), or a single action with a quoted value or target ("click 'Add book'")."""
    if len(_split(text)) < 2 and not QUOTED.search(text):
        return False  # a one-phrase request without quotes: decided without building the parser
    read = _read(text)
    good = [r for r in read.results if isinstance(r, Instruction)]
    if len(good) >= 2:
        return len(good) * 2 > len(read.results)
    if len(read.results) == 1 and len(good) == 1:
        return good[0].kind == "action" and bool(QUOTED.search(good[0].source))
    return False
