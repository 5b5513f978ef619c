"""What a job may ask of the machine that runs it.

A job reaches a worker as data from whoever can start workflows, so a worker checks it before acting: the
environment its pytest runs get (only the variables the testkit reads, never ``LD_PRELOAD`` or
``PYTEST_ADDOPTS``), the variable it names as its password (the worker types that value into a page the job
chose, so never an API key or a token), its id (a folder name under the artifacts) and its test paths (inside the
tests folder or the working directory). Each refusal is a :class:`UsageError`, which Temporal does not retry.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from superagent.errors import UsageError

JOB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")

# The SUPERAGENT_* variables the testkit reads in a generated test's pytest run. Not SUPERAGENT_CHROMIUM_PATH (an
# executable) nor SUPERAGENT_RUN_ARTIFACTS (where files are written): those are the worker's own to set.
RUNNER_ENV_KEYS = frozenset(
    {
        "SUPERAGENT_USERNAME",
        "SUPERAGENT_PASSWORD_ENV",
        "SUPERAGENT_BASE_URL",
        "SUPERAGENT_ACTION_TIMEOUT_MS",
        "SUPERAGENT_TRACE",
        "SUPERAGENT_LOCATOR_LOG",
        "SUPERAGENT_USE_BUNDLED_BROWSER",
    }
)
# Never a password variable, whatever the allowlist says: these hold keys to other systems.
NEVER_PASSWORD = ("*API_KEY*", "*TOKEN*", "*SECRET_KEY*")
DEFAULT_PASSWORD = "SUPERAGENT_PASSWORD"


def runner_env_keys(env: Mapping[str, str]) -> dict[str, str]:
    """The part of ``env`` a job may hand to its pytest runs (what a client sends along)."""
    return {k: v for k, v in env.items() if k in RUNNER_ENV_KEYS}


def check_password_env(name: str, allowlist: Iterable[str]) -> str:
    """``name`` if a job may use it as its password variable, else a :class:`UsageError` that says why."""
    if not ENV_NAME.fullmatch(name):
        raise UsageError(
            f"the password variable must be the NAME of an environment variable (letters, digits, underscores), "
            f"got {name[:40]!r}"
        )
    upper = name.upper()
    if any(fnmatch.fnmatchcase(upper, pattern) for pattern in NEVER_PASSWORD):
        raise UsageError(
            f"{name!r} holds a key or token, not a password: a job may not type it into a page. "
            "Put the app's password in a variable such as APP_PASSWORD"
        )
    patterns = tuple(allowlist)
    if not any(fnmatch.fnmatchcase(upper, pattern.upper()) for pattern in patterns):
        raise UsageError(
            f"{name!r} is not allowed as a password variable: allowed names match {', '.join(patterns) or 'nothing'} "
            "(SUPERAGENT_PASSWORD_ENV_ALLOWLIST)"
        )
    return name


def check_runner_env(env: Mapping[str, str], allowlist: Iterable[str]) -> dict[str, str]:
    """``env`` if every key is one the testkit reads (and its password variable is allowed), else UsageError."""
    refused = sorted(k for k in env if k not in RUNNER_ENV_KEYS)
    if refused:
        shown = ", ".join(repr(k[:60]) for k in refused[:5])
        raise UsageError(
            f"the job's runner environment may only set {', '.join(sorted(RUNNER_ENV_KEYS))}; refused {shown}"
        )
    if "SUPERAGENT_PASSWORD_ENV" in env:
        check_password_env(env["SUPERAGENT_PASSWORD_ENV"], allowlist)
    return dict(env)


def check_job_id(job_id: str) -> str:
    if not JOB_ID.fullmatch(job_id):
        raise UsageError(
            f"bad job id {job_id[:90]!r}: letters, digits, '.', '_' and '-', at most 81, not starting with a symbol"
        )
    return job_id


def check_test_path(path: str | Path, roots: Iterable[Path]) -> Path:
    """``path`` resolved, if it lies under one of ``roots`` (the tests folder, the working directory)."""
    resolved = Path(path).resolve()
    bases = [Path(root).resolve() for root in roots]
    if not any(resolved == base or resolved.is_relative_to(base) for base in bases):
        raise UsageError(
            f"test path {str(path)[:200]!r} is outside the tests folder and the working directory: "
            f"{', '.join(str(b) for b in bases)}"
        )
    return resolved
