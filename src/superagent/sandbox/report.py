"""Every protection around a test run, on or off and why: what ``superagent doctor`` shows."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping

from superagent.errors import BadURLError, SandboxError
from superagent.sandbox import select_sandbox
from superagent.sandbox.base import Check
from superagent.sandbox.env import BASICS, denied
from superagent.sandbox.origins import parse_origins
from superagent.sandbox.probe import chromium_sandbox, is_root, user_namespaces
from superagent.settings import Settings


def _sandbox_checks(settings: Settings) -> tuple[list[Check], int]:
    """The sandbox's own lines, and the uid the tests (and their Chromium) run as."""
    try:
        sandbox = select_sandbox(settings)
    except SandboxError as exc:
        usable, why = user_namespaces()
        refused = Check("sandbox", False, f"test runs are refused: {exc}")
        return [refused, Check("user namespaces", usable, why)], os.geteuid()
    checks = sandbox.checks()
    if not any(c.name == "user namespaces" for c in checks):
        checks.append(Check("user namespaces", *user_namespaces()))
    return checks, sandbox.uid


def _env_check(settings: Settings, env: Mapping[str, str]) -> Check:
    withheld = sorted(k for k in env if denied(k))
    detail = (
        f"tests get {', '.join(BASICS)}, LC_*, HOME (empty), the testkit's SUPERAGENT_* settings and the job's "
        f"credentials; password variables must match {list(settings.password_env_allowlist)}"
    )
    if withheld:
        detail += f"; withheld here: {', '.join(withheld)}"
    return Check("environment allowlist", True, detail)


def _origins_check(settings: Settings) -> Check:
    try:
        extra = [str(o) for o in parse_origins(settings.allowed_origins)]
    except BadURLError as exc:
        return Check("origin allowlist", False, str(exc))
    also = f" and {', '.join(extra)}" if extra else " only (SUPERAGENT_ALLOWED_ORIGINS adds more)"
    return Check("origin allowlist", True, f"browser requests go to the base URL's origin{also}; others are blocked")


def _state_check(settings: Settings) -> Check:
    path = settings.state_db
    if not path.exists():
        return Check("state file permissions", None, f"{path} does not exist yet")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return Check("state file permissions", False, f"{path} is mode {mode:o}, readable by others: chmod 600 it")
    return Check("state file permissions", True, f"{path} is mode {mode:o}")


def protection(settings: Settings, env: Mapping[str, str]) -> list[Check]:
    checks, uid = _sandbox_checks(settings)
    chromium_on, why = chromium_sandbox(uid)
    if not chromium_on:
        why = f"--no-sandbox: {why}" + (" (root outside bubblewrap)" if is_root() and settings.sandbox == "off" else "")
    checks.append(Check("Chromium sandbox", chromium_on, why))
    checks += [_env_check(settings, env), _origins_check(settings), _state_check(settings)]
    checks.append(Check("Temporal TLS", None, "not configured"))
    return checks


def protected(checks: list[Check]) -> bool:
    """Protected means the tests run in a sandbox; the other lines say how much more."""
    return any(c.name == "sandbox" and c.active for c in checks)
