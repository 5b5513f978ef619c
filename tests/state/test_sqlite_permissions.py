"""The SQLite state store is its owner's alone: a 0700 folder when it creates one, 0600 database files."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

from superagent.state.models import Job
from superagent.state.sqlite import SQLiteStateStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def _write_a_job(path: Path) -> None:
    async with SQLiteStateStore(path) as store:
        await store.create_job(Job(id="j-1", request="log in", intent="create_test"))
        files = sorted(p.name for p in path.parent.iterdir())
        assert {"state.db", "state.db-wal"} <= set(files)  # WAL files are there while the store is open
        assert {name: mode(path.parent / name) for name in files} == {name: 0o600 for name in files}


def test_database_and_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / ".superagent"
    asyncio.run(_write_a_job(folder / "state.db"))
    assert mode(folder) == 0o700
    assert mode(folder / "state.db") == 0o600


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.touch()
    path.chmod(0o644)
    asyncio.run(_write_a_job(path))
    assert mode(path) == 0o600
