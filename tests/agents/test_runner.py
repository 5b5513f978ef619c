"""The Runner: failures are named the way a healer needs them, and one pytest process reports every test."""

from __future__ import annotations

import asyncio
import json
import os
import textwrap
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from apps.local_http import serve_handler

from superagent.agents.runner import classify_failure, run_tests
from superagent.errors import TestFileError
from superagent.models import FailureKind, RunReport, TestResult

# --- classify_failure: messages as Playwright and pytest write them -----------------------------------------

STRICT = (
    'Locator.click: Error: strict mode violation: get_by_role("button") resolved to 2 elements:\n'
    '    1) <button>A</button> aka get_by_role("button", name="A")\n'
    '    2) <button>B</button> aka get_by_role("button", name="B")\n\n'
    "Call log:\n"
    '  - waiting for get_by_role("button")\n'
)
ACTION_NOT_FOUND = (
    'Locator.click: Timeout 500ms exceeded.\nCall log:\n  - waiting for get_by_role("button", name="Nope")\n'
)
NOT_ACTIONABLE = (
    "Locator.click: Timeout 500ms exceeded.\n"
    "Call log:\n"
    '  - waiting for get_by_role("button", name="Save")\n'
    "    - locator resolved to <button disabled>Save</button>\n"
    "  - attempting click action\n"
    "    2 × waiting for element to be visible, enabled and stable\n"
    "      - element is not enabled\n"
)
EXPECT_NOT_FOUND = (
    "Locator expected to be visible\n"
    "Actual value: None\n"
    "Error: element(s) not found \n"
    "Call log:\n"
    '  - Expect "to_be_visible" get_by_role("button") with timeout 300ms\n'
    '  - waiting for get_by_role("button")\n'
)
WRONG_TEXT = (
    'Locator expected to have text "A"\n'
    "Actual value: B\n"
    "Call log:\n"
    '  - Expect "to_have_text" get_by_test_id("total") with timeout 300ms\n'
    '  - waiting for get_by_test_id("total")\n'
    '    2 × locator resolved to <p data-testid="total">B</p>\n'
    '      - unexpected value "B"\n'
)
REFUSED = (
    "Page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/\n"
    "Call log:\n"
    '  - navigating to "http://127.0.0.1:1/", waiting until "load"\n'
)

CASES = [
    pytest.param("Error", STRICT, "call", FailureKind.STRICT_MODE, 'get_by_role("button")', id="strict-mode"),
    pytest.param(
        "Error",
        'Error: strict mode violation: get_by_role("button") resolved to 2 elements',
        "call",
        FailureKind.STRICT_MODE,
        None,
        id="strict-mode-without-call-log",
    ),
    pytest.param(
        "TimeoutError",
        ACTION_NOT_FOUND,
        "call",
        FailureKind.SELECTOR_NOT_FOUND,
        'get_by_role("button", name="Nope")',
        id="action-timeout-selector-not-found",
    ),
    pytest.param(
        "TimeoutError",
        NOT_ACTIONABLE,
        "call",
        FailureKind.TIMEOUT,
        'get_by_role("button", name="Save")',
        id="action-timeout-element-not-actionable",
    ),
    pytest.param(
        "TimeoutError", "Timeout 30000ms exceeded.", "call", FailureKind.TIMEOUT, None, id="timeout-without-locator"
    ),
    pytest.param(
        "AssertionError",
        EXPECT_NOT_FOUND,
        "call",
        FailureKind.SELECTOR_NOT_FOUND,
        'get_by_role("button")',
        id="expect-element-not-found",
    ),
    pytest.param(
        "AssertionError", WRONG_TEXT, "call", FailureKind.ASSERTION, 'get_by_test_id("total")', id="expect-wrong-text"
    ),
    pytest.param("Error", REFUSED, "call", FailureKind.NAVIGATION, None, id="connection-refused"),
    pytest.param("NameError", "name 'pgae' is not defined", "call", FailureKind.TEST_CODE, None, id="name-error"),
    pytest.param(
        "SyntaxError", "invalid syntax (test_x.py, line 3)", "call", FailureKind.TEST_CODE, None, id="syntax-error"
    ),
    pytest.param(
        "CollectionError",
        "E   ModuleNotFoundError: No module named 'nope'",
        "collect",
        FailureKind.TEST_CODE,
        None,
        id="collection-error",
    ),
    pytest.param(
        None, "fixture 'pgae' not found", "setup", FailureKind.TEST_CODE, None, id="unknown-type-is-test-code"
    ),
]


@pytest.mark.parametrize(("error_type", "message", "phase", "kind", "locator"), CASES)
def test_classify_failure(
    error_type: str | None, message: str, phase: str, kind: FailureKind, locator: str | None
) -> None:
    failure = classify_failure(error_type, message, phase)
    assert failure.kind is kind
    assert failure.locator == locator
    assert failure.message == message.strip()


def test_classify_failure_keeps_messages_bounded() -> None:
    failure = classify_failure("AssertionError", "x" * 10_000, "call")
    assert len(failure.message) == 2000


def test_classify_failure_without_a_message() -> None:
    failure = classify_failure("TimeoutError", None, "call")
    assert failure.kind is FailureKind.TIMEOUT
    assert failure.message == ""
    assert failure.locator is None


# --- run_tests: one pytest process for a batch -------------------------------------------------------------

BATCH = """\
import pytest
from playwright.sync_api import Page, expect


def test_passes(page: Page) -> None:
    page.set_content("<h1>Ready</h1>")
    expect(page.get_by_role("heading", name="Ready")).to_be_visible()


def test_plain_python() -> None:
    assert sum([1, 2]) == 3


def test_missing_button(page: Page) -> None:
    page.set_content("<button>Save</button>")
    page.get_by_role("button", name="Nope").click(timeout=500)


def test_two_buttons(page: Page) -> None:
    page.set_content("<button>A</button><button>B</button>")
    page.get_by_role("button").click()


def test_wrong_text(page: Page) -> None:
    page.set_content("<h1>Hello</h1>")
    expect(page.get_by_role("heading")).to_have_text("x", timeout=300)


def test_console_error(page: Page) -> None:
    page.set_content("<h1>Console</h1>")
    page.evaluate("console.error('boom')")
    expect(page.get_by_role("heading", name="Console")).to_be_visible()


def test_page_error(page: Page) -> None:
    page.set_content("<h1>Errors</h1>")
    page.evaluate("setTimeout(() => { throw new Error('kaput') })")
    page.evaluate("setTimeout(() => { document.body.dataset.done = 'yes' }, 20)")
    expect(page.locator("body")).to_have_attribute("data-done", "yes")


def test_local_server(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="Local app")).to_be_visible()
    assert page.evaluate("fetch('/missing').then(r => r.status)") == 404


class TestCart:
    def test_add(self, page: Page) -> None:
        page.set_content("<ul><li>Lamp</li></ul>")
        expect(page.get_by_role("listitem")).to_have_count(1)

    def test_remove(self, page: Page) -> None:
        page.set_content("<ul><li>Lamp</li></ul>")
        expect(page.get_by_role("listitem")).to_have_count(0, timeout=300)


@pytest.mark.parametrize("word", ["alpha", "beta"])
def test_word(page: Page, word: str) -> None:
    page.set_content(f"<p>{word}</p>")
    expect(page.get_by_text(word)).to_be_visible()
"""

BROKEN = """\
from playwright.sync_api import Page


def test_broken(page: Page:
    page.goto("/")
"""

PASSED = {
    "test_batch.py::test_passes[chromium]",
    "test_batch.py::test_plain_python",
    "test_batch.py::test_console_error[chromium]",
    "test_batch.py::test_page_error[chromium]",
    "test_batch.py::test_local_server[chromium]",
    "test_batch.py::TestCart::test_add[chromium]",
    "test_batch.py::test_word[chromium-alpha]",
    "test_batch.py::test_word[chromium-beta]",
}
FAILED = {
    "test_batch.py::test_missing_button[chromium]": FailureKind.SELECTOR_NOT_FOUND,
    "test_batch.py::test_two_buttons[chromium]": FailureKind.STRICT_MODE,
    "test_batch.py::test_wrong_text[chromium]": FailureKind.ASSERTION,
    "test_batch.py::TestCart::test_remove[chromium]": FailureKind.ASSERTION,
}
BROKEN_ID = "test_broken.py"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/":
            body = b"<!doctype html><title>Local</title><h1>Local app</h1>"
            self.send_response(200)
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    with serve_handler(_Handler) as url:
        yield url


def _project(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # An ini file pins pytest's rootdir, so test ids read the same wherever the temporary folder lives.
    (folder / "pytest.ini").write_text("[pytest]\n")
    for name, source in files.items():
        (folder / name).write_text(textwrap.dedent(source))
    return folder


@pytest.fixture(scope="module")
def batch(chromium: str, local_server: str, tmp_path_factory: pytest.TempPathFactory) -> RunReport:
    root = tmp_path_factory.mktemp("batch")
    project = _project(root / "project", {"test_batch.py": BATCH, "test_broken.py": BROKEN})
    return asyncio.run(
        run_tests(
            [project / "test_batch.py", project / "test_broken.py"],
            run_id="run-batch",
            artifacts_dir=root / "artifacts",
            base_url=local_server,
            env={"SUPERAGENT_ACTION_TIMEOUT_MS": "3000"},
            timeout_s=240,
        )
    )


def _by_id(report: RunReport) -> dict[str, TestResult]:
    return {result.nodeid: result for result in report.results}


def test_batch_reports_one_result_per_test_id(batch: RunReport) -> None:
    ids = [result.nodeid for result in batch.results]
    assert len(ids) == len(set(ids))
    assert set(ids) == PASSED | set(FAILED) | {BROKEN_ID}
    assert batch.exit_code == 1


def test_batch_outcomes_and_failure_kinds(batch: RunReport) -> None:
    results = _by_id(batch)
    for nodeid in PASSED:
        assert results[nodeid].outcome == "passed", nodeid
        assert results[nodeid].failure is None, nodeid
    for nodeid, kind in FAILED.items():
        assert results[nodeid].outcome == "failed", nodeid
        failure = results[nodeid].failure
        assert failure is not None, nodeid
        assert failure.kind is kind, (nodeid, failure.message)


def test_batch_failures_name_the_locator(batch: RunReport) -> None:
    results = _by_id(batch)
    missing = results["test_batch.py::test_missing_button[chromium]"].failure
    strict = results["test_batch.py::test_two_buttons[chromium]"].failure
    assert missing is not None and missing.locator == 'get_by_role("button", name="Nope")'
    assert strict is not None and strict.locator == 'get_by_role("button")'
    assert "resolved to 2 elements" in strict.message


def test_syntax_error_file_is_a_test_code_error_and_does_not_stop_the_batch(batch: RunReport) -> None:
    broken = _by_id(batch)[BROKEN_ID]
    assert broken.outcome == "error"
    assert broken.failure is not None
    assert broken.failure.kind is FailureKind.TEST_CODE
    assert "SyntaxError" in broken.failure.message
    assert broken.browser_launched is False
    project = Path(batch.artifacts_dir).parent / "project"
    assert batch.for_file(str(project / "test_broken.py")) == [broken]
    assert len(batch.for_file(str(project / "test_batch.py"))) == len(PASSED) + len(FAILED)


def test_browser_launched_only_for_tests_that_drive_a_page(batch: RunReport) -> None:
    results = _by_id(batch)
    assert results["test_batch.py::test_plain_python"].browser_launched is False
    assert results["test_batch.py::test_plain_python"].screenshots == []
    for nodeid in (PASSED - {"test_batch.py::test_plain_python"}) | set(FAILED):
        assert results[nodeid].browser_launched is True, nodeid


def test_passing_tests_leave_a_final_screenshot_and_no_trace(batch: RunReport) -> None:
    results = _by_id(batch)
    artifacts = Path(batch.artifacts_dir)
    for nodeid in PASSED - {"test_batch.py::test_plain_python"}:
        result = results[nodeid]
        assert len(result.screenshots) == 1, nodeid
        shot = Path(result.screenshots[0])
        assert shot.name == "final.png"
        assert shot.is_file() and shot.stat().st_size > 0
        assert artifacts in shot.parents
        assert result.trace is None


def test_failing_tests_leave_a_failure_screenshot_and_a_trace(batch: RunReport) -> None:
    results = _by_id(batch)
    folders = set()
    for nodeid in FAILED:
        result = results[nodeid]
        assert [Path(s).name for s in result.screenshots] == ["failure.png"], nodeid
        assert Path(result.screenshots[0]).is_file()
        assert result.trace is not None
        trace = Path(result.trace)
        assert trace.name == "trace.zip"
        assert trace.is_file() and trace.stat().st_size > 0
        folders.add(trace.parent)
    assert len(folders) == len(FAILED)


def test_each_test_in_a_class_or_parametrised_gets_its_own_evidence(batch: RunReport) -> None:
    results = _by_id(batch)
    shots = [
        results[nodeid].screenshots[0]
        for nodeid in (
            "test_batch.py::TestCart::test_add[chromium]",
            "test_batch.py::TestCart::test_remove[chromium]",
            "test_batch.py::test_word[chromium-alpha]",
            "test_batch.py::test_word[chromium-beta]",
        )
    ]
    assert len({Path(s).parent for s in shots}) == 4


def test_console_errors_are_captured(batch: RunReport) -> None:
    results = _by_id(batch)
    assert results["test_batch.py::test_console_error[chromium]"].console_errors == ["boom"]
    assert results["test_batch.py::test_passes[chromium]"].console_errors == []


def test_page_errors_are_captured(batch: RunReport) -> None:
    results = _by_id(batch)
    errors = results["test_batch.py::test_page_error[chromium]"].page_errors
    assert any("kaput" in error for error in errors), errors
    assert results["test_batch.py::test_passes[chromium]"].page_errors == []


def test_http_error_responses_are_recorded_with_their_status(batch: RunReport, local_server: str) -> None:
    results = _by_id(batch)
    failed = results["test_batch.py::test_local_server[chromium]"].failed_requests
    assert any(f"{local_server}/missing" in entry and "404" in entry for entry in failed), failed
    assert not any(entry.startswith("GET " + local_server + "/ ") for entry in failed), failed
    assert results["test_batch.py::test_passes[chromium]"].failed_requests == []


def test_base_url_reaches_the_local_server(batch: RunReport) -> None:
    result = _by_id(batch)["test_batch.py::test_local_server[chromium]"]
    assert result.outcome == "passed", result.failure


def test_durations_are_measured(batch: RunReport) -> None:
    assert batch.wall_ms > 0
    for result in batch.results:
        if result.nodeid != BROKEN_ID:
            assert result.duration_ms > 0, result.nodeid


async def test_run_tests_rejects_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(TestFileError, match="does not exist"):
        await run_tests([tmp_path / "test_nope.py"], run_id="run-missing", artifacts_dir=tmp_path / "artifacts")


async def test_run_tests_rejects_a_folder_without_tests(tmp_path: Path) -> None:
    project = _project(tmp_path / "empty", {"helpers.py": "VALUE = 1\n"})
    with pytest.raises(TestFileError, match="no tests found"):
        await run_tests([project], run_id="run-empty", artifacts_dir=tmp_path / "artifacts", timeout_s=120)


def test_a_batch_spread_over_workers_reports_like_one_process(
    chromium: str, local_server: str, batch: RunReport, tmp_path: Path
) -> None:
    project = _project(tmp_path / "project", {"test_batch.py": BATCH, "test_broken.py": BROKEN})
    report = asyncio.run(
        run_tests(
            [project / "test_batch.py", project / "test_broken.py"],
            run_id="run-workers",
            artifacts_dir=tmp_path / "artifacts",
            base_url=local_server,
            env={"SUPERAGENT_ACTION_TIMEOUT_MS": "3000"},
            timeout_s=240,
            workers=2,
        )
    )
    assert {r.nodeid: r.outcome for r in report.results} == {r.nodeid: r.outcome for r in batch.results}
    assert [p.name for p in (tmp_path / "artifacts").glob("results*.json")] == ["results.json"]
    merged = json.loads((tmp_path / "artifacts" / "results.json").read_text())
    assert len(merged["tests"]) == len(batch.results)


def test_workers_only_for_batches_big_enough_to_share() -> None:
    from superagent.agents.runner import workers_for

    assert workers_for(1) == 1 and workers_for(2) == 1
    assert workers_for(8) == min(os.cpu_count() or 1, 2)
    assert workers_for(2, configured=3) == 3
