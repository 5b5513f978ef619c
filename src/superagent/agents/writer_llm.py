"""Scribe with a model: the offline writer explores the live page and drafts the test; a model may rewrite it,
given the plan, the draft, the Critic's rules and a trimmed aria snapshot. The model's file is used only if it
keeps the test's name and assertions, passes the Critic including its allowlist for untrusted code (SA2xx: no
imports beyond the test's own, no eval, os, files or scripts) and carries no secret; otherwise the draft stands,
with the reason. The draft and the steps hold page text, so they reach the model fenced as data."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from superagent.agents import critic
from superagent.agents.critic_rules import RULES
from superagent.agents.critic_untrusted import UNTRUSTED_RULES
from superagent.llm.brains import Allowance, Brains, ModelUse
from superagent.llm.prompt import untrusted
from superagent.models import TestCase

SNAPSHOT_CHARS = 3000
INTERESTING = re.compile(r"\b(button|link|textbox|searchbox|checkbox|radio|combobox|heading|alert|status|form)\b")

INSTRUCTIONS = """You improve one pytest-playwright test (Python, sync API) that SuperAgent drafted by driving the
live page. Return the complete file. Keep the test function's name, its fixtures (page, credentials) and every
assertion's meaning; keep every locator that appears in the draft unless the aria snapshot shows a more robust
role-based one for the same element. Use web-first assertions (expect), never sleeps or fixed waits, never
hard-coded passwords (use the credentials fixture). The Critic will reject code that breaks these rules:
{rules}"""


class WrittenCode(BaseModel):
    code: str = Field(description="the complete test file, Python source")
    rationale: str = Field(description="what was changed and why, in one or two sentences")


def trim_aria(snapshot: str, limit: int = SNAPSHOT_CHARS) -> str:
    """The lines a test author needs (controls, headings, messages), at most ``limit`` characters.

    Whole snapshots run to tens of kilobytes on real pages; the model needs the interactive part only.
    """
    lines = [line for line in snapshot.splitlines() if INTERESTING.search(line)]
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit:
            kept.append("  # … trimmed")
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)


def _unfenced(code: str) -> str:
    match = re.search(r"```(?:python)?\n(.*?)```", code, re.S)
    return (match.group(1) if match else code).strip() + "\n"


def problems(draft: TestCase, code: str, secrets: list[str]) -> list[str]:
    """Why the model's file cannot replace the draft (empty when it can)."""
    found = []
    if f"def {draft.name}(" not in code:
        found.append(f"the test function {draft.name!r} is missing")
    if code.count("expect(") < draft.code.count("expect("):
        found.append("assertions were dropped")
    if any(secret and secret in code for secret in secrets):
        found.append("a secret appears in the code")
    critique = critic.critique_source(code, draft.path, untrusted=True)
    found += [f"{f.code} line {f.line}: {f.message}" for f in critique.findings]
    return found


async def improve(
    brains: Brains, draft: TestCase, snapshot: str, allowance: Allowance, *, secrets: list[str]
) -> tuple[TestCase, ModelUse]:
    rules = "\n".join(f"- {r.code} {r.summary}" for r in [*RULES, *UNTRUSTED_RULES])
    steps = "\n".join(
        f"{n}. {s.action} {s.locator or ''} {s.value_expr or s.value or ''}".rstrip()
        for n, s in enumerate(draft.plan.steps, 1)
    )
    prompt = (
        f"Flow: {draft.flow.value} — {draft.plan.title}\n\n"
        + untrusted("planned steps, performed on the live page (locators hold page text)", steps)
        + "\n\n"
        + untrusted(f"draft test {draft.path} (Python; its strings hold page text)", draft.code)
        + "\n\n"
        + untrusted("aria snapshot of the page under test (trimmed)", trim_aria(snapshot))
    )
    outcome, use = await brains.ask(
        "writer", prompt, WrittenCode, allowance, instructions=INSTRUCTIONS.format(rules=rules)
    )
    if not outcome.ok or outcome.value is None:
        return draft, use
    code = _unfenced(outcome.value.code)
    wrong = problems(draft, code, secrets)
    if wrong:
        use.status, use.detail = "rejected", "kept the draft: " + "; ".join(wrong[:3])
        return draft, use
    use.detail = outcome.value.rationale
    return draft.model_copy(update={"code": code}), use
