"""The inline executor: ``AgentCalls`` implemented by calling the agents in this process, and ``InlineExecutor``,
which runs a whole job that way."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from superagent.agents import critic, medic, writer
from superagent.critical import is_critical
from superagent.events import Event
from superagent.job_models import JobOutcome, JobRecord, JobSpec
from superagent.job_records import (
    fail_job,
    finish_job,
    job_status,
    open_job,
    record_event,
    resolve_credentials,
    summary,
)
from superagent.llm.brains import Allowance, Brains, JobBudget, ModelUse
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
from superagent.orchestration import steps
from superagent.pipeline.decide import check_tests, create_tests
from superagent.settings import Settings
from superagent.state.base import StateFactory, StateStore
from superagent.testkit.credentials import Credentials

EventSink = Callable[[Event], Awaitable[None] | None]
R = TypeVar("R")
ModelCall = Callable[[Allowance | None], Awaitable[tuple[R, ModelUse | None]]]


class InlineAgentCalls:
    """One job's agents, sharing one Chromium for exploration. Use as an async context manager."""

    def __init__(
        self,
        settings: Settings,
        *,
        job_id: str,
        state: StateStore | None = None,
        credentials: Credentials | None = None,
        runner_env: dict[str, str] | None = None,
        on_event: EventSink | None = None,
        dry_run: bool = False,
        brains: Brains | None = None,
        budget: JobBudget | None = None,
    ) -> None:
        self.settings = settings
        self.job_id = job_id
        self.state = state
        self.credentials = credentials
        self.runner_env = dict(runner_env or {})
        self.on_event = on_event
        self.dry_run = dry_run  # heal without changing test files
        self.browser = steps.SharedBrowser(settings)
        self.brains = brains
        self.budget = budget
        self._staged: list[str] = []
        self._runs = 0

    async def __aenter__(self) -> InlineAgentCalls:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.browser.aclose()

    def now(self) -> float:
        return time.perf_counter()

    async def _with_model(self, agent: str, flow: str, call: ModelCall[R], **grant: Any) -> R:
        """Run one agent call with a share of the job's budget, then settle it with what the call spent."""
        if self.brains is None or self.budget is None:
            result, _ = await call(None)
            return result
        return await self.budget.within(agent, flow, call, self._on_use, **grant)

    async def _on_use(self, flow: str, use: ModelUse) -> None:
        await self.emit(steps.model_event(flow, use))

    async def write(self, request: Request) -> TestCase | FlowNotFound:
        async def call(allowance: Allowance | None) -> tuple[TestCase | FlowNotFound, ModelUse | None]:
            return await steps.write(self.settings, self.browser, request, self.credentials, self.brains, allowance)

        return await self._with_model("writer", request.label, call, tier=request.tier, critical=request.critical)

    async def revise(self, case: TestCase, critique: Critique) -> TestCase | None:
        return writer.revise(case, critique)

    async def critique(self, case: TestCase) -> Critique:
        async def call(allowance: Allowance | None) -> tuple[Critique, ModelUse | None]:
            return await steps.critique(case, self.brains, allowance)

        return await self._with_model("critic", case.flow.value, call)

    async def save(self, case: TestCase) -> str:
        return str(writer.save(case))

    async def run(self, paths: Sequence[str], base_url: str | None) -> RunReport:
        self._runs += 1
        return await steps.run(
            self.settings, self.job_id, self._runs, paths, base_url, self.runner_env, staged=self._staged
        )

    async def validate(self, result: TestResult) -> Verdict:
        async def call(allowance: Allowance | None) -> tuple[Verdict, ModelUse | None]:
            return await steps.validate(self.settings, result, self.brains, allowance)

        critical = is_critical(result.file or result.nodeid, None)
        return await self._with_model("validator", result.nodeid, call, critical=critical)

    async def emit(self, event: Event) -> None:
        if self.state is not None:
            await record_event(self.state, self.job_id, event)
        if self.on_event is not None:
            maybe = self.on_event(event)
            if maybe is not None:
                await maybe

    # -- healing -------------------------------------------------------------------------------------------
    async def lint(self, path: str, source: str) -> Critique:
        return critic.critique_source(source, path)

    async def diagnose(self, test_file: str, source: str, result: TestResult) -> medic.Diagnosis:
        async def call(allowance: Allowance | None) -> tuple[medic.Diagnosis, ModelUse | None]:
            return await steps.diagnose(self.settings, test_file, source, result, self.brains, allowance)

        return await self._with_model("medic", test_file, call)

    async def stage(self, test_file: str, source: str) -> str:
        path = steps.stage(test_file, source, self.job_id)
        self._staged.append(path)
        return path

    async def unstage(self) -> None:
        steps.unstage(self._staged)
        self._staged.clear()

    async def read(self, test_file: str) -> str:
        return Path(test_file).read_text()

    async def commit(
        self, test_file: str, source: str, patches: Sequence[Patch], expected: str | None = None
    ) -> str | None:
        return None if self.dry_run else steps.commit(test_file, source, patches, expected)

    async def review(self, item: ReviewItem) -> ReviewItem:
        return await steps.review(self.state, self.job_id, item)


class InlineExecutor:
    """Runs a job in this process: the agents are called directly, the job's row and evidence kept as the durable
    executor keeps them."""

    name = "inline"

    def __init__(self, settings: Settings, open_state: StateFactory, brains: Callable[[StateStore], Brains]) -> None:
        self.settings = settings
        self.open_state = open_state
        self.brains = brains

    async def run(self, spec: JobSpec, on_event: EventSink | None = None) -> JobOutcome:
        credentials, _ = resolve_credentials(spec.username, spec.password_env)
        async with self.open_state() as state:
            await open_job(state, spec, executor=self.name)
            try:
                async with InlineAgentCalls(
                    self.settings,
                    job_id=spec.job_id,
                    state=state,
                    credentials=credentials,
                    runner_env=spec.runner_env,
                    on_event=on_event,
                    dry_run=spec.dry_run,
                    brains=self.brains(state),
                    budget=JobBudget.open(spec.job_id, spec.budget, spec.flows),
                ) as calls:
                    if spec.kind == "create":
                        report = await create_tests(
                            calls, spec.requests, critic_retries=spec.critic_retries, heal=spec.heal
                        )
                    else:
                        report = await check_tests(calls, spec.paths, spec.url, judge=spec.judge, heal=spec.heal)
            except BaseException as exc:
                await fail_job(state, spec.job_id, exc)
                raise
            outcome = JobOutcome(job_id=spec.job_id, status=job_status(report), summary=summary(report), report=report)
            outcome.report_path = await finish_job(
                state, self.settings.artifacts_dir, JobRecord(spec=spec, outcome=outcome)
            )
        return outcome
