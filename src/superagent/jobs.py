"""A job from start to finish: record it, run the pipeline (durably on Temporal, or inline), keep the evidence."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from superagent.errors import UsageError
from superagent.llm.brains import Brains, JobBudget
from superagent.models import Request
from superagent.orchestration.inline import EventSink, InlineAgentCalls
from superagent.pipeline import JobReport, check_tests, create_tests
from superagent.report import write_report
from superagent.review import is_critical
from superagent.settings import Settings
from superagent.state.base import StateStore
from superagent.state.models import Job, JobStatus, Result, new_job_id
from superagent.state.sqlite import SQLiteStateStore
from superagent.testkit.credentials import Credentials

log = logging.getLogger(__name__)


def superagent_env() -> dict[str, str]:
    """This process's ``SUPERAGENT_*`` settings, passed on to the pytest runs it starts."""
    return {k: v for k, v in os.environ.items() if k.startswith("SUPERAGENT_")}


def resolve_credentials(username: str | None, password_env: str | None) -> tuple[Credentials | None, dict[str, str]]:
    """Credentials for the writer, and the env that lets the generated tests find the same ones."""
    if not username:
        return None, {}
    var = password_env or "SUPERAGENT_PASSWORD"
    password = os.environ.get(var)
    if password is None:
        raise UsageError(f"--username {username!r} needs a password: set the environment variable {var!r}")
    return Credentials(username, password), {"SUPERAGENT_USERNAME": username, "SUPERAGENT_PASSWORD_ENV": var}


def job_status(report: JobReport) -> JobStatus:
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


async def record_results(state: StateStore, job_id: str, report: JobReport) -> None:
    """One result row per flow that ran."""
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


def summary(report: JobReport) -> str:
    validated = sum(f.status == "validated" for f in report.flows)
    return f"{validated}/{len(report.flows)} validated"


async def _finish(state: SQLiteStateStore, job_id: str, report: JobReport, report_path: Path) -> None:
    await record_results(state, job_id, report)
    await state.finish_job(
        job_id,
        job_status(report),
        summary=summary(report),
        data={"report": str(report_path), "flows": {f.flow: f.status for f in report.flows}},
    )


def _budget_fields(settings: Settings, requests: Sequence[Request], paths: Sequence[str]) -> dict[str, Any]:
    """What a job may spend on models: Kaya's budget per requested flow, or one feature's budget per test file
    (the critical budget for critical paths); the hard tier if any request is hard."""
    if requests:
        limit = sum(r.budget_usd for r in requests)
        critical = any(r.critical for r in requests)
        tier = "hard" if any(r.tier == "hard" for r in requests) else "easy"
    else:
        critical = any(is_critical(p) for p in paths)
        limit = (settings.budget_critical if critical else settings.budget_per_feature) * max(len(paths), 1)
        tier = "easy"
    return {"limit_usd": limit, "tier": tier, "critical": critical, "model": settings.model}


def _durable_spec(settings: Settings, **fields: Any) -> Any:
    """The job as a workflow input: secrets never go in (workers read them from their environment)."""
    from superagent.orchestration.models import JobSpec, without_secrets
    from superagent.orchestration.worker import policy

    env = fields.pop("runner_env")
    fields["budget_usd"] = fields.pop("limit_usd")
    return JobSpec(job_id=new_job_id(), runner_env=without_secrets(env), policy=policy(settings), **fields)


async def _durable(settings: Settings, spec: Any, on_event: EventSink | None) -> tuple[str, JobReport, Path]:
    from superagent.orchestration.executor import run_job

    outcome = await run_job(settings, spec, on_event)
    return outcome.job_id, outcome.report, Path(outcome.report_path)


def _password_env(credentials: Credentials | None, runner_env: dict[str, str]) -> str | None:
    """Durable workers find the password by the variable's name, so it must be in this process's environment."""
    if credentials is None:
        return None
    var = runner_env.get("SUPERAGENT_PASSWORD_ENV", "SUPERAGENT_PASSWORD")
    if os.environ.get(var) != credentials.password:
        raise UsageError(f"the password for {credentials.username!r} must be in the environment variable {var!r}")
    return var


async def create_job(
    settings: Settings,
    text: str,
    requests: Sequence[Request],
    *,
    credentials: Credentials | None,
    runner_env: dict[str, str],
    on_event: EventSink | None = None,
) -> tuple[str, JobReport, Path]:
    if settings.executor == "temporal":
        spec = _durable_spec(
            settings,
            kind="create",
            title=text,
            url=requests[0].url if requests else None,
            requests=list(requests),
            critic_retries=settings.critic_retries,
            username=credentials.username if credentials else None,
            password_env=_password_env(credentials, runner_env),
            runner_env=runner_env,
            **_budget_fields(settings, requests, []),
        )
        return await _durable(settings, spec, on_event)
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
                brains=Brains(recorder=state),
                budget=JobBudget.open(job_id, flows=len(requests), **_budget_fields(settings, requests, [])),
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
    if settings.executor == "temporal":
        spec = _durable_spec(
            settings,
            kind="check",
            title=f"{'heal' if heal else 'validate' if judge else 'run_tests'} {' '.join(paths)}",
            url=base_url,
            paths=list(paths),
            judge=judge,
            heal=heal,
            dry_run=dry_run,
            runner_env=runner_env,
            **_budget_fields(settings, [], paths),
        )
        return await _durable(settings, spec, on_event)
    job_id = new_job_id()
    intent = "heal" if heal else "validate" if judge else "run_tests"
    async with SQLiteStateStore(settings.state_db) as state:
        await state.create_job(Job(id=job_id, request=" ".join(paths), intent=intent, url=base_url))
        try:
            async with InlineAgentCalls(
                settings,
                job_id=job_id,
                state=state,
                runner_env=runner_env,
                on_event=on_event,
                dry_run=dry_run,
                brains=Brains(recorder=state),
                budget=JobBudget.open(job_id, flows=len(paths), **_budget_fields(settings, [], paths)),
            ) as calls:
                report = await check_tests(calls, paths, base_url, judge=judge, heal=heal)
        except BaseException as exc:
            await _fail(state, job_id, exc)
            raise
        report_path = write_report(report, settings.artifacts_dir / job_id, title=f"{intent} {' '.join(paths)}")
        await _finish(state, job_id, report, report_path)
    return job_id, report, report_path
