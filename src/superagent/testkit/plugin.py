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

from superagent.testkit import fixtures
from superagent.testkit.evidence import EVIDENCE_KEY, REPORTS_KEY, SECRETS_KEY, RedactedRepr, redact


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
    results_path = config.getoption("superagent_results")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if results_path and worker:  # each pytest-xdist worker writes its own file; the Runner merges them
        results_path = str(Path(results_path).with_name(f"{Path(results_path).stem}.{worker}.json"))
    if results_path and not config.pluginmanager.has_plugin("superagent-results"):
        config.pluginmanager.register(ResultsRecorder(Path(results_path), config.rootpath), "superagent-results")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report: pytest.TestReport = yield
    secrets = item.config.stash.get(SECRETS_KEY, set())
    if secrets and report.longrepr is not None:
        text = str(report.longrepr)
        clean = redact(text, secrets)
        if clean != text:
            report.longrepr = RedactedRepr(clean, report.longrepr, secrets)  # type: ignore[assignment]
    if secrets:
        report.sections = [(title, redact(content, secrets)) for title, content in report.sections]
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

    def __init__(self, path: Path, rootpath: Path) -> None:
        self.path = path
        self.rootpath = rootpath
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
            secrets = item.config.stash.get(SECRETS_KEY, set())
            if call.excinfo is not None:
                record["error_type"] = call.excinfo.typename
                record["error_message"] = redact(str(call.excinfo.value), secrets)[:4000]
                record["line"] = _line_in_test(item, call.excinfo)
            record["longrepr"] = redact(str(report.longrepr), secrets)[-6000:]
        elif report.skipped and report.when in ("setup", "call"):
            record["outcome"] = "skipped"
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            record = _new_record(report.nodeid or "<collection>")
            record.update(outcome="error", phase="collect", error_type="CollectionError")
            if report.nodeid:
                record["file"] = str(self.rootpath / report.nodeid.split("::", 1)[0])
            record["error_message"] = str(report.longrepr)[-4000:]
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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"tests": list(self.records.values()), "exit_status": int(session.exitstatus)}
        self.path.write_text(json.dumps(payload, indent=2))
