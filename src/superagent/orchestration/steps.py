"""What each agent call does, shared by both executors: inline calls these directly, Temporal activities too."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from superagent.agents import critic, critic_llm, medic, medic_llm, runner, validator, validator_llm, writer, writer_llm
from superagent.atomic import locked, write_atomic
from superagent.browser.chromium import launch_options
from superagent.critical import is_critical
from superagent.errors import BrowserNotFoundError
from superagent.events import ModelUsed
from superagent.healing import known_good
from superagent.healing.sidecar import load_sidecar, update_sidecar
from superagent.job_records import job_redactor
from superagent.llm.brains import Allowance, Brains, ModelUse
from superagent.models import (
    PERSONAS,
    Critique,
    FailureKind,
    FlowNotFound,
    Patch,
    Request,
    ReviewItem,
    RunReport,
    TestCase,
    TestResult,
    Verdict,
)
from superagent.settings import Settings
from superagent.state.base import StateFactory, StateStore
from superagent.state.models import CostRow
from superagent.testkit.credentials import Credentials
from superagent.urls import app_base, goto_target

log = logging.getLogger(__name__)


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
    settings: Settings,
    browser: SharedBrowser,
    request: Request,
    credentials: Credentials | None,
    brains: Brains | None = None,
    allowance: Allowance | None = None,
) -> tuple[TestCase | FlowNotFound, ModelUse | None]:
    """The offline writer's grounded draft; with a model for Scribe, its rewrite when that passes every check."""
    written = await writer.write_test(
        request,
        browser=await browser.get(),
        tests_dir=settings.tests_dir,
        credentials=credentials,
        timeout_ms=settings.action_timeout_ms,
    )
    if brains is None or allowance is None or not brains.active("writer", allowance):
        return written, None
    if isinstance(written, FlowNotFound):  # offline grounding first; the model explores what it could not
        return await explore_with_model(settings, browser, request, credentials, brains, allowance, written)
    snapshot = await aria_snapshot(browser, written)
    secrets = [credentials.password] if credentials else []
    return await writer_llm.improve(brains, written, snapshot, allowance, secrets=secrets)


async def explore_with_model(
    settings: Settings, browser: SharedBrowser, request: Request, credentials: Credentials | None, brains: Brains,
    allowance: Allowance, offline: FlowNotFound,
) -> tuple[TestCase | FlowNotFound, ModelUse | None]:  # fmt: skip
    """Scribe's model drives the page through tools; the test comes from what was recorded, checked like any."""
    from superagent.agents import writer_explorer_llm

    plan, why, use = await writer_explorer_llm.explore(
        brains, request, allowance, browser=await browser.get(), credentials=credentials,
        timeout_ms=settings.action_timeout_ms, why_offline_failed=offline.reason,
    )  # fmt: skip
    if plan is None or request.url is None:
        return writer_explorer_llm.as_not_found(request, why, offline), use
    return writer_explorer_llm.to_case(plan, request, settings.tests_dir, app_base(request.url)), use


async def aria_snapshot(browser: SharedBrowser, case: TestCase) -> str:
    """The accessibility tree of the page the test starts on (what the model sees instead of the DOM)."""
    first = case.plan.steps[0].page if case.plan.steps and case.plan.steps[0].page else "/"
    context = await (await browser.get()).new_context(base_url=case.base_url)
    try:
        page = await context.new_page()
        await page.goto(goto_target(first))
        return str(await page.locator("body").aria_snapshot())
    except Exception as exc:  # the model simply gets no snapshot
        log.info("no aria snapshot of %s: %s", first, exc)
        return ""
    finally:
        await context.close()


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
        settings=settings,
    )
    candidates = {str(Path(p).resolve()) for p in staged}  # Medic's candidates are never known good
    known_good.remember(settings.state_dir, [r for r in report.results if r.file not in candidates])
    return report


async def diagnose(
    settings: Settings,
    test_file: str,
    source: str,
    result: TestResult,
    brains: Brains | None = None,
    allowance: Allowance | None = None,
) -> tuple[medic.Diagnosis, ModelUse | None]:
    """Medic's candidates; with a model, reordered by it (and maybe one of its own). Assertions go to a person."""
    known = known_good.load(settings.state_dir, test_file)
    diagnosis = medic.diagnose(source, result, load_sidecar(test_file), known)
    healable = diagnosis.kind is not None and diagnosis.kind is not FailureKind.ASSERTION
    if brains is None or allowance is None or not healable or not brains.active("medic", allowance):
        return diagnosis, None
    return await medic_llm.rank(brains, diagnosis, source, result, allowance)


async def critique(
    case: TestCase, brains: Brains | None = None, allowance: Allowance | None = None
) -> tuple[Critique, ModelUse | None]:
    """The rules decide; on an accepted test, a model's review (when configured) adds advice, never a block."""
    verdict = critic.critique_source(case.code, case.path, untrusted=True)  # written from page text
    if not verdict.accepted or brains is None or allowance is None or not brains.active("critic", allowance):
        return verdict, None
    return verdict, await critic_llm.review(brains, case, allowance)


async def validate(
    settings: Settings, result: TestResult, brains: Brains | None = None, allowance: Allowance | None = None
) -> tuple[Verdict, ModelUse | None]:
    """The rubric; on critical paths with a vision model, also a look at the final screenshot."""
    verdict = validator.judge(result, max_execution_ms=settings.max_execution_ms)
    if brains is None or allowance is None or not allowance.critical or not brains.active("validator", allowance):
        return verdict, None
    return await validator_llm.visual_check(brains, verdict, result, intent_of(result.nodeid), allowance)


def intent_of(nodeid: str) -> str:
    """``…::test_user_can_log_in`` -> ``user can log in``."""
    name = nodeid.rsplit("::", 1)[-1].split("[", 1)[0]
    return name.removeprefix("test_").replace("_", " ")


def staged_path(test_file: str, job_id: str = "") -> str:
    """A candidate copy beside the original (same folder, so the same conftest and imports apply), named for the
    job so that two jobs healing the same test never run or delete each other's candidate."""
    original = Path(test_file)
    tag = re.sub(r"\W", "_", job_id)
    return str(original.with_name(f"_medic_{tag}_{original.name}" if tag else f"_medic_{original.name}"))


def stage(test_file: str, source: str, job_id: str = "") -> str:
    return str(write_atomic(staged_path(test_file, job_id), source))


def unstage(paths: Sequence[str]) -> None:
    for path in paths:
        Path(path).unlink(missing_ok=True)


def commit(test_file: str, source: str, patches: Sequence[Patch], expected: str | None = None) -> str | None:
    """Replace the test with its proven fix; None when done, else why not.

    With ``expected`` (the text Medic read and healed), the file must still hold exactly that: a person or another
    job that changed it meanwhile wins, and the fix goes to a person instead of overwriting their work.
    """
    with locked(Path(test_file).parent):  # one commit at a time per folder: check and replace as one step
        if expected is not None:
            try:
                current = Path(test_file).read_text()
            except OSError as exc:
                return f"the proven fix was not applied: {test_file} could not be read back ({exc.strerror})"
            if current != expected:
                return (
                    f"the proven fix was not applied: {test_file} changed on disk while Medic was healing it "
                    "(someone or another job edited it); compare the fix with the new text"
                )
        write_atomic(test_file, source)
        update_sidecar(test_file, patches)
    return None


async def review(state: StateStore | None, job_id: str, item: ReviewItem) -> ReviewItem:
    """Queue an item for a person. Storing the same id again replaces it, so a retried call adds nothing."""
    item = item.model_copy(update={"job_id": job_id, "critical": is_critical(item.test_file, item.flow)})
    item = job_redactor().model(item)  # a person reads it later: no secret the failure or a patch echoed
    if state is None:
        return item
    if item.id and await state.get_review(item.id) is not None:
        return await state.update_review(item)
    return await state.add_review(item)


class StateRecorder:
    """The cost ledger of the configured state store, opened per call (workers share no open store)."""

    def __init__(self, open_state: StateFactory) -> None:
        self.open_state = open_state

    async def record_cost(self, row: CostRow) -> CostRow:
        async with self.open_state() as state:
            return await state.record_cost(row)

    async def cost_rows(self, job_id: str | None = None) -> list[CostRow]:
        async with self.open_state() as state:
            return await state.cost_rows(job_id)


def model_event(flow: str, use: ModelUse) -> ModelUsed:
    persona = PERSONAS.get(use.agent, use.agent)
    text = f"{use.model or 'model'}: {use.status}" + (f" ${use.usd:.4f}" if use.usd else "")
    return ModelUsed(
        flow=flow,
        agent=persona,
        message=text + (f" — {use.detail}" if use.detail else ""),
        data=use.model_dump(mode="json"),
    )
