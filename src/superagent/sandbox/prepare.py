"""What a test run hands its sandbox: the plan (folders, origins, home) and the environment from the allowlist."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import superagent
from superagent.sandbox.base import Launch, RunPlan, Sandbox
from superagent.sandbox.env import child_env
from superagent.sandbox.origins import allowed_origins
from superagent.sandbox.probe import chromium_sandbox
from superagent.settings import Settings

log = logging.getLogger(__name__)


def import_root() -> str | None:
    """The folder this superagent is imported from, when only ``PYTHONPATH`` makes it importable (a checkout
    run from source); an installed superagent needs nothing."""
    root = str(Path(superagent.__file__).resolve().parent.parent)
    given = {str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p}
    return root if root in given else None


def test_folders(files: Sequence[Path]) -> tuple[Path, ...]:
    """The folders holding ``files`` (a folder stands for itself), none inside another."""
    folders = {(f if f.is_dir() else f.parent).resolve() for f in files}
    return tuple(sorted(f for f in folders if not any(f != o and f.is_relative_to(o) for o in folders)))


def prepare_run(
    sandbox: Sandbox,
    settings: Settings,
    files: Sequence[Path],
    artifacts_dir: Path,
    base_url: str | None,
    job_env: Mapping[str, str],
) -> tuple[RunPlan, dict[str, str]]:
    env = {**job_env, **({"SUPERAGENT_BASE_URL": base_url} if base_url else {})}
    origins = allowed_origins({**os.environ, **env}.get("SUPERAGENT_BASE_URL"), settings.allowed_origins)
    env["SUPERAGENT_ALLOWED_ORIGINS"] = ",".join(map(str, origins))
    home = sandbox.home(os.environ.get("HOME", ""))
    tests_env = child_env(
        os.environ,
        env,
        home=home,
        secret_allowlist=",".join(settings.password_env_allowlist),
        import_root=import_root(),
    )
    readable = [Path(v) for k, v in tests_env.items() if k.endswith("_FILE")]  # credential files the tests open
    if chromium := tests_env.get("SUPERAGENT_CHROMIUM_PATH"):
        readable.append(Path(chromium).resolve().parent)
    plan = RunPlan(
        tests=test_folders(files),
        artifacts=artifacts_dir.resolve(),
        readable=tuple(readable),
        origins=tuple(origins),
        workdir=Path.cwd(),
        home=home,
    )
    return plan, tests_env


@functools.cache
def _say_once(level: int, note: str) -> None:
    log.log(level, "%s", note)


def announce(sandbox: Sandbox, launch: Launch) -> None:
    """Say once per process how the tests are protected, and loudly when they are not."""
    for note in launch.notes:
        _say_once(logging.INFO, note)
    for warning in launch.warnings:
        _say_once(logging.WARNING, warning)
    usable, why = chromium_sandbox(sandbox.uid)
    if not usable:
        _say_once(logging.WARNING, f"Chromium runs with --no-sandbox: {why}")
