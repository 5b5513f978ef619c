"""The ``superagent`` Typer app: parsing and help. Each command runs one coroutine of its group's module through
``_run`` — the only ``asyncio.run`` — with the services ``build_services`` chose."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError
from rich.console import Console

from superagent import __version__
from superagent.cli import render
from superagent.errors import SuperAgentError, UsageError
from superagent.services import Services, build_services
from superagent.settings import Settings

T = TypeVar("T")

app = typer.Typer(
    name="superagent",
    help="Writes, lints, runs, validates and heals Playwright tests for a web app.\n\n"
    'Example: superagent run "write a test that a user can log in" --url http://127.0.0.1:5000',
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
demo_app = typer.Typer(help="The bundled demo app: run the full job on it, or serve it by hand.", no_args_is_help=True)
app.add_typer(demo_app, name="demo")
temporal_app = typer.Typer(help="The local Temporal server that keeps jobs durable.", no_args_is_help=True)
app.add_typer(temporal_app, name="temporal")
review_app = typer.Typer(help="The human review queue: tests Medic could not heal safely.", no_args_is_help=True)
app.add_typer(review_app, name="review")

console = Console(soft_wrap=True)
if not console.is_terminal:
    console.width = max(console.width, 160)  # piped output keeps whole table cells
err_console = Console(stderr=True, soft_wrap=True)

UrlOpt = Annotated[str | None, typer.Option("--url", help="base URL of the app under test")]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="provider:model for every agent (e.g. openai:gpt-4o-mini), or local for offline"),
]
PathsArg = Annotated[list[Path], typer.Argument(help="test files or folders", show_default=False)]
UserOpt = Annotated[
    str | None,
    typer.Option("--username", help="account the tests log in with (default: the one remembered for the app)"),
]
PasswordEnvOpt = Annotated[
    str | None,
    typer.Option("--password-env", help="name of the env variable holding its password (never the password)"),
]


def _settings(**overrides: Any) -> Settings:
    """The settings, or one line naming the first bad one (exit 2) before any work starts."""
    try:
        settings = Settings()
    except ValidationError as exc:
        raise UsageError(bad_setting(exc)) from None
    except SettingsError as exc:  # a value that is not even the right shape (a list that is not JSON)
        raise UsageError(f"bad setting: {exc}") from None
    return settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})


def bad_setting(exc: ValidationError) -> str:
    error = exc.errors()[0]
    name = "SUPERAGENT_" + "_".join(str(part) for part in error["loc"]).upper()
    shown = render.clean(repr(error.get("input")), limit=80)
    return f"bad setting {name}: {error['msg'].lower()} (got {shown})"


def _services(**overrides: Any) -> Services:
    return build_services(_settings(**overrides))


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _print_version(value: bool) -> None:
    if value:
        console.print(f"superagent {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="log what the agents do")] = False,
    version: Annotated[
        bool, typer.Option("--version", help="print the version and exit", callback=_print_version, is_eager=True)
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    # Temporal logs every failed activity with its traceback; the job reports what matters in one line.
    logging.getLogger("temporalio").setLevel(logging.INFO if verbose else logging.ERROR)


@app.command()
def run(
    request: Annotated[
        str,
        typer.Argument(
            help='what you want, e.g. "write a test that a user can log in", steps ("click Save, expect '
            "'Saved'\"), or a .feature file"
        ),
    ],
    url: UrlOpt = None,
    username: Annotated[str | None, typer.Option(help="account to log in with")] = None,
    password_env: Annotated[
        str | None, typer.Option(help="name of the env variable that holds the password (never the password)")
    ] = None,
    tests_dir: Annotated[Path | None, typer.Option(help="where generated tests go")] = None,
    artifacts_dir: Annotated[Path | None, typer.Option(help="where screenshots, traces and reports go")] = None,
    model: ModelOpt = None,
) -> None:
    """Ask Kaya for anything: write a test, run or validate tests, lint, status.

    Examples:

      superagent run "write a test that a user can log in" --url http://127.0.0.1:5000 \\
          --username demo --password-env APP_PASSWORD

      superagent run "test search on http://127.0.0.1:5000"

    Any flow, spelled out as steps (see docs/step-language.md):

      superagent run "log in, click New issue, fill Title with 'Crash {unique}', click Create, \\
          expect 'Issue created'" --url http://127.0.0.1:5000 --username demo --password-env APP_PASSWORD

    A Gherkin feature file: one test per scenario, an Outline's Examples as parameters:

      superagent run features/issues.feature --url http://127.0.0.1:5000

      superagent run "lint superagent-tests/"
    """
    from superagent.cli.run import dispatch

    services = _services(tests_dir=tests_dir, artifacts_dir=artifacts_dir, model=model)
    raise typer.Exit(_run(dispatch(console, services, request, url=url, username=username, password_env=password_env)))


@app.command()
def kaya(
    request: Annotated[str, typer.Argument(help="what you want, in a sentence")],
    url: UrlOpt = None,
    username: Annotated[str | None, typer.Option(help="account to log in with")] = None,
    password_env: Annotated[str | None, typer.Option(help="env variable holding the password")] = None,
    model: ModelOpt = None,
) -> None:
    """Same as `run`: Kaya routes the sentence to the right agents."""
    from superagent.cli.run import dispatch

    raise typer.Exit(
        _run(dispatch(console, _services(model=model), request, url=url, username=username, password_env=password_env))
    )


@app.command()
def lint(
    paths: PathsArg,
    output_format: Annotated[str, typer.Option("--format", help="text, json or sarif")] = "text",
    untrusted: Annotated[
        bool,
        typer.Option(
            "--untrusted",
            help="Also hold the files to the allowlist for generated and model-written code (SA2xx): only "
            "playwright, re, datetime, uuid, secrets, pytest and superagent.testkit; no eval, os, files or scripts.",
        ),
    ] = False,
) -> None:
    """The Critic on pytest-playwright files: exit 1 on findings, 0 when clean.

    Example: superagent lint superagent-tests/ --format sarif > critic.sarif
    """
    from superagent.cli.check import lint_paths

    raise typer.Exit(lint_paths(console, [str(p) for p in paths], output_format, untrusted=untrusted))


@app.command("test")
def test_command(
    paths: PathsArg, url: UrlOpt = None, username: UserOpt = None, password_env: PasswordEnvOpt = None
) -> None:
    """Run existing tests in one pytest process with evidence capture.

    Example: superagent test superagent-tests/ --url http://127.0.0.1:5000/admin/ --username dana --password-env PW
    (the account is remembered per app: later runs against the same URL need neither option)
    """
    from superagent.cli.check import check

    files = [str(p) for p in paths]
    raise typer.Exit(
        _run(check(console, _services(), files, url, judge=False, username=username, password_env=password_env))
    )


@app.command()
def validate(
    paths: PathsArg, url: UrlOpt = None, username: UserOpt = None, password_env: PasswordEnvOpt = None
) -> None:
    """Run existing tests and judge each against the rubric (browser, executed, passed, screenshots, time).

    Example: superagent validate superagent-tests/test_login.py --url http://127.0.0.1:5000
    """
    from superagent.cli.check import check

    files = [str(p) for p in paths]
    raise typer.Exit(
        _run(check(console, _services(), files, url, judge=True, username=username, password_env=password_env))
    )


@app.command()
def heal(
    paths: PathsArg,
    url: UrlOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="prove fixes but only print the diffs")] = False,
    username: UserOpt = None,
    password_env: PasswordEnvOpt = None,
) -> None:
    """Medic: run the tests, heal the failing ones with proof (3 passes in a row, no regression, Critic clean),
    and send the rest to the review queue.

    Example: superagent heal superagent-tests/ --url http://127.0.0.1:5000 --dry-run
    """
    from superagent.cli.review import heal as run_heal

    files = [str(p) for p in paths]
    healing = run_heal(console, _services(), files, url, dry_run=dry_run, username=username, password_env=password_env)
    raise typer.Exit(_run(healing))


@review_app.command("list")
def review_list(
    all_items: Annotated[bool, typer.Option("--all", help="include resolved and rejected")] = False,
) -> None:
    """Open items, highest priority first."""
    from superagent.cli.review import review_list as run

    raise typer.Exit(_run(run(console, _services(), all_items)))


@review_app.command("show")
def review_show(review_id: Annotated[str, typer.Argument(help="the item id, e.g. r-1a2b3c")]) -> None:
    """Everything about one item: the failure, every attempted patch and why it was rejected, the evidence."""
    from superagent.cli.review import review_show as run

    raise typer.Exit(_run(run(console, _services(), review_id)))


@review_app.command("resolve")
def review_resolve(
    review_id: Annotated[str, typer.Argument(help="the item id")],
    note: Annotated[str, typer.Option(help="what you decided and why")],
    test: Annotated[Path | None, typer.Option(help="a corrected test file; it is re-validated first")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="accept Medic's suggestion (re-validated first)")] = False,
) -> None:
    """Close an item, optionally with a corrected test or the suggested new expectation.

    Example: superagent review resolve r-1a2b3c --note "wording changed on purpose" --accept
    """
    from superagent.cli.review import review_resolve as run

    raise typer.Exit(_run(run(console, _services(), review_id, note, test, accept)))


@review_app.command("reject")
def review_reject(
    review_id: Annotated[str, typer.Argument(help="the item id")],
    note: Annotated[str, typer.Option(help="why the change is rejected (e.g. a real app bug, filed)")],
) -> None:
    """Close an item without changing the test (e.g. the app is broken, not the test)."""
    from superagent.cli.review import review_reject as run

    raise typer.Exit(_run(run(console, _services(), review_id, note)))


@app.command()
def status(limit: Annotated[int, typer.Option(help="how many jobs")] = 15) -> None:
    """Recent jobs and their verdicts."""
    from superagent.cli.check import show_status

    raise typer.Exit(_run(show_status(console, _services(), limit)))


@demo_app.command("run")
def demo_run(
    variant: Annotated[str, typer.Option(help="v1 or v2")] = "v1",
    tests_dir: Annotated[Path | None, typer.Option(help="where generated tests go")] = None,
    second_act: Annotated[bool, typer.Option(help="then change the app (v2) and let Medic heal the tests")] = True,
    model: ModelOpt = None,
) -> None:
    """Start the demo app and have every flow written, checked, run and validated; then change the app and heal."""
    from superagent.cli.demo import run_demo

    services = _services(tests_dir=tests_dir, model=model)
    raise typer.Exit(_run(run_demo(console, services, variant, second_act=second_act)))


@demo_app.command("serve")
def demo_serve(
    variant: Annotated[str, typer.Option(help="v1 or v2")] = "v1",
    port: Annotated[int, typer.Option(help="port on 127.0.0.1 (0 picks a free one)")] = 5000,
    username: Annotated[str, typer.Option(help="the demo account")] = "demo",
    password_env: Annotated[str, typer.Option(help="env variable with the demo password")] = "SUPERAGENT_PASSWORD",
) -> None:
    """Serve the demo app alone, for trying things by hand (Ctrl-C stops it)."""
    import os

    from superagent.demo.server import run_demo_server

    if variant not in ("v1", "v2"):
        raise UsageError(f"unknown variant {variant!r}: use v1 or v2")
    password = os.environ.get(password_env) or secrets.token_urlsafe(9)
    if password_env not in os.environ:
        render.plain(
            console, f"demo account: {username} — password generated for this run; export {password_env} to choose it"
        )
        render.plain(console, f"password: {password}")
    with contextlib.suppress(KeyboardInterrupt):
        _run(run_demo_server(variant, port, username, password))


@app.command()
def cost(
    by: Annotated[str, typer.Option("--by", help="agent, model, feature or day")] = "agent",
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """What the models have cost, from the ledger (every call, keyed by job, step and attempt).

    Examples: superagent cost · superagent cost --by model --format json
    """
    from superagent.cli.llm import show_cost

    raise typer.Exit(_run(show_cost(console, _services(), by, output_format)))


@app.command()
def models(model: ModelOpt = None) -> None:
    """Which model each agent would use for easy, hard and critical requests, and why; the budget caps.

    Example: SUPERAGENT_MODEL_WRITER=openai:gpt-4o-mini superagent models
    """
    import os

    from superagent.cli.llm import show_models

    raise typer.Exit(show_models(console, _settings(), os.environ, override=model))


@app.command()
def doctor() -> None:
    """What protects this machine from the generated tests it runs: sandbox, user namespaces, Chromium's sandbox,
    environment and origin allowlists, state file permissions. Exit 0 when protected, 1 when not.

    Example: superagent doctor
    """
    from superagent.cli.doctor import doctor as run

    raise typer.Exit(run(console, _settings()))


@app.command()
def worker(
    agents: Annotated[
        str, typer.Option(help="agents whose task queues to serve: router,writer,critic,runner,validator,medic or all")
    ] = "all",
    concurrency: Annotated[int, typer.Option(help="activities each agent runs at once")] = 8,
) -> None:
    """Serve some agents' task queues (scale-out). The router's worker also runs the job workflows.

    Example: SUPERAGENT_TEMPORAL_ADDRESS=temporal:7233 superagent worker --agents runner,validator --concurrency 4
    """
    from superagent.cli.temporal import worker as run

    raise typer.Exit(_run(run(console, _services(), agents, concurrency)))


@app.command()
def submit(
    request: Annotated[str, typer.Argument(help='a request to write a test, e.g. "test that search works"')],
    url: UrlOpt = None,
    username: Annotated[str | None, typer.Option(help="account to log in with")] = None,
    password_env: Annotated[
        str | None, typer.Option(help="name of the env variable that holds the password, on the workers")
    ] = None,
) -> None:
    """Start a durable job and print its id (the last line); workers do the work, `jobs ID` follows it.

    Example: superagent submit "write a test that search shows matching products" --url http://127.0.0.1:5000
    """
    from superagent.cli.temporal import submit as run

    raise typer.Exit(_run(run(console, _services(), request, url=url, username=username, password_env=password_env)))


@app.command()
def jobs(
    job_id: Annotated[str | None, typer.Argument(help="one job's id, for its results")] = None,
    limit: Annotated[int, typer.Option(help="how many jobs to list")] = 20,
) -> None:
    """Durable jobs and their status: running, completed (with its verdict), in review, failed.

    Examples: superagent jobs · superagent jobs 20261125-101500-ab12cd
    """
    from superagent.cli.temporal import jobs as run

    raise typer.Exit(_run(run(console, _services(), job_id, limit)))


@temporal_app.command("ui")
def temporal_ui() -> None:
    """Print the Temporal Web UI address of the running local server."""
    from superagent.cli.temporal import temporal_ui as run

    raise typer.Exit(run(console, _settings()))


@temporal_app.command("serve")
def temporal_serve(
    port: Annotated[int | None, typer.Option(help="gRPC port on 127.0.0.1 (default: a free one)")] = None,
) -> None:
    """Run the local Temporal server with its Web UI until Ctrl-C; jobs meanwhile reuse it."""
    from superagent.cli.temporal import temporal_serve as run

    try:
        code = _run(run(console, _settings(), port))
    except KeyboardInterrupt:
        console.print("stopped")
        code = 0
    raise typer.Exit(code)


def main() -> None:
    """Entry point: bad input and known failures become one clear line on stderr and a non-zero exit."""
    try:
        app()
    except SuperAgentError as exc:
        err_console.print(f"[bold red]error:[/] {render.safe(str(exc))}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
