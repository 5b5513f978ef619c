"""An app served under a path (the Flask admin site at /admin/): a test written there reruns with
`superagent test` (no account flags: the account is remembered per app) and with plain pytest, and fails once
log-in is broken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from apps.admin_app import AdminApp
from apps.fixtures import RunningApp, admin_server

__all__ = ["admin_server"]
pytestmark = pytest.mark.slow


def _run(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SUPERAGENT_USERNAME", "SUPERAGENT_PASSWORD_ENV")}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env={**clean, **env}
    )


def test_a_login_test_under_a_sub_path_reruns_anywhere(
    chromium: str, admin_server: RunningApp[AdminApp], tmp_path: Path
) -> None:
    app, url = admin_server.app, admin_server.url
    env = {"ADMIN_PASSWORD": admin_server.password, "SUPERAGENT_EXECUTOR": "inline"}
    written = _run(
        tmp_path, "-m", "superagent", "run", "write a test that a user can log in", "--url", url,
        "--username", admin_server.username, "--password-env", "ADMIN_PASSWORD", env=env,
    )  # fmt: skip
    assert written.returncode == 0, written.stdout + written.stderr
    test_file = tmp_path / "superagent-tests" / "test_login.py"
    source = test_file.read_text()
    assert 'page.goto("./")' in source and 'page.goto("/")' not in source
    assert f"SUPERAGENT_PASSWORD_ENV=ADMIN_PASSWORD pytest superagent-tests/test_login.py --base-url {url}" in source
    accounts = json.loads((tmp_path / ".superagent" / "accounts.json").read_text())
    assert accounts == {url: {"username": admin_server.username, "password_env": "ADMIN_PASSWORD"}}
    assert admin_server.password not in json.dumps(accounts)

    no_slash = url.rstrip("/")  # http://host:port/admin, as a person might type it
    rerun = _run(tmp_path, "-m", "superagent", "test", str(test_file), "--url", no_slash, env=env)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr

    plain_env = {**env, "SUPERAGENT_USERNAME": admin_server.username, "SUPERAGENT_PASSWORD_ENV": "ADMIN_PASSWORD"}
    plain = _run(tmp_path, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file), "--base-url", no_slash,
                 env=plain_env)  # fmt: skip
    assert plain.returncode == 0, plain.stdout + plain.stderr

    app.broken.add("login")
    try:
        broken = _run(tmp_path, "-m", "superagent", "test", str(test_file), "--url", url, env=env)
    finally:
        app.broken.discard("login")
    assert broken.returncode == 1, broken.stdout + broken.stderr
