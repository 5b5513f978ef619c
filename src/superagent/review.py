"""The human review queue: priority, and what resolving or rejecting an item means."""

from __future__ import annotations

from datetime import datetime

from superagent.critical import is_critical
from superagent.models import FailureKind, ReviewItem, utcnow

# How much each factor counts; they add up to 1.0 so a priority stays within 0.0-1.0.
WEIGHTS = {"severity": 0.35, "critical": 0.25, "attempts": 0.2, "age": 0.2}
AGE_FOR_FULL_WEIGHT_H = 72.0
SEVERITY = {
    FailureKind.ASSERTION: 1.0,  # the app may be broken: someone should look first
    FailureKind.NAVIGATION: 0.9,
    FailureKind.STRICT_MODE: 0.6,
    FailureKind.SELECTOR_NOT_FOUND: 0.6,
    FailureKind.TIMEOUT: 0.5,
    FailureKind.TEST_CODE: 0.4,
}


def priority(item: ReviewItem, now: datetime | None = None) -> float:
    """0.0-1.0, recomputed on every read so waiting items rise: severity of the failure, critical path,
    failed attempts (out of 3), and age (full weight after three days)."""
    now = now or utcnow()
    severity = SEVERITY.get(item.failure.kind, 0.5) if item.failure else 0.5
    failed = sum(1 for a in item.attempts if a.outcome not in ("proven", "progress"))
    age_h = max((now - item.created_at).total_seconds() / 3600, 0.0)
    score = (
        WEIGHTS["severity"] * severity
        + WEIGHTS["critical"] * (1.0 if item.critical or is_critical(item.test_file, item.flow) else 0.0)
        + WEIGHTS["attempts"] * min(failed / 3, 1.0)
        + WEIGHTS["age"] * min(age_h / AGE_FOR_FULL_WEIGHT_H, 1.0)
    )
    return round(min(max(score, 0.0), 1.0), 3)


def by_priority(items: list[ReviewItem], now: datetime | None = None) -> list[tuple[float, ReviewItem]]:
    now = now or utcnow()
    return sorted(((priority(i, now), i) for i in items), key=lambda pair: (-pair[0], pair[1].created_at))
