"""Typed events the pipeline emits as it goes: the live display and the state store both read them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from superagent.models import utcnow


class Event(BaseModel):
    """Something that happened to one flow of a job. ``agent`` is the persona that did it."""

    flow: str
    agent: str
    message: str = ""
    data: dict[str, Any] = Field(default_factory=dict)
    at: str = Field(default_factory=lambda: utcnow().isoformat())

    @property
    def kind(self) -> str:
        return type(self).__name__


class RequestRouted(Event):
    pass


class TestWritten(Event):
    __test__ = False


class FlowNotFoundReported(Event):
    pass


class CritiqueGiven(Event):
    pass


class TestRevised(Event):
    __test__ = False


class RunStarted(Event):
    pass


class RunFinished(Event):
    pass


class VerdictGiven(Event):
    pass


class Recorded(Event):
    """An event read back from a workflow or a store, keeping the kind it was emitted as."""

    recorded_kind: str = ""

    @property
    def kind(self) -> str:
        return self.recorded_kind or "Recorded"


def from_record(data: dict[str, Any]) -> Event:
    fields = {k: v for k, v in data.items() if k in Event.model_fields}
    return Recorded(recorded_kind=str(data.get("kind", "")), **fields)


class ModelUsed(Event):
    """An agent asked a model: which, what it cost, and the outcome (``ok``, ``budget_exhausted``, ...)."""


class PatchProposed(Event):
    pass


class PatchProven(Event):
    pass


class PatchRejected(Event):
    pass


class SentToReview(Event):
    pass
