"""A circuit breaker per provider: stop calling a provider that keeps failing, try it again after a cooldown.

closed --(N consecutive failures)--> open --(cooldown passed)--> half_open --(trial succeeds)--> closed
                                       ^------------------------(trial fails)------------'
In half_open exactly one trial call is let through at a time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Literal

log = logging.getLogger(__name__)

BreakerState = Literal["closed", "open", "half_open"]


class CircuitBreaker:
    def __init__(
        self,
        name: str = "",
        *,
        failure_threshold: int = 3,
        cooldown_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be >= 1, got {failure_threshold!r}")
        self.name = name
        self.failure_threshold = failure_threshold
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def state(self) -> BreakerState:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.cooldown_s:
            return "half_open"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    def allow(self) -> bool:
        """May a call go out now? In half_open this grants the single trial call."""
        state = self.state
        if state == "closed":
            return True
        if state == "half_open" and not self._trial_running:
            self._trial_running = True
            return True
        return False

    def abandon(self) -> None:
        """A call let through by ``allow`` ended without a verdict (cancelled): free the trial slot."""
        self._trial_running = False

    def record_success(self) -> None:
        if self._opened_at is not None:
            log.info("circuit for %s closed again after a successful trial", self.name)
        self._failures = 0
        self._opened_at = None
        self._trial_running = False

    def trip(self) -> None:
        """Open now: a refused key will be refused again, so no call should wait for the threshold."""
        self._failures = max(self._failures, self.failure_threshold - 1)
        self.record_failure()

    def record_failure(self) -> None:
        self._failures += 1
        was = self.state
        if was == "half_open" or self._failures >= self.failure_threshold:
            if was != "open":
                log.warning(
                    "circuit for %s opened after %d consecutive failures; next trial in %.0fs",
                    self.name,
                    self._failures,
                    self.cooldown_s,
                )
            self._opened_at = self._clock()
        self._trial_running = False


class Breakers:
    """One CircuitBreaker per provider, made on first use. Keep one per process (in the services)."""

    def __init__(
        self, *, failure_threshold: int = 3, cooldown_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.failure_threshold = failure_threshold
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._breakers: dict[str, CircuitBreaker] = {}

    def for_provider(self, provider: str) -> CircuitBreaker:
        if provider not in self._breakers:
            self._breakers[provider] = CircuitBreaker(
                provider, failure_threshold=self.failure_threshold, cooldown_s=self.cooldown_s, clock=self._clock
            )
        return self._breakers[provider]

    def states(self) -> dict[str, BreakerState]:
        return {name: b.state for name, b in self._breakers.items()}
