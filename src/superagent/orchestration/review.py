"""A person's decision delivered to the job's waiting workflow, which re-validates and answers with the outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from temporalio.client import WorkflowUpdateFailedError
from temporalio.service import RPCError

from superagent.errors import UsageError
from superagent.orchestration.workflows import FeatureWorkflow
from superagent.pipeline.review import Decision, DecisionOutcome
from superagent.settings import Settings

if TYPE_CHECKING:
    from superagent.orchestration.activities import AgentActivities

FINISH_TIMEOUT_S = 120.0


async def decide_in_workflow(
    settings: Settings, make_activities: Callable[[], AgentActivities], job_id: str, decision: Decision
) -> DecisionOutcome | None:
    """The outcome, or None when no workflow of that job is waiting (an inline job, or one already closed)."""
    from superagent.orchestration.worker import embedded

    async with embedded(settings, make_activities) as client:
        handle = client.get_workflow_handle(job_id)
        try:
            description = await handle.describe()
        except RPCError:
            return None
        if description.status is None or description.status.name != "RUNNING":
            return None
        try:
            outcome = await handle.execute_update(FeatureWorkflow.decide, decision)
        except WorkflowUpdateFailedError as exc:
            cause = exc.cause
            raise UsageError(getattr(cause, "message", None) or str(cause)) from None
        progress = await handle.query(FeatureWorkflow.progress, 0)
        if not progress.open_reviews:  # the last decision: see the job through to its end while workers run here
            await asyncio.wait_for(handle.result(), FINISH_TIMEOUT_S)
        return outcome
