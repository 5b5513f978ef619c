"""`superagent run` / `kaya`: Kaya routes a sentence, and a request to write a test becomes a job."""

from __future__ import annotations

import uuid
from pathlib import Path

from rich.console import Console

from superagent.agents.gherkin_feature import parse_feature
from superagent.agents.router import feature_requests, route_all
from superagent.app_accounts import Account, recall, remember
from superagent.browser.chromium import find_chromium
from superagent.cli import render
from superagent.cli.check import check, lint_paths, show_status
from superagent.cli.common import check_reachable, finish
from superagent.cli.review import heal
from superagent.errors import FeatureError, UnknownRequestError, UsageError
from superagent.healing.sidecar import load_sidecar
from superagent.job_models import JobOutcome
from superagent.job_records import resolve_credentials
from superagent.jobs import create_job
from superagent.llm.brains import Allowance, Brains
from superagent.models import FlowKind, Intent, Request
from superagent.services import Services
from superagent.settings import DEFAULT_PASSWORD_ENV_ALLOWLIST

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


def is_feature_path(text: str) -> bool:
    """A request that is a Gherkin file to turn into tests: one ending in ``.feature``, with no spaces."""
    return text.strip().lower().endswith(".feature") and not any(ch.isspace() for ch in text.strip())


def read_feature(
    path: str, *, url: str | None, username: str | None, password_env: str | None, budget_per_feature: float,
    budget_critical: float, password_env_allowlist: tuple[str, ...] = DEFAULT_PASSWORD_ENV_ALLOWLIST,
) -> list[Request]:  # fmt: skip
    """One request per scenario of a feature file (Background steps first, an Outline's Examples kept)."""
    file = Path(path.strip())
    if not file.is_file():
        raise UsageError(f"feature file {str(file)!r} does not exist")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FeatureError(f"{file}: cannot read it: {exc}", path=str(file)) from None
    feature = parse_feature(text, str(file))
    if not feature.scenarios:
        raise FeatureError(f"{file}: no scenarios: add a 'Scenario:' with steps", path=str(file))
    return feature_requests(
        feature, url=url, username=username, password_env=password_env, budget_per_feature=budget_per_feature,
        budget_critical=budget_critical, password_env_allowlist=password_env_allowlist,
    )  # fmt: skip


async def routed(
    console: Console, services: Services, text: str, *, url: str | None, username: str | None,
    password_env: str | None,
) -> list[Request]:  # fmt: skip
    """Kaya's grammar (a feature file's scenarios, inline Gherkin's each give a request); a request it cannot
    read goes to Kaya's model (when one is configured), restated in a sentence the grammar knows."""
    settings = services.settings
    options = {
        "url": url,
        "username": username,
        "password_env": password_env,
        "budget_per_feature": settings.budget_per_feature,
        "budget_critical": settings.budget_critical,
        "password_env_allowlist": settings.password_env_allowlist,
    }
    if is_feature_path(text):
        return read_feature(text, **options)  # type: ignore[arg-type]
    try:
        return route_all(text, **options)  # type: ignore[arg-type]
    except UnknownRequestError as unread:
        restated = await _restate(services, text)
        if restated is None:
            raise
        console.print(f"[bold]Kaya[/] (model) read it as: {render.safe(repr(restated))}", highlight=False)
        try:
            return route_all(restated, **options)  # type: ignore[arg-type]
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


def fixable_tests(tests_dir: Path, flow: FlowKind | None) -> list[str]:
    """ "fix the failing login test": the flow's tests in the tests folder, else the whole folder (Medic only
    touches the ones that fail)."""
    if not tests_dir.is_dir():
        raise UsageError(f"no tests to fix: {str(tests_dir)!r} does not exist (name a test file or folder)")
    if flow is not None:
        named = sorted(str(p) for p in tests_dir.glob(f"test_{flow.value}*.py"))
        if named:
            return named
    return [str(tests_dir)]


def recorded_base_url(paths: list[str]) -> str | None:
    """The app the tests were written against, from their fingerprint sidecars (when no --url is given)."""
    for raw in paths:
        path = Path(raw)
        for test in sorted(path.glob("test_*.py")) if path.is_dir() else [path]:
            sidecar = load_sidecar(test)
            if sidecar is not None and sidecar.base_url:
                return sidecar.base_url
    return None


async def dispatch(
    console: Console, services: Services, text: str, *, url: str | None, username: str | None,
    password_env: str | None,
) -> int:  # fmt: skip
    settings = services.settings
    check_model(services)
    requests = await routed(console, services, text, url=url, username=username, password_env=password_env)
    request = requests[0]
    console.print(
        f"[bold]Kaya[/]: {request.intent.value}"
        + (f" · flow {request.flow.value}" if request.flow else "")
        + (f" · {len(request.steps)} steps" if request.flow is FlowKind.STEPS and len(requests) == 1 else "")
        + (f" · {len(requests)} scenarios" if len(requests) > 1 else "")
        + (f" · {render.safe(request.url)}" if request.url else "")
        + f" · complexity {request.complexity} ({request.tier}) · budget ${request.budget_usd:.2f}",
        highlight=False,
    )
    if request.intent is Intent.CREATE_TEST:
        account = request.credentials.username or username
        variable = request.credentials.password_env or password_env
        if account is None and request.url and (known := recall(settings.state_dir, request.url)):
            account, variable = known.username, variable or known.password_env
        logs_in = any(i.verb == "login" for r in requests for i in r.steps)
        if (request.flow in AUTH_FLOWS or logs_in) and not account:
            flow = request.flow.value if request.flow else "flow"
            what = "steps that log in need" if logs_in else f"a {flow.replace('_', ' ')} test needs"
            raise UsageError(
                f"{what} an account: pass --username NAME and --password-env VAR (the name of the variable holding "
                "the password)"
            )
        if account is not None:
            variable = variable or "SUPERAGENT_PASSWORD"
            for each in requests:
                each.credentials.username, each.credentials.password_env = account, variable
        _, env = resolve_credentials(account, variable)  # a missing password fails here, before any work
        if account is not None and variable is not None and request.url:
            remember(settings.state_dir, request.url, Account(username=account, password_env=variable))
        outcome = await create_report(
            console, services, text, requests, username=account, password_env=variable, runner_env=env
        )
        return finish(console, outcome, "SuperAgent")
    if request.intent is Intent.FIX:
        paths = request.paths or fixable_tests(settings.tests_dir, request.flow)
        url = request.url or recorded_base_url(paths)
        return await heal(console, services, paths, url, dry_run=False, username=username, password_env=password_env)
    if request.intent is Intent.LINT:
        return lint_paths(console, request.paths or [str(settings.tests_dir)], "text")
    if request.intent in (Intent.RUN_TESTS, Intent.VALIDATE):
        paths = request.paths or [str(settings.tests_dir)]
        return await check(console, services, paths, request.url, judge=request.intent is Intent.VALIDATE)
    if request.intent is Intent.STATUS:
        return await show_status(console, services, 15)
    raise UsageError(f"Kaya understood {request.intent.value!r}, which this version cannot do yet: {text!r}")
