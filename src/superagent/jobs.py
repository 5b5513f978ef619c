"""A job from the command line's side: describe it as a ``JobSpec`` (requests to write tests for, or test files to
check) and hand it to the configured executor. Secrets never go into a spec: the password travels by name."""

from __future__ import annotations

from collections.abc import Sequence

from superagent.critical import is_critical
from superagent.job_models import JobOutcome, JobSpec, Policy, without_secrets
from superagent.llm.brains import BudgetPlan
from superagent.models import Request
from superagent.sandbox import select_sandbox
from superagent.services import EventSink, Services
from superagent.settings import Settings
from superagent.state.models import new_job_id


def budget_plan(settings: Settings, requests: Sequence[Request], paths: Sequence[str]) -> BudgetPlan:
    """What a job may spend on models: Kaya's budget per requested flow, or one feature's budget per test file
    (the critical budget for critical paths); the hard tier if any request is hard."""
    if requests:
        return BudgetPlan(
            limit_usd=sum(r.budget_usd for r in requests),
            tier="hard" if any(r.tier == "hard" for r in requests) else "easy",
            critical=any(r.critical for r in requests),
            model=settings.model,
        )
    critical = any(is_critical(p) for p in paths)
    limit = (settings.budget_critical if critical else settings.budget_per_feature) * max(len(paths), 1)
    return BudgetPlan(limit_usd=limit, critical=critical, model=settings.model)


def create_spec(
    settings: Settings, text: str, requests: Sequence[Request], *, username: str | None, password_env: str | None,
    runner_env: dict[str, str], text_only: bool = False,
) -> JobSpec:  # fmt: skip
    """A job that writes a test per request (``text_only``: Kaya routes ``text`` inside the job)."""
    return JobSpec(
        job_id=new_job_id(),
        kind="create",
        title=text,
        text=text if text_only else None,
        url=requests[0].url if requests else None,
        requests=[] if text_only else list(requests),
        critic_retries=settings.critic_retries,
        username=username,
        password_env=(password_env or "SUPERAGENT_PASSWORD") if username else None,
        runner_env=without_secrets(runner_env),
        policy=Policy.from_settings(settings),
        budget=budget_plan(settings, requests, []),
    )


def check_spec(
    settings: Settings, paths: Sequence[str], base_url: str | None, *, judge: bool, heal: bool, dry_run: bool,
    runner_env: dict[str, str],
) -> JobSpec:  # fmt: skip
    verb = "heal" if heal else "validate" if judge else "run_tests"
    return JobSpec(
        job_id=new_job_id(),
        kind="check",
        title=f"{verb} {' '.join(paths)}",
        url=base_url,
        paths=list(paths),
        judge=judge,
        heal=heal,
        dry_run=dry_run,
        runner_env=without_secrets(runner_env),
        policy=Policy.from_settings(settings),
        budget=budget_plan(settings, [], paths),
    )


async def create_job(
    services: Services, text: str, requests: Sequence[Request], *, username: str | None, password_env: str | None,
    runner_env: dict[str, str], on_event: EventSink | None = None,
) -> JobOutcome:  # fmt: skip
    select_sandbox(services.settings)  # refuse before any work when the tests could not run protected
    spec = create_spec(
        services.settings, text, requests, username=username, password_env=password_env, runner_env=runner_env
    )
    return await services.executor.run(spec, on_event)


async def check_job(
    services: Services, paths: Sequence[str], base_url: str | None, *, judge: bool, runner_env: dict[str, str],
    heal: bool = False, dry_run: bool = False, on_event: EventSink | None = None,
) -> JobOutcome:  # fmt: skip
    select_sandbox(services.settings)  # refuse before any work when the tests could not run protected
    spec = check_spec(
        services.settings, paths, base_url, judge=judge, heal=heal, dry_run=dry_run, runner_env=runner_env
    )
    return await services.executor.run(spec, on_event)
