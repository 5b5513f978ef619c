"""`superagent demo run`: every flow of the bundled demo app written, linted, run and validated, for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from superagent.agents.critic import critique_paths

FLOWS = ("login", "login_failure", "logout", "register", "search", "create_item", "checkout", "navigate:About")


@pytest.mark.slow
def test_demo_validates_every_flow_and_keeps_the_evidence(chromium: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "superagent", "demo", "run"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if not k.startswith("SUPERAGENT_")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8/8 validated" in done.stdout
    for flow in FLOWS:
        assert flow in done.stdout

    tests = sorted((tmp_path / "superagent-tests").glob("test_*.py"))
    assert len(tests) == 8
    assert all(not c.findings for c in critique_paths([str(t) for t in tests]))
    for test in tests:
        code = test.read_text()
        assert "expect(" in code and ".nth(" not in code
        sidecar = json.loads(test.with_suffix(".fingerprints.json").read_text())
        assert sidecar["steps"] and all(step["fingerprint"] for step in sidecar["steps"])

    (run_dir,) = (tmp_path / "artifacts").iterdir()
    report = (run_dir / "report.html").read_text()
    assert report.count("data:image/png;base64") >= 8
    results = json.loads((run_dir / "results.json").read_text())
    assert len(results["tests"]) == 8 and all(t["outcome"] == "passed" for t in results["tests"])

    status = subprocess.run(
        [sys.executable, "-m", "superagent", "status"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert status.returncode == 0
    assert run_dir.name in status.stdout and "validated" in status.stdout
