"""A job from start to finish: record it, run the pipeline through the inline executor, keep the evidence."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from superagent.errors import UsageError
from superagent.models import Request
from superagent.orchestration.inline import EventSink, InlineAgentCalls
from superagent.pipeline import JobReport, check_tests, create_tests
from superagent.report import write_report
from superagent.settings import Settings
from superagent.state.models import Job, JobStatus, Result, new_job_id
from superagent.state.sqlite import SQLiteStateStore
from superagent.testkit.credentials import Credentials

log = logging.getLogger(__name__)


def resolve_credentials(username: str | None, password_env: str | None) -> tuple[Credentials | None, dict[str, str]]:
    """Credentials for the writer, and the env that lets the generated tests find the same ones."""
    if not username:
        return None, {}
    var = password_env or "SUPERAGENT_PASSWORD"
    password = os.environ.get(var)
    if password is None:
        raise UsageError(f"--username {username!r} needs a password: set the environment variable {var!r}")
    return Credentials(username, password), {"SUPERAGENT_USERNAME": username, "SUPERAGENT_PASSWORD_ENV": var}


def _status(report: JobReport) -> JobStatus:
    if report.ok:
        return "validated"
    statuses = {f.status for f in report.flows}
    order: tuple[JobStatus, ...] = ("error", "rejected", "not_found", "failed", "in_review")
    for status in order:
        if status in statuses:
            return status
    return "failed"


async def _fail(state: SQLiteStateStore, job_id: str, exc: BaseException) -> None:
    """A job that broke off is recorded as an error with its first line, never left "running"."""
    await state.finish_job(job_id, "error", summary=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


async def _finish(state: SQLiteStateStore, job_id: str, report: JobReport, report_path: Path) -> None:
    for flow in report.flows:
        if flow.result is not None:
            await state.add_result(
                Result(
                    job_id=job_id,
                    test_id=flow.result.nodeid,
                    test_file=flow.test_file or "",
                    outcome=flow.result.outcome,
                    verdict_passed=flow.verdict.passed if flow.verdict else None,
                    duration_ms=flow.result.duration_ms,
                    data={"flow": flow.flow, "result": flow.result.model_dump(mode="json")},
                )
            )
    validated = sum(f.status == "validated" for f in report.flows)
    await state.finish_job(
        job_id,
        _status(report),
        summary=f"{validated}/{len(report.flows)} validated",
        data={"report": str(report_path), "flows": {f.flow: f.status for f in report.flows}},
    )


async def create_job(
    settings: Settings,
    text: str,
    requests: Sequence[Request],
    *,
    credentials: Credentials | None,
    runner_env: dict[str, str],
    on_event: EventSink | None = None,
) -> tuple[str, JobReport, Path]:
    job_id = new_job_id()
    async with SQLiteStateStore(settings.state_db) as state:
        first = requests[0]
        await state.create_job(
            Job(
                id=job_id,
                request=text,
                intent=first.intent.value,
                url=first.url,
                flow=",".join(r.flow.value for r in requests if r.flow),
                data={"complexity": first.complexity, "tier": first.tier, "budget_usd": first.budget_usd},
            )
        )
        try:
            async with InlineAgentCalls(
                settings,
                job_id=job_id,
                state=state,
                credentials=credentials,
                runner_env=runner_env,
                on_event=on_event,
            ) as calls:
                report = await create_tests(calls, requests, critic_retries=settings.critic_retries)
        except BaseException as exc:
            await _fail(state, job_id, exc)
            raise
        report_path = write_report(report, settings.artifacts_dir / job_id, title=text)
        await _finish(state, job_id, report, report_path)
    return job_id, report, report_path


async def check_job(
    settings: Settings,
    paths: Sequence[str],
    base_url: str | None,
    *,
    judge: bool,
    runner_env: dict[str, str],
    heal: bool = False,
    dry_run: bool = False,
    on_event: EventSink | None = None,
) -> tuple[str, JobReport, Path]:
    job_id = new_job_id()
    intent = "heal" if heal else "validate" if judge else "run_tests"
    async with SQLiteStateStore(settings.state_db) as state:
        await state.create_job(Job(id=job_id, request=" ".join(paths), intent=intent, url=base_url))
        try:
            async with InlineAgentCalls(
                settings, job_id=job_id, state=state, runner_env=runner_env, on_event=on_event, dry_run=dry_run
            ) as calls:
                report = await check_tests(calls, paths, base_url, judge=judge, heal=heal)
        except BaseException as exc:
            await _fail(state, job_id, exc)
            raise
        report_path = write_report(report, settings.artifacts_dir / job_id, title=f"{intent} {' '.join(paths)}")
        await _finish(state, job_id, report, report_path)
    return job_id, report, report_path
