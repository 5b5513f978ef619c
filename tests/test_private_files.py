"""Evidence, results and the state store are readable by their owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from superagent.private_files import create_private_file, make_private, private_dir, write_private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_dir_creates_0700_folders_and_leaves_existing_ones(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    private_dir(tmp_path / "a" / "b")
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
    assert mode(tmp_path) == 0o755  # not ours to change


def test_write_private_tightens_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "new")
    assert path.read_text() == "new" and mode(path) == 0o600


def test_create_private_file_keeps_content(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    create_private_file(path)
    assert mode(path) == 0o600 and path.read_bytes() == b""
    path.write_text("data")
    create_private_file(path)
    assert path.read_text() == "data"


def test_make_private_walks_a_tree(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        (tmp_path / "run" / "test-a").mkdir(parents=True)
        (tmp_path / "run" / "results.json").write_text("{}")
        (tmp_path / "run" / "test-a" / "trace.zip").write_bytes(b"zip")
    finally:
        os.umask(old)
    make_private(tmp_path / "run")
    assert mode(tmp_path / "run") == 0o700 and mode(tmp_path / "run" / "test-a") == 0o700
    assert mode(tmp_path / "run" / "results.json") == 0o600
    assert mode(tmp_path / "run" / "test-a" / "trace.zip") == 0o600
    make_private(tmp_path / "missing")  # nothing to do, no error
