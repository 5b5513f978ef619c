"""`superagent run` with Scribe on a local OpenAI-compatible server (started by the test on 127.0.0.1): the model
is used, its tokens and cost land in the ledger per agent and step, a budget too small for the call's worst case
stops it before any request, and the job still finishes on the offline writer."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from apps.notes_app import NotesApp
from llm.openai_server import FakeOpenAI, RecordedRequest, Reply, openai_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

USER = "dana"
PRICES = {"openai:local-coder": {"input_per_mtok": 1.0, "output_per_mtok": 2.0}}


def _model(request: RecordedRequest) -> Reply:
    """Scribe's draft comes back with a note in its docstring; the Critic's review has no concerns."""
    draft = re.search(r'label="draft test[^"]*">\n(.*?)\n</data id=', request.text, re.S)  # fenced as data
    if draft is None:  # the Critic's review of the accepted test
        return Reply({"notes": []}, input_tokens=600, output_tokens=20)
    code = draft.group(1).replace('"""', '"""Checked by the local model. ', 1)
    return Reply({"code": code, "rationale": "kept the grounded locators"}, input_tokens=1500, output_tokens=400)


@pytest.fixture
def notes() -> Iterator[tuple[NotesApp, str]]:
    app = NotesApp(USER, "pw-" + os.urandom(6).hex())
    with app.serve() as url:
        yield app, url


def _superagent(cwd: Path, server: FakeOpenAI, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ANTHROPIC_", "GEMINI_"))}
    return subprocess.run(
        [sys.executable, "-m", "superagent", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **clean,
            "OPENAI_BASE_URL": server.base_url,
            "SUPERAGENT_MODEL_WRITER": "openai:local-coder",
            "SUPERAGENT_MODEL_CRITIC": "openai:local-coder",
            "SUPERAGENT_PRICES": json.dumps(PRICES),
            **env,
        },
    )


def test_run_uses_the_local_model_records_its_cost_and_falls_back_at_the_budget(
    chromium: str, notes: tuple[NotesApp, str], tmp_path: Path
) -> None:
    app, url = notes
    request = f"write a test that searching the notes works on {url}"
    login = ["--username", USER, "--password-env", "NOTES_PASSWORD"]
    with openai_server(default=_model) as server:
        done = _superagent(tmp_path, server, "run", request, *login, NOTES_PASSWORD=app.password)
        assert done.returncode == 0, done.stdout + done.stderr
        assert [r.model for r in server.requests] == ["local-coder", "local-coder"]  # Scribe, then the Critic
        assert all(app.password not in r.text for r in server.requests), "a secret reached the model"
        assert "Checked by the local model" in (tmp_path / "superagent-tests" / "test_search.py").read_text()
        assert "openai:local-coder: ok" in done.stdout

        # A budget smaller than the call's worst case: no request is made, the offline draft is used.
        done = _superagent(
            tmp_path, server, "run", request, *login, NOTES_PASSWORD=app.password,
            SUPERAGENT_BUDGET_PER_FEATURE="0.0001",
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(server.requests) == 2, "the budget must stop the calls before they are made"
        assert "budget_exhausted" in done.stdout
        assert "Checked by the local model" not in (tmp_path / "superagent-tests" / "test_search.py").read_text()

        ledger = _superagent(tmp_path, server, "cost", "--format", "json")
    assert ledger.returncode == 0, ledger.stderr
    spent = json.loads(ledger.stdout)
    assert spent["calls"] == len(server.requests) == 2
    price = PRICES["openai:local-coder"]
    expected = (server.input_tokens * price["input_per_mtok"] + server.output_tokens * price["output_per_mtok"]) / 1e6
    assert spent["total_usd"] == pytest.approx(expected)
    by_agent = _superagent(tmp_path, server, "cost", "--by", "agent", "--format", "json")
    assert "writer" in by_agent.stdout


def test_a_wrong_key_is_explained_in_one_line_and_the_job_goes_on_offline(
    chromium: str, notes: tuple[NotesApp, str], tmp_path: Path
) -> None:
    app, url = notes
    with openai_server(default=Reply(status=401, error="Incorrect API key provided")) as server:
        done = _superagent(
            tmp_path, server, "run", f"write a test that searching the notes works on {url}",
            "--username", USER, "--password-env", "NOTES_PASSWORD",
            NOTES_PASSWORD=app.password, OPENAI_API_KEY="sk-wrong",
        )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    explained = [line for line in done.stdout.splitlines() if "wrong_key" in line]
    assert explained and all("OPENAI_API_KEY" in line for line in explained), done.stdout
    assert len(server.requests) == 1, "a refused key is not tried again, by any agent, on any model"
    assert len(explained) == 1 and len(explained[0]) < 300, "one line, once: later calls skip the refused provider"
    assert "Traceback" not in done.stdout + done.stderr
