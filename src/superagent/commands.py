"""What each CLI command does, between parsing (cli.py) and the agents. Returns exit codes."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from rich.console import Console

from superagent import render
from superagent.agents import critic, lint_format
from superagent.agents.router import route
from superagent.agents.runner import expand_test_paths
from superagent.browser.chromium import find_chromium
from superagent.errors import AppUnreachableError, BadURLError, UnknownRequestError, UsageError
from superagent.jobs import check_job, create_job, resolve_credentials, superagent_env
from superagent.models import FlowKind, Intent, Request
from superagent.pipeline import JobReport
from superagent.settings import Settings
from superagent.state.models import Job
from superagent.state.sqlite import SQLiteStateStore
from superagent.testkit.credentials import Credentials

AUTH_FLOWS = (FlowKind.LOGIN, FlowKind.LOGIN_FAILURE, FlowKind.LOGOUT)


def check_reachable(url: str, timeout: float = 5.0) -> None:
    """Fail early, with the address in the message, when the app under test does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return
    except urllib.error.HTTPError:
        return  # it answered; a 4xx/5xx start page is still an app
    except ValueError as exc:
        raise BadURLError(f"not a usable URL: {url!r} ({exc})") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise AppUnreachableError(f"the app at {url!r} does not answer: {reason}. Is it running?") from None


def finish(
    console: Console, report: JobReport, report_path: Path, job_id: str, title: str, verb: str = "validated"
) -> int:
    console.print(render.job_table(report, title=title))
    render.print_reasons(console, report)
    validated = sum(f.status == "validated" for f in report.flows)
    console.print(
        f"{validated}/{len(report.flows)} {verb} in {report.seconds:.1f}s — job {job_id}, report {report_path}",
        highlight=False,
    )
    return 0 if report.ok else 1


def create(
    console: Console,
    settings: Settings,
    text: str,
    requests: list[Request],
    env: dict[str, str],
    creds: Credentials | None,
) -> int:
    job_id, report, path = create_report(console, settings, text, requests, env, creds)
    return finish(console, report, path, job_id, "SuperAgent")


def create_report(
    console: Console,
    settings: Settings,
    text: str,
    requests: list[Request],
    env: dict[str, str],
    creds: Credentials | None,
) -> tuple[str, JobReport, Path]:
    """Check the app and the browser, then write, check, run and validate with a live display."""
    url = requests[0].url
    if not url:
        raise UsageError(f"no URL to test: put one in the request or pass --url (request: {text!r})")
    check_reachable(url)
    find_chromium(settings.chromium_path)
    flows = [r.label for r in requests if r.flow]
    with render.Progress(console, flows) as progress:
        return asyncio.run(create_job(settings, text, requests, credentials=creds, runner_env=env, on_event=progress))


def routed(
    console: Console, settings: Settings, text: str, *, url: str | None, username: str | None,
    password_env: str | None,
) -> Request:  # fmt: skip
    """Kaya's grammar; a request it cannot read goes to Kaya's model (when one is configured), restated in a
    sentence the grammar knows."""
    options = {
        "url": url,
        "username": username,
        "password_env": password_env,
        "budget_per_feature": settings.budget_per_feature,
        "budget_critical": settings.budget_critical,
    }
    try:
        return route(text, **options)  # type: ignore[arg-type]
    except UnknownRequestError as unread:
        restated = asyncio.run(_restate(settings, text))
        if restated is None:
            raise
        console.print(f"[bold]Kaya[/] (model) read it as: {restated!r}", highlight=False)
        try:
            return route(restated, **options)  # type: ignore[arg-type]
        except UnknownRequestError:
            raise unread from None


async def _restate(settings: Settings, text: str) -> str | None:
    from superagent.agents.router_llm import restate
    from superagent.llm.brains import Allowance, Brains

    async with SQLiteStateStore(settings.state_db) as state:
        brains = Brains(recorder=state)
        allowance = Allowance(
            job_id="routing", step=f"router:{uuid.uuid4().hex[:8]}", usd=settings.budget_per_feature,
            model=settings.model,
        )  # fmt: skip
        if not brains.active("router", allowance):
            return None
        sentence, _ = await restate(brains, text, allowance)
        return sentence


def check_model(settings: Settings) -> None:
    """A bad model name or a model without a price is bad input: say so before any work starts."""
    from superagent.llm.brains import Allowance, Brains
    from superagent.llm.config import AGENTS, normalize_ref

    if settings.model:
        normalize_ref(settings.model)
    brains = Brains()
    for agent in AGENTS:
        for tier in ("easy", "hard"):
            allowance = Allowance(job_id="check", step="check", usd=0, tier=tier, critical=True, model=settings.model)
            for choice in brains.choices(agent, allowance):
                if not choice.offline:
                    brains.prices.check(choice.ref)


def dispatch(
    console: Console,
    settings: Settings,
    text: str,
    *,
    url: str | None,
    username: str | None,
    password_env: str | None,
) -> int:
    check_model(settings)
    request = routed(console, settings, text, url=url, username=username, password_env=password_env)
    console.print(
        f"[bold]Kaya[/]: {request.intent.value}"
        + (f" · flow {request.flow.value}" if request.flow else "")
        + (f" · {request.url}" if request.url else "")
        + f" · complexity {request.complexity} ({request.tier}) · budget ${request.budget_usd:.2f}",
        highlight=False,
    )
    if request.intent is Intent.CREATE_TEST:
        account = request.credentials.username or username
        if request.flow in AUTH_FLOWS and not account:
            raise UsageError(
                f"a {request.flow.value.replace('_', ' ')} test needs an account: pass --username NAME and "
                "--password-env VAR (the name of the variable holding the password)"
            )
        creds, env = resolve_credentials(account, request.credentials.password_env or password_env)
        return create(console, settings, text, [request], env, creds)
    if request.intent is Intent.LINT:
        return lint_paths(console, request.paths or [str(settings.tests_dir)], "text")
    if request.intent in (Intent.RUN_TESTS, Intent.VALIDATE):
        paths = request.paths or [str(settings.tests_dir)]
        return check(console, settings, paths, request.url, judge=request.intent is Intent.VALIDATE)
    if request.intent is Intent.STATUS:
        return show_status(console, settings, 15)
    raise UsageError(f"Kaya understood {request.intent.value!r}, which this version cannot do yet: {text!r}")


def lint_paths(console: Console, paths: list[str], output_format: str) -> int:
    formats = {"text": lint_format.format_text, "json": lint_format.format_json, "sarif": lint_format.format_sarif}
    if output_format not in formats:
        raise UsageError(f"unknown format {output_format!r}: use text, json or sarif")
    critiques = critic.critique_paths(paths)
    console.print(formats[output_format](critiques), highlight=False, markup=False, soft_wrap=True)
    return 1 if any(c.findings for c in critiques) else 0


def check(console: Console, settings: Settings, paths: list[str], url: str | None, *, judge: bool) -> int:
    expand_test_paths(paths)  # a missing or non-test path fails here, before any job starts
    if url:
        check_reachable(url)
    find_chromium(settings.chromium_path)
    env = superagent_env()
    with console.status("running tests in one pytest process…"):
        job_id, report, path = asyncio.run(check_job(settings, paths, url, judge=judge, runner_env=env))
    return finish(console, report, path, job_id, "validate" if judge else "test", "validated" if judge else "passed")


def show_status(console: Console, settings: Settings, limit: int) -> int:
    async def load() -> list[Job]:
        async with SQLiteStateStore(settings.state_db) as state:
            return await state.recent_jobs(limit)

    jobs = asyncio.run(load())
    if not jobs:
        console.print("no jobs yet — try: superagent demo run")
        return 0
    table = render.Table(title="Recent jobs")
    for column in ("job", "when", "intent", "flows", "status", "summary"):
        table.add_column(column)
    for job in jobs:
        colour = {"validated": "green", "running": "cyan", "not_found": "yellow"}.get(job.status, "red")
        table.add_row(
            job.id, job.created_at.strftime("%Y-%m-%d %H:%M"), job.intent, job.flow or "—",
            f"[{colour}]{job.status}[/]", job.summary or "",
        )  # fmt: skip
    console.print(table)
    return 0
