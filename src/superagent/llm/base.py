"""What the LLM layer needs from the rest of SuperAgent, and what one model call gives back."""

from __future__ import annotations

from typing import Generic, Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from superagent.state.models import CostRow

T = TypeVar("T")

Status = Literal["ok", "budget_exhausted", "provider_failed", "wrong_key", "offline"]


@runtime_checkable
class CostRecorder(Protocol):
    """Where spend goes; ``StateStore`` satisfies it. A row with the same (job_id, step, attempt) replaces."""

    async def record_cost(self, row: CostRow) -> object: ...


@runtime_checkable
class CostLedger(Protocol):
    """Where past spend is read from (to seed the daily budget); ``StateStore`` satisfies it."""

    async def cost_rows(self, job_id: str | None = None) -> list[CostRow]: ...


class LLMOutcome(BaseModel, Generic[T]):
    """The result of ``ask()``: a value only when ``status == "ok"``; otherwise the agent goes on offline.

    ``model`` is the ref that answered (or the last one tried); tokens and ``usd`` add up every request made,
    including failed ones that were billed. ``detail`` is one line a person can act on.
    """

    value: T | None = None
    status: Status
    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    usd: float = 0.0
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"
