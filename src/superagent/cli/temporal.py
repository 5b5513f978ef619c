"""`superagent worker`, `submit`, `jobs` and `temporal ...`: the scale-out side of the same durable jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC

from rich.console import Console
from rich.table import Table

from superagent.agents.router import route
from superagent.cli import render
from superagent.errors import UsageError
from superagent.job_models import JobOutcome, JobSpec, Policy
from superagent.models import Intent
from superagent.orchestration import devserver
from superagent.orchestration.worker import parse_agents, serve_workers, temporal_client
from superagent.services import Services
from superagent.settings import Settings
from superagent.state.models import new_job_id

STATUS_WORDS = {"RUNNING": "running", "COMPLETED": "completed", "FAILED": "failed", "TERMINATED": "failed",
                "TIMED_OUT": "failed", "CANCELED": "failed", "CONTINUED_AS_NEW": "running"}  # fmt: skip


async def worker(console: Console, services: Services, agents_text: str, concurrency: int) -> int:
    settings = services.settings
    agents = parse_agents(agents_text)
    if concurrency < 1:
        raise UsageError(f"--concurrency must be at least 1, got {concurrency}")
    where = settings.temporal_address or "a local dev server (set SUPERAGENT_TEMPORAL_ADDRESS to join a cluster)"

    def ready() -> None:
        queues = ", ".join(f"{settings.task_queue_prefix}{a}" for a in agents)
        console.print(
            f"worker ready on {where}: {queues} — Ctrl-C or SIGTERM stops after in-flight work", highlight=False
        )

    await serve_workers(settings, services.activities, agents, concurrency, on_ready=ready)
    console.print("worker stopped")
    return 0


async def submit(
    console: Console, services: Services, text: str, *, url: str | None, username: str | None,
    password_env: str | None,
) -> int:  # fmt: skip
    """Start a durable job and print its id as the last line; workers (here or elsewhere) do the work."""
    settings = services.settings
    request = route(
        text,
        url=url,
        username=username,
        password_env=password_env,
        budget_per_feature=settings.budget_per_feature,
        budget_critical=settings.budget_critical,
        password_env_allowlist=settings.password_env_allowlist,
    )
    if request.intent is not Intent.CREATE_TEST:
        raise UsageError(f"submit takes a request to write a test; Kaya read {request.intent.value!r} in {text!r}")
    if not request.url:
        raise UsageError(f"no URL to test: put one in the request or pass --url (request: {text!r})")
    spec = JobSpec(
        job_id=new_job_id(),
        kind="create",
        title=text,
        text=text,
        url=request.url,
        critic_retries=settings.critic_retries,
        username=request.credentials.username or username,
        password_env=request.credentials.password_env or password_env,
        runner_env=_runner_env(request.credentials.username or username, request.credentials.password_env),
        policy=Policy.from_settings(settings),
    )

    from superagent.orchestration.executor import start

    async with temporal_client(settings) as client:
        job_id = (await start(client, spec)).id
    render.plain(console, f"submitted: Kaya read {request.intent.value} · flow {request.label} · {request.url}")
    if not settings.temporal_address and devserver.read_record(settings.state_dir) is None:
        console.print("no worker is running here: the job starts with the next `superagent worker` (or any command")
        console.print("that runs jobs); its data waits in " + str(settings.state_dir / "temporal.db"), highlight=False)
    console.print("follow it with: superagent jobs " + job_id, highlight=False)
    console.print(job_id, highlight=False)
    return 0


def _runner_env(username: str | None, password_env: str | None) -> dict[str, str]:
    env = {"SUPERAGENT_USERNAME": username} if username else {}
    if username and password_env:
        env["SUPERAGENT_PASSWORD_ENV"] = password_env
    return env


async def _describe(settings: Settings, job_id: str) -> tuple[str, Mapping[str, object], JobOutcome | None]:
    from temporalio.service import RPCError

    async with temporal_client(settings) as client:
        handle = client.get_workflow_handle(job_id, result_type=JobOutcome)
        try:
            description = await handle.describe()
        except RPCError:
            raise UsageError(f"no job {job_id!r}: see `superagent jobs`") from None
        memo = await description.memo()
        status = description.status.name if description.status else "RUNNING"
        outcome = await handle.result() if status == "COMPLETED" else None
        return status, memo, outcome


def _word(status: str, memo: Mapping[str, object], outcome: JobOutcome | None) -> str:
    if outcome is not None:
        return outcome.status
    word = STATUS_WORDS.get(status, status.lower())
    return "in review" if word == "running" and memo.get("phase") == "in_review" else word


async def jobs(console: Console, services: Services, job_id: str | None, limit: int) -> int:
    settings = services.settings
    if job_id:
        status, memo, outcome = await _describe(settings, job_id)
        word = render.safe(_word(status, memo, outcome))
        console.print(f"job {render.safe(job_id)}: [bold]{word}[/] — {render.safe(memo.get('title', ''))}")
        if outcome is not None:
            console.print(render.job_table(outcome.report, title=f"job {render.safe(job_id)}"))
            render.print_reasons(console, outcome.report)
            render.plain(console, f"{outcome.summary} — report {outcome.report_path}")
        elif memo.get("summary"):
            render.plain(console, memo["summary"])
        return 0

    async def listing() -> list[tuple[str, str, str, str]]:
        rows = []
        async with temporal_client(settings) as client:
            async for wf in client.list_workflows('WorkflowType = "FeatureWorkflow"', limit=limit):
                memo = await wf.memo()
                status = wf.status.name if wf.status else "RUNNING"
                word = _word(status, memo, None)
                when = wf.start_time.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
                rows.append((wf.id, when, word, f"{memo.get('title', '')} {memo.get('summary', '')}".strip()))
        return rows

    rows = await listing()
    if not rows:
        console.print('no durable jobs yet — try: superagent submit "write a test that search works" --url URL')
        return 0
    table = Table(title="Jobs")
    for column in ("job", "started", "status", "what"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(render.safe(cell) for cell in row))
    console.print(table)
    return 0


def temporal_ui(console: Console, settings: Settings) -> int:
    if settings.temporal_address:
        console.print(
            f"Temporal server: {settings.temporal_address}. Its Web UI is wherever that deployment serves it "
            "(a dev server's default is port 8233).",
            highlight=False,
        )
        return 0
    record = devserver.read_record(settings.state_dir)
    if record is None:
        console.print("no local Temporal server is running; start one with its Web UI: superagent temporal serve")
        return 1
    if not record.get("ui"):
        console.print(
            f"the local server at {record['address']} runs without its Web UI (started by a job); for the UI run: "
            "superagent temporal serve",
            highlight=False,
        )
        return 1
    console.print(str(record["ui"]), highlight=False)
    return 0


async def temporal_serve(console: Console, settings: Settings, port: int | None) -> int:
    """A long-lived local server with its Web UI; jobs started meanwhile reuse it instead of starting their own."""
    async with devserver.local_server(settings.state_dir, settings.temporal_namespace, ui=True, port=port) as srv:
        if not srv.owned:
            console.print(f"a local server already runs at {srv.address} (UI: {srv.ui_address or 'none'})")
            return 0
        console.print(f"Temporal at {srv.address}, Web UI at {srv.ui_address} — Ctrl-C stops it", highlight=False)
        await asyncio.Event().wait()
    return 0
