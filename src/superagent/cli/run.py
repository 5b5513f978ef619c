"""`superagent run` / `kaya`: Kaya routes a sentence, and a request to write a test becomes a job."""

from __future__ import annotations

import uuid

from rich.console import Console

from superagent.agents.router import route
from superagent.browser.chromium import find_chromium
from superagent.cli import render
from superagent.cli.check import check, lint_paths, show_status
from superagent.cli.common import check_reachable, finish
from superagent.errors import UnknownRequestError, UsageError
from superagent.job_models import JobOutcome
from superagent.job_records import resolve_credentials
from superagent.jobs import create_job
from superagent.llm.brains import Allowance, Brains
from superagent.models import FlowKind, Intent, Request
from superagent.services import Services

AUTH_FLOWS = (FlowKind.LOGIN, FlowKind.LOGIN_FAILURE, FlowKind.LOGOUT)


async def create_report(
    console: Console, services: Services, text: str, requests: list[Request], *, username: str | None,
    password_env: str | None, runner_env: dict[str, str],
) -> JobOutcome:  # fmt: skip
    """Check the app and the browser, then write, check, run and validate with a live display."""
    url = requests[0].url
    if not url:
        raise UsageError(f"no URL to test: put one in the request or pass --url (request: {text!r})")
    check_reachable(url)
    find_chromium(services.settings.chromium_path)
    flows = [r.label for r in requests if r.flow]
    with render.Progress(console, flows) as progress:
        return await create_job(
            services, text, requests, username=username, password_env=password_env, runner_env=runner_env,
            on_event=progress,
        )  # fmt: skip


async def routed(
    console: Console, services: Services, text: str, *, url: str | None, username: str | None,
    password_env: str | None,
) -> Request:  # fmt: skip
    """Kaya's grammar; a request it cannot read goes to Kaya's model (when one is configured), restated in a
    sentence the grammar knows."""
    settings = services.settings
    options = {
        "url": url,
        "username": username,
        "password_env": password_env,
        "budget_per_feature": settings.budget_per_feature,
        "budget_critical": settings.budget_critical,
        "password_env_allowlist": settings.password_env_allowlist,
    }
    try:
        return route(text, **options)  # type: ignore[arg-type]
    except UnknownRequestError as unread:
        restated = await _restate(services, text)
        if restated is None:
            raise
        console.print(f"[bold]Kaya[/] (model) read it as: {render.safe(repr(restated))}", highlight=False)
        try:
            return route(restated, **options)  # type: ignore[arg-type]
        except UnknownRequestError:
            raise unread from None


async def _restate(services: Services, text: str) -> str | None:
    from superagent.agents.router_llm import restate

    settings = services.settings
    async with services.open_state() as state:
        brains = services.brains(state)
        allowance = Allowance(
            job_id="routing", step=f"router:{uuid.uuid4().hex[:8]}", usd=settings.budget_per_feature,
            model=settings.model,
        )  # fmt: skip
        if not brains.active("router", allowance):
            return None
        sentence, _ = await restate(brains, text, allowance)
        return sentence


def check_model(services: Services) -> None:
    """A bad model name or a model without a price is bad input: say so before any work starts."""
    from superagent.llm.config import AGENTS, normalize_ref

    settings = services.settings
    if settings.model:
        normalize_ref(settings.model)
    brains: Brains = services.brains()
    for agent in AGENTS:
        for tier in ("easy", "hard"):
            allowance = Allowance(job_id="check", step="check", usd=0, tier=tier, critical=True, model=settings.model)
            for choice in brains.choices(agent, allowance):
                if not choice.offline:
                    brains.prices.check(choice.ref)


async def dispatch(
    console: Console, services: Services, text: str, *, url: str | None, username: str | None,
    password_env: str | None,
) -> int:  # fmt: skip
    settings = services.settings
    check_model(services)
    request = await routed(console, services, text, url=url, username=username, password_env=password_env)
    console.print(
        f"[bold]Kaya[/]: {request.intent.value}"
        + (f" · flow {request.flow.value}" if request.flow else "")
        + (f" · {render.safe(request.url)}" if request.url else "")
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
        variable = request.credentials.password_env or password_env
        _, env = resolve_credentials(account, variable)  # a missing password fails here, before any work
        outcome = await create_report(
            console, services, text, [request], username=account, password_env=variable, runner_env=env
        )
        return finish(console, outcome, "SuperAgent")
    if request.intent is Intent.LINT:
        return lint_paths(console, request.paths or [str(settings.tests_dir)], "text")
    if request.intent in (Intent.RUN_TESTS, Intent.VALIDATE):
        paths = request.paths or [str(settings.tests_dir)]
        return await check(console, services, paths, request.url, judge=request.intent is Intent.VALIDATE)
    if request.intent is Intent.STATUS:
        return await show_status(console, services, 15)
    raise UsageError(f"Kaya understood {request.intent.value!r}, which this version cannot do yet: {text!r}")
