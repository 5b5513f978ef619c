"""A job's records and wording, shared by both executors: its row in the state store (opened, finished, failed),
its results, its status and one-line summary, and the credentials and environment its runs get."""

from __future__ import annotations

import os
from pathlib import Path

from superagent.errors import UsageError
from superagent.events import Event, from_record
from superagent.guards import runner_env_keys
from superagent.job_models import JobRecord, JobSpec
from superagent.pipeline.calls import JobReport
from superagent.redaction import Redactor
from superagent.report import write_report
from superagent.secret_sources import secret_values
from superagent.state.base import StateStore
from superagent.state.models import EventRow, Job, JobStatus, Result
from superagent.testkit.credentials import Credentials


def superagent_env() -> dict[str, str]:
    """This process's testkit settings (``SUPERAGENT_TRACE`` and the like), passed on to the pytest runs of its jobs;
    workers refuse any other variable (:mod:`superagent.guards`)."""
    return runner_env_keys(os.environ)


def resolve_credentials(username: str | None, password_env: str | None) -> tuple[Credentials | None, dict[str, str]]:
    """Credentials for the writer, and the env that lets the generated tests find the same ones."""
    if not username:
        return None, {}
    var = password_env or "SUPERAGENT_PASSWORD"
    password = os.environ.get(var)
    if password is None:
        raise UsageError(f"--username {username!r} needs a password: set the environment variable {var!r}")
    return Credentials(username, password), {"SUPERAGENT_USERNAME": username, "SUPERAGENT_PASSWORD_ENV": var}


def job_redactor(spec: JobSpec | None = None) -> Redactor:
    """Takes out every secret a job's records could echo: its password (by the variable it names) and every
    secret in this process's environment."""
    names = [spec.password_env] if spec is not None and spec.password_env else []
    return Redactor(secret_values(os.environ, names))


def job_status(report: JobReport) -> JobStatus:
    if report.ok:
        return "validated"
    statuses = {f.status for f in report.flows}
    order: tuple[JobStatus, ...] = ("error", "rejected", "not_found", "failed", "in_review")
    for status in order:
        if status in statuses:
            return status
    return "failed"


def summary(report: JobReport) -> str:
    validated = sum(f.status == "validated" for f in report.flows)
    return f"{validated}/{len(report.flows)} validated"


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


def intent_of(spec: JobSpec) -> str:
    if spec.requests:
        return spec.requests[0].intent.value
    if spec.kind == "create":
        return "create_test"
    return "heal" if spec.heal else "validate" if spec.judge else "run_tests"


async def open_job(state: StateStore, spec: JobSpec, executor: str) -> None:
    """The job's row, once (a retried call finds it there and changes nothing)."""
    if await state.get_job(spec.job_id) is not None:
        return
    first = spec.requests[0] if spec.requests else None
    await state.create_job(
        Job(
            id=spec.job_id,
            request=spec.title,
            intent=intent_of(spec),
            url=first.url if first else spec.url,
            flow=",".join(r.flow.value for r in spec.requests if r.flow) or None,
            data={
                "executor": executor,
                "complexity": first.complexity if first else 0,
                "tier": spec.budget.tier,
                "budget_usd": spec.budget.limit_usd,
            },
        )
    )


async def finish_job(state: StateStore, artifacts_dir: Path, record: JobRecord) -> str:
    """Write the report, the results (once) and the events not stored yet; set the job's final status."""
    assert record.outcome is not None
    outcome, job_id = record.outcome, record.spec.job_id
    redactor = job_redactor(record.spec)
    report = redactor.model(outcome.report)
    path = write_report(report, artifacts_dir / job_id, title=record.spec.title, secrets=redactor.secrets)
    if not await state.results_for(job_id):
        await record_results(state, job_id, report)
    stored = len(await state.events_for(job_id))
    for data in record.events[stored:]:
        await record_event(state, job_id, from_record(data), redactor)
    status: JobStatus = job_status(outcome.report) if outcome.status == "running" else outcome.status  # type: ignore[assignment]
    await state.finish_job(
        job_id,
        status,
        summary=redactor.text(outcome.summary),
        data={"report": str(path), "flows": {f.flow: f.status for f in report.flows}},
    )
    return str(path)


async def record_event(state: StateStore, job_id: str, event: Event, redactor: Redactor | None = None) -> None:
    clean = job_redactor() if redactor is None else redactor
    await state.append_event(
        EventRow(
            job_id=job_id, kind=event.kind, agent=event.agent, message=clean.text(event.message),
            data=clean.data({"flow": event.flow, **event.data}),
        )
    )  # fmt: skip


async def fail_job(state: StateStore, job_id: str, exc: BaseException) -> None:
    """A job that broke off is recorded as an error with its first line, never left "running"."""
    first = job_redactor().text(str(exc)).splitlines()[0] if str(exc) else type(exc).__name__
    await state.finish_job(job_id, "error", summary=first)
