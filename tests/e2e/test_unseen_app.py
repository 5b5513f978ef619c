"""`superagent run` on an app it has never seen (the stdlib notes app, not the demo), end to end in Chromium.

Each generated test must pass SuperAgent's own lint, pass against the app, and fail once the feature it tests
is broken in the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from apps.notes_app import NotesApp

from superagent.agents.critic import critique_paths

USER = "dana"


@pytest.fixture(scope="module")
def notes() -> Iterator[tuple[NotesApp, str, str]]:
    password = "pw-" + os.urandom(6).hex()
    app = NotesApp(USER, password)
    with app.serve() as url:
        yield app, url, password


def _superagent(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "superagent", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def _pytest(cwd: Path, test_file: Path, url: str, password: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SUPERAGENT_USERNAME": USER,
        "NOTES_PASSWORD": password,
        "SUPERAGENT_PASSWORD_ENV": "NOTES_PASSWORD",
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file), "--base-url", url],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("request_text", "test_name", "broken"),
    [
        ("write a test that a user can log in", "test_login.py", "login"),
        ("write a test that searching the notes works", "test_search.py", "search"),
        ("write a test that a user can create a new note", "test_create_item.py", "create_item"),
    ],
)
def test_run_writes_a_validated_test_that_fails_when_the_feature_breaks(
    chromium: str, notes: tuple[NotesApp, str, str], tmp_path: Path, request_text: str, test_name: str, broken: str
) -> None:
    app, url, password = notes
    done = _superagent(
        tmp_path,
        "run",
        f"{request_text} on {url}",
        "--username",
        USER,
        "--password-env",
        "NOTES_PASSWORD",
        env={"NOTES_PASSWORD": password},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1/1 validated" in done.stdout
    test_file = tmp_path / "superagent-tests" / test_name
    code = test_file.read_text()
    assert password not in code and "expect(" in code
    assert (test_file.with_suffix(".fingerprints.json")).is_file()
    assert [c.findings for c in critique_paths([str(test_file)])] == [[]]

    assert _pytest(tmp_path, test_file, url, password).returncode == 0
    app.broken.add(broken)
    try:
        rerun = _pytest(tmp_path, test_file, url, password)
    finally:
        app.broken.discard(broken)
    assert rerun.returncode == 1, rerun.stdout
    assert "1 failed" in rerun.stdout


@pytest.mark.slow
def test_a_flow_the_app_does_not_have_is_reported_not_faked(
    chromium: str, notes: tuple[NotesApp, str, str], tmp_path: Path
) -> None:
    _, url, password = notes
    done = _superagent(
        tmp_path,
        "run",
        "write a test that a shopper can add to cart and check out",
        "--url",
        url,
        "--username",
        USER,
        "--password-env",
        "NOTES_PASSWORD",
        env={"NOTES_PASSWORD": password},
    )
    assert done.returncode == 1
    assert "not found" in done.stdout
    assert "add to cart" in done.stdout  # what Scribe looked for
    assert "saw" in done.stdout  # and what it saw instead
    assert not (tmp_path / "superagent-tests" / "test_checkout.py").exists()
