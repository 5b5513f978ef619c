"""A person's decision on a review item, carried out through ``AgentCalls`` so both executors share it.

A corrected test or an accepted suggestion is staged beside the original, run and judged first; only a candidate
that validates replaces the test. A rejection leaves the test as it is.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from superagent.agents.medic import apply
from superagent.models import ReviewItem, utcnow
from superagent.pipeline.calls import AgentCalls, FlowReport


class Decision(BaseModel):
    review_id: str
    action: Literal["accept", "test", "reject", "close"]  # close: resolved, the test stays as it is
    note: str
    source: str | None = None  # the corrected test, for ``test``
    decided_at: datetime = Field(default_factory=utcnow)


class DecisionOutcome(BaseModel):
    review_id: str
    status: Literal["resolved", "rejected", "open"]
    message: str
    flow: FlowReport | None = None  # the re-validation, when there was one


def check_decision(item: ReviewItem, decision: Decision) -> None:
    """Raise ``ValueError`` with a user-facing message when the decision cannot apply to the item."""
    if item.status != "open":
        raise ValueError(f"review {item.id} is already {item.status}")
    if decision.action == "accept" and item.suggestion is None:
        raise ValueError(f"review {item.id} has no suggestion to accept")
    if decision.action == "test" and not decision.source:
        raise ValueError("a corrected test is needed")


async def decide(calls: AgentCalls, item: ReviewItem, decision: Decision) -> tuple[ReviewItem, DecisionOutcome]:
    check_decision(item, decision)
    closed = {"note": decision.note, "resolved_at": decision.decided_at}
    if decision.action in ("reject", "close"):
        status: Literal["rejected", "resolved"] = "rejected" if decision.action == "reject" else "resolved"
        item = await calls.review(item.model_copy(update={"status": status, **closed}))
        return item, DecisionOutcome(review_id=item.id, status=status, message="the test stays as it is")
    if decision.action == "accept" and item.suggestion is not None:
        candidate = apply(await calls.read(item.test_file), item.suggestion)
        patches = [item.suggestion]
    else:
        candidate, patches = decision.source or "", []
    staged = await calls.stage(item.test_file, candidate)
    try:
        report = await calls.run([staged], item.base_url)
    finally:
        await calls.unstage()
    results = report.for_file(staged)
    flow = FlowReport(flow=item.test_id or item.test_file, status="error", test_file=item.test_file)
    if not results:
        flow.reason = "the runner reported no result for the corrected test"
        return item, DecisionOutcome(review_id=item.id, status="open", message=flow.reason, flow=flow)
    flow.result = results[0]
    flow.verdict = await calls.validate(results[0])
    flow.status = "validated" if flow.verdict.passed else "failed"
    flow.reason = "; ".join(flow.verdict.reasons)
    if not flow.verdict.passed:
        message = f"the corrected test does not validate; {item.id} stays open"
        return item, DecisionOutcome(review_id=item.id, status="open", message=message, flow=flow)
    await calls.commit(item.test_file, candidate, patches)
    item = await calls.review(item.model_copy(update={"status": "resolved", **closed}))
    message = f"validated and written to {Path(item.test_file)}"
    return item, DecisionOutcome(review_id=item.id, status="resolved", message=message, flow=flow)
