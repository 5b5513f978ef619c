"""The last passing run's evidence: per test file, the fingerprint of the element each line acted on.

Kept under the state folder, keyed by the test file's absolute path and the line's code (so moved lines still
match). Medic falls back to it for tests that have no fingerprint sidecar.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from superagent.atomic import locked, write_atomic
from superagent.healing.fingerprint import Fingerprint
from superagent.models import TestResult
from superagent.private_files import private_dir


def _path(state_dir: Path, test_file: str) -> Path:
    digest = hashlib.sha1(str(Path(test_file).resolve()).encode()).hexdigest()[:16]
    return state_dir / "known-good" / f"{digest}.json"


def remember(state_dir: Path, results: Iterable[TestResult]) -> None:
    """Merge the locator evidence of passing tests into the store."""
    for result in results:
        if result.outcome != "passed" or not result.locators or not result.file:
            continue
        path = _path(state_dir, result.file)
        private_dir(path.parent)
        with locked(path.with_suffix(".lock")):  # another run may be merging into the same test's evidence right now
            known = load(state_dir, result.file)
            for entry in result.locators:
                if entry.get("code") and entry.get("fingerprint"):
                    known[entry["code"]] = Fingerprint.model_validate(entry["fingerprint"])
            write_atomic(path, json.dumps({code: fp.model_dump() for code, fp in known.items()}, indent=1))
            path.chmod(0o600)


def load(state_dir: Path, test_file: str) -> dict[str, Fingerprint]:
    try:
        raw = json.loads(_path(state_dir, test_file).read_text())
    except (OSError, ValueError):
        return {}
    try:
        return {code: Fingerprint.model_validate(fp) for code, fp in raw.items()}
    except (AttributeError, ValueError):  # not the shape this store writes: start afresh
        return {}
