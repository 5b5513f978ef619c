"""The one place implementations are chosen: ``build_services(settings)`` returns the ``Services`` every command
and worker uses — the state store (opened per block of work), models (``Brains``) and the executor that runs jobs.

Nothing above this module builds a store, a model layer or an executor itself; adapters below it get what they
need (a store factory, ``Brains``) handed in. Optional backends plug in here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from superagent.events import Event
from superagent.job_models import JobOutcome, JobSpec
from superagent.llm.base import CostRecorder
from superagent.llm.brains import Brains
from superagent.settings import Settings
from superagent.state.base import StateStore

if TYPE_CHECKING:
    from superagent.orchestration.activities import AgentActivities

EventSink = Callable[[Event], Awaitable[None] | None]


class JobExecutor(Protocol):
    """Runs one job to its end (or to a person's review) and reports what became of it."""

    name: str

    async def run(self, spec: JobSpec, on_event: EventSink | None = None) -> JobOutcome: ...


@dataclass(frozen=True)
class Services:
    settings: Settings

    def open_state(self) -> StateStore:
        """The configured state store, to open for one block of work: ``async with services.open_state() as s``."""
        from superagent.state.sqlite import SQLiteStateStore

        return SQLiteStateStore(self.settings.state_db)

    def brains(self, recorder: CostRecorder | None = None) -> Brains:
        """Models for the agents; spend goes to ``recorder`` (an open store), else to the store opened per call."""
        if recorder is None:
            from superagent.orchestration.steps import StateRecorder

            recorder = StateRecorder(self.open_state)
        return Brains(recorder=recorder)

    def activities(self) -> AgentActivities:
        """One worker process's agent activities (Temporal)."""
        from superagent.orchestration.activities import AgentActivities

        return AgentActivities(self.settings, self.open_state, self.brains())

    @cached_property
    def executor(self) -> JobExecutor:
        if self.settings.executor == "temporal":
            from superagent.orchestration.executor import TemporalExecutor

            return TemporalExecutor(self.settings, self.activities)
        from superagent.orchestration.inline import InlineExecutor

        return InlineExecutor(self.settings, self.open_state, self.brains)


def build_services(settings: Settings) -> Services:
    return Services(settings=settings)
