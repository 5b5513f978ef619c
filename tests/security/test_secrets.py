"""No secret reaches a file: a failing test types a password, logs it and an API key, and sends both in failed
requests; after `superagent heal` (real runner, Chromium, evidence, Medic, review queue, report, state store)
no encoding of either is found in any file it wrote, and those files are the owner's alone."""

from __future__ import annotations

import html
import os
import secrets
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from apps.local_http import serve_handler
from secret_forms import needles

from superagent.redaction import MARKER

PASSWORD = f"Hunter2\"\\x&+y %<é€>😀'{secrets.token_hex(4)}"
API_KEY = f"sk-test-{secrets.token_urlsafe(24)}"

LOGIN_PAGE = b"""<!doctype html><title>Shop</title><h1>Log in</h1>
<form method="post" action="/login">
  <label>User <input name="user"></label>
  <label>Password <input type="password" name="password"></label>
  <button>Log in</button>
</form>"""

FAILING_TEST = '''\
from pathlib import Path

from playwright.sync_api import Page, expect

from superagent.testkit import Credentials

SEND = """([u, p, k]) => fetch('/api/session?password=' + encodeURIComponent(p) + '&key=' + k, {
    method: 'POST',
    headers: {'Authorization': 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(u + ':' + p)))},
    body: JSON.stringify({password: p, key: k}),
}).then(r => r.status)"""


def test_user_can_log_in(page: Page, credentials: Credentials) -> None:
    # The sandbox keeps API keys out of a test's environment; this one got the key some other way.
    key = (Path(__file__).parent / "leaked.key").read_text()
    page.goto("/")
    page.get_by_label("User").fill(credentials.username)
    page.get_by_label("Password").fill(credentials.password)
    print("typed", credentials.password, "with", key)
    page.evaluate("([p, k]) => console.error('login failed for ' + p + ' ' + k)", [credentials.password, key])
    assert page.evaluate(SEND, [credentials.username, credentials.password, key]) == 500
    refused = "p => fetch('http://127.0.0.1:9/?pw=' + encodeURIComponent(p)).catch(() => null)"
    page.evaluate(refused, credentials.password)
    page.evaluate("p => setTimeout(() => { throw new Error('kaput ' + p) })", credentials.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#echo")).to_have_text("Welcome back " + key, timeout=1000)
'''


class _Shop(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self._send(200 if self.path == "/" else 404, LOGIN_PAGE if self.path == "/" else b"not found")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        if self.path == "/login":
            typed = parse_qs(body).get("password", [""])[0]
            echo = html.escape(f"Rejected for {typed}")
            page = f'<h1>Rejected</h1><p id="echo">{echo}</p><input aria-label="again" value="{html.escape(typed)}">'
            self._send(401, page.encode())
        else:
            self._send(500, b"session store down")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def shop() -> Iterator[str]:
    with serve_handler(_Shop, name="secret-shop") as url:
        yield url


def _contents(root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file under ``root``, and every member of every archive among them."""
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield str(path.relative_to(root)), data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    yield f"{path.relative_to(root)}!{name}", archive.read(name)


@pytest.fixture(scope="module")
def healed(chromium: str, shop: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("secrets")
    tests = root / "tests"
    tests.mkdir()
    (tests / "test_login.py").write_text(FAILING_TEST)
    (tests / "leaked.key").write_text(API_KEY)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERAGENT_") and not k.endswith("_API_KEY")}
    env.update(
        SUPERAGENT_EXECUTOR="inline",
        SUPERAGENT_STATE_DIR=str(root / ".superagent"),
        SUPERAGENT_ARTIFACTS_DIR=str(root / "artifacts"),
        SUPERAGENT_ACTION_TIMEOUT_MS="3000",
        SUPERAGENT_MODEL="local",  # offline agents: nothing may leave the machine
        OPENAI_BASE_URL="http://127.0.0.1:9/v1",  # and a model call, were one made, would stay on loopback
        SUPERAGENT_USERNAME="alice",
        SUPERAGENT_PASSWORD_ENV="SHOP_LOGIN_WORD",  # a name that does not sound secret: known by being named
        SUPERAGENT_PASSWORD_ENV_ALLOWLIST="SHOP_LOGIN_WORD",  # ... and let into the sandboxed run by name
        SHOP_LOGIN_WORD=PASSWORD,
        OPENAI_API_KEY=API_KEY,
    )
    done = subprocess.run(
        [sys.executable, "-m", "superagent", "heal", "tests", "--url", shop],
        cwd=root, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert done.returncode == 1, output  # the test fails and cannot be healed: it goes to review
    return root, output


@pytest.mark.slow
def test_the_run_left_the_evidence_a_person_needs(healed: tuple[Path, str]) -> None:
    root, _ = healed
    artifacts = root / "artifacts"
    traces = list(artifacts.rglob("trace.zip"))
    assert traces, "a failing test keeps its trace"
    assert list(artifacts.rglob("report.html")) and list(artifacts.rglob("results.json"))
    assert (root / ".superagent" / "state.db").is_file()
    # The secrets were there to find: each of these shows the marker where they were taken out.
    members = {name: data for name, data in _contents(artifacts)}
    assert any(MARKER.encode() in data for name, data in members.items() if name.endswith("trace.trace")), members
    assert any(MARKER.encode() in data for name, data in members.items() if "resources/" in name)
    results = b"".join(data for name, data in members.items() if name.endswith("results.json"))
    assert b"Rejected for " + MARKER.encode() in results  # the failure message
    assert b"login failed for " + MARKER.encode() in results  # the console line
    assert b"kaput " + MARKER.encode() in results  # the page error
    assert b"HTTP 500" in results  # the failed request, its query redacted


@pytest.mark.slow
@pytest.mark.parametrize("secret", [PASSWORD, API_KEY], ids=["password", "api-key"])
def test_no_encoding_of_a_secret_is_in_any_file_or_the_output(healed: tuple[Path, str], secret: str) -> None:
    root, output = healed
    found = [
        f"{where}: {form}"
        for where, data in [("output", output.encode()), *_contents(root)]
        if where != "tests/leaked.key"  # what the hostile test read the key from
        for form, needle in needles(secret).items()
        if needle in data
    ]
    assert not found, "\n".join(found)


@pytest.mark.slow
def test_everything_written_is_the_owners_alone(healed: tuple[Path, str]) -> None:
    root, _ = healed
    # Folders only the owner may list; the ones on the way to a sandboxed run's folder may be passed through
    # (0701) by the unprivileged user the tests run as, never listed or written.
    for top in (root / "artifacts", root / ".superagent"):
        assert stat.S_IMODE(top.stat().st_mode) in (0o700, 0o701), top
        for path in top.rglob("*"):
            if path.is_symlink() or path.suffix == ".lock":
                continue
            mode = stat.S_IMODE(path.stat().st_mode)
            if path.is_dir():
                assert mode in (0o700, 0o701), path
            else:
                assert mode == 0o600, path
