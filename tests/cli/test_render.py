"""Text from outside (page text, URLs, test names, reasons) is printed as text: no markup, no terminal escapes."""

from __future__ import annotations

import io

from rich.console import Console

from superagent.cli import render
from superagent.events import Event
from superagent.models import TestResult
from superagent.pipeline import FlowReport, JobReport

HOSTILE = "[link=http://evil.example]click[/link] [/] [bold]x\x1b]8;;http://evil.example\x07y\x1b[2J\u202egnp.exe"


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=400, force_terminal=False, color_system=None), out


def test_clean_drops_control_characters_but_keeps_lines() -> None:
    assert render.clean("a\x1b[31mb\x07c\x9bd\u202ee\nf\tg") == "a[31mbcde\nf\tg"
    assert render.clean("x" * 10, limit=5) == "xxxx…"


def test_safe_text_prints_literally_whatever_brackets_it_holds() -> None:
    console, out = _console()
    console.print(f"[bold]flow[/]: {render.safe(HOSTILE)}")
    text = out.getvalue()
    assert "[link=http://evil.example]click[/link] [/] [bold]x" in text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_a_url_with_closing_markup_does_not_crash_the_reasons() -> None:
    console, out = _console()
    flow = FlowReport(flow="http://127.0.0.1:1/[/]", status="failed", reason=HOSTILE, seen=["heading [/b]\x1b[2J"])
    render.print_reasons(console, JobReport(flows=[flow]))
    text = out.getvalue()
    assert "http://127.0.0.1:1/[/]: [link=http://evil.example]click[/link]" in text
    assert "saw heading [/b][2J" in text
    assert "\x1b" not in text


def test_the_result_table_shows_hostile_names_as_text() -> None:
    console, out = _console()
    result = TestResult(nodeid="t.py::test_x", file="t.py", outcome="failed")
    flow = FlowReport(flow="[link=http://evil.example]login[/link]", status="failed", test_file="[/]\x1b[1m.py",
                      result=result)  # fmt: skip
    console.print(render.job_table(JobReport(flows=[flow])))
    text = out.getvalue()
    assert "[link=http://evil.example]login[/link]" in text and "[/][1m.py" in text
    assert "\x1b" not in text


def test_live_progress_and_event_log_escape_event_text() -> None:
    console, out = _console()
    event = Event(flow="[/]", agent="Medic", message="[red]patched\x1b[2J")
    with render.Progress(console, ["[/]"]) as progress:
        progress(event)
    render.EventLog(console)(event)
    console.print(progress._table())
    text = out.getvalue()
    assert "[Medic] [/]: [red]patched[2J" in text
    assert "Medic [/]: [red]patched[2J" in text
    assert "\x1b" not in text


def test_plain_prints_untrusted_text_without_markup() -> None:
    console, out = _console()
    render.plain(console, "recorded: [link=x]y[/link]\x1b[2J")
    assert out.getvalue() == "recorded: [link=x]y[/link][2J\n"
