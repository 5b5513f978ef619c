"""What the memory store must do beyond the contract suite: keep its own copies, and the review queue."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from superagent.errors import StateError
from superagent.models import ReviewItem
from superagent.state import EventRow, Job, MemoryStateStore

T0 = datetime(2026, 11, 25, 9, 0, 0, 250000, tzinfo=UTC)


@pytest.fixture
async def store() -> AsyncIterator[MemoryStateStore]:
    async with MemoryStateStore() as opened:
        yield opened


def review(review_id: str = "", *, created_at: datetime = T0, **fields: object) -> ReviewItem:
    base: dict[str, object] = {
        "id": review_id,
        "test_file": "tests/test_login.py",
        "test_id": "tests/test_login.py::test_user_can_log_in",
        "reason": "an assertion failed",
        "created_at": created_at,
    }
    return ReviewItem.model_validate(base | fields)


async def test_changing_a_record_after_storing_or_reading_it_does_not_change_the_store(
    store: MemoryStateStore,
) -> None:
    job = Job(id="j", request="r", intent="status", data={"tags": ["a"]})
    await store.create_job(job)
    job.data["tags"].append("added by caller")  # type: ignore[union-attr]
    read = await store.get_job("j")
    assert read is not None
    read.summary = "changed by caller"

    again = await store.get_job("j")
    assert again is not None and again.data == {"tags": ["a"]} and again.summary is None


async def test_a_record_made_invalid_after_it_was_built_is_refused(store: MemoryStateStore) -> None:
    job = Job(id="j", request="r", intent="status")
    job.data = {"x": object()}  # type: ignore[dict-item]  # pydantic does not check assignments

    with pytest.raises(ValueError):
        await store.create_job(job)
    assert await store.get_job("j") is None


async def test_each_store_starts_empty() -> None:
    first, second = MemoryStateStore(), MemoryStateStore()
    await first.create_job(Job(id="j", request="r", intent="status"))
    await first.append_event(EventRow(job_id="j", kind="K", agent="kaya"))

    assert await second.get_job("j") is None
    assert (await second.append_event(EventRow(job_id="j", kind="K", agent="kaya"))).seq == 1


async def test_reviews_get_short_ids_and_read_back(store: MemoryStateStore) -> None:
    first = await store.add_review(review())
    second = await store.add_review(review())
    kept = await store.add_review(review("r-abc123"))

    assert re.fullmatch(r"r-[0-9a-f]{6}", first.id) and first.id != second.id
    assert kept.id == "r-abc123"
    assert await store.get_review(first.id) == first
    assert await store.get_review("r-ffffff") is None


async def test_reviews_list_oldest_first_by_instant_and_filter_by_status(store: MemoryStateStore) -> None:
    plus_two = timezone(timedelta(hours=2))
    await store.add_review(review("r-later", created_at=T0))
    await store.add_review(review("r-earlier", created_at=T0.astimezone(plus_two) - timedelta(hours=1)))
    await store.add_review(review("r-done", created_at=T0 + timedelta(minutes=1), status="resolved"))

    assert [i.id for i in await store.list_reviews()] == ["r-earlier", "r-later", "r-done"]
    assert [i.id for i in await store.list_reviews("resolved")] == ["r-done"]
    assert await store.list_reviews("rejected") == []


async def test_review_updates_replace_known_items_only(store: MemoryStateStore) -> None:
    item = await store.add_review(review("r-1", reason="first"))
    done = item.model_copy(update={"status": "resolved", "note": "renamed on purpose"})

    assert await store.update_review(done) == done
    assert await store.list_reviews("open") == []
    with pytest.raises(StateError, match="r-ghost"):
        await store.update_review(review("r-ghost"))
    with pytest.raises(StateError, match="r-1"):
        await store.add_review(review("r-1", reason="second"))
    stored = await store.get_review("r-1")
    assert stored is not None and (stored.reason, stored.status) == ("first", "resolved")


async def test_a_closed_store_refuses_review_calls(store: MemoryStateStore) -> None:
    await store.close()

    with pytest.raises(StateError):
        await store.add_review(review())
    with pytest.raises(StateError):
        await store.list_reviews()
