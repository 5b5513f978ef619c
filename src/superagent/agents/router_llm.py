"""Kaya with a model: when the grammar cannot read a free-form request, a model restates it in a sentence the
grammar knows. The grammar still does the routing, so the slots and the budget are the same as typed requests'."""

from __future__ import annotations

from pydantic import BaseModel, Field

from superagent.agents.router_grammar import EXAMPLES
from superagent.llm.brains import Allowance, Brains, ModelUse
from superagent.llm.prompt import untrusted

INSTRUCTIONS = """Restate a user's request to a test-automation tool as ONE short sentence in the style of these
examples, keeping any URL, account name, env variable name and path exactly as given. Never invent a URL.
Examples:
{examples}
If the request is not about writing, running, validating, linting or fixing web tests, answer with an empty
sentence."""


class Restated(BaseModel):
    sentence: str = Field(description="the request restated like one of the examples, or empty")


async def restate(brains: Brains, text: str, allowance: Allowance) -> tuple[str | None, ModelUse]:
    examples = "\n".join(f"- {e}" for e in EXAMPLES)
    outcome, use = await brains.ask(
        "router", untrusted("request", text), Restated, allowance, instructions=INSTRUCTIONS.format(examples=examples)
    )
    if not outcome.ok or outcome.value is None or not outcome.value.sentence.strip():
        return None, use
    use.detail = outcome.value.sentence.strip()
    return use.detail, use
