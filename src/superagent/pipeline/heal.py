"""Healing with proof: the decision logic that turns Medic's proposals into proven fixes or review items.

Rounds run every candidate in one pytest batch. A candidate is kept only when the Critic accepts it, it passes
three runs in a row, and the tests that passed before still pass; otherwise it is rolled back and the next one
tried. A candidate that gets further than before (fails on a later line) is progress: Medic looks at the new
failure. After three failed attempts, or when nothing is left to try, the test goes to the review queue.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from superagent.agents.medic import Diagnosis, apply
from superagent.events import PatchProposed, PatchProven, PatchRejected, SentToReview
from superagent.models import Attempt, Patch, ReviewItem, TestResult
from superagent.pipeline.calls import AgentCalls, FlowReport

PROOF_RUNS = 3
MAX_FAILED_ATTEMPTS = 3
MAX_ROUNDS = 12


@dataclass
class Healing:
    """One failing test on its way to a proven fix or to a person."""

    test_file: str
    original: str
    result: TestResult
    source: str = ""
    pending: list[Patch] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    current: Patch | None = None
    applied: list[Patch] = field(default_factory=list)
    candidate: str | None = None
    passes: int = 0
    failed_attempts: int = 0
    outcome: str = "active"  # active | healed | review
    reason: str = ""
    suggestion: Patch | None = None
    review_id: str | None = None
    proof: TestResult | None = None  # the last passing run of the proven candidate
    test_id: str = ""  # the original test's id (candidates run under a staged file name)

    @property
    def flow(self) -> str:
        return self.test_file

    def diff(self) -> str:
        final = self.candidate if self.outcome == "healed" and self.candidate else self.source
        return "".join(
            difflib.unified_diff(
                _lines(self.original),
                _lines(final),
                fromfile=f"a/{self.test_file}",
                tofile=f"b/{self.test_file}",
            )
        )


def _lines(source: str) -> list[str]:
    """Lines as Python counts them, ends kept: only "\\n" ends one (U+2028 in a string literal does not)."""
    parts = source.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


async def _take(calls: AgentCalls, h: Healing) -> None:
    """Move to the next candidate that the Critic accepts, or give up."""
    while h.pending and h.failed_attempts < MAX_FAILED_ATTEMPTS:
        patch = h.pending.pop(0)
        try:
            candidate = apply(h.source, patch)
        except ValueError as exc:
            h.attempts.append(Attempt(patch=patch, outcome="failed", detail=str(exc)))
            continue
        critique = await calls.lint(h.test_file, candidate)
        if not critique.accepted:
            h.failed_attempts += 1
            codes = ", ".join(f.code for f in critique.findings)
            h.attempts.append(Attempt(patch=patch, outcome="critic_rejected", detail=codes))
            await calls.emit(PatchRejected(flow=h.flow, agent="Critic", message=f"patch rejected: {codes}"))
            continue
        h.current, h.candidate, h.passes = patch, candidate, 0
        await calls.emit(PatchProposed(flow=h.flow, agent="Medic", message=patch.rationale))
        return
    h.current = h.candidate = None
    h.outcome = "review"
    h.reason = h.reason or (f"{h.failed_attempts} failed attempt(s)" if h.failed_attempts else "nothing safe to try")


def _changed_lines(patch: Patch) -> set[int]:
    """Lines of the patched file that a patch rewrote (a failure there is the patch's own fault, not progress)."""
    removed = sorted(e.line for e in patch.edits if not e.new)
    return {e.line - sum(1 for r in removed if r < e.line) for e in patch.edits if e.new}


def _line(result: TestResult) -> int:
    return result.failure.line if result.failure and result.failure.line else 0


async def _settle_result(calls: AgentCalls, h: Healing, result: TestResult | None, regression: bool) -> None:
    assert h.current is not None and h.candidate is not None
    if result is not None and result.outcome == "passed" and not regression:
        h.passes += 1
        h.proof = result
        if h.passes >= PROOF_RUNS:
            h.attempts.append(Attempt(patch=h.current, outcome="proven", detail=f"passed {PROOF_RUNS} runs in a row"))
            h.applied.append(h.current)
            h.outcome = "healed"
            await calls.emit(PatchProven(flow=h.flow, agent="Medic", message=f"proven: {h.current.rationale}"))
        return
    if result is not None and result.outcome == "passed":
        h.failed_attempts += 1
        h.attempts.append(Attempt(patch=h.current, outcome="regression", detail="a test that passed before failed"))
    elif h.passes:
        h.failed_attempts += 1
        h.attempts.append(Attempt(patch=h.current, outcome="flaky", detail=f"failed after {h.passes} pass(es)"))
    elif result is not None and _line(result) > _line(h.result) and _line(result) not in _changed_lines(h.current):
        # Got further: keep this patch and look at the next failure.
        h.attempts.append(Attempt(patch=h.current, outcome="progress", detail=f"now fails at line {_line(result)}"))
        h.applied.append(h.current)
        h.source, h.result = h.candidate, result
        diagnosis = await calls.diagnose(h.test_file, h.source, result)
        h.pending, h.reason, h.suggestion = diagnosis.patches, diagnosis.review_reason or "", diagnosis.suggestion
        h.current = h.candidate = None
        if not h.pending:
            h.outcome = "review"
            return
        await _take(calls, h)
        return
    else:
        h.failed_attempts += 1
        detail = result.failure.message.splitlines()[0] if result and result.failure else "no result"
        h.attempts.append(Attempt(patch=h.current, outcome="failed", detail=detail))
        if result is not None:
            h.result = result
    await calls.emit(PatchRejected(flow=h.flow, agent="Medic", message=f"rolled back: {h.attempts[-1].outcome}"))
    await _take(calls, h)


async def heal_tests(
    calls: AgentCalls, failing: Sequence[tuple[str, str, TestResult]], passing: Sequence[str], base_url: str | None
) -> list[Healing]:
    """Heal each ``(test_file, source, failed result)``; ``passing`` are the suite's tests that must keep passing."""
    healings = [Healing(test_file=f, original=src, source=src, result=r, test_id=r.nodeid) for f, src, r in failing]
    for h in healings:
        diagnosis: Diagnosis = await calls.diagnose(h.test_file, h.source, h.result)
        h.pending, h.reason, h.suggestion = diagnosis.patches, diagnosis.review_reason or "", diagnosis.suggestion
        await _take(calls, h)
    for _ in range(MAX_ROUNDS):
        active = [h for h in healings if h.outcome == "active" and h.candidate is not None]
        if not active:
            break
        staged = {await calls.stage(h.test_file, h.candidate or ""): h for h in active}
        proving = any(h.passes for h in active)
        report = await calls.run([*staged, *(passing if proving else [])], base_url)
        regression = proving and any(r.outcome != "passed" for p in passing for r in report.for_file(p))
        for path, h in staged.items():
            results = report.for_file(path)
            await _settle_result(calls, h, results[0] if results else None, regression and h.passes > 0)
    for h in healings:
        if h.outcome == "active":
            h.outcome, h.reason = "review", h.reason or "ran out of rounds"
        if h.outcome == "healed" and h.candidate:
            refused = await calls.commit(h.test_file, h.candidate, h.applied, expected=h.original)
            if refused:  # the file changed under us: a person compares the proven fix with the new text
                h.outcome, h.reason = "review", refused
        if h.outcome == "review":
            item = await calls.review(_review_item(h, base_url))
            h.review_id = item.id
            await calls.emit(SentToReview(flow=h.flow, agent="Medic", message=f"review {item.id}: {h.reason}"))
    await calls.unstage()
    return healings


def _review_item(h: Healing, base_url: str | None) -> ReviewItem:
    r = h.result
    return ReviewItem(
        id="",
        test_file=h.test_file,
        test_id=h.test_id,
        base_url=base_url,
        reason=h.reason,
        failure=r.failure,
        attempts=h.attempts,
        suggestion=h.suggestion,
        screenshots=r.screenshots,
        trace=r.trace,
        console_errors=r.console_errors + r.page_errors,
        network_failures=r.failed_requests,
    )


async def heal_failures(calls: AgentCalls, reports: Sequence[FlowReport], base_url: str | None) -> None:
    """Heal every failed flow of a job in place: proven fixes are re-judged, the rest go to review."""
    failing = [r for r in reports if r.status == "failed" and r.result is not None and r.test_file]
    if not failing:
        return
    passing = [r.test_file for r in reports if r.status == "validated" and r.test_file]
    work = [(r.test_file or "", await calls.read(r.test_file or ""), r.result) for r in failing if r.result]
    healings = await heal_tests(calls, work, passing, base_url)
    for report, h in zip(failing, healings, strict=True):
        report.diff = h.diff()
        if h.outcome == "healed" and h.proof is not None:
            report.healed = True
            report.result = h.proof
            report.verdict = await calls.validate(h.proof)
            report.status = "validated" if report.verdict.passed else "failed"
            report.reason = "healed — " + "; ".join(p.rationale for p in h.applied)
        else:
            report.status = "in_review"
            report.result = h.result  # the failure as it stands after any progress
            report.review_id = h.review_id
            report.reason = f"sent to review {h.review_id}: {h.reason}"
