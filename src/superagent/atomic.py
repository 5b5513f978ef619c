"""Files written whole or not at all, and read-modify-write under a lock: several runs may share one folder.

``write_atomic`` writes a temporary file in the same folder and renames it over the target (``os.replace`` is
atomic on one file system), so a reader never sees half a test and two writers never interleave their bytes.
``locked`` takes an exclusive ``fcntl`` lock (on a lock file or a folder) for updates that read first.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

NEW_FILE_MODE = 0o644


def write_atomic(path: str | Path, text: str) -> Path:
    """Replace ``path`` with ``text`` in one step; the file keeps its permissions if it existed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, NEW_FILE_MODE)  # mkstemp's 0600 would hide a new test from the rest of the team
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (a lock file, created if missing, or a folder) while the block runs."""
    target = Path(path)
    if target.is_dir():
        fd = os.open(target, os.O_RDONLY)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_RDWR | os.O_CREAT, NEW_FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
