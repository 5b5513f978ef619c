"""Instructions back to the step language: one canonical phrase per step, which parse_steps reads back as the
same step. Used to show a user what was understood, and to name steps in generated tests."""

from __future__ import annotations

import re

from superagent.agents import step_phrases as P
from superagent.agents.step_models import Instruction, StepScript

_PAIRS = (('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"))
_BARE_PATH = re.compile(r"(?:https?://|/)\S*", re.IGNORECASE)


def quote(text: str) -> str:
    """Text in the first kind of quotes it does not contain."""
    for left, right in _PAIRS:
        if left not in text and right not in text:
            return f"{left}{text}{right}"
    raise ValueError(f"{text!r} holds every kind of quote and cannot be quoted")


def _noun(roles: list[str], verb: str) -> str | None:
    if not roles or roles == list(P.VERB_ROLES.get(verb, ())):
        return None
    return next((noun for noun, named in P.ROLE_NOUNS.items() if list(named) == roles), None)


def _element(ins: Instruction) -> str:
    name = quote(ins.target or "")
    noun = _noun(ins.roles, ins.verb)
    return f"the {name} {noun}" if noun else name


def _not(ins: Instruction, positive: str, negative: str) -> str:
    return negative if ins.negated else positive


def render_instruction(ins: Instruction) -> str:
    """The canonical phrase for one instruction, e.g. ``fill "Ada" in the "Name" field``."""
    value = quote(ins.value or "")
    match ins.verb:
        case "goto":
            target = ins.target or "/"
            return f"go to {target if _BARE_PATH.fullmatch(target) else quote(target)}"
        case "click" | "check" | "uncheck":
            return f"{ins.verb} {_element(ins)}"
        case "hover":
            return f"hover over {_element(ins)}"
        case "fill":
            return f"fill {value} in {_element(ins)}"
        case "select":
            return f"select {value} from {_element(ins)}"
        case "upload":
            return f"upload {value} to {_element(ins)}" if ins.target else f"upload {value}"
        case "press":
            return f"press {ins.value} in {_element(ins)}" if ins.target else f"press {ins.value}"
        case "login":
            return f"log in as {value}" if ins.value else "log in"
        case "logout":
            return "log out"
        case "reload":
            return "reload the page"
        case "wait_for":
            if ins.roles or ins.negated:
                noun = _noun(ins.roles, ins.verb)
                subject = f"the {value} {noun}" if noun else value
                return f"wait until {subject} {_not(ins, 'appears', 'disappears')}"
            return f"wait for {value}"
        case "text":
            if ins.target:
                return f"{_element(ins)} {_not(ins, 'shows', 'does not show')} {value}"
            return _not(ins, f"expect {value}", f"should not see {value}")
        case "visible" | "hidden" | "enabled" | "disabled" | "checked" | "unchecked":
            return f"{_element(ins)} {_not(ins, 'is', 'is not')} {ins.verb}"
        case "url_contains":
            return f"the URL {_not(ins, 'contains', 'does not contain')} {value}"
        case "url_ends":
            return f"the URL {_not(ins, 'ends with', 'does not end with')} {value}"
        case "title" | "heading":
            return f"the {ins.verb} {_not(ins, 'is', 'is not')} {value}"
        case "value":
            return f"{_element(ins)} {_not(ins, 'has', 'does not have')} value {value}"
        case "count":
            return f"{_not(ins, 'expect', 'should not see')} {ins.count} {ins.target}"
        case "first_row":
            return f"the first {ins.target or 'row'} {_not(ins, 'contains', 'does not contain')} {value}"
    raise ValueError(f"no phrase for the verb {ins.verb!r}")


def render_script(script: StepScript) -> str:
    """The script as a numbered list, one step a line."""
    return "\n".join(f"{n}. {render_instruction(ins)}" for n, ins in enumerate(script.instructions, 1))
