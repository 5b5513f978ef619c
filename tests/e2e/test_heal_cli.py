"""`superagent heal` and `superagent review` end to end: real Chromium, the demo shop's v2, real state store."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from superagent.demo.app import create_app
from superagent.demo.server import AppServer

LOGIN_TEST = """import re

from playwright.sync_api import Page, expect

from superagent.testkit import Credentials


def test_user_can_log_in(page: Page, credentials: Credentials) -> None:
    page.goto("/login")
    page.get_by_test_id("login-username").fill(credentials.username)
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_test_id("login-submit").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
"""

ITEM_TEST = """import re

from playwright.sync_api import Page, expect

from superagent.testkit import Credentials


def test_user_can_create_an_item(page: Page, credentials: Credentials) -> None:
    page.goto("/login?next=/items/new")
    page.get_by_label("User name").fill(credentials.username)
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("textbox", name="Title").fill("Weekend hiking boots")
    page.get_by_role("button", name="Create item").click()
    expect(page).to_have_url(re.compile(r"/items/[^/]+$"))
    expect(page.get_by_role("status")).to_contain_text("Item created")
"""


PASSWORD = "pw-" + os.urandom(6).hex()


@pytest.fixture(scope="module")
def v1() -> Iterator[str]:
    with AppServer(create_app("v1", username="demo", password=PASSWORD)) as server:
        yield server.url


@pytest.fixture(scope="module")
def v2() -> Iterator[tuple[str, str]]:
    with AppServer(create_app("v2", username="demo", password=PASSWORD)) as server:
        yield server.url, PASSWORD


def superagent(cwd: Path, password: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD": password}
    done = subprocess.run(
        [sys.executable, "-m", "superagent", *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


@pytest.mark.slow
def test_heal_proves_a_locator_fix_and_dry_run_leaves_the_file_alone(
    chromium: str, v1: str, v2: tuple[str, str], tmp_path: Path
) -> None:
    """A hand-written test (no fingerprint sidecar): Medic matches against the last passing run's evidence."""
    url, password = v2
    test = tmp_path / "tests" / "test_login.py"
    test.parent.mkdir()
    test.write_text(LOGIN_TEST)
    assert superagent(tmp_path, password, "test", "tests", "--url", v1).returncode == 0  # the last good run

    dry = superagent(tmp_path, password, "heal", "tests", "--url", url, "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "1 healed (dry run: files unchanged)" in dry.stdout
    assert '+    page.get_by_test_id("signin-button").click()' in dry.stdout
    assert test.read_text() == LOGIN_TEST

    done = superagent(tmp_path, password, "heal", "tests", "--url", url)
    assert done.returncode == 0, done.stdout + done.stderr
    healed = test.read_text()
    assert 'get_by_test_id("login-submit")' not in healed
    assert 'expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()' in healed  # untouched
    assert not list(test.parent.glob("_medic_*"))  # candidates cleaned up
    assert superagent(tmp_path, password, "validate", "tests", "--url", url).returncode == 0


@pytest.mark.slow
def test_changed_behaviour_goes_to_review_and_a_person_accepts_it(
    chromium: str, v2: tuple[str, str], tmp_path: Path
) -> None:
    url, password = v2
    test = tmp_path / "tests" / "test_create_item.py"
    test.parent.mkdir()
    test.write_text(ITEM_TEST)

    done = superagent(tmp_path, password, "heal", "tests", "--url", url)
    assert done.returncode == 1
    assert "0 healed, 1 sent to review" in done.stdout
    assert test.read_text() == ITEM_TEST  # an assertion is never changed automatically
    review_id = re.search(r"review (r-[0-9a-f]{6})", done.stdout).group(1)  # type: ignore[union-attr]
    job_id = re.search(r"job (\d{8}-\d{6}-[0-9a-f]{6})", done.stdout).group(1)  # type: ignore[union-attr]
    waiting = superagent(tmp_path, password, "jobs", job_id)
    assert f"job {job_id}: in review" in waiting.stdout, waiting.stdout + waiting.stderr

    listed = superagent(tmp_path, password, "review", "list")
    assert review_id in listed.stdout and "assertion" in listed.stdout
    shown = superagent(tmp_path, password, "review", "show", review_id)
    assert "Item saved" in shown.stdout and "--accept" in shown.stdout
    assert "screenshot:" in shown.stdout

    accepted = superagent(
        tmp_path, password, "review", "resolve", review_id, "--note", "renamed on purpose", "--accept"
    )
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert 'to_contain_text("Item saved")' in test.read_text()
    assert superagent(tmp_path, password, "review", "list").stdout.strip() == "the review queue is empty"
    finished = superagent(tmp_path, password, "jobs", job_id)  # the durable job went on to its end
    assert f"job {job_id}: validated" in finished.stdout, finished.stdout + finished.stderr
    again = superagent(tmp_path, password, "review", "resolve", review_id, "--note", "twice")
    assert again.returncode == 2 and "already resolved" in again.stderr


@pytest.mark.slow
def test_a_corrected_test_that_does_not_validate_keeps_the_item_open(
    chromium: str, v2: tuple[str, str], tmp_path: Path
) -> None:
    url, password = v2
    test = tmp_path / "tests" / "test_create_item.py"
    test.parent.mkdir()
    test.write_text(ITEM_TEST)
    done = superagent(tmp_path, password, "heal", "tests", "--url", url)
    review_id = re.search(r"review (r-[0-9a-f]{6})", done.stdout).group(1)  # type: ignore[union-attr]
    wrong = tmp_path / "corrected.py"
    wrong.write_text(ITEM_TEST.replace("Item created", "Item destroyed"))
    refused = superagent(tmp_path, password, "review", "resolve", review_id, "--note", "x", "--test", str(wrong))
    assert refused.returncode == 1 and "stays open" in refused.stdout
    assert review_id in superagent(tmp_path, password, "review", "list").stdout
    rejected = superagent(tmp_path, password, "review", "reject", review_id, "--note", "real bug, filed")
    assert rejected.returncode == 0
    assert test.read_text() == ITEM_TEST
