"""Hard budgets: reserve the worst case, settle with the real cost; never spend past a cap, even concurrently."""

from __future__ import annotations

import asyncio
import logging
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superagent.llm import BudgetExhausted, BudgetState, LLMSettings, Reservation, open_budget, spent_today
from superagent.state import SQLiteStateStore
from superagent.state.models import CostRow


def reserve(budget: BudgetState, usd: float, job_id: str | None = "job") -> Reservation:
    reservation = budget.reserve(usd, job_id=job_id)
    assert isinstance(reservation, Reservation), reservation
    return reservation


def test_a_reservation_counts_against_every_applicable_cap() -> None:
    budget = BudgetState.create(session_usd=1.0, daily_usd=2.0)
    budget.open_feature("job", 0.5)

    r = reserve(budget, 0.2)

    assert r.caps == ["feature:job", "session", "daily"]
    assert {name: cap.reserved_usd for name, cap in budget.caps.items()} == {
        "session": 0.2,
        "daily": 0.2,
        "feature:job": 0.2,
    }
    assert budget.available_usd("job") == pytest.approx(0.3)
    assert budget.available_usd("other-job") == pytest.approx(0.8)  # only session and daily apply


def test_a_call_that_does_not_fit_is_a_value_naming_the_cap() -> None:
    budget = BudgetState.create(session_usd=1.0)
    budget.open_feature("job", 0.5)
    reserve(budget, 0.4)

    refused = budget.reserve(0.2, job_id="job")

    assert isinstance(refused, BudgetExhausted)
    assert refused.cap == "feature:job"
    assert refused.available_usd == pytest.approx(0.1)
    assert "feature:job" in refused.detail
    assert budget.caps["session"].reserved_usd == pytest.approx(0.4)  # nothing half-reserved


def test_settling_releases_the_unused_part_of_the_reservation() -> None:
    budget = BudgetState()
    budget.open_feature("job", 0.5)
    r = reserve(budget, 0.4)

    budget.settle(r, 0.1)

    cap = budget.caps["feature:job"]
    assert (cap.spent_usd, cap.reserved_usd) == (pytest.approx(0.1), 0.0)
    assert isinstance(budget.reserve(0.4, job_id="job"), Reservation)


def test_settling_twice_is_a_bug() -> None:
    budget = BudgetState()
    r = reserve(budget, 0.1)
    budget.release(r)

    with pytest.raises(ValueError, match="settled twice"):
        budget.settle(r, 0.1)


def test_spend_over_the_reservation_is_charged_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    budget = BudgetState()
    budget.open_feature("job", 0.5)
    r = reserve(budget, 0.1)

    with caplog.at_level(logging.WARNING, logger="superagent.llm.budget"):
        budget.settle(r, 0.6)

    assert "more than the" in caplog.text
    assert budget.caps["feature:job"].spent_usd == pytest.approx(0.6)
    assert isinstance(budget.reserve(0.000_001, job_id="job"), BudgetExhausted)


def test_no_caps_means_no_limit() -> None:
    budget = BudgetState()

    assert budget.available_usd("job") is None
    assert isinstance(budget.reserve(1_000_000.0, job_id="job"), Reservation)


def test_the_state_round_trips_through_json_with_open_reservations() -> None:
    budget = BudgetState.create(session_usd=1.0, daily_usd=5.0, daily_spent_usd=1.25)
    budget.open_feature("job", 0.5)
    r = reserve(budget, 0.2)

    restored = BudgetState.model_validate_json(budget.model_dump_json())
    restored.settle(r, 0.05)

    assert restored.caps["daily"].spent_usd == pytest.approx(1.30)
    assert restored.caps["feature:job"].reserved_nano == 0


def test_reopening_a_feature_keeps_its_spend() -> None:
    budget = BudgetState()
    budget.open_feature("job", 0.5)
    budget.settle(reserve(budget, 0.2), 0.2)

    budget.open_feature("job", 3.0)  # e.g. the flow turned out to be critical

    assert budget.caps["feature:job"].spent_usd == pytest.approx(0.2)
    assert budget.caps["feature:job"].limit_usd == 3.0


async def test_the_daily_cap_starts_from_what_the_ledger_spent_today(tmp_path: Path) -> None:
    now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    async with SQLiteStateStore(tmp_path / "state.db") as store:
        for step, usd, at in [("a", 0.25, now - timedelta(hours=1)), ("b", 0.5, now - timedelta(days=1))]:
            await store.record_cost(CostRow(job_id="j", step=step, agent="writer", model="m", usd=usd, at=at))
        today = await spent_today(store, now=now)

    budget = open_budget(LLMSettings(budget_daily=1.0, budget_session=0.5), daily_spent_usd=today)

    assert today == pytest.approx(0.25)
    assert budget.caps["daily"].spent_usd == pytest.approx(0.25)
    assert budget.available_usd() == pytest.approx(0.5)  # the session cap is tighter
    assert isinstance(budget.reserve(0.76), BudgetExhausted)


# --- properties -------------------------------------------------------------------------------------------------

limits = st.floats(min_value=0, max_value=2, allow_nan=False)
optional_limits = st.none() | limits
usd = st.floats(min_value=0, max_value=0.5, allow_nan=False)
fraction = st.floats(min_value=0, max_value=1, allow_nan=False)
calls = st.lists(
    st.tuples(st.sampled_from(["job-a", "job-b", None]), usd, fraction, st.booleans()),
    max_size=60,
)


def assert_within_caps(budget: BudgetState, baseline: dict[str, int]) -> None:
    for name, cap in budget.caps.items():
        assert cap.reserved_nano >= 0
        assert cap.spent_nano + cap.reserved_nano <= max(cap.limit_nano, baseline[name])


@settings(max_examples=300, deadline=None)
@given(feature=limits, session=optional_limits, daily=optional_limits, daily_used=fraction, sequence=calls)
def test_honest_calls_never_spend_past_any_cap(
    feature: float,
    session: float | None,
    daily: float | None,
    daily_used: float,
    sequence: list[tuple[str | None, float, float, bool]],
) -> None:
    budget = BudgetState.create(session_usd=session, daily_usd=daily, daily_spent_usd=(daily or 0) * daily_used)
    budget.open_feature("job-a", feature)
    budget.open_feature("job-b", feature / 2)
    baseline = {name: cap.spent_nano for name, cap in budget.caps.items()}
    settled: dict[str, list[float]] = {name: [] for name in budget.caps}
    pending: list[tuple[Reservation, float]] = []

    def settle(reservation: Reservation, actual: float) -> None:
        budget.settle(reservation, actual)
        for name in reservation.caps:
            settled[name].append(actual)

    for job_id, worst, used, settle_now in sequence:
        reservation = budget.reserve(worst, job_id=job_id)
        if isinstance(reservation, Reservation):
            pending.append((reservation, worst * used))  # honest: actual <= the reserved worst case
        if settle_now and pending:
            settle(*pending.pop(0))
        assert_within_caps(budget, baseline)
    for item in pending:
        settle(*item)

    assert budget.reservations == {}
    for name, cap in budget.caps.items():
        assert cap.spent_nano <= max(cap.limit_nano, baseline[name])
        assert math.fsum(settled[name]) <= max(0.0, cap.limit_usd - baseline[name] / 1e9) + 1e-9


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    session=limits,
    work=st.lists(st.tuples(usd, fraction, st.integers(min_value=0, max_value=3)), min_size=1, max_size=40),
)
def test_concurrent_reservations_never_oversubscribe(session: float, work: list[tuple[float, float, int]]) -> None:
    budget = BudgetState.create(session_usd=session)
    cap = budget.caps["session"]
    settled: list[float] = []

    async def call(worst: float, used: float, pauses: int) -> None:
        reservation = budget.reserve(worst, job_id=None)
        assert cap.spent_nano + cap.reserved_nano <= cap.limit_nano
        if isinstance(reservation, BudgetExhausted):
            return
        for _ in range(pauses):  # the model call: other tasks reserve and settle meanwhile
            await asyncio.sleep(0)
            assert cap.spent_nano + cap.reserved_nano <= cap.limit_nano
        budget.settle(reservation, worst * used)
        settled.append(worst * used)

    async def main() -> None:
        await asyncio.gather(*(call(*item) for item in work))

    asyncio.run(main())

    assert cap.reserved_nano == 0
    assert cap.spent_nano <= cap.limit_nano
    assert math.fsum(settled) <= session
