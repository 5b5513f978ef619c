"""A real Temporal dev server for the orchestration tests (one per session; each test gets its own task queues)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from apps.notes_app import NotesApp

from superagent.orchestration import devserver
from superagent.settings import Settings

USER = "dana"


@pytest.fixture(scope="session")
def temporal_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[devserver.DevServer]:
    try:
        devserver.find_temporal()
    except Exception as exc:
        pytest.skip(str(exc))
    server = devserver.start(tmp_path_factory.mktemp("temporal"))
    try:
        asyncio.run(devserver.probe(server.address))
        yield server
    finally:
        server.stop()


@pytest.fixture
def durable_settings(temporal_server: devserver.DevServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)
    return Settings(
        tests_dir=tmp_path / "superagent-tests",
        artifacts_dir=tmp_path / "artifacts",
        state_dir=tmp_path / ".superagent",
        temporal_address=temporal_server.address,
        task_queue_prefix=f"t{uuid.uuid4().hex[:8]}-",
        heartbeat_timeout_s=5,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[NotesApp, str]]:
    password = "pw-" + os.urandom(6).hex()
    monkeypatch.setenv("NOTES_PASSWORD", password)
    app = NotesApp(USER, password)
    with app.serve() as url:
        yield app, url
