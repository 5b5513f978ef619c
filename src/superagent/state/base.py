"""The interface every state store implements. All methods are async; failures raise StateError."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

from superagent.models import ReviewItem, ReviewStatus
from superagent.state.models import CostRow, EventRow, Job, JobStatus, JSONData, Result


@runtime_checkable
class StateStore(Protocol):
    """Where jobs, results, events and costs are kept between runs.

    Unknown job ids are never an error: lookups return ``None`` or an empty list.
    Infrastructure failures (unreadable file, closed store, duplicate job id) raise
    ``superagent.errors.StateError``; invalid field values raise ``ValueError``.
    """

    async def create_job(self, job: Job) -> Job:
        """Store a new job. A job with the same id already stored raises StateError."""
        ...

    async def update_job(self, job_id: str, **changes: Any) -> Job | None:
        """Set some fields of a job (not its id); returns the updated job, or None if unknown."""
        ...

    async def finish_job(
        self,
        job_id: str,
        status: JobStatus,
        summary: str | None = None,
        data: JSONData | None = None,
    ) -> Job | None:
        """Mark a job done now with a final status; ``data`` is merged into the job's data."""
        ...

    async def get_job(self, job_id: str) -> Job | None: ...

    async def recent_jobs(self, limit: int = 20) -> list[Job]:
        """At most ``limit`` jobs, newest first."""
        ...

    async def add_result(self, result: Result) -> Result: ...

    async def results_for(self, job_id: str) -> list[Result]:
        """A job's results in the order they were added."""
        ...

    async def append_event(self, event: EventRow) -> EventRow:
        """Store an event with the job's next seq (1 for the first); returns it with that seq."""
        ...

    async def events_for(self, job_id: str, after_seq: int = 0) -> list[EventRow]:
        """A job's events with seq greater than ``after_seq``, in seq order."""
        ...

    async def record_cost(self, row: CostRow) -> CostRow:
        """Store a cost row; a row with the same (job_id, step, attempt) is replaced."""
        ...

    async def cost_rows(self, job_id: str | None = None) -> list[CostRow]:
        """Cost rows of one job, or of all jobs, oldest first."""
        ...

    async def total_cost(self, job_id: str | None = None) -> float:
        """Sum of ``usd`` for one job, or for all jobs; 0.0 when nothing is recorded."""
        ...

    async def add_review(self, item: ReviewItem) -> ReviewItem:
        """Queue an item for a person; an empty id gets a new one. Returns the stored item."""
        ...

    async def get_review(self, review_id: str) -> ReviewItem | None: ...

    async def list_reviews(self, status: ReviewStatus | None = None) -> list[ReviewItem]:
        """Items (optionally of one status), oldest first."""
        ...

    async def update_review(self, item: ReviewItem) -> ReviewItem:
        """Store an item's new state; an unknown id raises StateError."""
        ...

    async def close(self) -> None:
        """Release the store. Closing twice is fine; any other call afterwards raises StateError."""
        ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


StateFactory = Callable[[], StateStore]
"""Opens the configured store for one block of work: ``async with open_state() as state: ...``."""
