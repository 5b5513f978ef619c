"""Real processes for the reliability tests: a Temporal dev server, `superagent worker` subprocesses, the notes app.

Each test kills something on purpose (a worker, the server) and checks that the durable job still ends right.
"""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from apps.notes_app import NotesApp
from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import Client, WorkflowHandle

from superagent.agents.router import route
from superagent.job_models import JobOutcome, JobSpec, Policy
from superagent.orchestration import devserver
from superagent.orchestration.worker import connect
from superagent.settings import Settings

USER = "dana"


@dataclass
class Lab:
    tmp: Path
    app: NotesApp
    url: str
    settings: Settings
    port: int
    server: devserver.DevServer | None = None
    workers: list[subprocess.Popen[str]] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start_server(self) -> None:
        """Start the server on the lab's port with the lab's data file; ``await devserver.probe`` before use."""
        self.server = devserver.start(self.tmp / ".superagent", port=self.port)

    def worker_env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "SUPERAGENT_TEMPORAL_ADDRESS": self.address,
            "SUPERAGENT_TASK_QUEUE_PREFIX": self.settings.task_queue_prefix,
            "NOTES_PASSWORD": self.app.password,
            **extra,
        }

    def spawn_worker(self, **extra: str) -> subprocess.Popen[str]:
        """``superagent worker --agents all`` in the lab's folder; returns once it polls."""
        proc = subprocess.Popen(
            [sys.executable, "-m", "superagent", "worker", "--agents", "all"],
            cwd=self.tmp,
            env=self.worker_env(**extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.workers.append(proc)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout or []], daemon=True).start()
        deadline = time.monotonic() + 60
        seen = []
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            seen.append(line)
            if "worker ready" in line:
                return proc
        raise AssertionError(f"the worker did not start: {''.join(seen)}")

    def spec(self, text: str = "write a test that searching the notes works") -> JobSpec:
        request = route(f"{text} on {self.url}", username=USER)
        return JobSpec(
            job_id=f"job-{uuid.uuid4().hex[:8]}",
            kind="create",
            title=text,
            url=self.url,
            requests=[request],
            username=USER,
            password_env="NOTES_PASSWORD",
            runner_env={"SUPERAGENT_USERNAME": USER, "SUPERAGENT_PASSWORD_ENV": "NOTES_PASSWORD"},
            policy=Policy.from_settings(self.settings),
        )

    async def client(self) -> Client:
        return await connect(self.address, "default")


@pytest.fixture
def lab(chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Lab]:
    try:
        devserver.find_temporal()
    except Exception as exc:
        pytest.skip(str(exc))
    monkeypatch.chdir(tmp_path)
    password = "pw-" + os.urandom(6).hex()
    app = NotesApp(USER, password)
    settings = Settings(
        tests_dir=tmp_path / "superagent-tests",
        artifacts_dir=tmp_path / "artifacts",
        state_dir=tmp_path / ".superagent",
        task_queue_prefix=f"r{uuid.uuid4().hex[:6]}-",
        heartbeat_timeout_s=3,
        _env_file=None,  # type: ignore[call-arg]
    )
    with app.serve() as url:
        lab = Lab(tmp=tmp_path, app=app, url=url, settings=settings, port=devserver.free_port())
        lab.start_server()
        asyncio.run(devserver.probe(lab.address))
        try:
            yield lab
        finally:
            for proc in lab.workers:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            if lab.server is not None:
                lab.server.stop()


async def pending(handle: WorkflowHandle[object, JobOutcome], activity: str, timeout_s: float = 120) -> int:
    """Wait until ``activity`` runs on a worker; returns its attempt."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        description = await handle.describe()
        for p in description.raw_description.pending_activities:
            if p.activity_type.name == activity and p.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED:
                return int(p.attempt)
        await asyncio.sleep(0.1)
    raise AssertionError(f"activity {activity!r} never started")


async def activity_attempts(handle: WorkflowHandle[object, JobOutcome]) -> dict[str, list[int]]:
    """Per activity type, the attempt each scheduled activity ended on (completed or finally failed)."""
    history = await handle.fetch_history()
    types: dict[int, str] = {}
    ended: dict[str, list[int]] = {}
    for event in history.events:
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            types[event.event_id] = event.activity_task_scheduled_event_attributes.activity_type.name
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            attrs = event.activity_task_started_event_attributes
            ended.setdefault(types[attrs.scheduled_event_id], []).append(int(attrs.attempt))
    return ended


def stop(proc: subprocess.Popen[str], sig: signal.Signals) -> int:
    proc.send_signal(sig)
    return proc.wait(timeout=180)


async def runs_pytest(pid: int, timeout_s: float = 60) -> None:
    """Wait until process ``pid`` (a worker) has a pytest child: the run is really under way."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for proc in Path("/proc").iterdir():
            try:
                stat = (proc / "stat").read_text()
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"pytest" in cmdline:
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"process {pid} never started pytest")
