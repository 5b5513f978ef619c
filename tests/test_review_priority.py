"""Review queue priority: what a person should look at first, and how waiting items rise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from superagent.critical import is_critical
from superagent.models import Attempt, Failure, FailureKind, Patch, PatchKind, ReviewItem, utcnow
from superagent.review import by_priority, priority

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
OUTCOMES = ["proven", "critic_rejected", "failed", "flaky", "regression", "progress"]


def attempt(outcome: str) -> Attempt:
    patch = Patch(kind=PatchKind.LOCATOR, edits=[], rationale="try another locator")
    return Attempt.model_validate({"patch": patch, "outcome": outcome})


def item(
    kind: FailureKind | None = FailureKind.SELECTOR_NOT_FOUND,
    test_file: str = "tests/test_search.py",
    flow: str | None = None,
    outcomes: tuple[str, ...] = (),
    created_at: datetime = T0,
    critical: bool = False,
    review_id: str = "r-000001",
) -> ReviewItem:
    return ReviewItem(
        id=review_id,
        test_file=test_file,
        test_id=f"{test_file}::test_flow",
        reason="needs a person",
        failure=Failure(kind=kind, message="m") if kind else None,
        flow=flow,
        critical=critical,
        attempts=[attempt(o) for o in outcomes],
        created_at=created_at,
    )


def test_priority_range_spans_zero_to_one() -> None:
    lowest = item(FailureKind.TEST_CODE)
    highest = item(
        FailureKind.ASSERTION, "tests/test_checkout.py", outcomes=("failed",) * 3, created_at=T0 - timedelta(days=3)
    )

    assert 0.0 < priority(lowest, T0) < 0.5
    assert priority(highest, T0) == 1.0


def test_a_failed_assertion_ranks_above_a_missing_selector() -> None:
    assert priority(item(FailureKind.ASSERTION), T0) > priority(item(FailureKind.SELECTOR_NOT_FOUND), T0)


def test_severity_order_of_failure_kinds() -> None:
    order = [
        FailureKind.ASSERTION,
        FailureKind.NAVIGATION,
        FailureKind.SELECTOR_NOT_FOUND,
        FailureKind.TIMEOUT,
        FailureKind.TEST_CODE,
    ]
    scores = [priority(item(kind), T0) for kind in order]

    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)
    assert priority(item(FailureKind.STRICT_MODE), T0) == priority(item(FailureKind.SELECTOR_NOT_FOUND), T0)


@pytest.mark.parametrize(
    ("critical_item", "plain_item"),
    [
        (item(test_file="tests/test_login.py"), item(test_file="tests/test_about.py")),
        (item(test_file="tests/test_checkout.py"), item(test_file="tests/test_about.py")),
        (
            item(test_file="tests/test_flow_7.py", flow="checkout"),
            item(test_file="tests/test_flow_7.py", flow="search"),
        ),
        (item(test_file="tests/test_flow_7.py", flow="login"), item(test_file="tests/test_flow_7.py")),
        (item(test_file="tests/test_about.py", critical=True), item(test_file="tests/test_about.py")),
    ],
)
def test_a_critical_path_ranks_above_a_non_critical_one(critical_item: ReviewItem, plain_item: ReviewItem) -> None:
    assert priority(critical_item, T0) > priority(plain_item, T0)


@pytest.mark.parametrize(
    ("test_file", "flow", "critical"),
    [
        ("tests/test_login.py", None, True),
        ("tests/test_user_can_log_in.py", None, True),
        ("tests/test_sign_in.py", None, True),
        ("tests/test_SignUp.py", None, True),
        ("tests/test_logout.py", None, True),
        ("tests/test_register.py", None, True),
        ("tests/test_checkout.py", None, True),
        ("tests/test_payment.py", None, True),
        ("tests/test_add_to_cart.py", None, True),
        ("tests/test_flow.py", "checkout", True),
        ("tests/test_flow.py", "login_failure", True),
        ("tests/test_search.py", None, False),
        ("tests/test_about.py", "navigate", False),
        ("tests/test_create_item.py", "create_item", False),
    ],
)
def test_is_critical(test_file: str, flow: str | None, critical: bool) -> None:
    assert is_critical(test_file, flow) is critical


def test_more_failed_attempts_rank_higher_up_to_three() -> None:
    scores = [priority(item(outcomes=("failed",) * n), T0) for n in range(5)]

    assert scores[0] < scores[1] < scores[2] < scores[3]
    assert scores[3] == scores[4]


@pytest.mark.parametrize("outcome", ["critic_rejected", "failed", "flaky", "regression"])
def test_every_unsuccessful_outcome_counts_as_a_failed_attempt(outcome: str) -> None:
    assert priority(item(outcomes=(outcome,)), T0) > priority(item(), T0)


def test_proven_and_progress_attempts_do_not_count() -> None:
    assert priority(item(outcomes=("proven", "progress", "progress")), T0) == priority(item(), T0)
    assert priority(item(outcomes=("progress", "failed")), T0) == priority(item(outcomes=("failed",)), T0)


def test_waiting_raises_priority_and_it_is_recomputed_on_every_read() -> None:
    waiting = item()

    fresh = priority(waiting, T0)
    one_day = priority(waiting, T0 + timedelta(days=1))
    three_days = priority(waiting, T0 + timedelta(days=3))

    assert fresh < one_day < three_days
    assert priority(waiting, T0 + timedelta(days=30)) == three_days  # capped
    assert priority(waiting, T0 - timedelta(days=1)) == fresh  # a clock behind the item adds nothing
    assert priority(waiting, T0) == fresh  # reading never changes the item


def test_priority_defaults_to_now() -> None:
    old = item(created_at=utcnow() - timedelta(days=2))
    new = item(created_at=utcnow())

    assert priority(old) > priority(new)


def test_by_priority_lists_the_most_urgent_first_and_older_first_on_ties() -> None:
    search = item(review_id="r-search", created_at=T0)
    assertion = item(FailureKind.ASSERTION, review_id="r-assert", created_at=T0)
    login = item(test_file="tests/test_login.py", review_id="r-login", created_at=T0)
    same_but_older = item(review_id="r-older", created_at=T0 - timedelta(seconds=1))
    now = T0 + timedelta(hours=1)

    ranked = by_priority([search, assertion, same_but_older, login], now)

    assert [i.id for _, i in ranked] == ["r-login", "r-assert", "r-older", "r-search"]
    assert [score for score, _ in ranked] == [priority(i, now) for _, i in ranked]
    assert by_priority([], now) == []


_KINDS = st.sampled_from([*FailureKind, None])
_OUTCOME_LISTS = st.lists(st.sampled_from(OUTCOMES), max_size=6)
_HOURS = st.floats(min_value=-48, max_value=24 * 30, allow_nan=False)


@given(
    kind=_KINDS,
    critical=st.booleans(),
    outcomes=_OUTCOME_LISTS,
    extra=st.sampled_from(["failed", "flaky", "regression", "critic_rejected"]),
    hours=_HOURS,
    later=st.floats(min_value=0, max_value=24 * 30, allow_nan=False),
)
def test_priority_stays_in_range_and_never_falls_with_age_or_failed_attempts(
    kind: FailureKind | None, critical: bool, outcomes: list[str], extra: str, hours: float, later: float
) -> None:
    base = item(kind, critical=critical, outcomes=tuple(outcomes))
    now = T0 + timedelta(hours=hours)
    score = priority(base, now)

    assert 0.0 <= score <= 1.0
    assert priority(base, now + timedelta(hours=later)) >= score
    assert priority(item(kind, critical=critical, outcomes=(*outcomes, extra)), now) >= score


def test_critical_paths_are_whole_words_not_substrings() -> None:
    from superagent.critical import is_critical

    assert is_critical("tests/test_login.py") and is_critical("test_checkout.py") and is_critical("test_add_to_cart.py")
    assert not is_critical("test_author_page.py")
    assert not is_critical("test_discard_draft.py")
    assert not is_critical("test_border_styles.py")
