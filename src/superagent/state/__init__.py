"""Persistent state: jobs, test results, event logs and spend, behind the StateStore interface."""

from __future__ import annotations

from pathlib import Path

from superagent.state.base import StateStore
from superagent.state.memory import MemoryStateStore
from superagent.state.models import (
    JOB_STATUSES,
    CostRow,
    EventRow,
    Job,
    JobStatus,
    JSONData,
    Outcome,
    Result,
    new_job_id,
)
from superagent.state.sqlite import SCHEMA_VERSION, SQLiteStateStore


def open_store(path: Path | str) -> StateStore:
    """The default state store for the file at ``path``."""
    return SQLiteStateStore(path)


__all__ = [
    "JOB_STATUSES",
    "SCHEMA_VERSION",
    "CostRow",
    "EventRow",
    "JSONData",
    "Job",
    "JobStatus",
    "MemoryStateStore",
    "Outcome",
    "Result",
    "SQLiteStateStore",
    "StateStore",
    "new_job_id",
    "open_store",
]
