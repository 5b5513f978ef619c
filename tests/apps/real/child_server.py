"""Start a web app as a child process on a free port, wait until it answers, and make sure it dies with us."""

from __future__ import annotations

import contextlib
import logging
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from superagent.children import die_with_parent

logger = logging.getLogger(__name__)


class AppStartError(RuntimeError):
    """The app exited or never answered; the message ends with the tail of its log."""


@dataclass(frozen=True)
class RunningApp:
    """A started app: ``url`` is where a user starts (the admin's or the app's base URL)."""

    url: str
    pid: int
    log: Path
    startup_seconds: float
    username: str | None = None
    password: str | None = None


def free_port() -> int:
    """A port nothing listens on now. Another process could take it before the child binds it; that is rare
    enough on one test machine, and the child then fails loudly rather than answering for someone else."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _log_tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_until_ready(process: subprocess.Popen[bytes], ready_url: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2, follow_redirects=False) as http:
        while True:
            if process.poll() is not None:
                raise AppStartError(
                    f"{ready_url} never answered: the process exited with {process.returncode}:\n" + _log_tail(log)
                )
            with contextlib.suppress(httpx.TransportError):
                if http.get(ready_url).status_code < 500:
                    return
            if time.monotonic() > deadline:
                raise AppStartError(f"{ready_url} did not answer within {timeout:.0f} s:\n" + _log_tail(log))
            time.sleep(0.1)


@contextlib.contextmanager
def run_child(
    command: Sequence[str],
    *,
    ready_url: str,
    log: Path,
    env: Mapping[str, str],
    cwd: Path,
    timeout: float = 60.0,
) -> Iterator[tuple[int, float]]:
    """Run ``command`` until the block ends; yields its pid and how long it took to answer ``ready_url``.

    The child gets SIGTERM if this process dies first (``die_with_parent``); on a normal exit it is terminated,
    then killed if it lingers.
    """
    started = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )
    try:
        _wait_until_ready(process, ready_url, log, timeout)
        elapsed = time.monotonic() - started
        logger.info("%s answered after %.1f s (pid %d)", ready_url, elapsed, process.pid)
        yield process.pid, elapsed
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
