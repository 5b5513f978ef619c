"""The validator's rubric: every check fails a run on its own, and errors on the page are evidence, not failures."""

from __future__ import annotations

from typing import Any

import pytest

from superagent.agents.validator import judge
from superagent.models import Failure, FailureKind, TestResult

NODEID = "tests/test_login.py::test_user_can_log_in[chromium]"


def result(**changes: Any) -> TestResult:
    base: dict[str, Any] = {
        "nodeid": NODEID,
        "outcome": "passed",
        "duration_ms": 1200.0,
        "browser_launched": True,
        "screenshots": ["artifacts/run/test_login/final.png"],
    }
    return TestResult(**{**base, **changes})


def test_a_clean_run_passes_every_check() -> None:
    verdict = judge(result())
    assert verdict.passed is True
    assert verdict.test_id == NODEID
    assert verdict.checks == {
        "browser_launched": True,
        "test_executed": True,
        "test_passed": True,
        "screenshots": True,
        "execution_time_ms": True,
    }
    assert verdict.reasons == []
    assert verdict.execution_time_ms == 1200.0


def test_browser_never_launched() -> None:
    verdict = judge(result(browser_launched=False))
    assert verdict.passed is False
    assert [name for name, ok in verdict.checks.items() if not ok] == ["browser_launched"]
    assert verdict.reasons == ["the browser was never launched for this test"]


@pytest.mark.parametrize("outcome", ["skipped", "error"])
def test_skipped_or_errored_test_was_not_executed(outcome: str) -> None:
    verdict = judge(result(outcome=outcome))
    assert verdict.passed is False
    assert verdict.checks["test_executed"] is False
    assert verdict.checks["test_passed"] is False
    assert f"the test did not execute (outcome {outcome!r})" in verdict.reasons
    assert f"the test did not pass (outcome {outcome!r})" in verdict.reasons


def test_errored_test_reports_its_failure() -> None:
    failure = Failure(kind=FailureKind.TEST_CODE, message="SyntaxError: invalid syntax\n  line 3")
    verdict = judge(result(outcome="error", failure=failure))
    assert verdict.passed is False
    assert verdict.reasons == [
        "the test did not execute (outcome 'error')",
        "the test failed: test_code_error: SyntaxError: invalid syntax",
    ]


def test_failed_test_was_executed_but_did_not_pass() -> None:
    failure = Failure(
        kind=FailureKind.SELECTOR_NOT_FOUND,
        message='Locator.click: Timeout 500ms exceeded.\nCall log:\n  - waiting for get_by_role("button", name="Nope")',
        locator='get_by_role("button", name="Nope")',
    )
    verdict = judge(result(outcome="failed", failure=failure, screenshots=["artifacts/failure.png"]))
    assert verdict.passed is False
    assert verdict.checks["test_executed"] is True
    assert [name for name, ok in verdict.checks.items() if not ok] == ["test_passed"]
    assert verdict.reasons == ["the test failed: selector_not_found: Locator.click: Timeout 500ms exceeded."]


def test_failed_test_without_failure_details_still_says_so() -> None:
    verdict = judge(result(outcome="failed"))
    assert verdict.passed is False
    assert verdict.reasons == ["the test did not pass (outcome 'failed')"]


def test_no_screenshot() -> None:
    verdict = judge(result(screenshots=[]))
    assert verdict.passed is False
    assert [name for name, ok in verdict.checks.items() if not ok] == ["screenshots"]
    assert verdict.reasons == ["0 screenshot(s), at least 1 required"]


def test_too_slow_for_the_default_limit() -> None:
    verdict = judge(result(duration_ms=45001.0))
    assert verdict.passed is False
    assert verdict.reasons == ["took 45001 ms, limit 45000 ms"]


def test_custom_time_limit() -> None:
    slow = result(duration_ms=2500.0)
    verdict = judge(slow, max_execution_ms=2000)
    assert verdict.passed is False
    assert [name for name, ok in verdict.checks.items() if not ok] == ["execution_time_ms"]
    assert verdict.reasons == ["took 2500 ms, limit 2000 ms"]
    assert verdict.execution_time_ms == 2500.0
    assert judge(slow, max_execution_ms=2500).passed is True


def test_console_and_network_errors_are_recorded_but_do_not_fail() -> None:
    verdict = judge(
        result(
            console_errors=["boom"],
            page_errors=["Error: kaput"],
            failed_requests=["GET http://127.0.0.1:8000/missing HTTP 404"],
        )
    )
    assert verdict.passed is True
    assert all(verdict.checks.values())
    assert verdict.console_errors == ["boom", "Error: kaput"]
    assert verdict.network_failures == ["GET http://127.0.0.1:8000/missing HTTP 404"]
    assert verdict.reasons == [
        "recorded 2 console/page error(s) (not failing)",
        "recorded 1 network failure(s) (not failing)",
    ]


def test_page_errors_alone_are_recorded() -> None:
    verdict = judge(result(page_errors=["Error: kaput"]))
    assert verdict.passed is True
    assert verdict.console_errors == ["Error: kaput"]
    assert verdict.network_failures == []
    assert verdict.reasons == ["recorded 1 console/page error(s) (not failing)"]


def test_every_failing_check_gets_a_reason() -> None:
    verdict = judge(
        result(outcome="skipped", browser_launched=False, screenshots=[], duration_ms=99.0),
        max_execution_ms=10,
    )
    assert verdict.passed is False
    assert not any(verdict.checks.values())
    assert verdict.reasons == [
        "the browser was never launched for this test",
        "the test did not execute (outcome 'skipped')",
        "the test did not pass (outcome 'skipped')",
        "0 screenshot(s), at least 1 required",
        "took 99 ms, limit 10 ms",
    ]
