"""The named flows beyond log-in and create, end to end through the CLI on apps built unlike the demo.

For each request `superagent run` writes a validated test that passes SuperAgent's own lint, the test passes with
`superagent test FILE --url URL`, and it fails once the app's feature behind it is broken.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from apps.admin_app import AdminApp
from apps.fixtures import USERNAME, RunningApp, admin_server, settings_server
from apps.settings_app import SettingsApp
from apps.spa_app.fixtures import SpaServer, spa_credentials, spa_server

from superagent.agents.critic import critique_paths

__all__ = ["admin_server", "settings_server", "spa_credentials", "spa_server"]  # fixtures used below


class Served(Protocol):
    url: str
    username: str
    password: str


def _superagent(cwd: Path, app: Served, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SUPERAGENT_EXECUTOR": "inline",
        "APP_PASSWORD": app.password,
        "SUPERAGENT_USERNAME": app.username,
        "SUPERAGENT_PASSWORD_ENV": "APP_PASSWORD",
    }
    return subprocess.run(
        [sys.executable, "-m", "superagent", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )


def _write_and_prove(tmp_path: Path, app: Served, request_text: str, test_name: str) -> Path:
    done = _superagent(
        tmp_path,
        app,
        "run",
        request_text,
        "--url",
        app.url,
        "--username",
        app.username,
        "--password-env",
        "APP_PASSWORD",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1/1 validated" in done.stdout, done.stdout
    test_file = tmp_path / "superagent-tests" / test_name
    assert test_file.is_file(), done.stdout
    code = test_file.read_text()
    assert app.password not in code and "expect(" in code
    assert [c.findings for c in critique_paths([str(test_file)])] == [[]]
    passed = _superagent(tmp_path, app, "test", str(test_file), "--url", app.url)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    return test_file


def _passes(tmp_path: Path, app: Served, test_file: Path) -> None:
    again = _superagent(tmp_path, app, "test", str(test_file), "--url", app.url)
    assert again.returncode == 0, again.stdout


def _fails(tmp_path: Path, app: Served, test_file: Path) -> None:
    """The test fails on the app with its feature broken."""
    rerun = _superagent(tmp_path, app, "test", str(test_file), "--url", app.url)
    assert rerun.returncode != 0, rerun.stdout
    assert "failed" in rerun.stdout


@pytest.fixture
def settings(settings_server: RunningApp[SettingsApp]) -> Iterator[RunningApp[SettingsApp]]:
    settings_server.app.reset()
    yield settings_server
    settings_server.app.reset()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("request_text", "test_name", "broken", "shows"),
    [
        ("write a test that a signed in user can import contacts from a CSV file", "test_upload.py", "upload", "row"),
        ("test that a user can turn on a setting and save it", "test_toggle_setting.py", "switches", "to_be_checked"),
        ("create a project with the multi-step wizard", "test_wizard.py", "wizard", "Project created"),
    ],
)
def test_settings_app_flows(
    chromium: str,
    settings: RunningApp[SettingsApp],
    tmp_path: Path,
    request_text: str,
    test_name: str,
    broken: str,
    shows: str,
) -> None:
    assert settings.username == USERNAME
    test_file = _write_and_prove(tmp_path, settings, request_text, test_name)
    assert shows in test_file.read_text()

    settings.app.broken.add(broken)
    _fails(tmp_path, settings, test_file)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("request_text", "test_name", "broken", "shows"),
    [
        (
            "write a test that a logged in user can delete an issue",
            "test_delete_record.py",
            "delete",
            "to_have_count(0)",
        ),
        ("as a signed in user, filter the issues by label", "test_filter.py", "filter", "to_have_count(0)"),
        ("sort the issues by title", "test_sort.py", "sort", "to_contain_text(["),
    ],
)
def test_issue_tracker_flows(
    chromium: str, spa_server: SpaServer, tmp_path: Path, request_text: str, test_name: str, broken: str, shows: str
) -> None:
    test_file = _write_and_prove(tmp_path, spa_server, request_text, test_name)
    assert shows in test_file.read_text()
    # it runs again: the record it deletes is one it creates, the seed data stays
    _passes(tmp_path, spa_server, test_file)

    with spa_server.app.breaking(broken):
        _fails(tmp_path, spa_server, test_file)


@pytest.fixture
def admin(admin_server: RunningApp[AdminApp]) -> Iterator[RunningApp[AdminApp]]:
    admin_server.app.reset()
    yield admin_server
    admin_server.app.reset()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("request_text", "test_name", "broken", "shows"),
    [
        # the log-out is in the menu of a button named after the account, named by the test's credentials
        (
            "write a test that a logged in user can log out",
            "test_logout.py",
            "logout",
            'page.get_by_role("button", name=credentials.username).click()',
        ),
        # the dashboard lists counts; the books are behind its Books link; only the title can change, so the test
        # edits a book it adds itself
        ("write a test that a user can edit a book", "test_edit_record.py", "edit", "edited"),
        # the list is longer than a page: the sorted rows were not on the first page before
        ("write a test that the books list can be sorted by title", "test_sort.py", "sort", "to_contain_text(["),
    ],
)
def test_admin_site_flows(
    chromium: str,
    admin: RunningApp[AdminApp],
    tmp_path: Path,
    request_text: str,
    test_name: str,
    broken: str,
    shows: str,
) -> None:
    test_file = _write_and_prove(tmp_path, admin, request_text, test_name)
    assert shows in test_file.read_text()
    _passes(tmp_path, admin, test_file)  # it runs again: what it adds is named afresh on every run

    admin.app.broken.add(broken)
    _fails(tmp_path, admin, test_file)
