"""What several commands share: checking that the app answers, and the closing table of a job."""

from __future__ import annotations

import urllib.error
import urllib.request

from rich.console import Console

from superagent.cli import render
from superagent.errors import AppUnreachableError, BadURLError
from superagent.job_models import JobOutcome


def check_reachable(url: str, timeout: float = 5.0) -> None:
    """Fail early, with the address in the message, when the app under test does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return
    except urllib.error.HTTPError:
        return  # it answered; a 4xx/5xx start page is still an app
    except ValueError as exc:
        raise BadURLError(f"not a usable URL: {url!r} ({exc})") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise AppUnreachableError(f"the app at {url!r} does not answer: {reason}. Is it running?") from None


def finish(console: Console, outcome: JobOutcome, title: str, verb: str = "validated") -> int:
    report = outcome.report
    console.print(render.job_table(report, title=title))
    render.print_reasons(console, report)
    validated = sum(f.status == "validated" for f in report.flows)
    render.plain(
        console,
        f"{validated}/{len(report.flows)} {verb} in {report.seconds:.1f}s — job {outcome.job_id}, "
        f"report {outcome.report_path}",
    )
    return 0 if report.ok else 1
