"""One scripted ``AgentCalls`` for the pipeline's tests: it answers like the agents and the world would, from a
script, and records what the decision logic asked for. Writing (``write``/``revise``/``critique``/``save``),
running (``run``/``validate``) and healing (``lint``/``diagnose``/``stage``/``commit``/``review``/``read``) share
one double, so both halves of the pipeline are tested against the same interface the executors implement."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from superagent.agents.medic import Diagnosis
from superagent.events import Event
from superagent.models import (
    Critique,
    Failure,
    FailureKind,
    Finding,
    FlowKind,
    FlowNotFound,
    Patch,
    Plan,
    Request,
    ReviewItem,
    RunReport,
    TestCase,
    TestResult,
    Verdict,
)

SOURCE = "def test_x(page):\n    page.get_by_test_id('old').click()\n    page.get_by_test_id('next').click()\n"


def written_case(flow: FlowKind, code: str = "good") -> TestCase:
    plan = Plan(flow=flow, title=flow.value)
    return TestCase(flow=flow, name=f"test_{flow.value}", path=f"t/test_{flow.value}.py", code=code, plan=plan,
                    base_url="http://127.0.0.1:9")  # fmt: skip


def failed_result(path: str, line: int = 2, kind: FailureKind = FailureKind.SELECTOR_NOT_FOUND) -> TestResult:
    return TestResult(
        nodeid=f"{path}::test_x",
        file=str(Path(path).resolve()),
        outcome="failed",
        browser_launched=True,
        failure=Failure(kind=kind, message="waiting for locator", line=line),
    )


class ScriptedAgentCalls:
    """``bad_until_revision``: the writer's code is rejected until revised that often (``revisable``: whether it
    can be); ``missing``: flows the page does not have; ``fail``: paths whose runs fail. Healing: ``diagnoses``
    are Medic's answers in order; ``outcomes`` maps text in a staged candidate to the run outcomes it produces
    ("passed" or "failed:<line>"); the Critic rejects a candidate containing ``bad_code``."""

    def __init__(
        self, *, bad_until_revision: int = 0, revisable: bool = True, missing: Sequence[FlowKind] = (),
        fail: Sequence[str] = (), diagnoses: Sequence[Diagnosis] = (), outcomes: Mapping[str, list[str]] | None = None,
        bad_code: str = "", source: str = SOURCE,
    ) -> None:  # fmt: skip
        self.bad_until_revision = bad_until_revision
        self.revisable = revisable
        self.missing = set(missing)
        self.fail = set(fail)
        self.diagnoses = list(diagnoses)
        self.outcomes = {k: list(v) for k, v in (outcomes or {}).items()}
        self.bad_code = bad_code
        self.source = source
        self.revisions = 0
        self.passing_fails = False  # tests that passed before now fail (a regression)
        self.runs: list[list[str]] = []
        self.events: list[Event] = []
        self.staged: dict[str, str] = {}
        self.committed: dict[str, str] = {}
        self.reviews: list[ReviewItem] = []
        self.on_disk: dict[str, str] = {}  # a test's text as another writer left it while healing ran

    def now(self) -> float:
        return time.perf_counter()

    async def emit(self, event: Event) -> None:
        self.events.append(event)

    # -- writing -------------------------------------------------------------------------------------------
    async def write(self, request: Request) -> TestCase | FlowNotFound:
        assert request.flow is not None
        if request.flow in self.missing:
            return FlowNotFound(flow=request.flow, reason="no such thing", seen=["link 'Home'"])
        return written_case(request.flow, "bad" if self.bad_until_revision else "good")

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

    # -- running -------------------------------------------------------------------------------------------
    async def run(self, paths: Sequence[str], base_url: str | None) -> RunReport:
        self.runs.append(list(paths))
        return RunReport(run_id="r", exit_code=0, wall_ms=1000, results=[self._result(p) for p in paths])

    def _result(self, path: str) -> TestResult:
        if path in self.staged:
            script = next(v for k, v in self.outcomes.items() if k in self.staged[path])
            outcome = script.pop(0) if len(script) > 1 else script[0]
            if outcome != "passed":
                return failed_result(path, line=int(outcome.split(":")[1]))
            return TestResult(nodeid=f"{path}::t", file=str(Path(path).resolve()), outcome="passed")
        failed = self.passing_fails or any(f in path for f in self.fail)
        return TestResult(
            nodeid=f"{path}::test",
            file=str(Path(path).resolve()),
            outcome="failed" if failed else "passed",
            browser_launched=True,
            screenshots=["shot.png"],
            duration_ms=900,
        )

    async def validate(self, result: TestResult) -> Verdict:
        return Verdict(test_id=result.nodeid, passed=result.outcome == "passed")

    # -- healing -------------------------------------------------------------------------------------------
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
        return self.source
