"""The circuit breaker: open after N consecutive failures, one trial after the cooldown, closed after a success."""

from __future__ import annotations

import pytest

from superagent.llm import Breakers, CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def breaker(clock: Clock, threshold: int = 3, cooldown: float = 30.0) -> CircuitBreaker:
    return CircuitBreaker("anthropic", failure_threshold=threshold, cooldown_s=cooldown, clock=clock)


def test_opens_after_the_threshold_of_consecutive_failures() -> None:
    b = breaker(Clock())

    b.record_failure()
    b.record_failure()
    assert (b.state, b.allow()) == ("closed", True)
    b.record_failure()

    assert b.state == "open"
    assert not b.allow()


def test_a_success_resets_the_count() -> None:
    b = breaker(Clock())
    b.record_failure()
    b.record_failure()

    b.record_success()
    b.record_failure()
    b.record_failure()

    assert b.state == "closed"
    assert b.consecutive_failures == 2


def test_after_the_cooldown_exactly_one_trial_goes_out() -> None:
    clock = Clock()
    b = breaker(clock, threshold=1, cooldown=30)
    b.record_failure()

    clock.now += 29.9
    assert not b.allow()
    clock.now += 0.1

    assert b.state == "half_open"
    assert b.allow()
    assert not b.allow()  # a second caller waits for the trial's verdict


def test_a_successful_trial_closes_the_circuit() -> None:
    clock = Clock()
    b = breaker(clock, threshold=1, cooldown=30)
    b.record_failure()
    clock.now += 30
    assert b.allow()

    b.record_success()

    assert b.state == "closed"
    assert b.allow() and b.allow()


def test_a_failed_trial_reopens_for_a_fresh_cooldown() -> None:
    clock = Clock()
    b = breaker(clock, threshold=3, cooldown=30)
    for _ in range(3):
        b.record_failure()
    clock.now += 30
    assert b.allow()

    b.record_failure()  # one failure in half_open is enough

    assert b.state == "open"
    clock.now += 29
    assert b.state == "open"
    clock.now += 1
    assert b.state == "half_open"


def test_an_abandoned_trial_frees_the_slot() -> None:
    clock = Clock()
    b = breaker(clock, threshold=1, cooldown=0)
    b.record_failure()
    assert b.allow()

    b.abandon()

    assert b.allow()


def test_each_provider_has_its_own_breaker() -> None:
    breakers = Breakers(failure_threshold=1, clock=Clock())

    breakers.for_provider("openai").record_failure()

    assert breakers.for_provider("openai") is breakers.for_provider("openai")
    assert breakers.states() == {"openai": "open"}
    assert breakers.for_provider("anthropic").allow()


def test_a_threshold_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="failure_threshold"):
        CircuitBreaker(failure_threshold=0)


def test_a_refused_key_opens_the_circuit_at_once() -> None:
    b = breaker(Clock(), threshold=3)
    b.trip()
    assert b.state == "open" and not b.allow()
