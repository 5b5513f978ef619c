"""pytest plugin (entry point ``superagent``): Chromium launch, credentials, evidence and a results JSON.

``--superagent-results PATH`` writes one record per test (and per collection error) for the Runner.
``SUPERAGENT_BASE_URL`` sets ``--base-url`` when the command line does not.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from superagent.private_files import PRIVATE_UMASK, private_dir, write_private
from superagent.secret_sources import secret_values
from superagent.testkit import fixtures
from superagent.testkit.evidence import EVIDENCE_KEY, REPORTS_KEY, RedactedRepr, add_secrets, redactor
from superagent.urls import app_base


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("superagent")
    group.addoption("--superagent-results", default=None, help="write per-test results JSON to this path")
    group.addoption("--superagent-artifacts", default=None, help="folder for screenshots and traces")


def pytest_configure(config: pytest.Config) -> None:
    # Registered here, after every entry-point plugin, so these fixtures override pytest-playwright's.
    if not config.pluginmanager.has_plugin("superagent-fixtures"):
        config.pluginmanager.register(fixtures, "superagent-fixtures")
    base_url = os.environ.get("SUPERAGENT_BASE_URL")
    if base_url and hasattr(config.option, "base_url") and not config.option.base_url:
        config.option.base_url = base_url
    if getattr(config.option, "base_url", None):  # an app under a path: relative gotos must stay inside it
        config.option.base_url = app_base(config.option.base_url)
    add_secrets(config, secret_values(os.environ))
    results_path = config.getoption("superagent_results")
    if results_path:
        # A Runner session: every file it (and the browser it starts) writes is the owner's alone.
        os.umask(PRIVATE_UMASK)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if results_path and worker:  # each pytest-xdist worker writes its own file; the Runner merges them
        results_path = str(Path(results_path).with_name(f"{Path(results_path).stem}.{worker}.json"))
    if results_path and not config.pluginmanager.has_plugin("superagent-results"):
        config.pluginmanager.register(
            ResultsRecorder(Path(results_path), config.rootpath, config), "superagent-results"
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report: pytest.TestReport = yield
    clean = redactor(item.config)
    if clean and report.longrepr is not None:
        text = str(report.longrepr)
        redacted = clean.text(text)
        if redacted != text:
            report.longrepr = RedactedRepr(redacted, report.longrepr, clean)  # type: ignore[assignment]
    if clean:
        report.sections = [(title, clean.text(content)) for title, content in report.sections]
    item.stash.setdefault(REPORTS_KEY, {})[report.when] = report
    return report


def _new_record(nodeid: str) -> dict[str, Any]:
    return {
        "nodeid": nodeid,
        "outcome": "passed",
        "duration_ms": 0.0,
        "phase": None,
        "error_type": None,
        "error_message": None,
        "longrepr": None,
        "line": None,
        "file": None,
        "inventory": None,
        "page_url": None,
        "locators": [],
        # Evidence defaults, so a test that never set up (skip mark, collection error) has the same keys.
        "browser_launched": False,
        "screenshots": [],
        "trace": None,
        "console_errors": [],
        "page_errors": [],
        "failed_requests": [],
        "blocked_requests": [],
        "wall_ms": 0.0,
    }


def _line_in_test(item: pytest.Item, excinfo: pytest.ExceptionInfo[BaseException]) -> int | None:
    """The 1-based line of the test file where it failed (the innermost frame in that file)."""
    path = getattr(item, "path", None)
    for entry in reversed(excinfo.traceback):
        if path is not None and Path(str(entry.path)) == path:
            return entry.lineno + 1
    return None


class ResultsRecorder:
    """Gathers one record per test id and writes them when the session ends."""

    def __init__(self, path: Path, rootpath: Path, config: pytest.Config) -> None:
        self.path = path
        self.rootpath = rootpath
        self.config = config
        self.records: dict[str, dict[str, Any]] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        report: pytest.TestReport = yield
        record = self.records.setdefault(item.nodeid, _new_record(item.nodeid))
        record["file"] = str(getattr(item, "path", "") or "")
        record["duration_ms"] += report.duration * 1000
        if report.failed and record["outcome"] in ("passed", "skipped"):
            record["outcome"] = "failed" if report.when == "call" else "error"
            record["phase"] = report.when
            clean = redactor(item.config)  # here too: a cut below would leave half a secret the end cannot find
            if call.excinfo is not None:
                record["error_type"] = call.excinfo.typename
                record["error_message"] = clean.text(str(call.excinfo.value))[:4000]
                record["line"] = _line_in_test(item, call.excinfo)
            record["longrepr"] = clean.text(str(report.longrepr))[-6000:]
        elif report.skipped and report.when in ("setup", "call"):
            record["outcome"] = "skipped"
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            record = _new_record(report.nodeid or "<collection>")
            record.update(outcome="error", phase="collect", error_type="CollectionError")
            if report.nodeid:
                record["file"] = str(self.rootpath / report.nodeid.split("::", 1)[0])
            record["error_message"] = redactor(self.config).text(str(report.longrepr))[-4000:]
            self.records[f"{record['nodeid']}::<collect>"] = record

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        for item in session.items:
            evidence = item.stash.get(EVIDENCE_KEY, None)
            record = self.records.get(item.nodeid)
            if record is None or evidence is None:
                continue
            record.update(
                browser_launched=evidence.browser_launched,
                screenshots=evidence.screenshots,
                trace=evidence.trace,
                console_errors=evidence.console_errors,
                page_errors=evidence.page_errors,
                failed_requests=evidence.failed_requests,
                blocked_requests=evidence.blocked_requests,
                inventory=evidence.inventory,
                page_url=evidence.page_url,
                locators=evidence.locators,
                wall_ms=(time.perf_counter() - evidence.started) * 1000,
            )
        private_dir(self.path.parent)
        payload = {"tests": list(self.records.values()), "exit_status": int(session.exitstatus)}
        # Last, with every secret the session learnt: console lines, failed request URLs, page errors included.
        write_private(self.path, json.dumps(redactor(self.config).data(payload), indent=2))
