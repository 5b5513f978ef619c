"""``AgentCalls`` inside a workflow: every agent call is an activity on that agent's task queue.

Runs in the workflow sandbox, so it must stay deterministic: the clock is the workflow's, ids come from the
workflow's seeded random, and events are kept in workflow memory (the ``progress`` query reads them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any, TypeVar, cast

from temporalio import workflow
from temporalio.common import RetryPolicy

from superagent.agents.medic import Diagnosis
from superagent.critical import is_critical
from superagent.events import Event
from superagent.job_models import JobSpec
from superagent.llm.brains import Allowance, JobBudget, ModelUse
from superagent.models import (
    Critique,
    FlowNotFound,
    Patch,
    Request,
    ReviewItem,
    RunReport,
    TestCase,
    TestResult,
    Verdict,
)
from superagent.orchestration.models import (
    CommitInput,
    Critiqued,
    CritiqueInput,
    Diagnosed,
    DiagnoseInput,
    Judged,
    JudgeInput,
    LintInput,
    ReviewInput,
    Revised,
    ReviseInput,
    RunInput,
    StageInput,
    WriteInput,
    Written,
)
from superagent.orchestration.steps import model_event

T = TypeVar("T")
R = TypeVar("R")

# Bad input and a missing browser do not get better by retrying; everything else (a crash, a lost worker, a
# timeout) is retried up to the policy's attempts.
NON_RETRYABLE = [
    "UsageError",
    "BadURLError",
    "UnknownRequestError",
    "TestFileError",
    "BrowserNotFoundError",
    "SandboxError",
    "ValidationError",
]


class TemporalAgentCalls:
    def __init__(self, spec: JobSpec, events: list[dict[str, Any]]) -> None:
        self.spec = spec
        self.policy = spec.policy
        self.events = events
        self.runs = 0
        self.staged: list[str] = []
        self.reviewed: dict[str, ReviewItem] = {}
        self.budget = JobBudget.open(spec.job_id, spec.budget, spec.flows)

    async def _with_model(
        self, agent: str, flow: str, call: Callable[[Allowance], Awaitable[tuple[R, ModelUse | None]]], **grant: Any
    ) -> R:
        """One agent call with a share of the job's budget (held here, in the workflow), settled with its spend."""
        return await self.budget.within(agent, flow, call, self._on_use, **grant)

    async def _on_use(self, flow: str, use: ModelUse) -> None:
        await self.emit(model_event(flow, use))

    def _retry(self) -> RetryPolicy:
        return RetryPolicy(
            initial_interval=timedelta(seconds=1),
            backoff_coefficient=2.0,
            maximum_interval=timedelta(seconds=30),
            maximum_attempts=max(self.policy.attempts, 1),
            non_retryable_error_types=NON_RETRYABLE,
        )

    async def call_activity(
        self, agent: str, name: str, arg: Any, result_type: type[T], *, minutes: float = 5, heartbeat: bool = False
    ) -> T:
        result = await workflow.execute_activity(
            name,
            arg,
            result_type=result_type,
            task_queue=self.policy.queue(agent),
            start_to_close_timeout=timedelta(minutes=minutes),
            heartbeat_timeout=timedelta(seconds=self.policy.heartbeat_timeout_s) if heartbeat else None,
            retry_policy=self._retry(),
        )
        return cast(T, result)

    def now(self) -> float:
        return workflow.time()

    async def write(self, request: Request) -> TestCase | FlowNotFound:
        async def call(allowance: Allowance) -> tuple[TestCase | FlowNotFound, ModelUse | None]:
            given = WriteInput(
                job_id=self.spec.job_id,
                request=request,
                username=self.spec.username,
                password_env=self.spec.password_env,
                allowance=allowance,
            )
            written = await self.call_activity("writer", "write", given, Written, heartbeat=True)
            found = written.case or written.not_found
            assert found is not None
            return found, written.use

        return await self._with_model("writer", request.label, call, tier=request.tier, critical=request.critical)

    async def revise(self, case: TestCase, critique: Critique) -> TestCase | None:
        revised = await self.call_activity("writer", "revise", ReviseInput(case=case, critique=critique), Revised)
        return revised.case

    async def critique(self, case: TestCase) -> Critique:
        async def call(allowance: Allowance) -> tuple[Critique, ModelUse | None]:
            given = CritiqueInput(case=case, allowance=allowance)
            critiqued = await self.call_activity("critic", "critique", given, Critiqued)
            return critiqued.critique, critiqued.use

        return await self._with_model("critic", case.flow.value, call)

    async def save(self, case: TestCase) -> str:
        return await self.call_activity("writer", "save", case, str)

    async def run(self, paths: Sequence[str], base_url: str | None) -> RunReport:
        self.runs += 1
        given = RunInput(
            job_id=self.spec.job_id,
            run_no=self.runs,
            paths=list(paths),
            base_url=base_url,
            runner_env=self.spec.runner_env,
            staged=list(self.staged),
        )
        minutes = (self.policy.run_timeout_s + 60) / 60
        return await self.call_activity("runner", "run", given, RunReport, minutes=minutes, heartbeat=True)

    async def validate(self, result: TestResult) -> Verdict:
        async def call(allowance: Allowance) -> tuple[Verdict, ModelUse | None]:
            given = JudgeInput(result=result, allowance=allowance)
            judged = await self.call_activity("validator", "validate", given, Judged, heartbeat=True)
            return judged.verdict, judged.use

        critical = is_critical(result.file or result.nodeid, None)
        return await self._with_model("validator", result.nodeid, call, critical=critical)

    async def emit(self, event: Event) -> None:
        stamped = event.model_copy(update={"at": workflow.now().isoformat()})
        self.events.append({"kind": event.kind, **stamped.model_dump(mode="json")})

    async def lint(self, path: str, source: str) -> Critique:
        return await self.call_activity("critic", "lint", LintInput(path=path, source=source), Critique)

    async def diagnose(self, test_file: str, source: str, result: TestResult) -> Diagnosis:
        async def call(allowance: Allowance) -> tuple[Diagnosis, ModelUse | None]:
            given = DiagnoseInput(test_file=test_file, source=source, result=result, allowance=allowance)
            diagnosed = await self.call_activity("medic", "diagnose", given, Diagnosed)
            return diagnosed.diagnosis, diagnosed.use

        return await self._with_model("medic", test_file, call)

    async def stage(self, test_file: str, source: str) -> str:
        given = StageInput(test_file=test_file, source=source, job_id=self.spec.job_id)
        path = await self.call_activity("medic", "stage", given, str)
        self.staged.append(path)
        return path

    async def unstage(self) -> None:
        await self.call_activity("medic", "unstage", list(self.staged), type(None))
        self.staged.clear()

    async def read(self, test_file: str) -> str:
        return await self.call_activity("medic", "read", test_file, str)

    async def commit(
        self, test_file: str, source: str, patches: Sequence[Patch], expected: str | None = None
    ) -> str | None:
        if self.spec.dry_run:
            return None
        given = CommitInput(test_file=test_file, source=source, patches=list(patches), expected=expected)
        return await self.call_activity("medic", "commit", given, cast(type[str | None], str | None))

    async def review(self, item: ReviewItem) -> ReviewItem:
        if not item.id:  # a deterministic id: a retried activity stores the same item, never a second one
            item = item.model_copy(update={"id": f"r-{workflow.uuid4().hex[:6]}", "created_at": workflow.now()})
        given = ReviewInput(job_id=self.spec.job_id, item=item)
        stored = await self.call_activity("medic", "review", given, ReviewItem)
        self.reviewed[stored.id] = stored
        return stored
