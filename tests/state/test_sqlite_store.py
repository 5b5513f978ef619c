"""What the SQLite store adds to the contract: the file on disk, WAL, migrations, several writers."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from superagent.errors import StateError
from superagent.state import SCHEMA_VERSION, CostRow, EventRow, Job, Result, SQLiteStateStore


def read_db(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def cost(job_id: str, step: str, attempt: int, usd: float) -> CostRow:
    return CostRow(job_id=job_id, step=step, attempt=attempt, agent="scribe", model="m", usd=usd)


async def test_creates_parent_directories_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "state.db"

    async with SQLiteStateStore(path) as store:
        await store.create_job(Job(id="j", request="r", intent="status"))
        assert read_db(path, "PRAGMA journal_mode") == [("wal",)]

    assert path.is_file()


async def test_accepts_a_str_path(tmp_path: Path) -> None:
    async with SQLiteStateStore(str(tmp_path / "state.db")) as store:
        assert await store.recent_jobs() == []


async def test_everything_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    job = Job(id="j", request="r", intent="create_test", data={"k": "v"})
    result = Result(job_id="j", test_id="t.py::a", test_file="t.py", outcome="passed", verdict_passed=True)
    async with SQLiteStateStore(path) as store:
        await store.create_job(job)
        await store.add_result(result)
        first = await store.append_event(EventRow(job_id="j", kind="A", agent="kaya"))
        await store.record_cost(cost("j", "kaya.parse", 1, 0.02))

    async with SQLiteStateStore(path) as store:
        assert await store.get_job("j") == job
        assert await store.results_for("j") == [result]
        second = await store.append_event(EventRow(job_id="j", kind="B", agent="kaya"))
        assert await store.events_for("j") == [first, second]
        assert second.seq == 2
        await store.record_cost(cost("j", "kaya.parse", 1, 0.05))
        assert await store.total_cost("j") == pytest.approx(0.05)


def run_in_thread(results: list[BaseException | None], coro: Callable[[], Coroutine[Any, Any, None]]) -> None:
    try:
        asyncio.run(coro())
        results.append(None)
    except BaseException as exc:
        results.append(exc)


async def test_two_connections_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    await SQLiteStateStore(path).close()  # schema in place before the race
    per_writer = 150
    outcomes: list[BaseException | None] = []

    def writer(name: str) -> Callable[[], Coroutine[Any, Any, None]]:
        async def work() -> None:
            async with SQLiteStateStore(path, busy_timeout_ms=30_000) as store:
                for i in range(per_writer):
                    await store.append_event(EventRow(job_id="shared", kind=name, agent=name))
                    await store.add_result(
                        Result(job_id="shared", test_id=f"{name}::{i}", test_file="t.py", outcome="passed")
                    )
                    await store.record_cost(cost("shared", "step", i % 10, 0.5))
                    await store.record_cost(cost("shared", name, i, 0.01))

        return work

    threads = [threading.Thread(target=run_in_thread, args=(outcomes, writer(n))) for n in ("w1", "w2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == [None, None]
    async with SQLiteStateStore(path) as store:
        events = await store.events_for("shared")
        assert [e.seq for e in events] == list(range(1, 2 * per_writer + 1))
        assert sorted(e.kind for e in events) == ["w1"] * per_writer + ["w2"] * per_writer
        assert len(await store.results_for("shared")) == 2 * per_writer
        assert len(await store.cost_rows("shared")) == 10 + 2 * per_writer
        assert await store.total_cost("shared") == pytest.approx(10 * 0.5 + 2 * per_writer * 0.01)


async def test_schema_version_recorded_once_however_often_opened(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    for _ in range(3):
        await SQLiteStateStore(path).close()

    versions = read_db(path, "SELECT version FROM schema_version ORDER BY version")
    assert versions == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


def test_first_open_from_several_threads_at_once_migrates_once(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_store() -> None:
        start.wait()
        try:
            asyncio.run(SQLiteStateStore(path, busy_timeout_ms=30_000).close())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert read_db(path, "SELECT version FROM schema_version") == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


async def test_schema_newer_than_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    await SQLiteStateStore(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    conn.close()

    with pytest.raises(StateError, match="schema version"):
        SQLiteStateStore(path)


def test_unusable_directory_is_a_state_error_naming_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    path = blocker / "state.db"

    with pytest.raises(StateError) as caught:
        SQLiteStateStore(path)

    assert repr(str(path)) in str(caught.value)


def test_corrupt_file_is_a_state_error_naming_the_path(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_bytes(b"this is not a database, just some bytes " * 100)

    with pytest.raises(StateError) as caught:
        SQLiteStateStore(path)

    assert repr(str(path)) in str(caught.value)
