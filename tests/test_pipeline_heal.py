"""The healing loop's decisions (proof, rollback, progress, review), with Medic and the Runner scripted."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from superagent.agents.medic import Diagnosis
from superagent.events import Event
from superagent.models import (
    Critique,
    Edit,
    Failure,
    FailureKind,
    Finding,
    Patch,
    PatchKind,
    ReviewItem,
    RunReport,
    TestResult,
    Verdict,
)
from superagent.pipeline.heal import PROOF_RUNS, heal_tests

SOURCE = "def test_x(page):\n    page.get_by_test_id('old').click()\n    page.get_by_test_id('next').click()\n"


def _patch(new: str, line: int = 2, old: str = "    page.get_by_test_id('old').click()") -> Patch:
    return Patch(kind=PatchKind.LOCATOR, edits=[Edit(line=line, old=old, new=new)], rationale=f"use {new.strip()}")


def _failed(path: str, line: int = 2, kind: FailureKind = FailureKind.SELECTOR_NOT_FOUND) -> TestResult:
    return TestResult(
        nodeid=f"{path}::test_x",
        file=str(Path(path).resolve()),
        outcome="failed",
        browser_launched=True,
        failure=Failure(kind=kind, message="waiting for locator", line=line),
    )


class HealDouble:
    """Scripted Medic/Runner/Critic: ``outcomes`` maps a candidate's text to the run outcomes it produces."""

    def __init__(self, diagnoses: list[Diagnosis], outcomes: dict[str, list[str]], bad_code: str = "") -> None:
        self.diagnoses = diagnoses
        self.outcomes = outcomes
        self.bad_code = bad_code
        self.staged: dict[str, str] = {}
        self.runs: list[list[str]] = []
        self.committed: dict[str, str] = {}
        self.reviews: list[ReviewItem] = []
        self.events: list[Event] = []
        self.passing_fails = False
        self.on_disk: dict[str, str] = {}  # a test's text as another writer left it while healing ran

    async def lint(self, path: str, source: str) -> Critique:
        findings = [Finding(path=path, line=2, col=1, code="SA104", message="nth", hint="filter")]
        return Critique(path=path, findings=findings if self.bad_code and self.bad_code in source else [])

    async def diagnose(self, test_file: str, source: str, result: TestResult) -> Diagnosis:
        return self.diagnoses.pop(0)

    async def stage(self, test_file: str, source: str) -> str:
        path = f"staged_{Path(test_file).name}"
        self.staged[path] = source
        return path

    async def unstage(self) -> None:
        self.staged.clear()

    async def commit(
        self, test_file: str, source: str, patches: Sequence[Patch], expected: str | None = None
    ) -> str | None:
        if expected is not None and self.on_disk.get(test_file, expected) != expected:
            return f"the proven fix was not applied: {test_file} changed on disk while Medic was healing it"
        self.committed[test_file] = source
        return None

    async def review(self, item: ReviewItem) -> ReviewItem:
        item = item.model_copy(update={"id": f"r-{len(self.reviews) + 1}"})
        self.reviews.append(item)
        return item

    async def read(self, test_file: str) -> str:
        return SOURCE

    async def run(self, paths: Sequence[str], base_url: str | None) -> RunReport:
        self.runs.append(list(paths))
        results = []
        for path in paths:
            if path in self.staged:
                script = next(v for k, v in self.outcomes.items() if k in self.staged[path])
                outcome = script.pop(0) if len(script) > 1 else script[0]
                if outcome == "passed":
                    results.append(TestResult(nodeid=f"{path}::t", file=str(Path(path).resolve()), outcome="passed"))
                else:
                    results.append(_failed(path, line=int(outcome.split(":")[1])))
            else:
                outcome = "failed" if self.passing_fails else "passed"
                results.append(TestResult(nodeid=f"{path}::t", file=str(Path(path).resolve()), outcome=outcome))  # type: ignore[arg-type]
        return RunReport(run_id="r", exit_code=0, wall_ms=1, results=results)

    async def validate(self, result: TestResult) -> Verdict:
        return Verdict(test_id=result.nodeid, passed=result.outcome == "passed")

    def now(self) -> float:
        return time.perf_counter()

    async def emit(self, event: Event) -> None:
        self.events.append(event)


async def test_a_patch_is_kept_only_after_three_passes_in_a_row() -> None:
    calls = HealDouble([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], ["t/test_ok.py"], None)
    assert h.outcome == "healed"
    assert len(calls.runs) == PROOF_RUNS
    assert "get_by_role('button')" in calls.committed["t/test_x.py"]
    assert all("t/test_ok.py" in run for run in calls.runs[1:])  # regression checked while proving
    assert [a.outcome for a in h.attempts] == ["proven"]
    assert "+    page.get_by_role('button').click()" in h.diff()


async def test_a_proven_fix_for_a_file_changed_meanwhile_goes_to_review_instead() -> None:
    calls = HealDouble([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed"]})  # fmt: skip
    calls.on_disk["t/test_x.py"] = SOURCE + "# a person's edit\n"
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], [], None)
    assert h.outcome == "review" and calls.committed == {}
    assert "changed on disk while Medic was healing it" in h.reason
    assert [item.reason for item in calls.reviews] == [h.reason]
    assert [a.outcome for a in calls.reviews[0].attempts] == ["proven"], "the person sees the proven fix"


async def test_a_wrong_candidate_is_rolled_back_and_the_next_one_tried() -> None:
    patches = [_patch("    page.get_by_text('decoy').click()"), _patch("    page.get_by_role('button').click()")]
    calls = HealDouble([Diagnosis(kind=None, patches=patches)], {"decoy": ["failed:2"], "get_by_role": ["passed"]})
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], [], None)
    assert h.outcome == "healed"
    assert [a.outcome for a in h.attempts] == ["failed", "proven"]
    assert "decoy" not in calls.committed["t/test_x.py"]


async def test_a_flaky_candidate_is_not_kept() -> None:
    calls = HealDouble([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed", "failed:2", "passed"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], [], None)
    assert h.outcome == "review"
    assert [a.outcome for a in h.attempts] == ["flaky"]
    assert calls.committed == {}
    assert calls.reviews and calls.reviews[0].attempts[0].outcome == "flaky"


async def test_a_candidate_the_critic_rejects_never_runs() -> None:
    calls = HealDouble([Diagnosis(kind=None, patches=[_patch("    page.locator('div').nth(2).click()")])],
                       {"nth": ["passed"]}, bad_code="nth(2)")  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], [], None)
    assert h.outcome == "review"
    assert calls.runs == []
    assert h.attempts[0].outcome == "critic_rejected"


async def test_getting_further_is_progress_and_the_next_failure_is_healed_too() -> None:
    first = _patch("    page.get_by_role('button').click()")
    second = _patch("    page.get_by_role('link').click()", line=3, old="    page.get_by_test_id('next').click()")
    calls = HealDouble([Diagnosis(kind=None, patches=[first]), Diagnosis(kind=None, patches=[second])],
                       {"get_by_role('link')": ["passed"], "get_by_role('button')": ["failed:3"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], [], None)
    assert h.outcome == "healed"
    assert [a.outcome for a in h.attempts] == ["progress", "proven"]
    assert "get_by_role('button')" in calls.committed["t/test_x.py"]
    assert "get_by_role('link')" in calls.committed["t/test_x.py"]


async def test_three_failed_attempts_send_the_test_to_review_with_every_attempt() -> None:
    patches = [_patch(f"    page.get_by_text('try{n}').click()") for n in range(5)]
    calls = HealDouble([Diagnosis(kind=None, patches=patches)], {"try": ["failed:2"]})
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], [], None)
    assert h.outcome == "review"
    assert len(h.attempts) == 3 and len(calls.runs) == 3
    (item,) = calls.reviews
    assert [a.outcome for a in item.attempts] == ["failed"] * 3
    assert item.test_id == "t/test_x.py::test_x"


async def test_a_regression_in_the_suite_rolls_the_patch_back() -> None:
    calls = HealDouble([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed"]})  # fmt: skip
    calls.passing_fails = True
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], ["t/test_ok.py"], None)
    assert h.outcome == "review"
    assert "regression" in [a.outcome for a in h.attempts]
    assert calls.committed == {}


async def test_an_unhealable_failure_goes_straight_to_review_with_the_suggestion() -> None:
    suggestion = _patch("    expect(x).to_have_text('new')")
    diagnosis = Diagnosis(kind=FailureKind.ASSERTION, review_reason="assertion failed", suggestion=suggestion)
    calls = HealDouble([diagnosis], {})
    (h,) = await heal_tests(
        calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py", kind=FailureKind.ASSERTION))], [], None
    )
    assert h.outcome == "review" and calls.runs == []
    (item,) = calls.reviews
    assert item.suggestion == suggestion and item.reason == "assertion failed"
    assert calls.committed == {}


async def test_failing_on_a_line_the_patch_rewrote_is_not_progress() -> None:
    """A combined patch that also rewrote a later line, which then fails, was wrong there: the next (narrower)
    candidate is tried instead of building on it."""
    combined = Patch(
        kind=PatchKind.LOCATOR,
        edits=[
            Edit(line=2, old="    page.get_by_test_id('old').click()", new="    page.get_by_role('button').click()"),
            Edit(line=3, old="    page.get_by_test_id('next').click()", new="    page.get_by_text('guess').click()"),
        ],
        rationale="both",
    )
    narrow = _patch("    page.get_by_role('button', name='Go').click()")
    calls = HealDouble([Diagnosis(kind=None, patches=[combined, narrow])],
                       {"guess": ["failed:3"], "name='Go'": ["passed"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, _failed("t/test_x.py"))], [], None)
    assert [a.outcome for a in h.attempts] == ["failed", "proven"]
    assert "guess" not in calls.committed["t/test_x.py"]
