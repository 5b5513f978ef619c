"""``ask()``: the one way an agent asks a model for a typed answer, inside a hard budget.

It walks the agent's choices in order. Per model: skip it while its provider's circuit is open; reserve the call's
worst case (or report the budget exhausted, without calling); run a pydantic-ai ``Agent`` with no tools and a
``max_tokens`` cap; retry 429 / 5xx / timeouts with backoff; settle the budget with the real usage. A rejected
key, exhausted retries or an answer that never matches the schema moves on to the next choice; a call with tools
that reaches its step cap (``max_requests``) ends there, since the cap bounds the task, not one model. Provider
problems never raise: they come back as an ``LLMOutcome`` status and the agent carries on offline. Spend (failed
requests included) is recorded as one CostRow keyed by (job_id, step, attempt), so re-running a step replaces its row.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter
from pydantic.errors import PydanticSchemaGenerationError, PydanticUserError
from pydantic_ai import Agent
from pydantic_ai.exceptions import (
    AgentRunError,
    ModelAPIError,
    ModelHTTPError,
    UnexpectedModelBehavior,
    UsageLimitExceeded,
    UserError,
)
from pydantic_ai.settings import ModelSettings
from pydantic_ai.usage import RunUsage, UsageLimits

from superagent.errors import MissingKeyError
from superagent.llm.base import CostRecorder, LLMOutcome, Status
from superagent.llm.breaker import Breakers, CircuitBreaker
from superagent.llm.budget import BudgetExhausted, BudgetState, Reservation
from superagent.llm.config import RetryPolicy
from superagent.llm.pricing import PriceBook, estimate_tokens
from superagent.llm.prompt import UNTRUSTED_NOTE
from superagent.llm.providers import build_model, describe_endpoint, key_env
from superagent.llm.retry import describe, is_auth, is_transient, retrying
from superagent.llm.routing import ModelChoice
from superagent.state.models import CostRow

log = logging.getLogger(__name__)

OutputT = TypeVar("OutputT")
TOOL_RESULT_TOKENS = 1500  # what one tool's answer may add to the conversation (tools trim to fit)
IMAGE_TOKENS = 1800  # a conservative per-image input estimate (providers bill ~250-1600 tokens per screenshot)


def _schema_text(output_type: Any) -> str:
    if output_type is str:
        return ""
    try:
        return json.dumps(TypeAdapter(output_type).json_schema())
    except (PydanticSchemaGenerationError, PydanticUserError, TypeError):
        return ""


@dataclass
class _Tried(Generic[OutputT]):
    status: Status
    detail: str = ""
    value: OutputT | None = None
    final: bool = False  # no other model is tried after this


@dataclass
class _Spend:
    input_tokens: int = 0
    output_tokens: int = 0
    costs: list[float] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    @property
    def usd(self) -> float:
        return math.fsum(self.costs)

    def add(self, ref: str, usage: RunUsage, usd: float) -> None:
        if not (usage.input_tokens or usage.output_tokens or usd):
            return
        self.input_tokens += usage.input_tokens
        self.output_tokens += usage.output_tokens
        self.costs.append(usd)
        if ref not in self.refs:
            self.refs.append(ref)


@dataclass
class _Call(Generic[OutputT]):
    agent: str
    prompt: str
    output_type: type[OutputT]
    instructions: str
    budget: BudgetState
    job_id: str
    step: str
    max_tokens: int | None
    breakers: Breakers
    prices: PriceBook
    policy: RetryPolicy
    env: Mapping[str, str]
    http_client: Any
    images: Sequence[bytes] = ()
    budget_key: str | None = None  # the feature cap to reserve against; the job's by default
    tools: Sequence[Any] = ()  # functions the model may call (each result at most TOOL_RESULT_TOKENS)
    deps: Any = None  # what the tools act on
    max_requests: int = 0  # with tools: the step cap (model requests in all)
    requests: int = 1  # what the model being tried may make, retries or tool steps included
    spend: _Spend = field(default_factory=_Spend)
    last_ref: str | None = None

    def __post_init__(self) -> None:
        untrusted_input = '<data id="' in self.prompt or bool(self.tools)  # tools return page text
        if untrusted_input and UNTRUSTED_NOTE not in self.instructions:
            self.instructions = f"{self.instructions}\n\n{UNTRUSTED_NOTE}".strip()
        self.input_estimate = estimate_tokens(self.instructions, self.prompt, _schema_text(self.output_type))
        self.input_estimate += IMAGE_TOKENS * len(self.images)

    def user_prompt(self) -> Any:
        if not self.images:
            return self.prompt
        from pydantic_ai import BinaryContent

        return [self.prompt, *(BinaryContent(data=image, media_type="image/png") for image in self.images)]

    async def run(self, choices: Sequence[ModelChoice]) -> LLMOutcome[OutputT]:
        problems: list[_Tried[OutputT]] = []
        offline_reason = "no model to ask: offline"
        refused: set[str] = set()  # providers that refused the key: their other models would be refused too
        for choice in choices:
            if choice.offline:
                offline_reason = choice.reason
                break
            if choice.provider in refused:
                continue
            self.last_ref = choice.ref
            tried = await self._try(choice)
            if tried.status == "wrong_key":
                refused.add(choice.provider)
            if tried.status == "ok":
                return self._outcome("ok", f"answered by {choice.ref}", tried.value)
            log.warning("%s %s: %s", self.agent, self.step, tried.detail)
            problems.append(tried)
            if tried.final:
                break
        if not problems:
            return self._outcome("offline", offline_reason)
        statuses = {p.status for p in problems}
        status: Status = (
            "budget_exhausted"
            if "budget_exhausted" in statuses
            else "wrong_key"
            if statuses == {"wrong_key"}
            else "provider_failed"
        )
        return self._outcome(status, "; ".join(p.detail for p in problems))

    def _outcome(self, status: Status, detail: str, value: OutputT | None = None) -> LLMOutcome[OutputT]:
        outcome: LLMOutcome[OutputT] = LLMOutcome(
            value=value,
            status=status,
            model=self.last_ref,
            input_tokens=self.spend.input_tokens,
            output_tokens=self.spend.output_tokens,
            usd=self.spend.usd,
            detail=detail,
        )
        return outcome

    async def _try(self, choice: ModelChoice) -> _Tried[OutputT]:
        breaker = self.breakers.for_provider(choice.provider)
        if breaker.is_open:
            return _Tried("provider_failed", f"{choice.ref}: skipped, {choice.provider} keeps failing (circuit open)")
        try:
            model = build_model(choice, env=self.env, http_client=self.http_client)
        except MissingKeyError as exc:
            return _Tried("wrong_key", str(exc))
        except UserError as exc:
            return _Tried("provider_failed", f"{choice.ref}: {exc.message}")
        max_tokens = self.max_tokens or choice.max_tokens
        if self.tools:
            requests = max(self.max_requests, 1)
            worst = self.prices.worst_case_usd(
                choice.ref, self.input_estimate, max_tokens, requests=requests, growth=TOOL_RESULT_TOKENS
            )
        else:
            requests = self.policy.output_retries + 1
            worst = self.prices.worst_case_usd(choice.ref, self.input_estimate, max_tokens, requests=requests)
        self.requests = requests
        runner: Agent[Any, OutputT] = Agent(
            model,
            output_type=self.output_type,
            instructions=self.instructions or None,
            retries=self.policy.output_retries,
            tools=list(self.tools),
            deps_type=type(self.deps),
        )
        settings: ModelSettings = {"max_tokens": max_tokens}
        if choice.instance is None:  # our own retries, not the SDK's; a test model takes no transport settings
            settings = {**settings, "max_retries": 0, "timeout": self.policy.timeout_s}
        tries = retrying(self.policy, breaker)
        try:
            async for attempt in tries:
                with attempt:
                    return await self._once(choice, runner, settings, worst, breaker)
        except ModelAPIError as exc:
            count = tries.statistics.get("attempt_number", 1)
            return _Tried("provider_failed", f"{choice.ref}: {describe(exc)} (tried {count}x)")
        raise AssertionError("unreachable: tenacity either returns or re-raises")  # pragma: no cover

    async def _once(
        self,
        choice: ModelChoice,
        runner: Agent[Any, OutputT],
        settings: ModelSettings,
        worst: float,
        breaker: CircuitBreaker,
    ) -> _Tried[OutputT]:
        label = f"{self.job_id}/{self.step}/{choice.ref}"
        reservation = self.budget.reserve(worst, job_id=self.budget_key or self.job_id, label=label)
        if isinstance(reservation, BudgetExhausted):
            return _Tried("budget_exhausted", f"{choice.ref}: {reservation.detail}")
        if not breaker.allow():
            self.budget.release(reservation)
            return _Tried("provider_failed", f"{choice.ref}: skipped, another call is trying {choice.provider}")
        usage = RunUsage()
        limits = UsageLimits(request_limit=self.requests)
        try:
            result = await runner.run(
                self.user_prompt(), usage=usage, model_settings=settings, usage_limits=limits, deps=self.deps
            )
        except ModelAPIError as exc:
            if is_auth(exc):
                breaker.trip()
            elif is_transient(exc):
                breaker.record_failure()
            else:
                breaker.record_success()  # it answered; the request itself was refused
            if is_transient(exc):
                raise
            if is_auth(exc):
                return _Tried("wrong_key", self._wrong_key(choice, exc))
            return _Tried("provider_failed", f"{choice.ref}: {describe(exc)}")
        except UsageLimitExceeded as exc:
            breaker.record_success()
            if not self.tools:
                return _Tried("provider_failed", f"{choice.ref}: {exc}")
            # the caller's step cap bounds the task, whichever model does it: no next model gets another go
            cap = f"stopped at the step cap of {self.requests} model requests without an answer"
            return _Tried("provider_failed", f"{choice.ref}: {cap}", final=True)
        except UnexpectedModelBehavior:
            breaker.record_success()
            name = getattr(self.output_type, "__name__", str(self.output_type))
            tries = self.policy.output_retries + 1
            return _Tried("provider_failed", f"{choice.ref}: the answer did not match {name} in {tries} tries")
        except AgentRunError as exc:
            breaker.record_success()
            return _Tried("provider_failed", f"{choice.ref}: {exc}")
        except BaseException:
            breaker.abandon()
            raise
        finally:
            self._settle(choice, reservation, usage)
        breaker.record_success()
        return _Tried("ok", value=result.output)

    def _settle(self, choice: ModelChoice, reservation: Reservation, usage: RunUsage) -> None:
        usd = self.prices.cost_usd(choice.ref, usage.input_tokens, usage.output_tokens)
        self.budget.settle(reservation, usd)
        self.spend.add(choice.ref, usage, usd)
        if usage.input_tokens or usage.output_tokens:
            log.info(
                "%s %s via %s: %d input + %d output tokens, $%.6f",
                self.agent,
                self.step,
                choice.ref,
                usage.input_tokens,
                usage.output_tokens,
                usd,
            )

    def _wrong_key(self, choice: ModelChoice, exc: ModelAPIError) -> str:
        status = f"HTTP {exc.status_code}" if isinstance(exc, ModelHTTPError) else "rejected"
        where = f"{choice.provider}{describe_endpoint(choice, self.env)}"
        return f"{choice.ref}: the API key was refused ({status}) by {where}: check {key_env(choice.provider)}"

    def cost_row(self, attempt: int) -> CostRow:
        """All this call's spend in one row; ``model`` joins the refs with "+" when a fallback also cost money."""
        return CostRow(
            job_id=self.job_id,
            step=self.step,
            attempt=attempt,
            agent=self.agent,
            model="+".join(self.spend.refs),
            input_tokens=self.spend.input_tokens,
            output_tokens=self.spend.output_tokens,
            usd=self.spend.usd,
        )


@dataclass(frozen=True)
class Gateway:
    """How this process reaches models: the budget caps, the ledger, provider health, prices, retries, the
    environment holding keys and endpoints, and (in tests) an HTTP client."""

    budget: BudgetState
    recorder: CostRecorder | None = None
    breakers: Breakers = field(default_factory=Breakers)
    prices: PriceBook | None = None
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    env: Mapping[str, str] | None = None
    http_client: Any = None


@dataclass(frozen=True)
class CallKey:
    """Where one call's spend belongs: the job, its step and attempt (the ledger's key), and the budget cap
    (by default the job's) its reservations come out of."""

    job_id: str
    step: str
    attempt: int = 1
    budget_key: str | None = None


async def ask(
    agent: str,
    prompt: str,
    output_type: type[OutputT],
    *,
    choices: Sequence[ModelChoice],
    gateway: Gateway,
    key: CallKey,
    instructions: str = "",
    max_tokens: int | None = None,
    model_override: object | None = None,
    images: Sequence[bytes] = (),
    tools: Sequence[Any] = (),
    deps: Any = None,
    max_requests: int = 0,
) -> LLMOutcome[OutputT]:
    """Ask the first model of ``choices`` that works for an ``output_type`` answer; never raises for provider
    problems (see the module docstring). ``model_override`` (a pydantic-ai model, e.g. ``FunctionModel``) replaces
    ``choices``. Raises UnknownPriceError (a UsageError) for a cloud model with no known price.
    """
    env = os.environ if gateway.env is None else gateway.env
    if model_override is not None:
        choices = [ModelChoice.from_model(agent, model_override, max_tokens=max_tokens or 1024)]
    call = _Call(
        agent=agent,
        prompt=prompt,
        output_type=output_type,
        instructions=instructions,
        budget=gateway.budget,
        job_id=key.job_id,
        step=key.step,
        max_tokens=max_tokens,
        breakers=gateway.breakers,
        prices=gateway.prices or PriceBook(local_openai=bool(env.get("OPENAI_BASE_URL"))),
        policy=gateway.policy,
        env=env,
        http_client=gateway.http_client,
        images=images,
        budget_key=key.budget_key,
        tools=tools,
        deps=deps,
        max_requests=max_requests,
    )
    outcome = await call.run(choices)
    if gateway.recorder is not None and call.spend.refs:
        await gateway.recorder.record_cost(call.cost_row(key.attempt))
    return outcome
