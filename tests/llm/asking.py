"""``ask`` with the keyword arguments tests find convenient, grouped into the Gateway and CallKey it takes."""

from __future__ import annotations

from typing import Any, TypeVar

from superagent.llm.base import LLMOutcome
from superagent.llm.call import CallKey, Gateway, ask

T = TypeVar("T")
GATEWAY = ("budget", "recorder", "breakers", "prices", "policy", "env", "http_client")
KEY = ("job_id", "step", "attempt", "budget_key")


async def ask_with(agent: str, prompt: str, output_type: type[T], **kwargs: Any) -> LLMOutcome[T]:
    given = {k: kwargs.pop(k) for k in GATEWAY if k in kwargs}
    gateway = Gateway(**{k: v for k, v in given.items() if v is not None})
    key = CallKey(**{k: kwargs.pop(k) for k in KEY if k in kwargs})
    return await ask(agent, prompt, output_type, gateway=gateway, key=key, **kwargs)
