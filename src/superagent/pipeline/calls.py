"""What the decision logic asks of the world (``AgentCalls``, implemented by each executor) and what it reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, Field

from superagent.events import Event
from superagent.models import (
    Critique,
    FlowNotFound,
    Patch,
    Request,
    ReviewItem,
    RunReport,
    TestCase,
    TestResult,
    Verdict,
)

if TYPE_CHECKING:
    from superagent.agents.medic import Diagnosis

FlowStatus = Literal["validated", "failed", "rejected", "not_found", "error", "in_review"]


class AgentCalls(Protocol):
    """Everything the decision logic asks of the agents and of the world; executors implement it."""

    def now(self) -> float:
        """Seconds on a clock that only moves forward (a durable executor uses the workflow's clock)."""
        ...

    async def write(self, request: Request) -> TestCase | FlowNotFound: ...
    async def revise(self, case: TestCase, critique: Critique) -> TestCase | None: ...
    async def critique(self, case: TestCase) -> Critique: ...
    async def save(self, case: TestCase) -> str: ...
    async def run(self, paths: Sequence[str], base_url: str | None) -> RunReport: ...
    async def validate(self, result: TestResult) -> Verdict: ...
    async def emit(self, event: Event) -> None: ...
    # healing
    async def lint(self, path: str, source: str) -> Critique: ...
    async def diagnose(self, test_file: str, source: str, result: TestResult) -> Diagnosis: ...
    async def stage(self, test_file: str, source: str) -> str: ...
    async def unstage(self) -> None: ...
    async def commit(
        self, test_file: str, source: str, patches: Sequence[Patch], expected: str | None = None
    ) -> str | None:
        """Write a proven fix; None when written, else why not (``expected``: the text the fix was made from)."""
        ...

    async def review(self, item: ReviewItem) -> ReviewItem: ...
    async def read(self, test_file: str) -> str: ...


class FlowReport(BaseModel):
    """The outcome of one requested flow, as the final table shows it."""

    flow: str
    status: FlowStatus
    test_file: str | None = None
    critique: Critique | None = None
    result: TestResult | None = None
    verdict: Verdict | None = None
    reason: str = ""
    seen: list[str] = Field(default_factory=list)
    seconds: float = 0.0
    healed: bool = False
    diff: str = ""
    review_id: str | None = None

    @property
    def label(self) -> str:
        return self.flow


class JobReport(BaseModel):
    flows: list[FlowReport]
    run: RunReport | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.flows) and all(f.status == "validated" for f in self.flows)
