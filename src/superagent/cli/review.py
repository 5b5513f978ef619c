"""`superagent heal` and `superagent review ...`: Medic from the command line, and the human review queue."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table

from superagent.agents.runner import expand_test_paths
from superagent.browser.chromium import find_chromium
from superagent.cli import render
from superagent.cli.check import account_env
from superagent.cli.common import check_reachable
from superagent.cli.render import clean, plain, safe
from superagent.errors import UsageError
from superagent.job_records import superagent_env
from superagent.jobs import check_job
from superagent.models import ReviewItem, utcnow
from superagent.orchestration.inline import InlineAgentCalls
from superagent.pipeline import JobReport
from superagent.pipeline.review import Decision, DecisionOutcome, check_decision, decide
from superagent.review import by_priority, priority
from superagent.services import Services


async def heal(
    console: Console, services: Services, paths: list[str], url: str | None, *, dry_run: bool,
    username: str | None = None, password_env: str | None = None,
) -> int:  # fmt: skip
    expand_test_paths(paths)
    if url:
        check_reachable(url)
    find_chromium(services.settings.chromium_path)
    env = account_env(services, url, username, password_env)
    progress = render.EventLog(console)
    outcome = await check_job(
        services, paths, url, judge=True, runner_env=env, heal=True, dry_run=dry_run, on_event=progress
    )
    job_id, report, report_path = outcome.job_id, outcome.report, outcome.report_path
    console.print(render.job_table(report, title="heal"))
    for flow in report.flows:
        if flow.diff:
            verb = "would change" if dry_run or not flow.healed else "changed"
            label = "proven fix" if flow.healed else "last tried (not applied)"
            console.print(f"[bold]{safe(flow.test_file)}[/] — {label}, {verb if flow.healed else 'unchanged'}:")
            console.print(Syntax(clean(flow.diff), "diff", theme="ansi_dark", background_color="default"))
        if flow.review_id:
            head = f"{safe(flow.test_file)}: review {safe(flow.review_id)}"
            console.print(f"[yellow]{head}[/] — {safe(flow.reason)}", highlight=False)
    healed = sum(f.healed for f in report.flows)
    review = sum(f.status == "in_review" for f in report.flows)
    console.print(
        f"{healed} healed{' (dry run: files unchanged)' if dry_run else ''}, {review} sent to review — "
        f"job {job_id}, report {report_path}",
        highlight=False,
    )
    return 0 if report.ok else 1


async def _get(services: Services, review_id: str) -> ReviewItem:
    async with services.open_state() as state:
        item = await state.get_review(review_id)
    if item is None:
        raise UsageError(f"no review item {review_id!r}: see `superagent review list`")
    return item


async def review_list(console: Console, services: Services, show_all: bool) -> int:
    async with services.open_state() as state:
        items = await state.list_reviews(None if show_all else "open")
    if not items:
        console.print("the review queue is empty" if not show_all else "no review items yet")
        return 0
    table = Table(title="Review queue" + ("" if show_all else " (open)"))
    for column in ("id", "priority", "status", "test", "failure", "attempts", "age", "reason"):
        table.add_column(column)
    for score, item in by_priority(items):
        age = utcnow() - item.created_at
        table.add_row(
            safe(item.id), f"{score:.2f}", safe(item.status), safe(item.test_file),
            item.failure.kind.value if item.failure else "—", str(len(item.attempts)),
            f"{age.days}d {age.seconds // 3600}h", safe(item.reason),
        )  # fmt: skip
    console.print(table)
    return 0


async def review_show(console: Console, services: Services, review_id: str) -> int:
    item = await _get(services, review_id)
    console.print(f"[bold]{safe(item.id)}[/] — {safe(item.status)}, priority {priority(item):.2f}", highlight=False)
    plain(console, f"test: {item.test_file} ({item.test_id})\nagainst: {item.base_url or '—'}\nwhy: {item.reason}")
    if item.failure:
        console.print(f"failure ({item.failure.kind.value}, line {item.failure.line}):", highlight=False)
        plain(console, item.failure.message)
    for n, attempt in enumerate(item.attempts, 1):
        edits = "; ".join(f"line {e.line}: {e.new.strip() or '(removed)'}" for e in attempt.patch.edits)
        plain(console, f"attempt {n}: {attempt.outcome} — {attempt.patch.rationale} [{edits}] {attempt.detail}")
    if item.suggestion:
        plain(
            console,
            f"suggestion (accept with `superagent review resolve {item.id} --accept`): {item.suggestion.rationale}",
        )
        for edit in item.suggestion.edits:
            plain(console, f"  line {edit.line}: - {edit.old.strip()}\n           + {edit.new.strip()}")
    for shot in item.screenshots:
        plain(console, f"screenshot: {shot}")
    if item.trace:
        plain(console, f"trace: {item.trace}  (playwright show-trace {item.trace})")
    for line in item.console_errors + item.network_failures:
        plain(console, f"recorded: {line}")
    if item.note:
        plain(console, f"note: {item.note}")
    return 0


async def review_resolve(
    console: Console, services: Services, review_id: str, note: str, test: Path | None, accept: bool
) -> int:
    """Close an item. With a corrected test (or the accepted suggestion) it is re-validated first."""
    if test is not None and accept:
        raise UsageError("give either --test FILE or --accept, not both")
    source: str | None = None
    if test is not None:
        if not test.is_file():
            raise UsageError(f"corrected test {str(test)!r} does not exist")
        source = test.read_text()
    action: Literal["accept", "test", "close"] = "test" if source is not None else "accept" if accept else "close"
    outcome = await _decide(services, Decision(review_id=review_id, action=action, note=note, source=source))
    if outcome.status != "resolved":
        if outcome.flow is not None:
            console.print(render.job_table(JobReport(flows=[outcome.flow]), title=f"re-validation of {review_id}"))
        console.print(f"[red]not resolved[/]: {safe(outcome.message)}", highlight=False)
        return 1
    if action != "close":
        plain(console, outcome.message)
    console.print(f"[green]resolved[/] {safe(review_id)}")
    return 0


async def _decide(services: Services, decision: Decision) -> DecisionOutcome:
    """Through the job's workflow when it is waiting for this decision, else directly with the inline agents."""
    settings = services.settings
    item = await _get(services, decision.review_id)
    try:
        check_decision(item, decision)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if settings.executor == "temporal" and item.job_id:
        from superagent.orchestration.review import decide_in_workflow

        outcome = await decide_in_workflow(settings, services.activities, item.job_id, decision)
        if outcome is not None:
            return outcome
    async with (
        services.open_state() as state,
        InlineAgentCalls(settings, job_id=item.job_id or "review", state=state, runner_env=superagent_env()) as calls,
    ):
        _, outcome = await decide(calls, item, decision)
    return outcome


async def review_reject(console: Console, services: Services, review_id: str, note: str) -> int:
    outcome = await _decide(services, Decision(review_id=review_id, action="reject", note=note))
    plain(console, f"rejected {review_id}: {outcome.message}")
    return 0
