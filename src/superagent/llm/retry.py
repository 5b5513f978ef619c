"""Which provider errors are worth a retry, which mean a bad key, and how long to wait in between."""

from __future__ import annotations

from typing import Any

from pydantic_ai.exceptions import (
    ModelAPIError,
    ModelAuthenticationError,
    ModelConnectionError,
    ModelHTTPError,
    ModelQuotaExceededError,
    ModelRateLimitError,
    ModelRequestTimeout,
    ModelServerError,
    ModelUnavailableError,
)
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential

from superagent.llm.breaker import CircuitBreaker
from superagent.llm.config import RetryPolicy

_TRANSIENT = (ModelRateLimitError, ModelUnavailableError, ModelServerError, ModelConnectionError, ModelRequestTimeout)


def is_transient(exc: BaseException) -> bool:
    """Worth retrying after a wait: rate limits, overload, 5xx, timeouts, dropped connections."""
    if isinstance(exc, ModelQuotaExceededError):
        return False  # credits or quota are gone; waiting will not bring them back
    if isinstance(exc, _TRANSIENT):
        return True
    return isinstance(exc, ModelHTTPError) and (exc.status_code in (408, 429) or exc.status_code >= 500)


def is_auth(exc: BaseException) -> bool:
    return isinstance(exc, ModelAuthenticationError) or (
        isinstance(exc, ModelHTTPError) and exc.status_code in (401, 403)
    )


def _wait(policy: RetryPolicy) -> Any:
    backoff = wait_exponential(multiplier=policy.wait_initial_s, max=policy.wait_max_s)

    def wait(state: RetryCallState) -> float:
        seconds = float(backoff(state))
        exc = state.outcome.exception() if state.outcome is not None else None
        asked = getattr(exc, "retry_after", None)
        if isinstance(asked, int | float) and asked > seconds:
            seconds = float(asked)
        return min(seconds, policy.wait_max_s)

    return wait


def describe(exc: ModelAPIError) -> str:
    status = f"HTTP {exc.status_code} " if isinstance(exc, ModelHTTPError) else ""
    return f"{status}{type(exc).__name__}".strip()


def retrying(policy: RetryPolicy, breaker: CircuitBreaker) -> AsyncRetrying:
    """Tenacity loop for one model: retry transient errors with backoff while the provider's circuit is closed."""
    return AsyncRetrying(
        stop=stop_after_attempt(policy.attempts),
        wait=_wait(policy),
        retry=retry_if_exception(lambda exc: is_transient(exc) and not breaker.is_open),
        reraise=True,
    )
