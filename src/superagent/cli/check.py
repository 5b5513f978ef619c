"""`superagent lint`, `test`, `validate` and `status`: the Critic, the Runner and Gemini on existing tests."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from superagent.agents import critic, lint_format
from superagent.agents.runner import expand_test_paths
from superagent.app_accounts import recall
from superagent.browser.chromium import find_chromium
from superagent.cli.common import check_reachable, finish
from superagent.cli.render import clean, safe
from superagent.errors import UsageError
from superagent.job_records import resolve_credentials, superagent_env
from superagent.jobs import check_job
from superagent.services import Services


def lint_paths(console: Console, paths: list[str], output_format: str, *, untrusted: bool = False) -> int:
    formats = {"text": lint_format.format_text, "json": lint_format.format_json, "sarif": lint_format.format_sarif}
    if output_format not in formats:
        raise UsageError(f"unknown format {output_format!r}: use text, json or sarif")
    critiques = critic.critique_paths(paths, untrusted=untrusted)
    console.print(clean(formats[output_format](critiques)), highlight=False, markup=False, soft_wrap=True)
    return 1 if any(c.findings for c in critiques) else 0


def account_env(services: Services, url: str | None, username: str | None, password_env: str | None) -> dict[str, str]:
    """The runs' environment: this process's settings, and the account to log in with — given, else the one
    remembered for this app (names only; the password stays in its variable)."""
    env = superagent_env()
    known = recall(services.settings.state_dir, url or env.get("SUPERAGENT_BASE_URL"))
    username = username or env.get("SUPERAGENT_USERNAME") or (known.username if known else None)
    if not username:
        return env
    variable = password_env or env.get("SUPERAGENT_PASSWORD_ENV") or (known.password_env if known else None)
    _, account = resolve_credentials(username, variable)  # a missing password fails here, before any run
    return {**env, **account}


async def check(
    console: Console, services: Services, paths: list[str], url: str | None, *, judge: bool,
    username: str | None = None, password_env: str | None = None,
) -> int:  # fmt: skip
    expand_test_paths(paths)  # a missing or non-test path fails here, before any job starts
    if url:
        check_reachable(url)
    find_chromium(services.settings.chromium_path)
    env = account_env(services, url, username, password_env)
    with console.status("running tests in one pytest process…"):
        outcome = await check_job(services, paths, url, judge=judge, runner_env=env)
    return finish(console, outcome, "validate" if judge else "test", "validated" if judge else "passed")


async def show_status(console: Console, services: Services, limit: int) -> int:
    async with services.open_state() as state:
        jobs = await state.recent_jobs(limit)
    if not jobs:
        console.print("no jobs yet — try: superagent demo run")
        return 0
    table = Table(title="Recent jobs")
    for column in ("job", "when", "intent", "flows", "status", "summary"):
        table.add_column(column)
    for job in jobs:
        colour = {"validated": "green", "running": "cyan", "not_found": "yellow"}.get(job.status, "red")
        table.add_row(
            safe(job.id), job.created_at.strftime("%Y-%m-%d %H:%M"), safe(job.intent), safe(job.flow or "—"),
            f"[{colour}]{safe(job.status)}[/]", safe(job.summary or ""),
        )  # fmt: skip
    console.print(table)
    return 0
