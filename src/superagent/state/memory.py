"""The state store in process memory: nothing survives ``close``, for tests and one-off runs.

Records are copied on the way in and on the way out, so a caller changing a model it holds never changes
what the store keeps, just as with a store that serialises to disk. Every method does its work without
awaiting, so on one event loop each call is atomic; a lock keeps that true for callers on other threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Self, TypeVar

from pydantic import BaseModel

from superagent.errors import StateError
from superagent.models import ReviewItem, ReviewStatus
from superagent.state.models import (
    CostRow,
    EventRow,
    Job,
    JobStatus,
    JSONData,
    Result,
    check_job_changes,
    finish_changes,
    new_review_id,
    updated_job,
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


def _copy(record: M) -> M:
    """A validated deep copy, so a record changed after it was built is checked as a fresh one would be."""
    return type(record).model_validate(record.model_dump(warnings=False))


def _instant(value: datetime) -> datetime:
    # The same reading of a naive time as the SQLite store's ordering column, so both sort alike.
    return value.astimezone(UTC)


class _Tables:
    """What one open store holds."""

    def __init__(self) -> None:
        self.jobs: dict[str, Job] = {}
        self.results: list[Result] = []
        self.events: dict[str, list[EventRow]] = {}
        self.costs: dict[tuple[str, str, int], CostRow] = {}
        self.reviews: dict[str, ReviewItem] = {}


class MemoryStateStore:
    """A StateStore kept in this process's memory; each instance starts empty."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tables: _Tables | None = _Tables()

    def _call(self, work: Callable[[_Tables], T]) -> T:
        with self._lock:
            if self._tables is None:
                raise StateError("memory state store is closed")
            return work(self._tables)

    # jobs

    async def create_job(self, job: Job) -> Job:
        stored = _copy(job)

        def work(tables: _Tables) -> None:
            if stored.id in tables.jobs:
                raise StateError(f"job {stored.id!r} already exists in memory state store")
            tables.jobs[stored.id] = stored

        self._call(work)
        return job

    def _change_job(self, job_id: str, change: Callable[[Job], dict[str, Any]]) -> Job | None:
        def work(tables: _Tables) -> Job | None:
            job = tables.jobs.get(job_id)
            if job is None:
                return None
            tables.jobs[job_id] = updated_job(job, change(job))
            return _copy(tables.jobs[job_id])

        return self._call(work)

    async def update_job(self, job_id: str, **changes: Any) -> Job | None:
        check_job_changes(changes)
        return self._change_job(job_id, lambda _job: changes)

    async def finish_job(
        self, job_id: str, status: JobStatus, summary: str | None = None, data: JSONData | None = None
    ) -> Job | None:
        if status == "running":
            raise ValueError("a job cannot finish with status 'running'")
        return self._change_job(job_id, lambda job: finish_changes(job, status, summary, data))

    async def get_job(self, job_id: str) -> Job | None:
        job = self._call(lambda tables: tables.jobs.get(job_id))
        return _copy(job) if job is not None else None

    async def recent_jobs(self, limit: int = 20) -> list[Job]:
        def work(tables: _Tables) -> list[Job]:
            return sorted(tables.jobs.values(), key=lambda j: (j.created_at, j.id), reverse=True)

        return [_copy(job) for job in self._call(work)[: max(limit, 0)]]

    # results

    async def add_result(self, result: Result) -> Result:
        stored = _copy(result)
        self._call(lambda tables: tables.results.append(stored))
        return result

    async def results_for(self, job_id: str) -> list[Result]:
        found = self._call(lambda tables: [r for r in tables.results if r.job_id == job_id])
        return [_copy(r) for r in found]

    # events

    async def append_event(self, event: EventRow) -> EventRow:
        def work(tables: _Tables) -> EventRow:
            log = tables.events.setdefault(event.job_id, [])
            stored = _copy(event).model_copy(update={"seq": len(log) + 1})
            log.append(stored)
            return stored

        return _copy(self._call(work))

    async def events_for(self, job_id: str, after_seq: int = 0) -> list[EventRow]:
        found = self._call(lambda tables: [e for e in tables.events.get(job_id, []) if e.seq > after_seq])
        return [_copy(e) for e in found]

    # costs

    async def record_cost(self, row: CostRow) -> CostRow:
        stored = _copy(row)
        self._call(lambda tables: tables.costs.__setitem__(stored.key, stored))
        return row

    def _costs_of(self, job_id: str | None) -> list[CostRow]:
        def work(tables: _Tables) -> list[CostRow]:
            return [r for r in tables.costs.values() if job_id is None or r.job_id == job_id]

        return self._call(work)

    async def cost_rows(self, job_id: str | None = None) -> list[CostRow]:
        rows = sorted(self._costs_of(job_id), key=lambda r: (r.at, *r.key))
        return [_copy(r) for r in rows]

    async def total_cost(self, job_id: str | None = None) -> float:
        return float(sum(r.usd for r in self._costs_of(job_id)))

    # review queue

    async def add_review(self, item: ReviewItem) -> ReviewItem:
        stored = _copy(item)
        if not stored.id:
            stored = stored.model_copy(update={"id": new_review_id()})

        def work(tables: _Tables) -> None:
            if stored.id in tables.reviews:
                raise StateError(f"review item {stored.id!r} already exists in memory state store")
            tables.reviews[stored.id] = _copy(stored)

        self._call(work)
        return stored

    async def get_review(self, review_id: str) -> ReviewItem | None:
        item = self._call(lambda tables: tables.reviews.get(review_id))
        return _copy(item) if item is not None else None

    async def list_reviews(self, status: ReviewStatus | None = None) -> list[ReviewItem]:
        def work(tables: _Tables) -> list[ReviewItem]:
            return [i for i in tables.reviews.values() if not status or i.status == status]

        items = sorted(self._call(work), key=lambda i: (_instant(i.created_at), i.id))
        return [_copy(i) for i in items]

    async def update_review(self, item: ReviewItem) -> ReviewItem:
        stored = _copy(item)

        def work(tables: _Tables) -> None:
            if stored.id not in tables.reviews:
                raise StateError(f"no review item {stored.id!r} in memory state store")
            tables.reviews[stored.id] = stored

        self._call(work)
        return item

    # lifecycle

    async def close(self) -> None:
        with self._lock:
            self._tables = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return "MemoryStateStore()"
