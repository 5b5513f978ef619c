"""A job's budget as the executors hold it: every agent call gets a share of what is left, reserved until it
reports its spend. Under honest reporting (a call spends at most its allowance), the job never overspends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from superagent.llm.brains import BudgetPlan, JobBudget, ModelUse


def test_each_call_gets_an_equal_share_and_a_spent_share_is_gone() -> None:
    budget = JobBudget.open("j", BudgetPlan(limit_usd=1.0), flows=4)
    first, r1 = budget.grant("writer", "login")
    assert first.usd == 0.25 and first.step == "writer:login:1"
    budget.settle(r1, ModelUse(agent="writer", status="ok", usd=0.25))
    assert budget.spent_usd == 0.25


def test_an_unused_grant_is_given_back() -> None:
    budget = JobBudget.open("j", BudgetPlan(limit_usd=0.5), flows=1)
    allowance, reservation = budget.grant("medic", "t.py")
    assert allowance.usd == 0.5
    budget.settle(reservation, ModelUse(agent="medic", status="offline"))
    assert budget.grant("medic", "t.py")[0].usd == 0.5


def test_a_spent_budget_grants_nothing() -> None:
    budget = JobBudget.open("j", BudgetPlan(limit_usd=0.1), flows=1)
    _, reservation = budget.grant("writer", "a")
    budget.settle(reservation, ModelUse(agent="writer", status="ok", usd=0.1))
    exhausted, none = budget.grant("writer", "b")
    assert exhausted.usd == 0.0 and none is None


@given(
    limit=st.floats(min_value=0.0, max_value=5.0, allow_nan=False),
    flows=st.integers(min_value=1, max_value=10),
    calls=st.lists(
        st.tuples(st.integers(min_value=1, max_value=4), st.floats(min_value=0.0, max_value=1.0)),
        max_size=40,
    ),
)
def test_honest_spend_never_exceeds_the_job_limit(limit: float, flows: int, calls: list[tuple[int, float]]) -> None:
    """Grants are taken in batches (calls in flight at once) and settled with a fraction of each allowance."""
    budget = JobBudget.open("j", BudgetPlan(limit_usd=limit), flows=flows)
    for in_flight, fraction in calls:
        granted = [budget.grant("writer", f"f{n}") for n in range(in_flight)]
        assert sum(a.usd for a, _ in granted) <= limit + 1e-9, "open grants exceed the limit"
        for allowance, reservation in granted:
            budget.settle(reservation, ModelUse(agent="writer", status="ok", usd=allowance.usd * fraction))
    assert budget.spent_usd <= limit + 1e-9
