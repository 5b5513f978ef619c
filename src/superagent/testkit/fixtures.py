"""Fixtures registered after pytest-playwright's, so these definitions win (see plugin.pytest_configure)."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from superagent.browser.chromium import find_chromium, launch_args
from superagent.browser.snapshot import script
from superagent.private_files import make_private, private_dir, write_private
from superagent.testkit.credentials import Credentials, MissingCredentialsError, load_credentials
from superagent.testkit.evidence import (
    EVIDENCE_KEY,
    REPORTS_KEY,
    Evidence,
    add_secrets,
    artifacts_root,
    origin_policy,
    redact_trace,
    redactor,
)
from superagent.testkit.locator_log import LocatorLog
from superagent.testkit.locator_log import install as install_locator_log


@pytest.fixture(scope="session")
def browser_type_launch_args(pytestconfig: pytest.Config) -> dict[str, Any]:
    args: dict[str, Any] = {"args": launch_args()}
    if not os.environ.get("SUPERAGENT_USE_BUNDLED_BROWSER"):
        args["executable_path"] = str(find_chromium())
    headed = pytestconfig.getoption("headed", default=False)
    args["headless"] = not headed
    return args


@pytest.fixture(scope="session")
def credentials(pytestconfig: pytest.Config) -> Credentials:
    try:
        creds = load_credentials()
    except MissingCredentialsError as exc:
        pytest.fail(str(exc), pytrace=False)
    # Reports are redacted with it: a failure message may echo what was typed into the page.
    add_secrets(pytestconfig, [creds.password])
    return creds


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", nodeid).strip("-")[-120:]


@pytest.fixture(autouse=True)
def _superagent_evidence(request: pytest.FixtureRequest) -> Iterator[None]:
    """Collect evidence for tests that drive a page: console and page errors, failed requests, screenshots,
    and a trace kept only when the test fails."""
    item = request.node
    evidence = Evidence(started=time.perf_counter())
    item.stash[EVIDENCE_KEY] = evidence
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    evidence.browser_launched = True
    timeout = float(os.environ.get("SUPERAGENT_ACTION_TIMEOUT_MS", "10000"))
    page.set_default_timeout(timeout)
    evidence.attach(page)
    evidence.guard(page.context, origin_policy(request.config))
    tracing = os.environ.get("SUPERAGENT_TRACE", "retain-on-failure") != "off"
    if tracing:
        page.context.tracing.start(screenshots=True, snapshots=True)
    log = LocatorLog(Path(str(item.path))) if os.environ.get("SUPERAGENT_LOCATOR_LOG", "on") != "off" else None
    if log is not None:
        install_locator_log()
    LocatorLog.current = log
    try:
        yield
    finally:
        LocatorLog.current = None
    if log is not None:
        evidence.locators = list(log.entries.values())
    out_dir = artifacts_root(request.config) / _slug(item.nodeid)
    reports = item.stash.get(REPORTS_KEY, {})
    failed = any(rep.failed for rep in reports.values())
    private_dir(out_dir)
    evidence.page_url = page.url
    if failed:
        _save_inventory(page, out_dir / "inventory.json", evidence, request.config)
    shot = out_dir / ("failure.png" if failed else "final.png")
    try:
        page.screenshot(path=str(shot), full_page=True)
        evidence.screenshots.append(str(shot))
    except Exception as exc:  # a crashed page still leaves the rest of the evidence
        evidence.page_errors.append(f"screenshot failed: {exc}")
    if tracing:
        trace_path: Path | None = out_dir / "trace.zip" if failed else None
        try:
            page.context.tracing.stop(path=str(trace_path) if trace_path else None)
            if trace_path:
                redact_trace(trace_path, redactor(request.config))
                evidence.trace = str(trace_path)
        except Exception as exc:
            evidence.page_errors.append(f"trace failed: {exc}")
    make_private(out_dir)  # the browser wrote the screenshot and the trace, under whatever umask it had


def _save_inventory(page: Any, path: Path, evidence: Evidence, config: pytest.Config) -> None:
    """The page's elements as they were when the test failed: what Medic scores healing candidates against."""
    try:
        write_private(path, json.dumps(redactor(config).data(json.loads(page.evaluate(script("inventory"))))))
        evidence.inventory = str(path)
    except Exception as exc:
        evidence.page_errors.append(f"inventory failed: {exc}")
