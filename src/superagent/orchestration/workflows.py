"""The durable job: ``FeatureWorkflow`` runs the pipeline through activities, then waits for people's decisions.

Workflow code must replay identically, so it only calls the pipeline (pure decision logic) through
``TemporalAgentCalls``; everything that touches the world is an activity. A person's decision on a review item
arrives as an update (a signal that answers with the outcome of the re-validation); the wait for it is a durable
``wait_condition`` with the configured timeout — no polling.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from pydantic import ValidationError

    from superagent.job_models import JobOutcome, JobRecord, JobSpec
    from superagent.job_records import job_status, summary
    from superagent.models import Request, ReviewItem
    from superagent.orchestration.calls import NON_RETRYABLE, TemporalAgentCalls
    from superagent.orchestration.models import Phase, Progress, RouteInput
    from superagent.pipeline import FlowReport, JobReport, check_tests, create_tests
    from superagent.pipeline.review import Decision, DecisionOutcome, check_decision, decide


def _root_cause(err: BaseException) -> ApplicationError | None:
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, ApplicationError):
            return cause
        cause = cause.__cause__
    return None


# A job whose input does not decode (a JobSpec that fails validation) can never run: fail the workflow run at once
# instead of failing its first task, which the server would retry forever.
@workflow.defn(name="FeatureWorkflow", failure_exception_types=[ValidationError])
class FeatureWorkflow:
    def __init__(self) -> None:
        self.phase: Phase = "starting"
        self.events: list[dict[str, Any]] = []
        self.report: JobReport | None = None
        self.outcome: JobOutcome | None = None
        self.reviews: dict[str, ReviewItem] = {}
        self.calls: TemporalAgentCalls | None = None
        self.lock = asyncio.Lock()

    # -- reading ---------------------------------------------------------------------------------------------
    @workflow.query
    def progress(self, after: int = 0) -> Progress:
        return Progress(phase=self.phase, events=self.events[after:], outcome=self.outcome, open_reviews=self._open())

    def _decided(self) -> bool:
        return not self._open() and workflow.all_handlers_finished()

    def _open(self) -> list[str]:
        return [rid for rid, item in self.reviews.items() if item.status == "open"]

    def _set_phase(self, phase: Phase, note: str = "") -> None:
        self.phase = phase
        workflow.upsert_memo({"phase": phase, "summary": note or (summary(self.report) if self.report else "")})

    # -- the job ---------------------------------------------------------------------------------------------
    @workflow.run
    async def run(self, spec: JobSpec) -> JobOutcome:
        calls = self.calls = TemporalAgentCalls(spec, self.events)
        await self._router("open_job", JobRecord(spec=spec), type(None))
        requests = spec.requests
        if spec.kind == "create" and not requests and spec.text:
            given = RouteInput(text=spec.text, url=spec.url, username=spec.username, password_env=spec.password_env)
            requests = await self._router("route", given, list[Request])
        self._set_phase("running")
        try:
            if spec.kind == "create":
                report = await create_tests(calls, requests, critic_retries=spec.critic_retries, heal=spec.heal)
            else:
                report = await check_tests(calls, spec.paths, spec.url, judge=spec.judge, heal=spec.heal)
        except ActivityError as err:
            report = await self._poisoned(spec, err)
        self.report = report
        self.reviews.update(calls.reviewed)
        outcome = await self._close(spec, job_status(report), summary(report))
        if not self._open():
            return outcome
        self._set_phase("in_review")
        timeout = timedelta(seconds=spec.policy.review_timeout_s)
        try:
            await workflow.wait_condition(self._decided, timeout=timeout)
        except TimeoutError:
            return await self._review_timed_out(spec)
        return await self._after_review(spec)

    async def _router(self, name: str, arg: Any, result_type: Any) -> Any:
        assert self.calls is not None
        return await self.calls.call_activity("router", name, arg, result_type)

    async def _close(self, spec: JobSpec, status: str, note: str) -> JobOutcome:
        assert self.report is not None
        outcome = JobOutcome(job_id=spec.job_id, status=status, summary=note, report=self.report)
        record = JobRecord(spec=spec, outcome=outcome, events=self.events)
        outcome.report_path = await self._router("finish_job", record, str)
        self.outcome = outcome
        self._set_phase("in_review" if self._open() else "done", note)
        return outcome

    async def _poisoned(self, spec: JobSpec, err: ActivityError) -> JobReport:
        """An agent failed past its retry limit: bad input fails the job; anything else goes to a person."""
        cause = _root_cause(err)
        kind = cause.type if cause is not None and cause.type else type(err).__name__
        message = cause.message if cause is not None else str(err)
        if kind in NON_RETRYABLE or (cause is not None and cause.non_retryable):
            raise ApplicationError(message, type=kind, non_retryable=True) from None
        assert self.calls is not None
        attempts = spec.policy.attempts
        reason = f"the {err.activity_type or 'agent'} step failed {attempts} time(s): {kind}: {message}"
        target = spec.paths[0] if spec.paths else (spec.requests[0].label if spec.requests else spec.title)
        item = ReviewItem(id="", test_file=target, test_id=target, base_url=spec.url, reason=reason, flow=target)
        item = await self.calls.review(item)
        flows = [FlowReport(flow=target, status="in_review", test_file=target, reason=reason, review_id=item.id)]
        return JobReport(flows=flows)

    async def _after_review(self, spec: JobSpec) -> JobOutcome:
        assert self.report is not None
        rejected = sum(item.status == "rejected" for item in self.reviews.values())
        note = f"{summary(self.report)}; reviews decided ({rejected} rejected)"
        return await self._close(spec, job_status(self.report), note)

    async def _review_timed_out(self, spec: JobSpec) -> JobOutcome:
        if spec.policy.review_on_timeout == "reject":
            for rid in self._open():
                await self._decide(Decision(review_id=rid, action="reject", note="review timed out"))
            return await self._after_review(spec)
        return await self._close(spec, "in_review", f"{summary(self.report or JobReport(flows=[]))}; review expired")

    # -- people's decisions ----------------------------------------------------------------------------------
    @workflow.update
    async def decide(self, decision: Decision) -> DecisionOutcome:
        return await self._decide(decision)

    @decide.validator
    def _check(self, decision: Decision) -> None:
        item = self.reviews.get(decision.review_id)
        if item is None:
            raise ValueError(f"review {decision.review_id} does not belong to this job")
        check_decision(item, decision)

    async def _decide(self, decision: Decision) -> DecisionOutcome:
        assert self.calls is not None and self.report is not None
        async with self.lock:
            item, outcome = await decide(self.calls, self.reviews[decision.review_id], decision)
            self.reviews[item.id] = item
            for flow in self.report.flows:
                if flow.review_id != item.id:
                    continue
                if outcome.status == "resolved" and outcome.flow is not None and outcome.flow.result is not None:
                    flow.status, flow.result, flow.verdict = "validated", outcome.flow.result, outcome.flow.verdict
                    flow.reason = f"resolved by a person: {decision.note}"
                else:
                    flow.status, flow.reason = "failed", f"{decision.action} by a person: {decision.note}"
            return outcome
