"""The testkit plugin as generated tests meet it: a real ``python -m pytest`` run with the installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from apps.local_http import serve_handler

RECORD_KEYS = {
    "nodeid",
    "outcome",
    "duration_ms",
    "phase",
    "error_type",
    "error_message",
    "longrepr",
    "browser_launched",
    "screenshots",
    "trace",
    "console_errors",
    "page_errors",
    "failed_requests",
    "wall_ms",
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        found = self.path == "/"
        body = b"<!doctype html><title>Plugin</title><h1>Plugin home</h1>" if found else b"not found"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    with serve_handler(_Handler) as url:
        yield url


def run_pytest(
    folder: Path, files: dict[str, str], *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run pytest in a child process on ``files``, with a clean SuperAgent environment plus ``env``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pytest.ini").write_text("[pytest]\n")
    for name, source in files.items():
        (folder / name).write_text(textwrap.dedent(source))
    child_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SUPERAGENT_") and k not in ("PYTEST_BASE_URL", "PYTEST_ADDOPTS", "PYTEST_PLUGINS")
    }
    child_env["PYTHONDONTWRITEBYTECODE"] = "1"
    child_env["SUPERAGENT_ACTION_TIMEOUT_MS"] = "3000"
    child_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(folder), "-p", "no:cacheprovider", "-o", "addopts=", *args],
        cwd=folder,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def output(proc: subprocess.CompletedProcess[str]) -> str:
    return proc.stdout + proc.stderr


# --- base URL ------------------------------------------------------------------------------------------------

GOES_HOME = """\
from playwright.sync_api import Page, expect


def test_home(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="Plugin home")).to_be_visible()
"""


def test_superagent_base_url_sets_the_base_url(chromium: str, local_server: str, tmp_path: Path) -> None:
    proc = run_pytest(tmp_path, {"test_home.py": GOES_HOME}, env={"SUPERAGENT_BASE_URL": local_server})
    assert proc.returncode == 0, output(proc)
    assert "1 passed" in proc.stdout


def test_without_superagent_base_url_there_is_no_base_url(tmp_path: Path) -> None:
    source = """\
    def test_base_url(base_url):
        assert base_url is None
    """
    proc = run_pytest(tmp_path, {"test_base.py": source})
    assert proc.returncode == 0, output(proc)


def test_command_line_base_url_wins_over_the_environment(tmp_path: Path) -> None:
    source = """\
    def test_base_url(base_url):
        assert base_url == "http://127.0.0.1:8123/"
    """
    proc = run_pytest(
        tmp_path,
        {"test_base.py": source},
        "--base-url",
        "http://127.0.0.1:8123",
        env={"SUPERAGENT_BASE_URL": "http://127.0.0.1:9999"},
    )
    assert proc.returncode == 0, output(proc)


def test_superagent_base_url_reaches_the_base_url_fixture(tmp_path: Path) -> None:
    source = """\
    def test_base_url(base_url):
        assert base_url == "http://127.0.0.1:9999/"
    """
    proc = run_pytest(tmp_path, {"test_base.py": source}, env={"SUPERAGENT_BASE_URL": "http://127.0.0.1:9999"})
    assert proc.returncode == 0, output(proc)


def test_a_base_url_with_a_path_becomes_a_folder_so_relative_gotos_stay_in_the_app(tmp_path: Path) -> None:
    source = """    def test_base_url(base_url):
        assert base_url == "http://127.0.0.1:9999/admin/"
    """
    proc = run_pytest(tmp_path, {"test_base.py": source}, "--base-url", "http://127.0.0.1:9999/admin")
    assert proc.returncode == 0, output(proc)


# --- results JSON --------------------------------------------------------------------------------------------

MIXED = """\
import pytest
from playwright.sync_api import Page, expect


def test_page_passes(page: Page) -> None:
    page.set_content("<h1>Hello</h1>")
    expect(page.get_by_role("heading", name="Hello")).to_be_visible()


def test_page_fails(page: Page) -> None:
    page.set_content("<h1>Hello</h1>")
    expect(page.get_by_role("heading")).to_have_text("Goodbye", timeout=300)


def test_no_browser() -> None:
    assert "a" * 2 == "aa"


@pytest.mark.parametrize("n", [1, 2])
def test_numbers(n: int) -> None:
    assert n > 0


@pytest.mark.skip(reason="not yet")
def test_later() -> None:
    pass
"""


@pytest.fixture(scope="module")
def mixed_run(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    root = tmp_path_factory.mktemp("mixed")
    results = root / "out" / "results.json"
    artifacts = root / "artifacts"
    proc = run_pytest(
        root / "project",
        {"test_mixed.py": MIXED},
        "--superagent-results",
        str(results),
        "--superagent-artifacts",
        str(artifacts),
    )
    assert proc.returncode == 1, output(proc)
    return json.loads(results.read_text()), artifacts


def test_results_json_has_one_record_per_test(mixed_run: tuple[dict[str, Any], Path]) -> None:
    payload, _ = mixed_run
    ids = [record["nodeid"] for record in payload["tests"]]
    assert sorted(ids) == sorted(
        [
            "test_mixed.py::test_page_passes[chromium]",
            "test_mixed.py::test_page_fails[chromium]",
            "test_mixed.py::test_no_browser",
            "test_mixed.py::test_numbers[1]",
            "test_mixed.py::test_numbers[2]",
            "test_mixed.py::test_later",
        ]
    )
    assert payload["exit_status"] == 1


def test_results_json_records_have_the_documented_keys(mixed_run: tuple[dict[str, Any], Path]) -> None:
    payload, _ = mixed_run
    for record in payload["tests"]:
        assert set(record) >= RECORD_KEYS, (record["nodeid"], RECORD_KEYS - set(record))


def test_results_json_outcomes(mixed_run: tuple[dict[str, Any], Path]) -> None:
    payload, _ = mixed_run
    outcomes = {record["nodeid"]: record["outcome"] for record in payload["tests"]}
    assert outcomes == {
        "test_mixed.py::test_page_passes[chromium]": "passed",
        "test_mixed.py::test_page_fails[chromium]": "failed",
        "test_mixed.py::test_no_browser": "passed",
        "test_mixed.py::test_numbers[1]": "passed",
        "test_mixed.py::test_numbers[2]": "passed",
        "test_mixed.py::test_later": "skipped",
    }
    failed = next(r for r in payload["tests"] if r["outcome"] == "failed")
    assert failed["phase"] == "call"
    assert failed["error_type"] == "AssertionError"
    assert "Goodbye" in failed["error_message"]


def test_browser_tests_leave_screenshots_under_the_artifacts_folder(mixed_run: tuple[dict[str, Any], Path]) -> None:
    payload, artifacts = mixed_run
    records = {record["nodeid"]: record for record in payload["tests"]}
    passed = records["test_mixed.py::test_page_passes[chromium]"]
    failed = records["test_mixed.py::test_page_fails[chromium]"]
    assert passed["browser_launched"] is True
    assert [Path(s).name for s in passed["screenshots"]] == ["final.png"]
    assert passed["trace"] is None
    assert [Path(s).name for s in failed["screenshots"]] == ["failure.png"]
    assert failed["trace"] is not None and Path(failed["trace"]).is_file()
    for shot in passed["screenshots"] + failed["screenshots"]:
        assert Path(shot).is_file()
        assert artifacts in Path(shot).parents


def test_non_browser_tests_launch_no_browser_and_take_no_screenshot(mixed_run: tuple[dict[str, Any], Path]) -> None:
    payload, artifacts = mixed_run
    plain = [r for r in payload["tests"] if "[chromium]" not in r["nodeid"]]
    assert len(plain) == 4
    for record in plain:
        assert record["browser_launched"] is False, record["nodeid"]
        assert record["screenshots"] == [], record["nodeid"]
        assert record["trace"] is None, record["nodeid"]
    assert not any("no_browser" in folder.name for folder in artifacts.iterdir())


# --- credentials ---------------------------------------------------------------------------------------------

USES_CREDENTIALS = """\
from playwright.sync_api import Page, expect

from superagent.testkit import Credentials


def test_log_in(page: Page, credentials: Credentials) -> None:
    page.set_content('<label>Password <input type="password"></label>')
    page.get_by_label("Password").fill(credentials.password)
    expect(page.get_by_role("button", name="Log in")).to_be_visible(timeout=300)


def test_username(credentials: Credentials) -> None:
    assert credentials.username == "someone-else"
"""


def test_credentials_fixture_without_credentials_names_the_variables(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    proc = run_pytest(
        tmp_path / "project",
        {"test_creds.py": USES_CREDENTIALS.replace("test_log_in(page: Page, ", "test_log_in(")},
        "--superagent-results",
        str(results),
    )
    assert proc.returncode == 1, output(proc)
    assert "2 errors" in proc.stdout
    assert "test needs credentials: set SUPERAGENT_USERNAME and SUPERAGENT_PASSWORD" in proc.stdout
    records = json.loads(results.read_text())["tests"]
    assert {r["outcome"] for r in records} == {"error"}
    assert all("SUPERAGENT_USERNAME and SUPERAGENT_PASSWORD" in r["longrepr"] for r in records)


def test_credentials_fixture_names_a_custom_password_variable(tmp_path: Path) -> None:
    source = """\
    def test_username(credentials):
        assert credentials.username
    """
    proc = run_pytest(
        tmp_path, {"test_creds.py": source}, env={"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_ENV": "SHOP_PW"}
    )
    assert proc.returncode == 1, output(proc)
    assert "test needs credentials: set SHOP_PW " in proc.stdout


def test_password_never_appears_in_output(chromium: str, tmp_path: Path, demo_password: str) -> None:
    results = tmp_path / "results.json"
    proc = run_pytest(
        tmp_path / "project",
        {"test_creds.py": USES_CREDENTIALS},
        "-vv",
        "--showlocals",
        "--superagent-results",
        str(results),
        "--superagent-artifacts",
        str(tmp_path / "artifacts"),
        env={"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD": demo_password},
    )
    assert proc.returncode == 1, output(proc)
    assert "2 failed" in proc.stdout
    assert "Credentials(username='demo', password='***')" in proc.stdout
    assert demo_password not in output(proc)
    assert demo_password not in results.read_text()
    evidence = list((tmp_path / "artifacts").rglob("*"))
    assert any(p.name == "trace.zip" for p in evidence) and any(p.name == "inventory.json" for p in evidence)
    for path in evidence:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                assert all(demo_password.encode() not in archive.read(n) for n in archive.namelist()), path
        elif path.suffix == ".json":
            assert demo_password not in path.read_text(), path
