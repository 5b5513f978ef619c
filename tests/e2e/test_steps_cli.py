"""`superagent run` with steps and with a feature file, end to end against the single-page issue tracker: each
written test passes with `superagent test`, and fails once the feature it covers is broken in the app.

The tracker is served at the site's root; the admin app lives under /admin/, which base URLs with a path do not
yet reach in every generated `page.goto`, so it is not used here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from apps.spa_app.fixtures import SpaServer, spa_credentials, spa_server

from superagent.agents.critic import critique_paths

__all__ = ["spa_credentials", "spa_server"]
pytestmark = pytest.mark.slow


def _superagent(cwd: Path, spa: SpaServer, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SUPERAGENT_EXECUTOR": "inline",
        "TRACKER_PASSWORD": spa.password,
        "SUPERAGENT_USERNAME": spa.username,
        "SUPERAGENT_PASSWORD_ENV": "TRACKER_PASSWORD",
    }
    return subprocess.run(
        [sys.executable, "-m", "superagent", *args], cwd=cwd, capture_output=True, text=True, timeout=400, env=env
    )


def _passes_then_fails_when_broken(tmp_path: Path, spa: SpaServer, test_file: Path, broken: str) -> None:
    assert [c.findings for c in critique_paths([str(test_file)])] == [[]]
    ran = _superagent(tmp_path, spa, "test", str(test_file), "--url", spa.url)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    with spa.app.breaking(broken):
        rerun = _superagent(tmp_path, spa, "test", str(test_file), "--url", spa.url)
    assert rerun.returncode != 0, rerun.stdout


def test_steps_become_a_validated_test_that_fails_when_creating_breaks(
    chromium: str, spa_server: SpaServer, tmp_path: Path
) -> None:
    spa_server.app.reset()
    steps = (
        "log in, click New issue, fill Title with 'Crash {unique}', select feature from Label, "
        "click Create in the dialog, expect 'created', the first row contains 'Crash {unique}'"
    )
    done = _superagent(
        tmp_path, spa_server, "run", steps, "--url", spa_server.url, "--username", spa_server.username,
        "--password-env", "TRACKER_PASSWORD",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1/1 validated" in done.stdout
    [test_file] = (tmp_path / "superagent-tests").glob("test_steps_*.py")
    code = test_file.read_text()
    assert spa_server.password not in code and 'f"Crash {unique}"' in code
    _passes_then_fails_when_broken(tmp_path, spa_server, test_file, "create")


def test_a_feature_file_gives_a_test_per_scenario(chromium: str, spa_server: SpaServer, tmp_path: Path) -> None:
    spa_server.app.reset()
    feature = tmp_path / "issues.feature"
    feature.write_text(
        """Feature: Issues
  Background:
    Given I am logged in

  Scenario: Delete an issue
    When I click "New issue"
    And I fill Title with "Doomed {unique}"
    And I click Create in the dialog
    And I click Open in the row for "Doomed {unique}"
    And I click Delete
    And I click Delete in the dialog
    Then I should see "deleted"
    And I should not see "Doomed {unique}"
""",
        encoding="utf-8",
    )
    done = _superagent(
        tmp_path, spa_server, "run", str(feature), "--url", spa_server.url, "--username", spa_server.username,
        "--password-env", "TRACKER_PASSWORD",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    [test_file] = (tmp_path / "superagent-tests").glob("test_steps_delete_an_issue.py")
    code = test_file.read_text()
    assert 'get_by_role("row", name=f"Doomed {unique}").get_by_role("link", name="Open")' in code
    _passes_then_fails_when_broken(tmp_path, spa_server, test_file, "delete")


def test_a_malformed_feature_file_is_one_clear_line(spa_server: SpaServer, tmp_path: Path) -> None:
    feature = tmp_path / "bad.feature"
    feature.write_text("Feature: Bad\n  Scenario: x\n    Given I frobnicate the widget\n", encoding="utf-8")
    done = _superagent(tmp_path, spa_server, "run", str(feature), "--url", spa_server.url)
    assert done.returncode == 2
    assert "bad.feature:3: cannot read the step 'I frobnicate the widget'" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_an_ungroundable_step_ends_the_job_with_nothing_written(
    chromium: str, spa_server: SpaServer, tmp_path: Path
) -> None:
    done = _superagent(
        tmp_path, spa_server, "run", "log in, click 'Export to spreadsheet', expect 'Exported'", "--url",
        spa_server.url, "--username", spa_server.username, "--password-env", "TRACKER_PASSWORD",
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "step 2" in done.stdout and "closest:" in done.stdout
    assert not list((tmp_path / "superagent-tests").glob("*.py"))
