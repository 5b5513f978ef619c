"""The fingerprint sidecar beside a generated test: where it lives, how it is read, written and kept up to date."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from superagent.atomic import write_atomic
from superagent.models import Patch, Sidecar

SUFFIX = ".fingerprints.json"


def sidecar_path(test_file: str | Path) -> Path:
    return Path(test_file).with_suffix(SUFFIX)


def load_sidecar(test_file: str | Path) -> Sidecar | None:
    """The test's sidecar, or None when there is none (a test SuperAgent did not write) or it is unreadable."""
    try:
        return Sidecar.model_validate_json(sidecar_path(test_file).read_text())
    except (OSError, ValueError, ValidationError):
        return None


def write_sidecar(test_file: str | Path, sidecar: Sidecar) -> Path:
    return write_atomic(sidecar_path(test_file), sidecar.model_dump_json(indent=2))


def update_sidecar(test_file: str | Path, patches: Iterable[Patch]) -> None:
    """Point the stored fingerprints at the elements the proven locators now reach."""
    sidecar = load_sidecar(test_file)
    if sidecar is None:
        return
    for patch in patches:
        for step in sidecar.steps:
            new = patch.replaces.get(step.locator)
            if new:
                step.locator = new
                step.fingerprint = patch.fingerprints.get(new, step.fingerprint)
    write_sidecar(test_file, sidecar)
