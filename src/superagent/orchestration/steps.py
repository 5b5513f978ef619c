"""What each agent call does, shared by both executors: inline calls these directly, Temporal activities too."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from superagent.agents import medic, runner, writer
from superagent.browser.chromium import launch_options
from superagent.errors import BrowserNotFoundError
from superagent.events import Event
from superagent.healing import known_good
from superagent.models import FlowNotFound, Patch, Request, ReviewItem, RunReport, TestCase, TestResult
from superagent.review import is_critical
from superagent.settings import Settings
from superagent.state.base import StateStore
from superagent.state.models import Event as EventRecord
from superagent.testkit.credentials import Credentials


class SharedBrowser:
    """One Chromium for exploration, launched on first use and closed with ``aclose``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._stack = AsyncExitStack()
        self._browser: Any = None
        self._lock = asyncio.Lock()

    async def get(self) -> Any:
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                from playwright.async_api import async_playwright

                options = launch_options(self.settings.chromium_path, headless=self.settings.headless)
                playwright = await self._stack.enter_async_context(async_playwright())
                try:
                    self._browser = await playwright.chromium.launch(**options)
                except Exception as exc:
                    raise BrowserNotFoundError(f"Chromium failed to start: {str(exc).splitlines()[0]}") from None
                self._stack.push_async_callback(self._browser.close)
            return self._browser

    async def aclose(self) -> None:
        await self._stack.aclose()
        self._browser = None


async def write(
    settings: Settings, browser: SharedBrowser, request: Request, credentials: Credentials | None
) -> TestCase | FlowNotFound:
    return await writer.write_test(
        request,
        browser=await browser.get(),
        tests_dir=settings.tests_dir,
        credentials=credentials,
        timeout_ms=settings.action_timeout_ms,
    )


def run_dir(settings: Settings, job_id: str, run_no: int, attempt: int = 1) -> Path:
    """The first run of a job keeps its evidence in the job's folder, later ones (healing rounds) beside it; a
    retried run gets its own folder, so a dead attempt's files never mix with the live one's."""
    base = settings.artifacts_dir / job_id
    path = base if run_no <= 1 else base / f"run-{run_no}"
    return path if attempt <= 1 else path / f"attempt-{attempt}"


async def run(
    settings: Settings,
    job_id: str,
    run_no: int,
    paths: Sequence[str],
    base_url: str | None,
    runner_env: Mapping[str, str],
    staged: Sequence[str] = (),
    attempt: int = 1,
) -> RunReport:
    """One pytest batch; passing tests that are not Medic's candidates are remembered as known good."""
    env = {"SUPERAGENT_ACTION_TIMEOUT_MS": str(settings.action_timeout_ms), **runner_env}
    if settings.chromium_path:
        env["SUPERAGENT_CHROMIUM_PATH"] = str(settings.chromium_path)
    report = await runner.run_tests(
        paths,
        run_id=job_id,
        artifacts_dir=run_dir(settings, job_id, run_no, attempt),
        workers=runner.workers_for(runner.count_test_files(paths), settings.runner_workers),
        base_url=base_url,
        env=env,
        timeout_s=settings.run_timeout_s,
    )
    candidates = {str(Path(p).resolve()) for p in staged}
    known_good.remember(settings.state_dir, [r for r in report.results if r.file not in candidates])
    return report


def diagnose(settings: Settings, test_file: str, source: str, result: TestResult) -> medic.Diagnosis:
    known = known_good.load(settings.state_dir, test_file)
    return medic.diagnose(source, result, medic.load_sidecar(test_file), known)


def staged_path(test_file: str) -> str:
    """A candidate copy beside the original (same folder, so the same conftest and imports apply)."""
    original = Path(test_file)
    return str(original.with_name(f"_medic_{original.name}"))


def stage(test_file: str, source: str) -> str:
    path = staged_path(test_file)
    Path(path).write_text(source)
    return path


def unstage(paths: Sequence[str]) -> None:
    for path in paths:
        Path(path).unlink(missing_ok=True)


def commit(test_file: str, source: str, patches: Sequence[Patch]) -> None:
    Path(test_file).write_text(source)
    medic.update_sidecar(test_file, patches)


async def review(state: StateStore | None, job_id: str, item: ReviewItem) -> ReviewItem:
    """Queue an item for a person. Storing the same id again replaces it, so a retried call adds nothing."""
    item = item.model_copy(update={"job_id": job_id, "critical": is_critical(item.test_file, item.flow)})
    if state is None:
        return item
    if item.id and await state.get_review(item.id) is not None:
        return await state.update_review(item)
    return await state.add_review(item)


async def record_event(state: StateStore, job_id: str, event: Event) -> None:
    await state.append_event(
        EventRecord(
            job_id=job_id,
            kind=event.kind,
            agent=event.agent,
            message=event.message,
            data={"flow": event.flow, **event.data},
        )
    )
