"""`superagent heal` and `superagent review ...`: Medic from the command line, and the human review queue."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table

from superagent import render
from superagent.agents import medic
from superagent.browser.chromium import find_chromium
from superagent.errors import UsageError
from superagent.jobs import check_job
from superagent.models import ReviewItem, utcnow
from superagent.review import by_priority, priority
from superagent.settings import Settings
from superagent.state.sqlite import SQLiteStateStore


def heal(console: Console, settings: Settings, paths: list[str], url: str | None, *, dry_run: bool) -> int:
    from superagent.commands import check_reachable

    if url:
        check_reachable(url)
    find_chromium(settings.chromium_path)
    env = {k: v for k, v in os.environ.items() if k.startswith("SUPERAGENT_")}
    progress = render.EventLog(console)
    job_id, report, report_path = asyncio.run(
        check_job(settings, paths, url, judge=True, runner_env=env, heal=True, dry_run=dry_run, on_event=progress)
    )
    console.print(render.job_table(report, title="heal"))
    for flow in report.flows:
        if flow.diff:
            verb = "would change" if dry_run or not flow.healed else "changed"
            label = "proven fix" if flow.healed else "last tried (not applied)"
            console.print(f"[bold]{flow.test_file}[/] — {label}, {verb if flow.healed else 'unchanged'}:")
            console.print(Syntax(flow.diff, "diff", theme="ansi_dark", background_color="default"))
        if flow.review_id:
            console.print(f"[yellow]{flow.test_file}: review {flow.review_id}[/] — {flow.reason}", highlight=False)
    healed = sum(f.healed for f in report.flows)
    review = sum(f.status == "in_review" for f in report.flows)
    console.print(
        f"{healed} healed{' (dry run: files unchanged)' if dry_run else ''}, {review} sent to review — "
        f"job {job_id}, report {report_path}",
        highlight=False,
    )
    return 0 if report.ok else 1


def _get(settings: Settings, review_id: str) -> ReviewItem:
    async def load() -> ReviewItem | None:
        async with SQLiteStateStore(settings.state_db) as state:
            return await state.get_review(review_id)

    item = asyncio.run(load())
    if item is None:
        raise UsageError(f"no review item {review_id!r}: see `superagent review list`")
    return item


def _save(settings: Settings, item: ReviewItem) -> None:
    async def store() -> None:
        async with SQLiteStateStore(settings.state_db) as state:
            await state.update_review(item)

    asyncio.run(store())


def review_list(console: Console, settings: Settings, show_all: bool) -> int:
    async def load() -> list[ReviewItem]:
        async with SQLiteStateStore(settings.state_db) as state:
            return await state.list_reviews(None if show_all else "open")

    items = asyncio.run(load())
    if not items:
        console.print("the review queue is empty" if not show_all else "no review items yet")
        return 0
    table = Table(title="Review queue" + ("" if show_all else " (open)"))
    for column in ("id", "priority", "status", "test", "failure", "attempts", "age", "reason"):
        table.add_column(column)
    for score, item in by_priority(items):
        age = utcnow() - item.created_at
        table.add_row(
            item.id, f"{score:.2f}", item.status, item.test_file,
            item.failure.kind.value if item.failure else "—", str(len(item.attempts)),
            f"{age.days}d {age.seconds // 3600}h", item.reason,
        )  # fmt: skip
    console.print(table)
    return 0


def review_show(console: Console, settings: Settings, review_id: str) -> int:
    item = _get(settings, review_id)
    console.print(f"[bold]{item.id}[/] — {item.status}, priority {priority(item):.2f}", highlight=False)
    console.print(f"test: {item.test_file} ({item.test_id})\nagainst: {item.base_url or '—'}\nwhy: {item.reason}")
    if item.failure:
        console.print(f"failure ({item.failure.kind.value}, line {item.failure.line}):", highlight=False)
        console.print(item.failure.message, markup=False, highlight=False)
    for n, attempt in enumerate(item.attempts, 1):
        edits = "; ".join(f"line {e.line}: {e.new.strip() or '(removed)'}" for e in attempt.patch.edits)
        console.print(
            f"attempt {n}: {attempt.outcome} — {attempt.patch.rationale} [{edits}] {attempt.detail}", markup=False
        )
    if item.suggestion:
        console.print(
            f"suggestion (accept with `superagent review resolve {item.id} --accept`): {item.suggestion.rationale}"
        )
        for edit in item.suggestion.edits:
            console.print(f"  line {edit.line}: - {edit.old.strip()}\n           + {edit.new.strip()}", markup=False)
    for shot in item.screenshots:
        console.print(f"screenshot: {shot}")
    if item.trace:
        console.print(f"trace: {item.trace}  (playwright show-trace {item.trace})")
    for line in item.console_errors + item.network_failures:
        console.print(f"recorded: {line}", markup=False)
    if item.note:
        console.print(f"note: {item.note}")
    return 0


def review_resolve(
    console: Console, settings: Settings, review_id: str, note: str, test: Path | None, accept: bool
) -> int:
    """Close an item. With a corrected test (or the accepted suggestion) it is re-validated first."""
    item = _get(settings, review_id)
    if item.status != "open":
        raise UsageError(f"review {review_id} is already {item.status}")
    if test is not None and accept:
        raise UsageError("give either --test FILE or --accept, not both")
    candidate: str | None = None
    if test is not None:
        if not test.is_file():
            raise UsageError(f"corrected test {str(test)!r} does not exist")
        candidate = test.read_text()
    elif accept:
        if item.suggestion is None:
            raise UsageError(f"review {review_id} has no suggestion to accept")
        candidate = medic.apply(Path(item.test_file).read_text(), item.suggestion)
    if candidate is not None:
        target = Path(item.test_file)
        staged = target.with_name(f"_review_{target.name}")
        staged.write_text(candidate)
        env = {k: v for k, v in os.environ.items() if k.startswith("SUPERAGENT_")}
        try:
            _, report, _ = asyncio.run(check_job(settings, [str(staged)], item.base_url, judge=True, runner_env=env))
        finally:
            staged.unlink(missing_ok=True)
        if not report.ok:
            console.print(render.job_table(report, title=f"re-validation of {review_id}"))
            console.print(f"[red]not resolved[/]: the corrected test does not validate; {review_id} stays open")
            return 1
        target.write_text(candidate)
        console.print(f"validated and written to {target}", highlight=False)
    item.status, item.note, item.resolved_at = "resolved", note, utcnow()
    _save(settings, item)
    console.print(f"[green]resolved[/] {review_id}")
    return 0


def review_reject(console: Console, settings: Settings, review_id: str, note: str) -> int:
    item = _get(settings, review_id)
    if item.status != "open":
        raise UsageError(f"review {review_id} is already {item.status}")
    item.status, item.note, item.resolved_at = "rejected", note, utcnow()
    _save(settings, item)
    console.print(f"rejected {review_id}: the test stays as it is")
    return 0
