"""Which sandbox runs the tests: none only when asked for by name, and a refusal (exit 6) when bubblewrap is
missing; `superagent doctor` says which."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from superagent.agents.runner import run_tests
from superagent.agents.validator import judge
from superagent.models import TestResult
from superagent.settings import Settings

PROBE = """
import os
from pathlib import Path

def test_what_the_test_sees():
    key = Path("~/.ssh/id_rsa").expanduser()
    print("UID", os.getuid(), "KEY", key.exists(), "API", "FAKE_API_KEY" in os.environ)
    assert False, f"uid={os.getuid()} key={key.exists()} api={'FAKE_API_KEY' in os.environ}"
"""
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": SRC, **env}
    return subprocess.run(
        [sys.executable, "-m", "superagent", *args], capture_output=True, text=True, env=full, cwd=cwd, timeout=300
    )


def _probe_project(root: Path) -> Path:
    project = root / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n")
    (project / "test_probe.py").write_text(PROBE)
    return project


def _seen(root: Path, sandbox: str, monkeypatch: pytest.MonkeyPatch) -> str:
    home = root / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_rsa").write_text("fake key")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FAKE_API_KEY", "fake-api-key")
    settings = Settings(sandbox=sandbox)
    report = asyncio.run(
        run_tests([_probe_project(root)], run_id="probe", artifacts_dir=root / "artifacts", settings=settings)
    )
    assert report.results and report.results[0].failure is not None
    return report.results[0].failure.message


def test_sandbox_off_runs_the_tests_as_this_user_without_bubblewrap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _seen(tmp_path, "off", monkeypatch)
    assert f"uid={os.getuid()} key=True" in seen  # this user's home, as it is: no sandbox in between
    assert "api=False" in seen  # the environment allowlist holds even then


def test_bubblewrap_hides_the_home_from_the_same_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _seen(tmp_path, "bubblewrap", monkeypatch)
    assert "key=False" in seen and "api=False" in seen
    if os.getuid() == 0:
        assert "uid=65534" in seen


def test_a_missing_bubblewrap_refuses_with_exit_6(tmp_path: Path) -> None:
    project = _probe_project(tmp_path)
    env = {"SUPERAGENT_BWRAP_PATH": str(tmp_path / "no-such-bwrap"), "SUPERAGENT_EXECUTOR": "inline"}
    done = _cli("test", str(project), env=env, cwd=tmp_path)
    assert done.returncode == 6, done.stdout + done.stderr
    assert "bubblewrap not found at" in done.stderr and "SUPERAGENT_SANDBOX=off" in done.stderr
    assert not (tmp_path / "artifacts").exists()  # refused before any job started


def test_doctor_exits_0_when_protected_and_1_when_not(tmp_path: Path) -> None:
    protected = _cli("doctor", env={}, cwd=tmp_path)
    assert protected.returncode == 0, protected.stdout + protected.stderr
    assert "bubblewrap" in protected.stdout and "Chromium sandbox" in protected.stdout
    unprotected = _cli("doctor", env={"SUPERAGENT_SANDBOX": "off"}, cwd=tmp_path)
    assert unprotected.returncode == 1
    assert "UNPROTECTED" in unprotected.stdout and "SUPERAGENT_SANDBOX=off" in unprotected.stdout


def test_blocked_requests_are_recorded_not_failing() -> None:
    result = TestResult(
        nodeid="t.py::test_x", outcome="passed", browser_launched=True, screenshots=["final.png"],
        blocked_requests=["GET http://127.0.0.1:9/track"],
    )  # fmt: skip
    verdict = judge(result)
    assert verdict.passed
    assert verdict.blocked_requests == ["GET http://127.0.0.1:9/track"]
    assert "blocked 1 request(s) to other origins (recorded, not failing)" in verdict.reasons
