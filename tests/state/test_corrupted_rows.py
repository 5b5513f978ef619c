"""One corrupted row in the state file costs that row, never `superagent status` or `review list`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from superagent.models import ReviewItem
from superagent.state.models import Job
from superagent.state.sqlite import SQLiteStateStore


async def _store_with_a_bad_job_and_review(db: Path) -> None:
    async with SQLiteStateStore(db) as state:
        for job_id in ("good-1", "bad-1", "good-2"):
            await state.create_job(Job(id=job_id, request=f"request {job_id}", intent="create_test"))
        for review_id in ("r-good00", "r-bad000"):
            await state.add_review(ReviewItem(id=review_id, test_file="t.py", test_id="t.py::x", reason="why"))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE jobs SET data = '{not json' WHERE id = 'bad-1'")
        conn.execute("UPDATE reviews SET data = '{\"id\": 3}' WHERE id = 'r-bad000'")


async def test_corrupted_rows_are_skipped_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "state.db"
    await _store_with_a_bad_job_and_review(db)
    async with SQLiteStateStore(db) as state:
        assert sorted(job.id for job in await state.recent_jobs()) == ["good-1", "good-2"]
        assert await state.get_job("bad-1") is None
        assert [item.id for item in await state.list_reviews()] == ["r-good00"]
        assert await state.get_review("r-bad000") is None
    assert "skipped a corrupted row of Job (id bad-1)" in caplog.text
    assert "skipped a corrupted row of reviews (id r-bad000)" in caplog.text


async def test_status_and_review_list_still_work(tmp_path: Path) -> None:
    await _store_with_a_bad_job_and_review(tmp_path / ".superagent" / "state.db")
    for args in (["status"], ["review", "list"]):
        done = subprocess.run(
            [sys.executable, "-m", "superagent", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120,
            env={**os.environ, "SUPERAGENT_EXECUTOR": "inline"},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        assert "skipped a corrupted row" in done.stderr
    assert (
        "good-2"
        in subprocess.run(
            [sys.executable, "-m", "superagent", "status"], cwd=tmp_path, capture_output=True, text=True, timeout=120
        ).stdout
    )
