"""Medic with a model: it picks which of the scorer's candidates to try first, or proposes its own patch. Either
way the patch goes through the same proof as every other (Critic, three passes in a row, no regression). A model's
own edit may only swap one locator chain or one wait in a line (:mod:`~superagent.agents.medic_edits`), never touch
an assertion, and never add a finding of the Critic's allowlist for untrusted code; otherwise it is dropped, with
the reason. The test's lines, the failure message and the candidates hold page text: they reach the model fenced as
data."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from superagent.agents.critic import critique_source
from superagent.agents.medic import Diagnosis, apply, load_inventory
from superagent.agents.medic_edits import edit_problem
from superagent.llm.brains import Allowance, Brains, ModelUse
from superagent.llm.prompt import untrusted
from superagent.models import Edit, Patch, PatchKind, TestResult

MAX_CANDIDATES = 5
MAX_ELEMENTS = 40

INSTRUCTIONS = """You repair one failing pytest-playwright test whose page changed. Candidates are locator patches
ranked by a similarity scorer against the recorded page. Pick the candidate most likely to reach the element the
test meant, or propose line edits. An edit may only replace one locator chain in a line (page.get_by_...(...)
with literal arguments, from the same variable), add or change a timeout= on a call, or remove a hard wait or turn
it into page.wait_for_url/wait_for_load_state or <locator>.wait_for(); any other edit is discarded. Never change,
weaken or remove an assertion (lines with expect( or assert): a failed assertion may be a real bug that a person
must see."""


class LineEdit(BaseModel):
    line: int = Field(description="1-based line number in the test file")
    new: str = Field(description="the whole new line")


class MedicAnswer(BaseModel):
    choice: int | None = Field(None, description="number of the candidate to try first, or null for none")
    edits: list[LineEdit] = Field(default_factory=list, description="your own patch, if no candidate fits")
    rationale: str = ""


def _numbered(source: str, around: int) -> str:
    lines = source.split("\n")
    lo, hi = max(around - 8, 1), min(around + 4, len(lines))
    return "\n".join(f"{n:>4}: {lines[n - 1]}" for n in range(lo, hi + 1))


def _elements(result: TestResult) -> str:
    names = []
    for fp in load_inventory(result)[:MAX_ELEMENTS]:
        names.append(f"{fp.role or fp.tag} {fp.accessible_name or fp.text or ''} test-id={fp.test_id or '-'}")
    return "\n".join(names)


def _allowlist_findings(source: str) -> Counter[str]:
    return Counter(f.code for f in critique_source(source, untrusted=True).findings if f.code.startswith("SA2"))


def model_patch(source: str, answer: MedicAnswer) -> tuple[Patch | None, str]:
    """The model's own edits as a patch, or None and why they were dropped."""
    lines = source.split("\n")
    edits = []
    for edit in answer.edits:
        if not 1 <= edit.line <= len(lines):
            return None, f"line {edit.line} is not in the file"
        old = lines[edit.line - 1]
        problem = edit_problem(old, edit.new)
        if problem:
            return None, f"line {edit.line}: {problem}"
        edits.append(Edit(line=edit.line, old=old, new=edit.new))
    if not edits:
        return None, ""
    patch = Patch(kind=PatchKind.LOCATOR, edits=edits, rationale=f"model: {answer.rationale or 'proposed edit'}")
    try:
        patched = apply(source, patch)
    except ValueError as exc:
        return None, str(exc)
    added = _allowlist_findings(patched) - _allowlist_findings(source)
    if added:
        return None, f"it adds {', '.join(sorted(added))} findings (code generated tests may not run)"
    return patch, ""


async def rank(
    brains: Brains, diagnosis: Diagnosis, source: str, result: TestResult, allowance: Allowance
) -> tuple[Diagnosis, ModelUse]:
    failure = result.failure
    line = failure.line if failure and failure.line else 1
    candidates = diagnosis.patches[:MAX_CANDIDATES]
    listed = "\n".join(
        f"{n}. {p.rationale} — " + "; ".join(f"line {e.line}: {e.new.strip()}" for e in p.edits)
        for n, p in enumerate(candidates, 1)
    )
    message = failure.message.split("\n")[0] if failure and failure.message else ""
    prompt = (
        f"Failure ({failure.kind.value if failure else 'unknown'}) at line {line}.\n\n"
        + untrusted("failure message (quotes page text)", message)
        + "\n\n"
        + untrusted("test lines around the failure, numbered (strings hold page text)", _numbered(source, line))
        + "\n\n"
        + untrusted("candidate patches (locators hold page text)", listed or "(none)")
        + "\n\n"
        + untrusted("elements on the page at the moment of failure", _elements(result))
    )
    outcome, use = await brains.ask("medic", prompt, MedicAnswer, allowance, instructions=INSTRUCTIONS)
    if not outcome.ok or outcome.value is None:
        return diagnosis, use
    answer = outcome.value
    patches = list(diagnosis.patches)
    if answer.choice is not None and 1 <= answer.choice <= len(candidates):
        patches.insert(0, patches.pop(answer.choice - 1))
        use.detail = f"tries candidate {answer.choice} first: {answer.rationale}"
    own, dropped = model_patch(source, answer)
    if own is not None:
        patches.append(own)
        use.detail = (use.detail + "; " if use.detail else "") + "proposed its own edit"
    elif dropped:
        use.detail = (use.detail + "; " if use.detail else "") + f"its own edit was dropped: {dropped}"
    return diagnosis.model_copy(update={"patches": patches}), use
