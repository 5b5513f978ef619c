"""Files only their owner can read: evidence, results, reports and the state store (0600 files, 0700 folders).

Screenshots and traces show the app under test as a logged-in user saw it, the state store holds every failure
message: on a shared machine neither is for other accounts to read. Generated tests and their fingerprint
sidecars keep the usual permissions: they hold no secret (a password travels by the NAME of its variable) and
are meant to be committed and shared.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
# Applied to processes that write evidence (the pytest run and the browser it starts): what they create is
# private from the start, with no window between writing a file and tightening it.
PRIVATE_UMASK = 0o077


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700 folders; an existing folder is left as it is, since it may be
    shared on purpose (``--artifacts-dir /tmp``)."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for created in missing:
        created.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask, and parents get the default one
    return path


def create_private_file(path: Path) -> None:
    """Make sure ``path`` exists and is 0600 before anything writes to it (e.g. a database its library opens)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    path.chmod(FILE_MODE)


def write_private(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` as a 0600 file (replacing its content, tightening an existing file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(data.encode() if isinstance(data, str) else data)
    path.chmod(FILE_MODE)
    return path


def make_private(root: Path) -> None:
    """0700 on ``root`` and every folder under it, 0600 on every file: for a tree another process wrote."""
    if not root.exists():
        return
    for folder, dirs, files in os.walk(root):
        _chmod(Path(folder), DIR_MODE)
        for name in files:
            _chmod(Path(folder) / name, FILE_MODE)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.is_symlink() or stat.S_IMODE(path.stat().st_mode) == mode:
            return
        path.chmod(mode)
    except OSError as exc:  # a file that vanished or belongs to someone else: worth a line, not a failed run
        log.warning("cannot make %s private: %s", path, exc)
