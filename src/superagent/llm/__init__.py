"""The LLM foundation agents build on.

config: settings and model refs; routing: which model each agent uses, and why; pricing: what a call costs;
budget: hard USD caps kept by reservation; breaker: provider health; providers: pydantic-ai models; retry: which
errors to retry; prompt: untrusted page text; call: ``ask()``, the one call agents make.
``ask`` is imported on first use: it loads pydantic-ai, which would add ~0.4 s to every command's start.
Without any API key every agent resolves to the offline choice and runs its deterministic implementation.
"""

from typing import TYPE_CHECKING

from superagent.errors import LLMConfigError, MissingKeyError, UnknownPriceError
from superagent.llm.base import CostLedger, CostRecorder, LLMOutcome, Status
from superagent.llm.breaker import Breakers, CircuitBreaker
from superagent.llm.budget import BudgetExhausted, BudgetState, Reservation, open_budget, spent_today
from superagent.llm.config import (
    AGENTS,
    LLMSettings,
    Price,
    RetryPolicy,
    load_llm_settings,
)
from superagent.llm.pricing import PriceBook, cost_usd, estimate_tokens, worst_case_usd
from superagent.llm.prompt import UNTRUSTED_NOTE, untrusted
from superagent.llm.providers import build_model
from superagent.llm.routing import ModelChoice, first_model, resolve

if TYPE_CHECKING:
    from superagent.llm.call import ask

__all__ = [
    "AGENTS",
    "UNTRUSTED_NOTE",
    "Breakers",
    "BudgetExhausted",
    "BudgetState",
    "CircuitBreaker",
    "CostLedger",
    "CostRecorder",
    "LLMConfigError",
    "LLMOutcome",
    "LLMSettings",
    "MissingKeyError",
    "ModelChoice",
    "Price",
    "PriceBook",
    "Reservation",
    "RetryPolicy",
    "Status",
    "UnknownPriceError",
    "ask",
    "build_model",
    "cost_usd",
    "estimate_tokens",
    "first_model",
    "load_llm_settings",
    "open_budget",
    "resolve",
    "spent_today",
    "untrusted",
    "worst_case_usd",
]


def __getattr__(name: str) -> object:
    if name == "ask":
        from superagent.llm.call import ask

        return ask
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
