"""The keeper of a shared local Temporal dev server: ``python -m superagent.orchestration.devserver_keeper``.

Several SuperAgent processes in one folder share one local server. Each holds a lease (a file named for its pid in
``<state_dir>/temporal-leases``) while it uses the server; this small process, started detached by the first user,
runs the server as its child and stops it once no lease belongs to a live process. So the server outlives the
process that happened to start it while others still use it, and never outlives its last user, even one killed
with SIGKILL (its lease names a dead pid and is reclaimed).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from superagent.children import die_with_parent
from superagent.private_files import private_dir

log = logging.getLogger(__name__)

POLL_S = 0.25
STOP_TIMEOUT_S = 5.0


def alive(pid: int) -> bool:
    """The process runs (a zombie, dead but not yet reaped by its parent, does not count)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc: trust kill(0)


def lease_dir(state_dir: Path) -> Path:
    return state_dir / "temporal-leases"


def live_leases(state_dir: Path) -> list[Path]:
    """The leases of running processes; those of dead ones are deleted (reclaimed) on the way."""
    live = []
    for lease in sorted(lease_dir(state_dir).glob("*.lease")):
        try:
            pid = int(lease.name.split("-", 1)[0])
        except ValueError:
            pid = 0
        if alive(pid):
            live.append(lease)
        else:
            lease.unlink(missing_ok=True)
            log.info("reclaimed the lease of process %d, which is gone", pid)
    return live


@contextlib.contextmanager
def locked(state_dir: Path) -> Iterator[None]:
    """One process at a time decides about the server of this state folder (start, reuse, lease, stop)."""
    private_dir(state_dir)  # the server keeps workflow histories (failure messages) in it
    with open(state_dir / "temporal.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record_path(state_dir: Path) -> Path:
    return state_dir / "temporal.json"


def clear_record(state_dir: Path, pid: int) -> None:
    """Forget the server, if the record is still about it (so nobody tries to reuse it)."""
    try:
        record = json.loads(record_path(state_dir).read_text())
    except (OSError, ValueError):
        return
    if isinstance(record, dict) and record.get("pid") == pid:
        record_path(state_dir).unlink(missing_ok=True)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def keep(state_dir: Path, command: list[str]) -> int:
    """Run the server until no lease is live (or this keeper is told to stop); print its pid first."""
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C in the starter's terminal is not for the shared server
    with open(state_dir / "temporal.log", "ab") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent
        )
    print(process.pid, flush=True)
    try:
        while process.poll() is None and not stopping:
            with locked(state_dir):
                if not live_leases(state_dir):
                    clear_record(state_dir, process.pid)
                    break
            time.sleep(POLL_S)
    finally:
        with locked(state_dir):
            clear_record(state_dir, process.pid)
        stop(process)
    return 0


if __name__ == "__main__":
    sys.exit(keep(Path(sys.argv[1]), sys.argv[2:]))
