"""The state store in one SQLite file (WAL mode), safe for several processes and threads at once.

One connection per store, used by one worker thread at a time under a lock, via ``asyncio.to_thread``.
Writes that read first run in ``BEGIN IMMEDIATE`` so concurrent writers queue instead of losing rows.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ValidationError

from superagent.errors import StateError
from superagent.models import ReviewItem, ReviewStatus
from superagent.private_files import create_private_file, private_dir
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
    utcnow,
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")

log = logging.getLogger(__name__)

# Each entry upgrades the schema by one version; never edit one that has shipped, append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE jobs (
            id TEXT PRIMARY KEY, request TEXT NOT NULL, intent TEXT NOT NULL, url TEXT, flow TEXT,
            status TEXT NOT NULL, created_at TEXT NOT NULL, finished_at TEXT, summary TEXT,
            data TEXT NOT NULL DEFAULT '{}')""",
        "CREATE INDEX jobs_by_created ON jobs (created_at, id)",
        """CREATE TABLE results (
            id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, test_id TEXT NOT NULL,
            test_file TEXT NOT NULL, outcome TEXT NOT NULL, verdict_passed INTEGER,
            duration_ms REAL NOT NULL, data TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL)""",
        "CREATE INDEX results_by_job ON results (job_id, id)",
        """CREATE TABLE events (
            job_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, agent TEXT NOT NULL,
            message TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}', at TEXT NOT NULL,
            PRIMARY KEY (job_id, seq)) WITHOUT ROWID""",
        """CREATE TABLE costs (
            job_id TEXT NOT NULL, step TEXT NOT NULL, attempt INTEGER NOT NULL, agent TEXT NOT NULL,
            model TEXT NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
            usd REAL NOT NULL, at TEXT NOT NULL, PRIMARY KEY (job_id, step, attempt))""",
        "CREATE INDEX costs_by_at ON costs (at)",
    ),
    (
        """CREATE TABLE reviews (
            id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, test_file TEXT NOT NULL,
            data TEXT NOT NULL)""",
        "CREATE INDEX reviews_by_status ON reviews (status, created_at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_JOB_COLS = tuple(Job.model_fields)
_RESULT_COLS = tuple(Result.model_fields)
_EVENT_COLS = tuple(EventRow.model_fields)
_COST_COLS = tuple(CostRow.model_fields)
_JOB_UPDATE_COLS = tuple(c for c in _JOB_COLS if c != "id")
_COST_KEY = ("job_id", "step", "attempt")


def _to_sql(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return value


def _values(record: BaseModel, cols: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(_to_sql(getattr(record, col)) for col in cols)


def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"


_COST_UPDATES = ", ".join(f"{c} = excluded.{c}" for c in _COST_COLS if c not in _COST_KEY)
_COST_CONFLICT = f"ON CONFLICT ({', '.join(_COST_KEY)}) DO UPDATE SET {_COST_UPDATES}"
_UPSERT_COST = f"{_insert_sql('costs', _COST_COLS)} {_COST_CONFLICT}"

_UPDATE_JOB = f"UPDATE jobs SET {', '.join(f'{c} = ?' for c in _JOB_UPDATE_COLS)} WHERE id = ?"


_VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"""


def _from_row(model: type[M], row: sqlite3.Row) -> M:
    fields = dict(row)
    if "data" in fields:
        fields["data"] = json.loads(fields["data"])
    return model.model_validate(fields)


def _readable(rows: Iterable[R], decode: Callable[[R], M], table: str) -> list[M]:
    """The rows that decode; a corrupted one (bad JSON, a value the model refuses) is skipped with a warning, so
    one bad row never hides the others from ``status`` or ``review list``."""
    decoded = []
    for row in rows:
        try:
            decoded.append(decode(row))
        except (ValueError, TypeError, ValidationError) as exc:
            # sqlite3.Row: "in" looks at the values, keys() at the column names
            key = row["id"] if isinstance(row, sqlite3.Row) and "id" in row.keys() else "?"  # noqa: SIM118
            log.warning("skipped a corrupted row of %s (id %s): %s", table, key, str(exc).splitlines()[0])
    return decoded


def _review(row: sqlite3.Row) -> ReviewItem:
    return ReviewItem.model_validate_json(row["data"])


def _job_filter(job_id: str | None) -> tuple[str, tuple[object, ...]]:
    return ("WHERE job_id = ?", (job_id,)) if job_id is not None else ("", ())


def _enable_wal(conn: sqlite3.Connection, deadline: float) -> object:
    """Switch to WAL; retried by hand, as a busy database fails this pragma without waiting."""
    while True:
        try:
            return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the write lock up front, so it cannot deadlock on upgrade."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class SQLiteStateStore:
    """A StateStore kept in the SQLite file at ``path`` (created with its parent directories)."""

    def __init__(self, path: Path | str, *, busy_timeout_ms: int = 5000) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            # Failure messages, review items and events are for the owner's eyes: a 0700 folder (when created
            # here) and a 0600 file, whose WAL and shared-memory files SQLite creates with the same mode.
            private_dir(self.path.parent)
            create_private_file(self.path)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"cannot open state store {str(self.path)!r}: {exc}") from exc
        try:
            self._setup(conn, busy_timeout_ms)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StateError(f"cannot open state store {str(self.path)!r}: {exc}") from exc
            raise
        self._conn: sqlite3.Connection | None = conn

    def _setup(self, conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        mode = _enable_wal(conn, time.monotonic() + busy_timeout_ms / 1000)
        if str(mode).lower() != "wal":
            raise StateError(f"state store {str(self.path)!r} cannot use WAL mode (got {mode!r})")
        conn.execute("PRAGMA synchronous = NORMAL")
        with _transaction(conn):
            conn.execute(_VERSION_TABLE)
            current = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
            if current > SCHEMA_VERSION:
                raise StateError(
                    f"state store {str(self.path)!r} has schema version {current}, newer than this "
                    f"SuperAgent understands ({SCHEMA_VERSION})"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version - 1]:
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version VALUES (?, ?)", (version, _to_sql(utcnow())))

    def _call(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            if self._conn is None:
                raise StateError(f"state store {str(self.path)!r} is closed")
            try:
                return work(self._conn)
            except sqlite3.Error as exc:
                raise StateError(f"state store {str(self.path)!r} failed: {exc}") from exc

    async def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return await asyncio.to_thread(self._call, work)

    async def _select(self, model: type[M], sql: str, args: tuple[object, ...]) -> list[M]:
        def work(conn: sqlite3.Connection) -> list[M]:
            return _readable(conn.execute(sql, args), lambda row: _from_row(model, row), model.__name__)

        return await self._run(work)

    async def _insert(self, sql: str, record: BaseModel, cols: tuple[str, ...]) -> None:
        await self._run(lambda conn: conn.execute(sql, _values(record, cols)))

    # jobs

    async def create_job(self, job: Job) -> Job:
        try:
            await self._insert(_insert_sql("jobs", _JOB_COLS), job, _JOB_COLS)
        except StateError as exc:
            if isinstance(exc.__cause__, sqlite3.IntegrityError):
                raise StateError(f"job {job.id!r} already exists in state store {str(self.path)!r}") from exc
            raise
        return job

    async def _change_job(self, job_id: str, change: Callable[[Job], dict[str, Any]]) -> Job | None:
        def work(conn: sqlite3.Connection) -> Job | None:
            with _transaction(conn):
                row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
                if row is None:
                    return None
                job = _from_row(Job, row)
                job = updated_job(job, change(job))
                conn.execute(_UPDATE_JOB, (*_values(job, _JOB_UPDATE_COLS), job_id))
                return job

        return await self._run(work)

    async def update_job(self, job_id: str, **changes: Any) -> Job | None:
        check_job_changes(changes)
        return await self._change_job(job_id, lambda _job: changes)

    async def finish_job(
        self, job_id: str, status: JobStatus, summary: str | None = None, data: JSONData | None = None
    ) -> Job | None:
        if status == "running":
            raise ValueError("a job cannot finish with status 'running'")
        return await self._change_job(job_id, lambda job: finish_changes(job, status, summary, data))

    async def get_job(self, job_id: str) -> Job | None:
        jobs = await self._select(Job, "SELECT * FROM jobs WHERE id = ?", (job_id,))
        return jobs[0] if jobs else None

    async def recent_jobs(self, limit: int = 20) -> list[Job]:
        sql = "SELECT * FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?"
        return await self._select(Job, sql, (max(limit, 0),))

    # results

    async def add_result(self, result: Result) -> Result:
        await self._insert(_insert_sql("results", _RESULT_COLS), result, _RESULT_COLS)
        return result

    async def results_for(self, job_id: str) -> list[Result]:
        return await self._select(Result, "SELECT * FROM results WHERE job_id = ? ORDER BY id", (job_id,))

    # events

    async def append_event(self, event: EventRow) -> EventRow:
        def work(conn: sqlite3.Connection) -> EventRow:
            with _transaction(conn):
                sql = "SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE job_id = ?"
                seq = int(conn.execute(sql, (event.job_id,)).fetchone()[0])
                stored = event.model_copy(update={"seq": seq})
                conn.execute(_insert_sql("events", _EVENT_COLS), _values(stored, _EVENT_COLS))
                return stored

        return await self._run(work)

    async def events_for(self, job_id: str, after_seq: int = 0) -> list[EventRow]:
        sql = "SELECT * FROM events WHERE job_id = ? AND seq > ? ORDER BY seq"
        return await self._select(EventRow, sql, (job_id, after_seq))

    # costs

    async def record_cost(self, row: CostRow) -> CostRow:
        await self._insert(_UPSERT_COST, row, _COST_COLS)
        return row

    async def cost_rows(self, job_id: str | None = None) -> list[CostRow]:
        where, args = _job_filter(job_id)
        sql = f"SELECT * FROM costs {where} ORDER BY at, job_id, step, attempt"
        return await self._select(CostRow, sql, args)

    async def total_cost(self, job_id: str | None = None) -> float:
        where, args = _job_filter(job_id)
        sql = f"SELECT COALESCE(SUM(usd), 0.0) FROM costs {where}"
        return float(await self._run(lambda conn: conn.execute(sql, args).fetchone()[0]))

    # review queue

    async def add_review(self, item: ReviewItem) -> ReviewItem:
        stored = item if item.id else item.model_copy(update={"id": new_review_id()})
        sql = "INSERT INTO reviews (id, status, created_at, test_file, data) VALUES (?, ?, ?, ?, ?)"
        row = (stored.id, stored.status, _to_sql(stored.created_at), stored.test_file, stored.model_dump_json())
        await self._run(lambda conn: conn.execute(sql, row))
        return stored

    async def get_review(self, review_id: str) -> ReviewItem | None:
        sql = "SELECT id, data FROM reviews WHERE id = ?"
        rows = await self._run(lambda conn: conn.execute(sql, (review_id,)).fetchall())
        items = _readable(rows, _review, "reviews")
        return items[0] if items else None

    async def list_reviews(self, status: ReviewStatus | None = None) -> list[ReviewItem]:
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        sql = f"SELECT id, data FROM reviews {where} ORDER BY created_at, id"
        rows = await self._run(lambda conn: conn.execute(sql, args).fetchall())
        return _readable(rows, _review, "reviews")

    async def update_review(self, item: ReviewItem) -> ReviewItem:
        sql = "UPDATE reviews SET status = ?, test_file = ?, data = ? WHERE id = ?"
        args = (item.status, item.test_file, item.model_dump_json(), item.id)
        changed = await self._run(lambda conn: conn.execute(sql, args).rowcount)
        if not changed:
            raise StateError(f"no review item {item.id!r} in state store {str(self.path)!r}")
        return item

    # lifecycle

    def _close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"SQLiteStateStore({str(self.path)!r})"
