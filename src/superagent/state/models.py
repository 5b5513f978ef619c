"""Records the state store keeps: jobs, their test results, their event log and their spend.

Every timestamp is timezone-aware UTC (a naive datetime is taken to be UTC already).
``data`` fields hold free JSON and are checked to be JSON when a record is built.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, JsonValue

JobStatus = Literal["running", "validated", "failed", "rejected", "not_found", "in_review", "error"]
Outcome = Literal["passed", "failed", "error", "skipped"]

JOB_STATUSES: tuple[JobStatus, ...] = (
    "running",
    "validated",
    "failed",
    "rejected",
    "not_found",
    "in_review",
    "error",
)


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


UTCDatetime = Annotated[datetime, AfterValidator(_as_utc)]
JSONData = dict[str, JsonValue]


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_job_id(now: datetime | None = None) -> str:
    """A short id that sorts by creation time (to the second), e.g. ``20261125-003512-ab12cd``."""
    stamp = _as_utc(now or utcnow()).strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{secrets.token_hex(3)}"


def new_review_id() -> str:
    """A short review id a person can type: ``r-`` and six hex digits."""
    return f"r-{secrets.token_hex(3)}"


class Job(BaseModel):
    """One user request and what became of it."""

    id: str = Field(default_factory=new_job_id, min_length=1)
    request: str
    intent: str
    url: str | None = None
    flow: str | None = None
    status: JobStatus = "running"
    created_at: UTCDatetime = Field(default_factory=utcnow)
    finished_at: UTCDatetime | None = None
    summary: str | None = None
    data: JSONData = Field(default_factory=dict)


class Result(BaseModel):
    """The outcome of one test of a job; ``data`` holds the full TestResult / Verdict JSON."""

    job_id: str
    test_id: str
    test_file: str
    outcome: Outcome
    verdict_passed: bool | None = None
    duration_ms: float = 0.0
    data: JSONData = Field(default_factory=dict)
    created_at: UTCDatetime = Field(default_factory=utcnow)


class EventRow(BaseModel):
    """One entry of a job's log. ``seq`` is assigned by the store: 1, 2, 3... per job."""

    job_id: str
    seq: int = 0
    kind: str
    agent: str
    message: str = ""
    data: JSONData = Field(default_factory=dict)
    at: UTCDatetime = Field(default_factory=utcnow)


class CostRow(BaseModel):
    """Spend of one model call. ``(job_id, step, attempt)`` identifies it: recording it again replaces it."""

    job_id: str
    step: str
    attempt: int = 1
    agent: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    usd: float = 0.0
    at: UTCDatetime = Field(default_factory=utcnow)

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.job_id, self.step, self.attempt)


_UPDATABLE = frozenset(Job.model_fields) - {"id"}


def check_job_changes(changes: Mapping[str, Any]) -> None:
    """Raise ValueError if ``changes`` names a field a job update may not set."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise ValueError(f"cannot update job field(s): {', '.join(sorted(unknown))}")


def updated_job(job: Job, changes: Mapping[str, Any]) -> Job:
    """``job`` with ``changes`` applied and validated."""
    check_job_changes(changes)
    return Job.model_validate({**job.model_dump(), **changes})


def finish_changes(job: Job, status: JobStatus, summary: str | None, data: JSONData | None) -> dict[str, Any]:
    """The field changes that finish ``job`` now with ``status``; ``data`` is merged into the job's."""
    if status == "running":
        raise ValueError("a job cannot finish with status 'running'")
    changes: dict[str, Any] = {"status": status, "finished_at": utcnow()}
    if summary is not None:
        changes["summary"] = summary
    if data is not None:
        changes["data"] = {**job.data, **data}
    return changes
