"""Behaviour every StateStore must have. Add an implementation by adding a factory to STORES."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from superagent.errors import StateError
from superagent.state import CostRow, EventRow, Job, Outcome, Result, SQLiteStateStore, StateStore, new_job_id
from superagent.state.memory import MemoryStateStore

STORES: dict[str, Callable[[Path], StateStore]] = {
    "memory": lambda _tmp: MemoryStateStore(),
    "sqlite": lambda tmp: SQLiteStateStore(tmp / "state" / "state.db"),
}

T0 = datetime(2026, 11, 25, 0, 35, 12, 123456, tzinfo=UTC)


@pytest.fixture(params=sorted(STORES))
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[StateStore]:
    opened = STORES[request.param](tmp_path)
    yield opened
    await opened.close()


def make_job(job_id: str = "job-1", *, created_at: datetime = T0, **fields: object) -> Job:
    base: dict[str, object] = {
        "id": job_id,
        "request": "write a login test for http://localhost:8000",
        "intent": "create_test",
        "url": "http://localhost:8000",
        "flow": "login",
        "created_at": created_at,
    }
    return Job.model_validate(base | fields)


def cost(step: str = "scribe.write", attempt: int = 1, usd: float = 0.01, job_id: str = "job-1") -> CostRow:
    return CostRow(
        job_id=job_id,
        step=step,
        attempt=attempt,
        agent="scribe",
        model="sonnet",
        input_tokens=1000,
        output_tokens=200,
        usd=usd,
        at=T0,
    )


def event(kind: str = "TestWritten", job_id: str = "job-1", **fields: object) -> EventRow:
    return EventRow.model_validate({"job_id": job_id, "kind": kind, "agent": "scribe"} | fields)


async def test_is_a_state_store(store: StateStore) -> None:
    assert isinstance(store, StateStore)


# jobs


async def test_created_job_reads_back_identical(store: StateStore) -> None:
    job = make_job(data={"plan": {"steps": [1, 2.5, "x", None, True]}, "note": "héllo ✓"}, summary="s")

    assert await store.create_job(job) == job
    assert await store.get_job("job-1") == job


async def test_unknown_ids_are_not_errors(store: StateStore) -> None:
    assert await store.get_job("nope") is None
    assert await store.update_job("nope", summary="x") is None
    assert await store.finish_job("nope", "failed") is None
    assert await store.results_for("nope") == []
    assert await store.events_for("nope") == []
    assert await store.cost_rows("nope") == []
    assert await store.total_cost("nope") == 0.0
    assert await store.recent_jobs() == []


async def test_duplicate_job_id_is_rejected_and_original_kept(store: StateStore) -> None:
    await store.create_job(make_job(request="first"))

    with pytest.raises(StateError, match="job-1"):
        await store.create_job(make_job(request="second"))
    stored = await store.get_job("job-1")
    assert stored is not None and stored.request == "first"


async def test_update_job_changes_only_named_fields(store: StateStore) -> None:
    await store.create_job(make_job(data={"a": 1}))

    updated = await store.update_job("job-1", status="in_review", data={"b": 2})

    expected = make_job(status="in_review", data={"b": 2})
    assert updated == expected
    assert await store.get_job("job-1") == expected


@pytest.mark.parametrize("changes", [{"id": "other"}, {"colour": "red"}, {"status": "bogus"}])
async def test_update_job_rejects_bad_changes(store: StateStore, changes: dict[str, str]) -> None:
    await store.create_job(make_job())

    with pytest.raises(ValueError):
        await store.update_job("job-1", **changes)
    assert await store.get_job("job-1") == make_job()


async def test_finish_job_sets_status_time_summary_and_merges_data(store: StateStore) -> None:
    await store.create_job(make_job(data={"kept": 1, "replaced": "old"}))
    before = datetime.now(UTC)

    finished = await store.finish_job("job-1", "validated", "1 test passed", {"replaced": "new", "n": 1})

    assert finished is not None
    assert finished.status == "validated"
    assert finished.summary == "1 test passed"
    assert finished.data == {"kept": 1, "replaced": "new", "n": 1}
    assert finished.finished_at is not None and finished.finished_at >= before - timedelta(seconds=1)
    assert await store.get_job("job-1") == finished


async def test_finish_job_without_summary_or_data_keeps_them(store: StateStore) -> None:
    await store.create_job(make_job(summary="kept", data={"x": 1}))

    finished = await store.finish_job("job-1", "error")

    assert finished is not None
    assert (finished.status, finished.summary, finished.data) == ("error", "kept", {"x": 1})


async def test_finish_job_refuses_running(store: StateStore) -> None:
    await store.create_job(make_job())

    with pytest.raises(ValueError):
        await store.finish_job("job-1", "running")


async def test_recent_jobs_newest_first_and_limited(store: StateStore) -> None:
    for i in (2, 0, 3, 1):
        await store.create_job(make_job(f"job-{i}", created_at=T0 + timedelta(minutes=i)))

    assert [j.id for j in await store.recent_jobs()] == ["job-3", "job-2", "job-1", "job-0"]
    assert [j.id for j in await store.recent_jobs(limit=2)] == ["job-3", "job-2"]
    assert await store.recent_jobs(limit=0) == []


async def test_times_are_kept_as_utc_instants(store: StateStore) -> None:
    plus_two = timezone(timedelta(hours=2))
    await store.create_job(make_job("aware", created_at=datetime(2026, 1, 1, 12, tzinfo=plus_two)))
    await store.create_job(make_job("naive", created_at=datetime(2026, 1, 1, 11)))

    aware, naive = await store.get_job("aware"), await store.get_job("naive")

    assert aware is not None and aware.created_at == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert naive is not None and naive.created_at == datetime(2026, 1, 1, 11, tzinfo=UTC)
    assert [j.id for j in await store.recent_jobs()] == ["naive", "aware"]


# results


async def test_results_read_back_in_insertion_order_per_job(store: StateStore) -> None:
    cases: list[tuple[Outcome, bool | None]] = [("passed", True), ("failed", False), ("skipped", None)]
    results = [
        Result(
            job_id="job-1",
            test_id=f"tests/test_login.py::test_{n}",
            test_file="tests/test_login.py",
            outcome=outcome,
            verdict_passed=passed,
            duration_ms=12.5 * n,
            data={"nodeid": f"test_{n}", "failure": None, "screenshots": ["a.png"]},
            created_at=T0,
        )
        for n, (outcome, passed) in enumerate(cases)
    ]
    other = results[0].model_copy(update={"job_id": "job-2"})
    for result in [results[0], other, *results[1:]]:
        await store.add_result(result)

    assert await store.results_for("job-1") == results
    assert await store.results_for("job-2") == [other]


async def test_same_test_can_have_several_results(store: StateStore) -> None:
    first = Result(job_id="job-1", test_id="t::a", test_file="t.py", outcome="failed", verdict_passed=False)
    healed = first.model_copy(update={"outcome": "passed", "verdict_passed": True})
    await store.add_result(first)
    await store.add_result(healed)

    assert await store.results_for("job-1") == [first, healed]


# events


async def test_events_get_sequential_seq_per_job(store: StateStore) -> None:
    a1 = await store.append_event(event("RequestParsed", agent="kaya", message="hi", data={"k": [1]}))
    b1 = await store.append_event(event("RequestParsed", job_id="job-2"))
    a2 = await store.append_event(event("TestWritten", seq=99))
    a3 = await store.append_event(event("TestRun", agent="runner"))

    assert [a1.seq, a2.seq, a3.seq, b1.seq] == [1, 2, 3, 1]
    assert await store.events_for("job-1") == [a1, a2, a3]
    assert a1.message == "hi" and a1.data == {"k": [1]} and a1.agent == "kaya"
    assert await store.events_for("job-2") == [b1]


async def test_events_after_seq(store: StateStore) -> None:
    for kind in ("A", "B", "C", "D"):
        await store.append_event(event(kind))

    assert [e.kind for e in await store.events_for("job-1", after_seq=2)] == ["C", "D"]
    assert await store.events_for("job-1", after_seq=4) == []


async def test_concurrent_appends_get_distinct_seqs(store: StateStore) -> None:
    stored = await asyncio.gather(*(store.append_event(event(f"E{i}")) for i in range(50)))

    assert sorted(e.seq for e in stored) == list(range(1, 51))
    assert [e.seq for e in await store.events_for("job-1")] == list(range(1, 51))


# costs


async def test_recording_same_cost_key_twice_keeps_one_row(store: StateStore) -> None:
    await store.record_cost(cost(usd=0.02))
    latest = cost(usd=0.03).model_copy(update={"output_tokens": 450})
    await store.record_cost(latest)

    assert await store.cost_rows("job-1") == [latest]
    assert await store.total_cost("job-1") == pytest.approx(0.03)


async def test_retries_with_new_attempt_are_all_counted(store: StateStore) -> None:
    for attempt in (1, 2, 3):
        await store.record_cost(cost(attempt=attempt, usd=0.01))
    await store.record_cost(cost(attempt=2, usd=0.01))

    assert [r.attempt for r in await store.cost_rows("job-1")] == [1, 2, 3]
    assert await store.total_cost("job-1") == pytest.approx(0.03)


async def test_costs_per_job_and_overall(store: StateStore) -> None:
    await store.record_cost(cost("kaya.parse", usd=0.001))
    await store.record_cost(cost("scribe.write", usd=0.25))
    await store.record_cost(cost("scribe.write", usd=0.5, job_id="job-2"))

    assert await store.total_cost("job-1") == pytest.approx(0.251)
    assert await store.total_cost("job-2") == pytest.approx(0.5)
    assert await store.total_cost() == pytest.approx(0.751)
    assert {(r.job_id, r.step) for r in await store.cost_rows()} == {
        ("job-1", "kaya.parse"),
        ("job-1", "scribe.write"),
        ("job-2", "scribe.write"),
    }
    assert {r.step for r in await store.cost_rows("job-1")} == {"kaya.parse", "scribe.write"}


async def test_concurrent_cost_retries_do_not_double_count(store: StateStore) -> None:
    await asyncio.gather(*(store.record_cost(cost(attempt=i % 5, usd=0.1)) for i in range(40)))

    assert len(await store.cost_rows("job-1")) == 5
    assert await store.total_cost("job-1") == pytest.approx(0.5)


# lifecycle


async def test_closed_store_refuses_work_and_close_is_repeatable(store: StateStore) -> None:
    await store.close()
    await store.close()

    with pytest.raises(StateError):
        await store.get_job("job-1")


async def test_async_with_closes(store: StateStore) -> None:
    async with store as entered:
        assert entered is store
        await entered.create_job(make_job())

    with pytest.raises(StateError):
        await store.recent_jobs()


# ids


def test_new_job_id_shape_and_uniqueness() -> None:
    ids = {new_job_id() for _ in range(20)}

    assert len(ids) == 20
    assert all(re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{6}", i) for i in ids)


def test_new_job_ids_sort_by_time() -> None:
    earlier = new_job_id(datetime(2026, 11, 25, 0, 35, 12, tzinfo=UTC))
    later = new_job_id(datetime(2026, 11, 25, 0, 35, 13, tzinfo=UTC))

    assert earlier.startswith("20261125-003512-")
    assert earlier < later


def test_job_defaults_to_fresh_id_running_and_now() -> None:
    job = Job(request="r", intent="status")

    assert re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{6}", job.id)
    assert job.status == "running"
    assert job.created_at.tzinfo is not None
    assert abs(datetime.now(UTC) - job.created_at) < timedelta(seconds=5)


def test_record_data_must_be_json() -> None:
    with pytest.raises(ValueError):
        Job(request="r", intent="status", data={"x": object()})  # type: ignore[dict-item]
