"""Gemini, the validator: judges a run against the rubric, with the evidence as reasons."""

from __future__ import annotations

from superagent.models import TestResult, Verdict

MIN_SCREENSHOTS = 1


def judge(result: TestResult, *, max_execution_ms: float = 45000.0) -> Verdict:
    """The rubric: browser launched, test executed, test passed, >= 1 screenshot, within the time limit.

    Console errors, network failures and requests blocked for leaving the allowed origins are recorded in the
    verdict but do not fail it.
    """
    checks = {
        "browser_launched": result.browser_launched,
        "test_executed": result.outcome in ("passed", "failed"),
        "test_passed": result.outcome == "passed",
        "screenshots": len(result.screenshots) >= MIN_SCREENSHOTS,
        "execution_time_ms": result.duration_ms <= max_execution_ms,
    }
    reasons = []
    if not checks["browser_launched"]:
        reasons.append("the browser was never launched for this test")
    if not checks["test_executed"]:
        reasons.append(f"the test did not execute (outcome {result.outcome!r})")
    if not checks["test_passed"] and result.failure is not None:
        reasons.append(f"the test failed: {result.failure.kind.value}: {result.failure.message.splitlines()[0]}")
    elif not checks["test_passed"]:
        reasons.append(f"the test did not pass (outcome {result.outcome!r})")
    if not checks["screenshots"]:
        reasons.append(f"{len(result.screenshots)} screenshot(s), at least {MIN_SCREENSHOTS} required")
    if not checks["execution_time_ms"]:
        reasons.append(f"took {result.duration_ms:.0f} ms, limit {max_execution_ms:.0f} ms")
    network = result.failed_requests
    console = result.console_errors + result.page_errors
    if console:
        reasons.append(f"recorded {len(console)} console/page error(s) (not failing)")
    if network:
        reasons.append(f"recorded {len(network)} network failure(s) (not failing)")
    if result.blocked_requests:
        reasons.append(f"blocked {len(result.blocked_requests)} request(s) to other origins (recorded, not failing)")
    return Verdict(
        test_id=result.nodeid,
        passed=all(checks.values()),
        checks=checks,
        reasons=reasons,
        execution_time_ms=result.duration_ms,
        console_errors=console,
        network_failures=network,
        blocked_requests=result.blocked_requests,
    )
