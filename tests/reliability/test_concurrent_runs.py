"""Two `superagent run` processes and a `superagent heal` in one folder at once, against the notes app, sharing
one local Temporal server: all succeed, and every test file is whole."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from apps.notes_app import NotesApp

from superagent.orchestration import devserver

pytestmark = [pytest.mark.browser, pytest.mark.slow]

USER = "dana"
KNOWN_TEST = """from playwright.sync_api import Page, expect


def test_the_notes_page_opens(page: Page) -> None:
    page.goto("/")
    expect(page).to_have_title("Home - Team Notes")
"""


def test_two_runs_and_a_heal_in_one_folder_all_succeed(chromium: str, tmp_path: Path) -> None:
    try:
        devserver.find_temporal()
    except Exception as exc:
        pytest.skip(str(exc))
    password = "pw-" + os.urandom(6).hex()
    app = NotesApp(USER, password)
    tests = tmp_path / "superagent-tests"
    tests.mkdir()
    (tests / "test_home.py").write_text(KNOWN_TEST)
    env = {**os.environ, "NOTES_PASSWORD": password, "SUPERAGENT_EXECUTOR": "temporal"}
    env.pop("SUPERAGENT_TEMPORAL_ADDRESS", None)  # the local server, shared by the three processes
    with app.serve() as url:
        commands = [
            ["run", "write a test that searching the notes works", "--url", url, "--username", USER,
             "--password-env", "NOTES_PASSWORD"],
            # log in and search change nothing in the app, so neither run's assertions depend on the other's timing
            ["run", "write a test that a user can log in", "--url", url, "--username", USER,
             "--password-env", "NOTES_PASSWORD"],
            ["heal", str(tests / "test_home.py"), "--url", url],
        ]  # fmt: skip
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "superagent", *args],
                cwd=tmp_path,
                env=env,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for args in commands
        ]
        outputs = [proc.communicate(timeout=600)[0] for proc in procs]
    for args, proc, output in zip(commands, procs, outputs, strict=True):
        assert proc.returncode == 0, f"{args[:2]} failed:\n{output}"
        assert "Traceback" not in output and "tcp connect error" not in output, output
    written = sorted(p.name for p in tests.glob("*.py"))
    assert written == ["test_home.py", "test_login.py", "test_search.py"], written
    for test in tests.glob("*.py"):
        ast.parse(test.read_text(), filename=str(test))  # whole files, never half-written
    assert (tests / "test_home.py").read_text() == KNOWN_TEST, "a passing test is left as it was"
    leftovers = [p.name for p in tests.iterdir() if p.name.startswith(("_medic_", ".")) or p.suffix == ".tmp"]
    assert leftovers == [], leftovers
    status = subprocess.run(
        [sys.executable, "-m", "superagent", "status"], cwd=tmp_path, env=env, text=True, capture_output=True,
        timeout=120,
    )  # fmt: skip
    assert status.returncode == 0 and status.stdout.count("validated") >= 3, status.stdout
