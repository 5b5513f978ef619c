"""Temporal activities: one per agent call, each on its agent's task queue. They call the same steps as the
inline executor. Expected outcomes (a failed test, a rejected critique) are return values; only infrastructure
failures raise, and Temporal retries those."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from temporalio import activity

from superagent import guards, job_records
from superagent.agents import critic, router, writer
from superagent.job_models import JobRecord, JobSpec
from superagent.job_records import resolve_credentials
from superagent.llm.brains import Allowance, Brains
from superagent.models import Critique, Request, ReviewItem, RunReport, TestCase
from superagent.orchestration import steps
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
    RouteInput,
    RunInput,
    StageInput,
    WriteInput,
    Written,
)
from superagent.settings import Settings
from superagent.state.base import StateFactory

HEARTBEAT_EVERY_S = 2.0


@contextlib.asynccontextmanager
async def heartbeating() -> AsyncIterator[None]:
    """Heartbeat while a long call runs, so a worker that died is noticed within the heartbeat timeout."""

    async def beat() -> None:
        while True:
            activity.heartbeat()
            await asyncio.sleep(HEARTBEAT_EVERY_S)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _this_attempt(allowance: Allowance | None) -> Allowance | None:
    """The allowance, stamped with this activity's attempt (a retry's spend is its own ledger row)."""
    return allowance.model_copy(update={"attempt": activity.info().attempt}) if allowance else None


class AgentActivities:
    """The activities of one worker process; the writer's Chromium is shared by its concurrent activities."""

    def __init__(self, settings: Settings, open_state: StateFactory, brains: Brains) -> None:
        self.settings = settings
        self.open_state = open_state
        self.browser = steps.SharedBrowser(settings)
        self.brains = brains

    async def aclose(self) -> None:
        await self.browser.aclose()

    # -- what a job may ask of this worker (checked here: the job came from whoever can start workflows) ------
    def _test_path(self, path: str) -> str:
        guards.check_test_path(path, (self.settings.tests_dir, Path.cwd()))
        return path

    def _password_env(self, name: str | None) -> str | None:
        return None if name is None else guards.check_password_env(name, self.settings.password_env_allowlist)

    def _runner_env(self, env: dict[str, str]) -> dict[str, str]:
        return guards.check_runner_env(env, self.settings.password_env_allowlist)

    def _spec(self, spec: JobSpec) -> JobSpec:
        guards.check_job_id(spec.job_id)
        self._password_env(spec.password_env)
        self._runner_env(spec.runner_env)
        for path in spec.paths:
            self._test_path(path)
        return spec

    def for_agent(self, agent: str) -> list[Callable[..., Any]]:
        by_agent: dict[str, list[Callable[..., Any]]] = {
            "router": [self.route, self.open_job, self.finish_job],
            "writer": [self.write, self.revise, self.save],
            "critic": [self.critique, self.lint],
            "runner": [self.run],
            "validator": [self.validate],
            "medic": [self.diagnose, self.stage, self.unstage, self.commit, self.review, self.read],
        }
        return by_agent[agent]

    # -- router (Kaya) ---------------------------------------------------------------------------------------
    @activity.defn(name="route")
    async def route(self, given: RouteInput) -> list[Request]:
        request = router.route(
            given.text,
            url=given.url,
            username=given.username,
            password_env=given.password_env,
            budget_per_feature=self.settings.budget_per_feature,
            budget_critical=self.settings.budget_critical,
            password_env_allowlist=self.settings.password_env_allowlist,
        )
        return [request]

    @activity.defn(name="open_job")
    async def open_job(self, record: JobRecord) -> None:
        self._spec(record.spec)
        async with self.open_state() as state:
            await job_records.open_job(state, record.spec, executor="temporal")

    @activity.defn(name="finish_job")
    async def finish_job(self, record: JobRecord) -> str:
        """Write the report, the results (once) and the events not stored yet; set the job's status."""
        guards.check_job_id(record.spec.job_id)
        async with self.open_state() as state:
            return await job_records.finish_job(state, self.settings.artifacts_dir, record)

    # -- writer (Scribe) -------------------------------------------------------------------------------------
    @activity.defn(name="write")
    async def write(self, given: WriteInput) -> Written:
        guards.check_job_id(given.job_id)
        credentials, _ = resolve_credentials(given.username, self._password_env(given.password_env))
        async with heartbeating():
            written, use = await steps.write(
                self.settings, self.browser, given.request, credentials, self.brains, _this_attempt(given.allowance)
            )
        if isinstance(written, TestCase):
            return Written(case=written, use=use)
        return Written(not_found=written, use=use)

    @activity.defn(name="revise")
    async def revise(self, given: ReviseInput) -> Revised:
        return Revised(case=writer.revise(given.case, given.critique))

    @activity.defn(name="save")
    async def save(self, case: TestCase) -> str:
        return str(writer.save(case.model_copy(update={"path": self._test_path(case.path)})))

    # -- critic ----------------------------------------------------------------------------------------------
    @activity.defn(name="critique")
    async def critique(self, given: CritiqueInput) -> Critiqued:
        critique, use = await steps.critique(given.case, self.brains, _this_attempt(given.allowance))
        return Critiqued(critique=critique, use=use)

    @activity.defn(name="lint")
    async def lint(self, given: LintInput) -> Critique:
        return critic.critique_source(given.source, given.path)

    # -- runner ----------------------------------------------------------------------------------------------
    @activity.defn(name="run")
    async def run(self, given: RunInput) -> RunReport:
        guards.check_job_id(given.job_id)
        paths = [self._test_path(p) for p in given.paths]
        staged = [self._test_path(p) for p in given.staged]
        env = self._runner_env(given.runner_env)
        async with heartbeating():
            return await steps.run(
                self.settings, given.job_id, given.run_no, paths, given.base_url, env, staged,
                attempt=activity.info().attempt,
            )  # fmt: skip

    # -- validator (Gemini) ----------------------------------------------------------------------------------
    @activity.defn(name="validate")
    async def validate(self, given: JudgeInput) -> Judged:
        async with heartbeating():
            verdict, use = await steps.validate(
                self.settings, given.result, self.brains, _this_attempt(given.allowance)
            )
        return Judged(verdict=verdict, use=use)

    # -- medic -----------------------------------------------------------------------------------------------
    @activity.defn(name="diagnose")
    async def diagnose(self, given: DiagnoseInput) -> Diagnosed:
        test_file = self._test_path(given.test_file)
        diagnosis, use = await steps.diagnose(
            self.settings, test_file, given.source, given.result, self.brains, _this_attempt(given.allowance)
        )
        return Diagnosed(diagnosis=diagnosis, use=use)

    @activity.defn(name="stage")
    async def stage(self, given: StageInput) -> str:
        if given.job_id:
            guards.check_job_id(given.job_id)
        return steps.stage(self._test_path(given.test_file), given.source, given.job_id)

    @activity.defn(name="unstage")
    async def unstage(self, paths: list[str]) -> None:
        steps.unstage([self._test_path(p) for p in paths])

    @activity.defn(name="commit")
    async def commit(self, given: CommitInput) -> str | None:
        return steps.commit(self._test_path(given.test_file), given.source, given.patches, given.expected)

    @activity.defn(name="review")
    async def review(self, given: ReviewInput) -> ReviewItem:
        guards.check_job_id(given.job_id)
        async with self.open_state() as state:
            return await steps.review(state, given.job_id, given.item)

    @activity.defn(name="read")
    async def read(self, test_file: str) -> str:
        return Path(self._test_path(test_file)).read_text()
