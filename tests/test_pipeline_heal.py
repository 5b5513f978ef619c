"""The healing loop's decisions (proof, rollback, progress, review), with Medic and the Runner scripted."""

from __future__ import annotations

from scripted_calls import SOURCE, ScriptedAgentCalls, failed_result

from superagent.agents.medic import Diagnosis
from superagent.models import (
    Edit,
    FailureKind,
    Patch,
    PatchKind,
)
from superagent.pipeline.heal import PROOF_RUNS, heal_tests


def _patch(new: str, line: int = 2, old: str = "    page.get_by_test_id('old').click()") -> Patch:
    return Patch(kind=PatchKind.LOCATOR, edits=[Edit(line=line, old=old, new=new)], rationale=f"use {new.strip()}")


def heal_double(diagnoses: list[Diagnosis], outcomes: dict[str, list[str]], bad_code: str = "") -> ScriptedAgentCalls:
    """Medic's answers in order; the run outcomes each candidate produces; code the Critic rejects."""
    return ScriptedAgentCalls(diagnoses=diagnoses, outcomes=outcomes, bad_code=bad_code)


async def test_a_patch_is_kept_only_after_three_passes_in_a_row() -> None:
    calls = heal_double([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], ["t/test_ok.py"], None)
    assert h.outcome == "healed"
    assert len(calls.runs) == PROOF_RUNS
    assert "get_by_role('button')" in calls.committed["t/test_x.py"]
    assert all("t/test_ok.py" in run for run in calls.runs[1:])  # regression checked while proving
    assert [a.outcome for a in h.attempts] == ["proven"]
    assert "+    page.get_by_role('button').click()" in h.diff()


async def test_a_proven_fix_for_a_file_changed_meanwhile_goes_to_review_instead() -> None:
    calls = heal_double([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed"]})  # fmt: skip
    calls.on_disk["t/test_x.py"] = SOURCE + "# a person's edit\n"
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], [], None)
    assert h.outcome == "review" and calls.committed == {}
    assert "changed on disk while Medic was healing it" in h.reason
    assert [item.reason for item in calls.reviews] == [h.reason]
    assert [a.outcome for a in calls.reviews[0].attempts] == ["proven"], "the person sees the proven fix"


async def test_a_wrong_candidate_is_rolled_back_and_the_next_one_tried() -> None:
    patches = [_patch("    page.get_by_text('decoy').click()"), _patch("    page.get_by_role('button').click()")]
    calls = heal_double([Diagnosis(kind=None, patches=patches)], {"decoy": ["failed:2"], "get_by_role": ["passed"]})
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], [], None)
    assert h.outcome == "healed"
    assert [a.outcome for a in h.attempts] == ["failed", "proven"]
    assert "decoy" not in calls.committed["t/test_x.py"]


async def test_a_flaky_candidate_is_not_kept() -> None:
    calls = heal_double([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed", "failed:2", "passed"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], [], None)
    assert h.outcome == "review"
    assert [a.outcome for a in h.attempts] == ["flaky"]
    assert calls.committed == {}
    assert calls.reviews and calls.reviews[0].attempts[0].outcome == "flaky"


async def test_a_candidate_the_critic_rejects_never_runs() -> None:
    calls = heal_double([Diagnosis(kind=None, patches=[_patch("    page.locator('div').nth(2).click()")])],
                       {"nth": ["passed"]}, bad_code="nth(2)")  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], [], None)
    assert h.outcome == "review"
    assert calls.runs == []
    assert h.attempts[0].outcome == "critic_rejected"


async def test_getting_further_is_progress_and_the_next_failure_is_healed_too() -> None:
    first = _patch("    page.get_by_role('button').click()")
    second = _patch("    page.get_by_role('link').click()", line=3, old="    page.get_by_test_id('next').click()")
    calls = heal_double([Diagnosis(kind=None, patches=[first]), Diagnosis(kind=None, patches=[second])],
                       {"get_by_role('link')": ["passed"], "get_by_role('button')": ["failed:3"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], [], None)
    assert h.outcome == "healed"
    assert [a.outcome for a in h.attempts] == ["progress", "proven"]
    assert "get_by_role('button')" in calls.committed["t/test_x.py"]
    assert "get_by_role('link')" in calls.committed["t/test_x.py"]


async def test_three_failed_attempts_send_the_test_to_review_with_every_attempt() -> None:
    patches = [_patch(f"    page.get_by_text('try{n}').click()") for n in range(5)]
    calls = heal_double([Diagnosis(kind=None, patches=patches)], {"try": ["failed:2"]})
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], [], None)
    assert h.outcome == "review"
    assert len(h.attempts) == 3 and len(calls.runs) == 3
    (item,) = calls.reviews
    assert [a.outcome for a in item.attempts] == ["failed"] * 3
    assert item.test_id == "t/test_x.py::test_x"


async def test_a_regression_in_the_suite_rolls_the_patch_back() -> None:
    calls = heal_double([Diagnosis(kind=None, patches=[_patch("    page.get_by_role('button').click()")])],
                       {"get_by_role": ["passed"]})  # fmt: skip
    calls.passing_fails = True
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], ["t/test_ok.py"], None)
    assert h.outcome == "review"
    assert "regression" in [a.outcome for a in h.attempts]
    assert calls.committed == {}


async def test_an_unhealable_failure_goes_straight_to_review_with_the_suggestion() -> None:
    suggestion = _patch("    expect(x).to_have_text('new')")
    diagnosis = Diagnosis(kind=FailureKind.ASSERTION, review_reason="assertion failed", suggestion=suggestion)
    calls = heal_double([diagnosis], {})
    (h,) = await heal_tests(
        calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py", kind=FailureKind.ASSERTION))], [], None
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
    calls = heal_double([Diagnosis(kind=None, patches=[combined, narrow])],
                       {"guess": ["failed:3"], "name='Go'": ["passed"]})  # fmt: skip
    (h,) = await heal_tests(calls, [("t/test_x.py", SOURCE, failed_result("t/test_x.py"))], [], None)
    assert [a.outcome for a in h.attempts] == ["failed", "proven"]
    assert "guess" not in calls.committed["t/test_x.py"]
