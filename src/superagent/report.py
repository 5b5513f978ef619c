"""A self-contained HTML report of a job: one card per flow with its verdict, reasons and screenshots inline.

It is written with the secrets taken out (every form of them, see :mod:`superagent.redaction`) and readable by its
owner only: it embeds screenshots of the app as a logged-in user saw it."""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Iterable
from pathlib import Path

from superagent.pipeline import FlowReport, JobReport
from superagent.private_files import private_dir, write_private
from superagent.redaction import Redactor
from superagent.secret_sources import secret_values

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
td,th{border-bottom:1px solid #dde;padding:.4rem .6rem;text-align:left;vertical-align:top}
.validated{color:#0a7a32;font-weight:600}.failed,.error,.rejected{color:#b3261e;font-weight:600}
.not_found{color:#8a5a00;font-weight:600}section{border:1px solid #dde;border-radius:8px;padding:1rem;margin:1rem 0}
img{max-width:100%;border:1px solid #ccd;border-radius:4px;margin-top:.5rem}
pre{background:#f5f6fa;padding:.6rem;overflow:auto;font-size:13px}small{color:#667}
"""


def _img(path: str) -> str:
    file = Path(path)
    if not file.is_file():
        return f"<p><small>screenshot missing: {html.escape(path)}</small></p>"
    data = base64.b64encode(file.read_bytes()).decode()
    return f'<img alt="screenshot {html.escape(file.name)}" src="data:image/png;base64,{data}">'


def _section(flow: FlowReport) -> str:
    parts = [f'<section id="{html.escape(flow.flow)}"><h2>{html.escape(flow.flow)} — ']
    parts.append(f'<span class="{flow.status}">{flow.status.replace("_", " ")}</span></h2>')
    if flow.test_file:
        parts.append(f"<p>Test: <code>{html.escape(flow.test_file)}</code></p>")
    if flow.reason:
        parts.append(f"<p>{html.escape(flow.reason)}</p>")
    if flow.critique and flow.critique.findings:
        items = "".join(
            f"<li><code>{f.code}</code> line {f.line}: {html.escape(f.message)} — {html.escape(f.hint)}</li>"
            for f in flow.critique.findings
        )
        parts.append(f"<p>Critic findings:</p><ul>{items}</ul>")
    if flow.seen:
        parts.append("<p>What the page offered:</p><pre>" + html.escape("\n".join(flow.seen)) + "</pre>")
    if flow.result:
        r = flow.result
        if r.failure:
            parts.append(f"<p>Failure ({r.failure.kind.value}):</p><pre>{html.escape(r.failure.message)}</pre>")
        noise = r.console_errors + r.page_errors + r.failed_requests
        if noise:
            parts.append(
                "<p>Console and network errors (recorded):</p><pre>" + html.escape("\n".join(noise)) + "</pre>"
            )
        if r.trace:
            parts.append(
                f"<p>Trace: <code>{html.escape(r.trace)}</code> (open with <code>playwright show-trace</code>)</p>"
            )
        parts.extend(_img(shot) for shot in r.screenshots)
    parts.append("</section>")
    return "".join(parts)


def write_report(report: JobReport, out_dir: Path, *, title: str, secrets: Iterable[str] | None = None) -> Path:
    """Write ``report.html`` (0600) into ``out_dir``. Every text in it is redacted first, with ``secrets`` or, when
    not given, every secret in this process's environment."""
    redactor = Redactor(secret_values(os.environ) if secrets is None else secrets)
    report, title = redactor.model(report), redactor.text(title)
    private_dir(out_dir)
    rows = "".join(
        f"<tr><td><a href='#{html.escape(f.flow)}'>{html.escape(f.flow)}</a></td>"
        f"<td>{html.escape(f.test_file or '—')}</td>"
        f"<td>{'accepted' if f.critique and f.critique.accepted else ('rejected' if f.critique else '—')}</td>"
        f"<td>{html.escape(f.result.outcome if f.result else '—')}</td>"
        f"<td class='{f.status}'>{f.status.replace('_', ' ')}</td><td>{f.seconds:.1f}</td></tr>"
        for f in report.flows
    )
    validated = sum(f.status == "validated" for f in report.flows)
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>SuperAgent — {html.escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>SuperAgent report</h1><p>{html.escape(title)}</p>"
        f"<p><strong>{validated}/{len(report.flows)}</strong> validated in {report.seconds:.1f} s</p>"
        "<table><tr><th>Flow</th><th>Test file</th><th>Critic</th><th>Run</th><th>Verdict</th><th>Seconds</th></tr>"
        f"{rows}</table>{''.join(_section(f) for f in report.flows)}</body></html>"
    )
    return write_private(out_dir / "report.html", body)
