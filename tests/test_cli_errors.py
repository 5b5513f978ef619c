"""Every bad input gets one clear message and a non-zero exit — never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def superagent(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "superagent", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


@pytest.mark.parametrize(
    ("args", "env", "code", "message"),
    [
        (["frobnicate"], {}, 2, "No such command"),
        (["run", "make me a sandwich"], {}, 2, "did not understand"),
        (["run", "   "], {}, 2, "empty request"),
        (["run", "write a test that a user can log in on htp:/x"], {}, 2, "not a usable URL"),
        (["run", "write a test for search", "--url", "ftp://127.0.0.1/"], {}, 2, "http"),
        (["run", "write a test for search"], {}, 2, "no URL"),
        (["run", "write a test for search", "--url", "http://127.0.0.1:9"], {}, 3, "does not answer"),
        (["run", "write a test that a user can log in", "--url", "http://127.0.0.1:9"], {}, 2, "--username"),
        (
            ["run", "write a test that a user can log in", "--url", "http://127.0.0.1:9", "--username", "u",
             "--password-env", "NO_SUCH_PASSWORD_X"],
            {}, 2, "NO_SUCH_PASSWORD_X",
        ),
        (["run", "fix the failing login test"], {}, 2, "no tests to fix"),
        # steps and Gherkin Kaya cannot read, and options no command takes
        (["run", "click Save, then frobnicate the widget, expect 'Saved'", "--url", "http://127.0.0.1:9"], {}, 2,
         "cannot read step 2 'frobnicate the widget': start a step with a verb such as click"),
        (["run", "bad.feature", "--url", "http://127.0.0.1:9"], {}, 2, "bad.feature:4: malformed Gherkin"),
        (["run", "stepless.feature", "--url", "http://127.0.0.1:9"], {}, 2,
         "stepless.feature: no scenario has steps to write a test from"),
        (["run", "odd.feature", "--url", "http://127.0.0.1:9"], {}, 2,
         "odd.feature:3: cannot read the step 'I frobnicate the widget'"),
        (["run", "missing.feature", "--url", "http://127.0.0.1:9"], {}, 2, "feature file 'missing.feature' does not"),
        (["run", "click Save", "--frobnicate"], {}, 2, "No such option: --frobnicate"),
        (["test", "does/not/exist.py", "--username", "u", "--password-env", "NO_SUCH_VARIABLE_X"], {}, 2, "does not"),
        (["lint", "does/not/exist.py"], {}, 2, "not found"),
        (["lint", "notes.txt"], {}, 2, "'notes.txt' is not a Python test file"),
        (["models"], {"SUPERAGENT_BUDGET_PER_FEATURE": "nan"}, 2, "bad setting SUPERAGENT_BUDGET_PER_FEATURE: "),
        (["models"], {"SUPERAGENT_BUDGET_PER_FEATURE": "abc"}, 2, "bad setting SUPERAGENT_BUDGET_PER_FEATURE: "),
        (["models"], {"SUPERAGENT_BUDGET_CRITICAL": "-1"}, 2, "bad setting SUPERAGENT_BUDGET_CRITICAL: "),
        (["status"], {"SUPERAGENT_RUN_TIMEOUT_S": "inf"}, 2, "bad setting SUPERAGENT_RUN_TIMEOUT_S: "),
        (["run", "write a test for search on http://127.0.0.1:9"], {"SUPERAGENT_ACTIVITY_ATTEMPTS": "0"}, 2,
         "bad setting SUPERAGENT_ACTIVITY_ATTEMPTS: "),
        (["run", "write a test for search on http://127.0.0.1:9 " + "x" * 5000], {}, 2, "at most 4096 bytes"),
        (
            ["run", "log in with password from env ANTHROPIC_API_KEY on http://127.0.0.1:9", "--username", "u"],
            {}, 2, "'ANTHROPIC_API_KEY' holds a key or token, not a password",
        ),
        (
            ["run", "log in with password from env HOME on http://127.0.0.1:9", "--username", "u"],
            {}, 2, "'HOME' is not allowed as a password variable",
        ),
        # Rich markup in a URL is printed as it is (no MarkupError); brackets outside an IPv6 host are refused
        (["run", "write a test for search", "--url", "http://127.0.0.1:1/[/]"], {}, 2, "1:1/[/]' is not"),
        (["lint", "."], {}, 2, "no test files"),
        (["test", "does/not/exist.py"], {}, 2, "does not exist"),
        (["validate", "notes.txt"], {}, 2, "not a Python test file"),
        (["test", "."], {"SUPERAGENT_CHROMIUM_PATH": "/nonexistent/chromium"}, 4, "Chromium not found"),
        (["demo", "run", "--variant", "v3"], {}, 2, "unknown variant"),
        (["review", "show", "r-nope00"], {}, 2, "no review item 'r-nope00'"),
        (["review", "resolve", "r-nope00", "--note", "x"], {}, 2, "no review item"),
        (["review", "reject", "r-nope00", "--note", "x"], {}, 2, "no review item"),
        (["review", "resolve", "r-nope00"], {}, 2, "--note"),
        (["heal", "does/not/exist.py"], {}, 2, "does not exist"),
        (["worker", "--agents", "painter"], {}, 2, "unknown agent(s) ['painter']"),
        (["worker", "--concurrency", "0"], {}, 2, "--concurrency must be at least 1"),
        (["submit", "lint superagent-tests/"], {}, 2, "submit takes a request to write a test"),
        (["submit", "write a test for search"], {}, 2, "no URL"),
        (["jobs"], {"SUPERAGENT_TEMPORAL_ADDRESS": "127.0.0.1:9"}, 5, "cannot reach the Temporal server"),
        (["jobs", "no-such-job"], {}, 2, "no job 'no-such-job'"),
        (["cost", "--by", "colour"], {}, 2, "unknown --by 'colour'"),
        (["cost", "--format", "yaml"], {}, 2, "unknown --format 'yaml'"),
        (["models", "--model", "bogus"], {}, 2, "bad model 'bogus'"),
        (["run", "write a test for search on http://127.0.0.1:9", "--model", "nope:x"], {}, 2, "bad model 'nope:x'"),
        (["demo", "run", "--model", "gpt4"], {}, 2, "bad model 'gpt4'"),
        (
            ["run", "write a test for search on http://127.0.0.1:9"],
            {"ANTHROPIC_API_KEY": "k", "SUPERAGENT_MODEL_WRITER": "anthropic:claude-unheard-of-9"},
            2, "no price known for 'anthropic:claude-unheard-of-9'",
        ),
    ],
)  # fmt: skip
def test_bad_input_gets_a_clear_message_and_exit_code(
    tmp_path: Path, args: list[str], env: dict[str, str], code: int, message: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a test")
    (tmp_path / "bad.feature").write_text("Feature: x\n  Scenario: a\n    Given I am signed in\n  Examples\n")
    (tmp_path / "stepless.feature").write_text("Feature: x\n  Scenario: a\n  Scenario: b\n")
    (tmp_path / "odd.feature").write_text("Feature: x\n  Scenario: a\n    Given I frobnicate the widget\n")
    done = superagent(tmp_path, *args, **env)
    assert done.returncode == code, done.stdout + done.stderr
    assert message in done.stdout + done.stderr


def test_lint_reports_a_malformed_test_file_as_a_finding(tmp_path: Path) -> None:
    (tmp_path / "test_broken.py").write_text("def test_x(page):\n    page.goto('/'\n")
    done = superagent(tmp_path, "lint", "test_broken.py")
    assert done.returncode == 1
    assert "test_broken.py:2" in done.stdout and "SA000" in done.stdout


def test_lint_untrusted_holds_a_file_to_the_allowlist_for_generated_code(tmp_path: Path) -> None:
    source = "import os\n\n\ndef test_ok(page):\n    page.goto(os.environ['START'])\n    assert True\n"
    (tmp_path / "test_env.py").write_text(source)
    assert superagent(tmp_path, "lint", "test_env.py").returncode == 0, "a hand-written suite may read os.environ"
    done = superagent(tmp_path, "lint", "test_env.py", "--untrusted")
    assert done.returncode == 1
    assert "test_env.py:1:1: SA201" in done.stdout and "SA208" in done.stdout


def test_lint_rejects_an_unknown_format(tmp_path: Path) -> None:
    (tmp_path / "test_ok.py").write_text("def test_ok():\n    assert 1 + 1 == 2\n")
    done = superagent(tmp_path, "lint", "test_ok.py", "--format", "yaml")
    assert done.returncode == 2 and "unknown format 'yaml'" in done.stderr


def test_running_a_malformed_test_file_reports_it_as_test_code_error(tmp_path: Path, chromium: str) -> None:
    (tmp_path / "test_broken.py").write_text("def test_x(page):\n    page.goto('/'\n")
    done = superagent(tmp_path, "test", "test_broken.py")
    assert done.returncode == 1
    assert "test_code_error" in done.stdout


def test_help_lists_the_commands_with_examples(tmp_path: Path) -> None:
    done = superagent(tmp_path, "--help")
    assert done.returncode == 0
    for command in ("run", "kaya", "lint", "test", "validate", "status", "demo"):
        assert command in done.stdout
    assert "superagent run" in done.stdout


def test_a_bad_setting_is_refused_before_any_work(tmp_path: Path) -> None:
    """A budget of nan would be stored as null in every durable job's history; it never gets that far."""
    done = superagent(
        tmp_path, "run", "write a test for search on http://127.0.0.1:9", SUPERAGENT_BUDGET_PER_FEATURE="nan"
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: bad setting SUPERAGENT_BUDGET_PER_FEATURE: input should be a finite number (got 'nan')"
    ]
    assert not (tmp_path / ".superagent").exists(), "no state folder, no server: nothing started"


TWO_SAVES = (
    "<!doctype html><title>Profile</title><h1>Profile</h1>"
    '<form aria-label="Name"><label>Name <input name="n"></label><button>Save</button></form>'
    '<form aria-label="Email"><label>Email <input name="e"></label><button>Save</button></form>'
)


@pytest.mark.parametrize(
    ("request_text", "message"),
    [
        # a name on two elements that nothing tells apart
        ("click Save, expect 'Saved'", "step 1 'click Save': 2 elements fit 'Save' equally well"),
        # a name on no element, with the closest ones seen
        (
            "click Frobnicate, expect 'Saved'",
            "step 1 'click Frobnicate': no button / link / menuitem / tab named like 'Frobnicate'",
        ),
    ],
)
def test_a_step_that_cannot_be_grounded_ends_the_job_with_one_line_and_nothing_written(
    tmp_path: Path, chromium: str, request_text: str, message: str
) -> None:
    from apps.local_http import serve_handler
    from apps.tiny_site import site_handler

    with serve_handler(site_handler({"/": TWO_SAVES})) as url:
        done = superagent(tmp_path, "run", request_text, "--url", url + "/")
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in " ".join(done.stdout.split()), done.stdout
    assert not list(tmp_path.glob("superagent-tests/*.py")), "nothing half-written"
