"""The inline executor: ``AgentCalls`` implemented by calling the agents in this process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from superagent.agents import critic, medic, runner, validator, writer
from superagent.browser.chromium import launch_options
from superagent.errors import BrowserNotFoundError
from superagent.events import Event
from superagent.healing import known_good
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
from superagent.review import is_critical
from superagent.settings import Settings
from superagent.state.base import StateStore
from superagent.state.models import Event as EventRecord
from superagent.testkit.credentials import Credentials

log = logging.getLogger(__name__)

EventSink = Callable[[Event], Awaitable[None] | None]


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
    ) -> None:
        self.settings = settings
        self.job_id = job_id
        self.state = state
        self.credentials = credentials
        self.runner_env = dict(runner_env or {})
        self.on_event = on_event
        self.dry_run = dry_run  # heal without changing test files
        self.artifacts_dir = settings.artifacts_dir / job_id
        self._stack = AsyncExitStack()
        self._browser: Any = None
        self._browser_lock = asyncio.Lock()
        self._staged: list[Path] = []
        self._runs = 0

    async def __aenter__(self) -> InlineAgentCalls:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stack.aclose()

    async def _get_browser(self) -> Any:
        async with self._browser_lock:
            if self._browser is None:
                from playwright.async_api import async_playwright

                options = launch_options(self.settings.chromium_path, headless=self.settings.headless)
                playwright = await self._stack.enter_async_context(async_playwright())
                try:
                    self._browser = await playwright.chromium.launch(**options)
                except Exception as exc:
                    raise BrowserNotFoundError(f"Chromium failed to start: {str(exc).splitlines()[0]}") from None
                self._stack.push_async_callback(self._browser.close)
            return self._browser

    async def write(self, request: Request) -> TestCase | FlowNotFound:
        browser = await self._get_browser()
        return await writer.write_test(
            request,
            browser=browser,
            tests_dir=self.settings.tests_dir,
            credentials=self.credentials,
            timeout_ms=self.settings.action_timeout_ms,
        )

    async def revise(self, case: TestCase, critique: Critique) -> TestCase | None:
        return writer.revise(case, critique)

    async def critique(self, case: TestCase) -> Critique:
        return critic.critique_source(case.code, case.path)

    async def save(self, case: TestCase) -> str:
        return str(writer.save(case))

    async def run(self, paths: Sequence[str], base_url: str | None) -> RunReport:
        env = {"SUPERAGENT_ACTION_TIMEOUT_MS": str(self.settings.action_timeout_ms), **self.runner_env}
        if self.settings.chromium_path:
            env["SUPERAGENT_CHROMIUM_PATH"] = str(self.settings.chromium_path)
        self._runs += 1
        run_dir = self.artifacts_dir if self._runs == 1 else self.artifacts_dir / f"run-{self._runs}"
        report = await runner.run_tests(
            paths,
            run_id=self.job_id,
            artifacts_dir=Path(run_dir),
            workers=runner.workers_for(runner.count_test_files(paths), self.settings.runner_workers),
            base_url=base_url,
            env=env,
            timeout_s=self.settings.run_timeout_s,
        )
        staged = {str(p.resolve()) for p in self._staged}
        known_good.remember(self.settings.state_dir, [r for r in report.results if r.file not in staged])
        return report

    async def validate(self, result: TestResult) -> Verdict:
        return validator.judge(result, max_execution_ms=self.settings.max_execution_ms)

    async def emit(self, event: Event) -> None:
        if self.state is not None:
            await self.state.append_event(
                EventRecord(
                    job_id=self.job_id,
                    kind=event.kind,
                    agent=event.agent,
                    message=event.message,
                    data={"flow": event.flow, **event.data},
                )
            )
        if self.on_event is not None:
            maybe = self.on_event(event)
            if maybe is not None:
                await maybe

    # -- healing -------------------------------------------------------------------------------------------
    async def lint(self, path: str, source: str) -> Critique:
        return critic.critique_source(source, path)

    async def diagnose(self, test_file: str, source: str, result: TestResult) -> medic.Diagnosis:
        known = known_good.load(self.settings.state_dir, test_file)
        return medic.diagnose(source, result, medic.load_sidecar(test_file), known)

    async def stage(self, test_file: str, source: str) -> str:
        """A candidate copy beside the original (same folder, so the same conftest and imports apply)."""
        original = Path(test_file)
        path = original.with_name(f"_medic_{original.name}")
        path.write_text(source)
        self._staged.append(path)
        return str(path)

    async def unstage(self) -> None:
        for path in self._staged:
            path.unlink(missing_ok=True)
        self._staged.clear()

    async def read(self, test_file: str) -> str:
        return Path(test_file).read_text()

    async def commit(self, test_file: str, source: str, patches: Sequence[Patch]) -> None:
        if self.dry_run:
            return
        Path(test_file).write_text(source)
        medic.update_sidecar(test_file, patches)

    async def review(self, item: ReviewItem) -> ReviewItem:
        item = item.model_copy(update={"job_id": self.job_id, "critical": is_critical(item.test_file, item.flow)})
        if self.state is None:
            return item
        return await self.state.add_review(item)
