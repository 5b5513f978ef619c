"""The Critic with a model: a second reading of a test the rules already accepted. It is advice on top of the
rules, never instead of them: its notes are shown and kept with the job's events, and they never block a test
(a model's doubt is not a reproducible rule; a rule it keeps finding belongs in ``critic_rules``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from superagent.llm.brains import Allowance, Brains, ModelUse
from superagent.llm.prompt import untrusted
from superagent.models import TestCase

INSTRUCTIONS = """You review one pytest-playwright test for flakiness and weak checks that static rules miss:
assertions that do not prove the flow's outcome, locators likely to match more than one element, steps that
depend on data left by other tests. Reply with at most three short notes, each with its line number; none if the
test is sound."""


class Note(BaseModel):
    line: int
    message: str


class Review(BaseModel):
    notes: list[Note] = Field(default_factory=list, max_length=3)


async def review(brains: Brains, case: TestCase, allowance: Allowance) -> ModelUse:
    numbered = "\n".join(f"{n:>3}: {line}" for n, line in enumerate(case.code.split("\n"), 1))
    # The test's strings are page text: the model reads them as data, and numbers lines as Python does.
    prompt = f"Flow: {case.flow.value} — {case.plan.title}\n\n" + untrusted(f"test {case.path}, numbered", numbered)
    outcome, use = await brains.ask("critic", prompt, Review, allowance, instructions=INSTRUCTIONS)
    if outcome.ok and outcome.value is not None:
        notes = outcome.value.notes
        use.detail = "; ".join(f"line {n.line}: {n.message}" for n in notes) if notes else "no concerns"
    return use
