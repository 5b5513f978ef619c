"""Everything the CLI prints: the live per-agent progress, result tables, lint output. No logic lives here.

Text from outside (URLs, page text, test names, reasons, file paths) goes through :func:`safe` before Rich sees
it: Rich would read ``[link=...]`` or ``[/]`` in it as markup, and a terminal would obey escape sequences in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from superagent.events import Event
from superagent.models import PERSONAS
from superagent.pipeline import FlowReport, JobReport

# C0 and C1 controls (ESC starts terminal escape sequences), DEL, and the bidirectional overrides that reorder what
# a reader sees; newlines and tabs stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object, *, limit: int | None = None) -> str:
    """``text`` without control characters, cut to ``limit`` characters."""
    cleaned = _CONTROL.sub("", str(text))
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


def safe(text: object, *, limit: int | None = None) -> str:
    """Untrusted text made printable with Rich markup around it: no control characters, no markup of its own."""
    return escape(clean(text, limit=limit))


def plain(console: Console, text: object) -> None:
    """Print untrusted text as it is: no markup, no highlighting, no control characters."""
    console.print(clean(text), markup=False, highlight=False)


AGENTS = tuple(PERSONAS[role] for role in ("writer", "critic", "runner", "validator", "medic"))  # a column each
_GOOD = ("accepted", "validated", "passed")
_BAD = ("rejected", "failed", "error", "not found")


class Progress:
    """A live table: one row per flow, one column per agent, updated from pipeline events."""

    def __init__(self, console: Console, flows: Sequence[str]) -> None:
        self.console = console
        self.cells: dict[str, dict[str, str]] = {f: {a: "[dim]waiting[/]" for a in AGENTS} for f in flows}
        for flow in flows:
            self.cells[flow]["Scribe"] = "[cyan]exploring…[/]"
        self.live = Live(self._table(), console=console, refresh_per_second=8, transient=False)

    def __enter__(self) -> Progress:
        if self.console.is_terminal:
            self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.console.is_terminal:
            self.live.__exit__(None, None, None)

    def _table(self) -> Table:
        table = Table(title="SuperAgent", expand=False)
        table.add_column("flow")
        for agent in AGENTS:
            table.add_column(agent)
        for flow, cells in self.cells.items():
            table.add_row(safe(flow), *(cells[a] for a in AGENTS))
        return table

    def __call__(self, event: Event) -> None:
        cells = self.cells.setdefault(event.flow, {a: "[dim]waiting[/]" for a in AGENTS})
        message = clean(event.message)
        if event.kind == "FlowNotFoundReported":
            message = "not found"
        elif event.kind == "TestWritten":
            message = f"wrote {event.data.get('steps', '?')} steps"
        elif event.kind == "RunStarted":
            message = "running…"
        style = "green" if message.startswith(_GOOD) else "red" if message.startswith(_BAD) else "cyan"
        if event.agent in cells:
            cells[event.agent] = f"[{style}]{escape(message)}[/]"
        if event.kind == "TestWritten":
            cells["Critic"] = "[cyan]checking…[/]"
        if not self.console.is_terminal:
            line = f"[{event.agent}] {event.flow}: {event.message}"
            self.console.print(clean(line), highlight=False, markup=False)
        self.live.update(self._table())


class EventLog:
    """One line per event, for long jobs without a per-flow table (heal)."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def __call__(self, event: Event) -> None:
        text = f"{safe(event.flow)}: {safe(event.message)}"
        self.console.print(f"[dim]{safe(event.agent):>6}[/] {text}", highlight=False)


def _critic_cell(flow: FlowReport) -> str:
    if flow.critique is None:
        return "—"
    return "[green]accepted[/]" if flow.critique.accepted else f"[red]rejected ({len(flow.critique.findings)})[/]"


def _run_cell(flow: FlowReport) -> str:
    if flow.result is None:
        return "—"
    if flow.result.outcome == "passed":
        return "[green]passed[/]"
    kind = f" ({flow.result.failure.kind.value})" if flow.result.failure else ""
    return f"[red]{safe(flow.result.outcome)}{kind}[/]"


def _verdict_cell(flow: FlowReport) -> str:
    if flow.verdict is None and flow.result is not None:
        return "—"  # run without the rubric
    colour = {"validated": "green", "not_found": "yellow", "in_review": "yellow"}.get(flow.status, "red")
    healed = " (healed)" if flow.healed else ""
    return f"[{colour}]{flow.status.replace('_', ' ')}{healed}[/]"


def job_table(report: JobReport, *, title: str = "Result") -> Table:
    table = Table(title=title)
    for column in ("flow", "test file", "critic", "run result", "rubric verdict", "seconds"):
        table.add_column(column, justify="right" if column == "seconds" else "left")
    for flow in report.flows:
        table.add_row(
            safe(flow.flow),
            safe(flow.test_file or "—"),
            _critic_cell(flow),
            _run_cell(flow),
            _verdict_cell(flow),
            f"{flow.seconds:.1f}",
        )
    return table


def print_reasons(console: Console, report: JobReport) -> None:
    for flow in report.flows:
        if flow.status == "validated":
            continue
        console.print(f"[bold]{safe(flow.flow)}[/]: {safe(flow.reason or flow.status)}", highlight=False)
        for line in flow.seen[:12]:
            console.print(f"    saw {safe(line)}", highlight=False)
