"""The pipeline's decisions, with the agents replaced at the AgentCalls boundary by a scripted double."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from superagent.events import Event
from superagent.models import (
    Critique,
    Finding,
    FlowKind,
    FlowNotFound,
    Intent,
    Plan,
    Request,
    RunReport,
    TestCase,
    TestResult,
    Verdict,
)
from superagent.pipeline import check_tests, create_tests


def _request(flow: FlowKind) -> Request:
    return Request(text=f"test {flow.value}", intent=Intent.CREATE_TEST, url="http://127.0.0.1:9", flow=flow)


def _case(flow: FlowKind, code: str = "good") -> TestCase:
    plan = Plan(flow=flow, title=flow.value)
    return TestCase(flow=flow, name=f"test_{flow.value}", path=f"t/test_{flow.value}.py", code=code, plan=plan,
                    base_url="http://127.0.0.1:9")  # fmt: skip


class ScriptedCalls:
    """Answers like the agents would, from a script; records what the pipeline asked for."""

    def __init__(
        self, *, bad_until_revision: int = 0, revisable: bool = True, missing: Sequence[FlowKind] = ()
    ) -> None:
        self.bad_until_revision = bad_until_revision
        self.revisable = revisable
        self.missing = set(missing)
        self.revisions = 0
        self.runs: list[list[str]] = []
        self.events: list[Event] = []
        self.fail: set[str] = set()

    async def write(self, request: Request) -> TestCase | FlowNotFound:
        assert request.flow is not None
        if request.flow in self.missing:
            return FlowNotFound(flow=request.flow, reason="no such thing", seen=["link 'Home'"])
        return _case(request.flow, "bad" if self.bad_until_revision else "good")

    async def revise(self, case: TestCase, critique: Critique) -> TestCase | None:
        if not self.revisable:
            return None
        self.revisions += 1
        return case.model_copy(update={"code": "good" if self.revisions >= self.bad_until_revision else "bad"})

    async def critique(self, case: TestCase) -> Critique:
        findings = []
        if case.code == "bad":
            findings = [Finding(path=case.path, line=3, col=5, code="SA104", message="nth", hint="filter")]
        return Critique(path=case.path, findings=findings)

    async def save(self, case: TestCase) -> str:
        return case.path

    async def run(self, paths: Sequence[str], base_url: str | None) -> RunReport:
        self.runs.append(list(paths))
        results = [
            TestResult(
                nodeid=f"{p}::test",
                file=str(Path(p).resolve()),
                outcome="failed" if any(f in p for f in self.fail) else "passed",
                browser_launched=True,
                screenshots=["shot.png"],
                duration_ms=900,
            )
            for p in paths
        ]
        return RunReport(run_id="r", exit_code=0, wall_ms=1000, results=results)

    async def validate(self, result: TestResult) -> Verdict:
        return Verdict(test_id=result.nodeid, passed=result.outcome == "passed")

    def now(self) -> float:
        return time.perf_counter()

    async def emit(self, event: Event) -> None:
        self.events.append(event)


async def test_every_flow_is_written_then_run_in_one_batch_and_validated() -> None:
    calls = ScriptedCalls()
    report = await create_tests(calls, [_request(FlowKind.LOGIN), _request(FlowKind.SEARCH)])
    assert report.ok
    assert calls.runs == [["t/test_login.py", "t/test_search.py"]]
    assert [f.status for f in report.flows] == ["validated", "validated"]
    kinds = [e.kind for e in calls.events if e.flow == "login"]
    assert kinds == ["TestWritten", "CritiqueGiven", "RunStarted", "RunFinished", "VerdictGiven"]


async def test_a_rejected_test_goes_back_to_the_writer_and_passes_after_revision() -> None:
    calls = ScriptedCalls(bad_until_revision=1)
    report = await create_tests(calls, [_request(FlowKind.LOGIN)], critic_retries=2)
    assert report.ok
    assert calls.revisions == 1
    assert [e.kind for e in calls.events].count("CritiqueGiven") == 2


async def test_a_rejection_that_cannot_be_fixed_never_reaches_the_runner() -> None:
    calls = ScriptedCalls(bad_until_revision=99)
    report = await create_tests(calls, [_request(FlowKind.LOGIN)], critic_retries=2)
    assert not report.ok
    assert report.flows[0].status == "rejected"
    assert "SA104" in report.flows[0].reason
    assert calls.revisions == 2  # bounded
    assert calls.runs == []


async def test_an_unrevisable_rejection_stops_at_once() -> None:
    calls = ScriptedCalls(bad_until_revision=1, revisable=False)
    report = await create_tests(calls, [_request(FlowKind.LOGIN)])
    assert report.flows[0].status == "rejected"
    assert calls.runs == []


async def test_a_missing_flow_is_reported_with_what_was_seen_and_others_still_run() -> None:
    calls = ScriptedCalls(missing=[FlowKind.CHECKOUT])
    report = await create_tests(calls, [_request(FlowKind.CHECKOUT), _request(FlowKind.LOGIN)])
    checkout, login = report.flows
    assert checkout.status == "not_found" and checkout.seen == ["link 'Home'"]
    assert login.status == "validated"
    assert calls.runs == [["t/test_login.py"]]
    assert not report.ok


async def test_a_failing_test_is_a_result_not_an_error() -> None:
    calls = ScriptedCalls()
    calls.fail = {"search"}
    report = await create_tests(calls, [_request(FlowKind.LOGIN), _request(FlowKind.SEARCH)], heal=False)
    assert [f.status for f in report.flows] == ["validated", "failed"]


async def test_checking_existing_tests_judges_each_result() -> None:
    calls = ScriptedCalls()
    calls.fail = {"b"}
    report = await check_tests(calls, ["a.py", "b.py"], None, judge=True)
    assert [(f.test_file, f.status) for f in report.flows] == [("a.py", "validated"), ("b.py", "failed")]
    assert calls.runs == [["a.py", "b.py"]]
