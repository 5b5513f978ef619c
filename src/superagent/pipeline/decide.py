"""The decision logic of a job, written once, run by any executor that implements ``AgentCalls``.

write (all flows at once) -> critic (rejections go back to the writer, bounded) -> save -> runner (one batch)
-> validator. The inline executor calls the agents in-process; a durable executor can call them as activities.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from superagent.events import (
    CritiqueGiven,
    FlowNotFoundReported,
    RunFinished,
    RunStarted,
    TestRevised,
    TestWritten,
    VerdictGiven,
)
from superagent.models import FlowNotFound, Request, RunReport, TestCase
from superagent.pipeline.calls import AgentCalls, FlowReport, JobReport
from superagent.pipeline.heal import heal_failures


async def _author(calls: AgentCalls, request: Request, retries: int) -> tuple[FlowReport, TestCase | None]:
    """Write one flow's test and get it past the Critic; a rejection never reaches the Runner."""
    flow = request.label
    started = calls.now()
    written = await calls.write(request)
    if isinstance(written, FlowNotFound):
        await calls.emit(FlowNotFoundReported(flow=flow, agent="Scribe", message=written.reason))
        report = FlowReport(flow=flow, status="not_found", reason=written.reason, seen=written.seen)
        return report, None
    case = written
    await calls.emit(TestWritten(flow=flow, agent="Scribe", message=case.path, data={"steps": len(case.plan.steps)}))
    for attempt in range(retries + 1):
        critique = await calls.critique(case)
        await calls.emit(
            CritiqueGiven(
                flow=flow,
                agent="Critic",
                message="accepted" if critique.accepted else f"rejected: {len(critique.findings)} finding(s)",
                data={"codes": [f.code for f in critique.findings], "attempt": attempt},
            )
        )
        if critique.accepted:
            path = await calls.save(case)
            report = FlowReport(flow=flow, status="failed", test_file=path, critique=critique)
            report.seconds = calls.now() - started
            return report, case
        revised = await calls.revise(case, critique) if attempt < retries else None
        if revised is None:
            break
        case = revised
        await calls.emit(TestRevised(flow=flow, agent="Scribe", message="rewrote flagged locators"))
    reason = "; ".join(f"{f.code} line {f.line}: {f.message}" for f in critique.findings)
    return FlowReport(flow=flow, status="rejected", critique=critique, reason=reason), None


def _relative(path: str) -> str:
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


async def create_tests(
    calls: AgentCalls, requests: Sequence[Request], *, critic_retries: int = 2, heal: bool = True
) -> JobReport:
    """Write, critique, run (in one batch) and validate a test for every requested flow."""
    started = calls.now()
    authored = await asyncio.gather(*(_author(calls, r, critic_retries) for r in requests))
    reports = [report for report, _ in authored]
    runnable = [(report, case) for report, case in authored if case is not None and report.test_file]
    run: RunReport | None = None
    if runnable:
        base_url = runnable[0][1].base_url if runnable[0][1] else None
        paths = [report.test_file for report, _ in runnable if report.test_file]
        for report, _ in runnable:
            await calls.emit(RunStarted(flow=report.flow, agent="Runner", message=f"{len(paths)} test(s), one batch"))
        run_started = calls.now()
        run = await calls.run(paths, base_url)
        run_seconds = (calls.now() - run_started) / max(len(paths), 1)
        for report, _ in runnable:
            results = run.for_file(report.test_file or "")
            if not results:
                report.status = "error"
                report.reason = "the runner reported no result for this test"
                continue
            report.result = results[0]
            await calls.emit(RunFinished(flow=report.flow, agent="Runner", message=report.result.outcome))
            report.verdict = await calls.validate(report.result)
            report.status = "validated" if report.verdict.passed else "failed"
            report.reason = "; ".join(report.verdict.reasons)
            report.seconds += run_seconds
            await calls.emit(
                VerdictGiven(
                    flow=report.flow,
                    agent="Gemini",
                    message="validated" if report.verdict.passed else "failed",
                    data={"reasons": report.verdict.reasons},
                )
            )
    if heal and runnable:
        await heal_failures(calls, reports, runnable[0][1].base_url if runnable[0][1] else None)
    return JobReport(flows=reports, run=run, seconds=calls.now() - started)


async def check_tests(
    calls: AgentCalls, paths: Sequence[str], base_url: str | None, *, judge: bool, heal: bool = False
) -> JobReport:
    """Run existing tests in one batch and, when ``judge`` is set, give each a rubric verdict."""
    started = calls.now()
    run = await calls.run(paths, base_url)
    reports = []
    for result in run.results:
        verdict = await calls.validate(result) if judge else None
        passed = verdict.passed if verdict else result.outcome == "passed"
        reason = (
            "; ".join(verdict.reasons)
            if verdict
            else (result.failure.message.splitlines()[0] if result.failure else "")
        )
        reports.append(
            FlowReport(
                flow=result.nodeid,
                status="validated" if passed else "failed",
                test_file=_relative(result.file) if result.file else result.nodeid.split("::", 1)[0],
                result=result,
                verdict=verdict,
                reason=reason,
                seconds=result.duration_ms / 1000,
            )
        )
    if heal:
        await heal_failures(calls, reports, base_url)
    return JobReport(flows=reports, run=run, seconds=calls.now() - started)
