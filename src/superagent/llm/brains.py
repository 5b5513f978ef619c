"""``Brains``: one process's access to models for the agents — which model, the budget, the ledger, provider health.

An agent asks ``brains.ask(agent, ...)``; with no model configured for it (no key, ``--model local``) the answer is
an ``offline`` outcome at once and the agent keeps its deterministic result. Every other outcome that is not
``ok`` (budget exhausted, provider down, wrong key) also leaves the offline result in place: the job never stops
because of a model.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from superagent.llm.base import CostLedger, CostRecorder, LLMOutcome
from superagent.llm.breaker import Breakers
from superagent.llm.budget import BudgetExhausted, BudgetState, Reservation, feature_cap, open_budget, spent_today
from superagent.llm.config import LLMSettings, Tier, load_llm_settings
from superagent.llm.pricing import PriceBook
from superagent.llm.routing import ModelChoice, first_model, resolve

T = TypeVar("T")
R = TypeVar("R")


class Allowance(BaseModel):
    """What one agent call may spend, granted by whoever holds the job's budget (a workflow, or the inline job)."""

    job_id: str
    step: str
    usd: float
    tier: Tier = "easy"
    critical: bool = False
    model: str | None = None  # ``--model``: one ref for every agent, or ``local``
    attempt: int = 1  # a retried call (a durable activity's next attempt) records its spend under its own attempt


class BudgetPlan(BaseModel):
    """What a whole job may spend on models, decided when the job starts: the limit, the tier its requests are
    in, whether they touch a critical path, and a ``--model`` override."""

    limit_usd: float = 0.50
    tier: Tier = "easy"
    critical: bool = False
    model: str | None = None


class ModelUse(BaseModel):
    """What an agent call spent on models, reported back to the budget's holder (and shown as an event)."""

    agent: str
    status: str
    model: str | None = None
    usd: float = 0.0
    detail: str = ""


class Brains:
    def __init__(
        self,
        *,
        llm: LLMSettings | None = None,
        recorder: CostRecorder | None = None,
        env: Mapping[str, str] | None = None,
        models: Mapping[str, Any] | None = None,
        http_client: Any = None,
    ) -> None:
        self.llm = llm or load_llm_settings()
        self.recorder = recorder
        self.env = os.environ if env is None else env
        self.models = dict(models or {})  # agent -> a ready pydantic-ai model (tests: FunctionModel)
        self.http_client = http_client
        self.breakers = Breakers(failure_threshold=self.llm.breaker_failures, cooldown_s=self.llm.breaker_cooldown_s)
        self.prices = PriceBook.from_settings(self.llm, self.env)
        self.budget: BudgetState | None = None  # this process's session and daily caps, opened on first use
        self.calls = 0

    async def _process_budget(self) -> BudgetState:
        if self.budget is None:
            daily = await spent_today(self.recorder) if isinstance(self.recorder, CostLedger) else 0.0
            self.budget = open_budget(self.llm, daily_spent_usd=daily)
        return self.budget

    def choices(self, agent: str, allowance: Allowance) -> list[ModelChoice]:
        if agent in self.models:
            model, ref = self.models[agent], f"test:{agent}"  # priced through [prices."test:<agent>"] if given
            return [ModelChoice.from_model(agent, model, ref=ref, max_tokens=self.llm.max_tokens_for(agent))]
        return resolve(
            agent,
            tier=allowance.tier,
            critical=allowance.critical,
            env=self.env,
            settings=self.llm,
            override=allowance.model,
        )

    def active(self, agent: str, allowance: Allowance | None) -> bool:
        """Whether ``agent`` would use a model at all (so the offline path can skip preparing a prompt)."""
        return allowance is not None and first_model(self.choices(agent, allowance)) is not None

    async def ask(
        self, agent: str, prompt: str, output_type: type[T], allowance: Allowance, *, instructions: str,
        images: tuple[bytes, ...] = (), tools: tuple[Any, ...] = (), deps: Any = None, max_requests: int = 0,
    ) -> tuple[LLMOutcome[T], ModelUse]:  # fmt: skip
        """Ask within the allowance (a hard cap for this call) and this process's session and daily caps.

        A retried call first deducts what its earlier attempts spent (they are in the ledger), so a crash after
        a paid answer cannot make the same step spend its allowance twice; the use it reports includes them.
        """
        # pydantic-ai loads only when a model is really asked (~0.4 s)
        from superagent.llm.call import CallKey, Gateway, ask

        budget = await self._process_budget()
        earlier = await self._earlier_attempts(allowance)
        self.calls += 1
        key = f"{allowance.job_id}/{allowance.step}/{self.calls}"
        budget.open_feature(key, max(allowance.usd - earlier, 0.0))
        gateway = Gateway(
            budget=budget, recorder=self.recorder, breakers=self.breakers, prices=self.prices, policy=self.llm.retry,
            env=self.env, http_client=self.http_client,
        )  # fmt: skip
        outcome = await ask(
            agent,
            prompt,
            output_type,
            choices=self.choices(agent, allowance),
            gateway=gateway,
            key=CallKey(job_id=allowance.job_id, step=allowance.step, attempt=allowance.attempt, budget_key=key),
            instructions=instructions,
            images=images,
            tools=tools,
            deps=deps,
            max_requests=max_requests,
        )
        budget.caps.pop(feature_cap(key), None)
        use = ModelUse(
            agent=agent, status=outcome.status, model=outcome.model, usd=outcome.usd + earlier, detail=outcome.detail
        )
        return outcome, use

    async def _earlier_attempts(self, allowance: Allowance) -> float:
        if allowance.attempt <= 1 or not isinstance(self.recorder, CostLedger):
            return 0.0
        rows = await self.recorder.cost_rows(allowance.job_id)
        return sum(r.usd for r in rows if r.step == allowance.step and r.attempt < allowance.attempt)


class JobBudget(BaseModel):
    """A job's budget, held by whoever runs the job (the workflow, or the inline executor): each agent call is
    granted an equal share of what is left, reserved until the call reports what it spent. Plain data, so a
    workflow can keep it; the sum of open grants never exceeds the job's limit."""

    job_id: str
    limit_usd: float
    share_usd: float
    tier: Tier = "easy"
    critical: bool = False
    model: str | None = None
    state: BudgetState
    steps: int = 0

    @classmethod
    def open(cls, job_id: str, plan: BudgetPlan, flows: int) -> JobBudget:
        """The budget of a job with ``flows`` requested flows (or test files), each getting an equal share."""
        state = BudgetState()
        state.open_feature(job_id, plan.limit_usd)
        return cls(
            job_id=job_id, limit_usd=plan.limit_usd, share_usd=plan.limit_usd / max(flows, 1), tier=plan.tier,
            critical=plan.critical, model=plan.model, state=state,
        )  # fmt: skip

    def grant(self, agent: str, flow: str, *, tier: Tier | None = None, critical: bool | None = None) -> tuple[
        Allowance, Reservation | None
    ]:  # fmt: skip
        self.steps += 1
        available = self.state.available_usd(self.job_id) or 0.0
        usd = min(available, self.share_usd)
        reserved: Reservation | BudgetExhausted | None = None
        if usd > 0:
            reserved = self.state.reserve(usd, job_id=self.job_id, label=f"{agent}:{flow}")
        allowance = Allowance(
            job_id=self.job_id,
            step=f"{agent}:{flow}:{self.steps}",
            usd=usd if isinstance(reserved, Reservation) else 0.0,
            tier=tier or self.tier,
            critical=self.critical if critical is None else critical,
            model=self.model,
        )
        return allowance, reserved if isinstance(reserved, Reservation) else None

    async def within(
        self, agent: str, flow: str, call: Callable[[Allowance], Awaitable[tuple[R, ModelUse | None]]],
        on_use: Callable[[str, ModelUse], Awaitable[None]], **grant: Any,
    ) -> R:  # fmt: skip
        """Run one agent call on a granted share, settle the share with what the call spent, report the use."""
        allowance, reservation = self.grant(agent, flow, **grant)
        use = None
        try:
            result, use = await call(allowance)
        finally:
            self.settle(reservation, use)
        if use is not None:
            await on_use(flow, use)
        return result

    def settle(self, reservation: Reservation | None, use: ModelUse | None) -> None:
        if reservation is not None:
            self.state.settle(reservation, use.usd if use else 0.0)

    @property
    def spent_usd(self) -> float:
        return self.state.caps[next(iter(self.state.caps))].spent_usd
