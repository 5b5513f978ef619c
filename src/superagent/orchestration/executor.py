"""The client side of a durable job: start the workflow, follow its progress, map its failure to our errors."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from temporalio.client import Client, WorkflowFailureError, WorkflowHandle
from temporalio.exceptions import ApplicationError

from superagent import errors
from superagent.events import Event, from_record
from superagent.job_models import JobOutcome, JobSpec
from superagent.orchestration.models import Progress
from superagent.orchestration.workflows import FeatureWorkflow
from superagent.settings import Settings

if TYPE_CHECKING:
    from superagent.orchestration.activities import AgentActivities

log = logging.getLogger(__name__)

EventSink = Callable[[Event], Awaitable[None] | None]
FOLLOW_EVERY_S = 0.5  # each poll is a query the workflow worker answers: CPU the runs compete for


async def start(client: Client, spec: JobSpec) -> WorkflowHandle[FeatureWorkflow, JobOutcome]:
    return await client.start_workflow(
        FeatureWorkflow.run,
        spec,
        id=spec.job_id,
        task_queue=spec.policy.queue("router"),
        memo={"title": spec.title, "kind": spec.kind, "phase": "starting"},
    )


def _error_for(exc: WorkflowFailureError) -> errors.SuperAgentError:
    """The same exception the inline executor would have raised (so the CLI exits the same way)."""
    cause: BaseException | None = exc.cause
    while cause is not None and not isinstance(cause, ApplicationError):
        cause = cause.__cause__
    if cause is None:
        return errors.OrchestrationError(f"the job failed: {exc.cause or exc}")
    known: dict[str, type[errors.SuperAgentError]] = {
        cls.__name__: cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.SuperAgentError)
    }
    return known.get(cause.type or "", errors.OrchestrationError)(cause.message)


async def follow(handle: WorkflowHandle[FeatureWorkflow, JobOutcome], on_event: EventSink | None) -> JobOutcome:
    """Pass the workflow's events on as they happen; return once it is done or waits for a person."""
    result = asyncio.ensure_future(handle.result())
    seen = 0
    try:
        while True:
            await asyncio.wait({result}, timeout=FOLLOW_EVERY_S)
            if result.done() and result.exception() is not None:
                break
            progress: Progress = await handle.query(FeatureWorkflow.progress, seen)
            for data in progress.events:
                seen += 1
                if on_event is not None:
                    maybe = on_event(from_record(data))
                    if maybe is not None:
                        await maybe
            if result.done():
                break
            if progress.phase == "in_review" and progress.outcome is not None:
                return progress.outcome
        return result.result()
    except WorkflowFailureError as exc:
        raise _error_for(exc) from None
    finally:
        if not result.done():
            result.cancel()


class TemporalExecutor:
    """Runs a job as a durable workflow, with every agent's worker in this process (the laptop default; workers
    elsewhere serve the same task queues too)."""

    name = "temporal"

    def __init__(self, settings: Settings, make_activities: Callable[[], AgentActivities]) -> None:
        self.settings = settings
        self.make_activities = make_activities

    async def run(self, spec: JobSpec, on_event: EventSink | None = None) -> JobOutcome:
        from superagent.orchestration.worker import embedded

        async with embedded(self.settings, self.make_activities) as client:
            handle = await start(client, spec)
            return await follow(handle, on_event)
