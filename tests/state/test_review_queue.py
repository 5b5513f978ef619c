"""The review queue in the state store: ids, lookups, status changes, and surviving a restart."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from superagent.errors import StateError
from superagent.healing.fingerprint import Fingerprint
from superagent.models import Attempt, Edit, Failure, FailureKind, Patch, PatchKind, ReviewItem
from superagent.state import SCHEMA_VERSION, Job, SQLiteStateStore, StateStore
from superagent.state.sqlite import MIGRATIONS

# Stores that keep their data in a folder; reopening the same folder must give the same queue back.
STORES: dict[str, Callable[[Path], StateStore]] = {
    "sqlite": lambda folder: SQLiteStateStore(folder / "state.db"),
}

T0 = datetime(2026, 11, 25, 9, 0, 0, 250000, tzinfo=UTC)


@pytest.fixture(params=sorted(STORES))
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], StateStore]:
    return lambda: STORES[request.param](tmp_path)


@pytest.fixture
async def store(open_store: Callable[[], StateStore]) -> AsyncIterator[StateStore]:
    opened = open_store()
    yield opened
    await opened.close()


def review(review_id: str = "", *, created_at: datetime = T0, **fields: Any) -> ReviewItem:
    base: dict[str, Any] = {
        "id": review_id,
        "test_file": "tests/test_create_item.py",
        "test_id": "tests/test_create_item.py::test_user_can_create_an_item",
        "reason": "an assertion failed on an element that was found",
        "created_at": created_at,
    }
    return ReviewItem.model_validate(base | fields)


def full_review() -> ReviewItem:
    """An item with every nested part filled in, as the healing loop files it."""
    line = '    expect(page.get_by_role("status")).to_contain_text("Item created")'
    new = 'page.get_by_test_id("item-save")'
    locator_patch = Patch(
        kind=PatchKind.LOCATOR,
        edits=[Edit(line=7, old='    page.get_by_test_id("create").click()', new=f"    {new}.click()")],
        rationale="the most similar element (0.91) is item-save",
        score=0.91,
        runner_up=0.42,
        replaces={'page.get_by_test_id("create")': new},
        fingerprints={new: Fingerprint(tag="button", role="button", accessible_name="Save", test_id="item-save")},
    )
    return review(
        base_url="http://127.0.0.1:8000",
        failure=Failure(
            kind=FailureKind.ASSERTION,
            message='Locator expected to contain text "Item created"\nActual value: Item saved',
            line=8,
        ),
        flow="create_item",
        critical=False,
        attempts=[
            Attempt(patch=locator_patch, outcome="flaky", detail="passed 2 of 3 runs"),
            Attempt(patch=locator_patch, outcome="regression", detail="test_login broke"),
        ],
        suggestion=Patch(
            kind=PatchKind.EXPECTATION,
            edits=[Edit(line=8, old=line, new=line.replace("Item created", "Item saved"))],
            rationale="the app now shows 'Item saved'",
        ),
        screenshots=["artifacts/j/failure.png"],
        trace="artifacts/j/trace.zip",
        console_errors=["TypeError: x is undefined"],
        network_failures=["GET /api/items 500"],
        output="1 failed",
        job_id="20261125-090000-abcdef",
    )


async def test_an_empty_id_gets_a_short_review_id(store: StateStore) -> None:
    first = await store.add_review(review())
    second = await store.add_review(review())

    assert re.fullmatch(r"r-[0-9a-f]{6}", first.id) and re.fullmatch(r"r-[0-9a-f]{6}", second.id)
    assert first.id != second.id
    assert await store.get_review(first.id) == first


async def test_a_given_id_is_kept(store: StateStore) -> None:
    stored = await store.add_review(review("r-abc123"))

    assert stored.id == "r-abc123"
    assert await store.get_review("r-abc123") == review("r-abc123")


async def test_every_part_of_an_item_reads_back_equal(store: StateStore) -> None:
    item = await store.add_review(full_review())

    assert await store.get_review(item.id) == item


async def test_unknown_review_id_reads_as_none(store: StateStore) -> None:
    assert await store.get_review("r-ffffff") is None
    assert await store.list_reviews() == []


async def test_list_is_oldest_first_and_filters_by_status(store: StateStore) -> None:
    await store.add_review(review("r-3", created_at=T0 + timedelta(minutes=2)))
    await store.add_review(review("r-1", created_at=T0))
    await store.add_review(review("r-2", created_at=T0 + timedelta(minutes=1), status="resolved"))
    await store.add_review(review("r-4", created_at=T0 + timedelta(minutes=3), status="rejected"))

    assert [i.id for i in await store.list_reviews()] == ["r-1", "r-2", "r-3", "r-4"]
    assert [i.id for i in await store.list_reviews("open")] == ["r-1", "r-3"]
    assert [i.id for i in await store.list_reviews("resolved")] == ["r-2"]
    assert [i.id for i in await store.list_reviews("rejected")] == ["r-4"]


async def test_list_orders_by_the_moment_whatever_the_time_zone(store: StateStore) -> None:
    plus_two = timezone(timedelta(hours=2))
    await store.add_review(review("r-later", created_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC)))
    await store.add_review(review("r-earlier", created_at=datetime(2026, 11, 25, 10, 0, tzinfo=plus_two)))  # 08:00Z

    assert [i.id for i in await store.list_reviews()] == ["r-earlier", "r-later"]


async def test_update_changes_status_and_note(store: StateStore) -> None:
    item = await store.add_review(review())
    resolved_at = T0 + timedelta(hours=5)

    done = item.model_copy(update={"status": "resolved", "note": "renamed on purpose", "resolved_at": resolved_at})
    assert await store.update_review(done) == done

    stored = await store.get_review(item.id)
    assert stored is not None
    assert (stored.status, stored.note, stored.resolved_at) == ("resolved", "renamed on purpose", resolved_at)
    assert await store.list_reviews("open") == []
    assert await store.list_reviews("resolved") == [done]


async def test_updating_an_unknown_item_is_an_error_and_adds_nothing(store: StateStore) -> None:
    with pytest.raises(StateError, match="r-ghost"):
        await store.update_review(review("r-ghost", status="rejected"))

    assert await store.get_review("r-ghost") is None
    assert await store.list_reviews() == []


async def test_adding_an_existing_id_again_is_an_error(store: StateStore) -> None:
    await store.add_review(review("r-1", reason="first"))

    with pytest.raises(StateError):
        await store.add_review(review("r-1", reason="second"))
    stored = await store.get_review("r-1")
    assert stored is not None and stored.reason == "first"


async def test_a_closed_store_refuses_review_calls(open_store: Callable[[], StateStore]) -> None:
    store = open_store()
    await store.close()

    with pytest.raises(StateError):
        await store.add_review(review())
    with pytest.raises(StateError):
        await store.list_reviews()


async def test_the_queue_survives_a_restart(open_store: Callable[[], StateStore]) -> None:
    first = open_store()
    full = await first.add_review(full_review())
    done = await first.add_review(review("r-done", created_at=T0 + timedelta(minutes=1)))
    done = await first.update_review(done.model_copy(update={"status": "resolved", "note": "fixed in app"}))
    await first.close()

    second = open_store()
    try:
        assert await second.get_review(full.id) == full
        assert await second.list_reviews() == [full, done]
        assert await second.list_reviews("open") == [full]
        reopened = await second.update_review(full.model_copy(update={"status": "rejected", "note": "real bug"}))
    finally:
        await second.close()

    third = open_store()
    try:
        assert await third.get_review(full.id) == reopened
        assert await third.list_reviews("open") == []
    finally:
        await third.close()


# --- upgrading a database written before the review queue existed ----------------------------------------------


def read_db(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def old_database(path: Path) -> None:
    """A state file as the release before the review queue left it: schema version 1, one job."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00+00:00')")
        conn.execute(
            "INSERT INTO jobs (id, request, intent, status, created_at, data) VALUES (?, ?, ?, ?, ?, ?)",
            ("job-old", "validate tests", "validate", "validated", "2026-01-01T00:00:00.000000+00:00", "{}"),
        )
        conn.commit()
    finally:
        conn.close()


async def test_an_old_database_gains_the_review_queue_and_keeps_its_jobs(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    old_database(path)
    assert read_db(path, "SELECT version FROM schema_version") == [(1,)]

    async with SQLiteStateStore(path) as store:
        job = await store.get_job("job-old")
        assert isinstance(job, Job) and job.status == "validated"
        item = await store.add_review(full_review())

    assert read_db(path, "SELECT version FROM schema_version ORDER BY version") == [
        (v,) for v in range(1, SCHEMA_VERSION + 1)
    ]
    assert SCHEMA_VERSION >= 2

    async with SQLiteStateStore(path) as store:  # reopening migrates nothing twice and loses nothing
        assert await store.get_review(item.id) == item
        assert await store.get_job("job-old") == job
    assert read_db(path, "SELECT COUNT(*) FROM schema_version") == [(SCHEMA_VERSION,)]
