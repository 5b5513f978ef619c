"""Serving the demo shop: in a background thread for tests, or in the foreground for the CLI."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import cast

import uvicorn
from starlette.types import ASGIApp

from superagent.demo.app import create_app
from superagent.demo.ui import VARIANTS
from superagent.errors import DemoServerError, UsageError

_WILDCARDS = {"0.0.0.0", "::", ""}


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP is explicit so that asyncio enables TCP_NODELAY on accepted connections;
    # without it small responses wait on delayed ACKs (~40 ms each).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise DemoServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in _WILDCARDS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _config(app: ASGIApp, host: str, port: int, *, quiet_logging: bool) -> uvicorn.Config:
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=3,
        log_config=None if quiet_logging else uvicorn.config.LOGGING_CONFIG,
    )
    return config


class AppServer:
    """Serves an ASGI app from a background thread while the ``with`` block runs.

    ``port=0`` picks a free port; ``url`` is where the app answers once the block is entered.
    """

    def __init__(
        self,
        app: ASGIApp,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        startup_timeout: float = 10.0,
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.startup_timeout = startup_timeout
        self._sock: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise DemoServerError("the server is not running")
        return _url(self.host, self.port)

    def start(self) -> str:
        if self._server is not None:
            raise DemoServerError("the server is already running")
        self._sock = _bind(self.host, self.port)
        self.port = self._sock.getsockname()[1]
        server = uvicorn.Server(_config(self.app, self.host, self.port, quiet_logging=True))
        self._server = server
        self._error = None
        sock = self._sock

        def run() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as exc:
                self._error = exc

        self._thread = threading.Thread(target=run, name=f"demo-server-{self.port}", daemon=True)
        self._thread.start()
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _wait_until_ready(self) -> None:
        assert self._server is not None and self._thread is not None
        deadline = time.monotonic() + self.startup_timeout
        where = _url(self.host, self.port)
        while not self._server.started:
            if not self._thread.is_alive():
                reason = f": {self._error!r}" if self._error else ""
                raise DemoServerError(f"the demo server at {where} stopped during startup{reason}")
            if time.monotonic() > deadline:
                raise DemoServerError(f"the demo server at {where} did not start within {self.startup_timeout}s")
            time.sleep(0.01)
        target = "127.0.0.1" if self.host in _WILDCARDS else self.host
        while True:
            try:
                with socket.create_connection((target, self.port), timeout=1.0):
                    return
            except OSError as exc:
                if time.monotonic() > deadline:
                    raise DemoServerError(f"the demo server at {where} does not accept connections") from exc
                time.sleep(0.01)

    def stop(self, timeout: float = 10.0) -> None:
        server, thread, sock = self._server, self._thread, self._sock
        if server is not None and thread is not None:
            server.should_exit = True
            thread.join(timeout)
            if thread.is_alive():
                server.force_exit = True
                thread.join(5.0)
        if sock is not None:
            sock.close()
        self._server = self._thread = self._sock = None

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


async def serve_forever(
    app: ASGIApp,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``app`` in the foreground until interrupted (Ctrl+C or SIGTERM)."""
    sock = _bind(host, port)
    bound_port = cast(int, sock.getsockname()[1])
    server = uvicorn.Server(_config(app, host, bound_port, quiet_logging=False))

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started and on_ready is not None:
            on_ready(_url(host, bound_port))
        await task

    try:
        with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
            await main()
    except SystemExit as exc:
        raise DemoServerError(f"the demo server on {host}:{bound_port} failed to start") from exc
    finally:
        sock.close()


async def run_demo_server(variant: str, port: int, username: str, password: str) -> None:
    """Serve the demo shop on 127.0.0.1:``port`` until interrupted; used by ``superagent demo serve``."""
    if variant not in VARIANTS:
        raise UsageError(f"unknown demo variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    if not username or not password:
        raise UsageError("the demo account needs a username and a password")
    app = create_app(variant, username=username, password=password)

    def announce(url: str) -> None:
        print(f"SuperShop demo ({variant}) is running at {url}", flush=True)
        print(f"Log in as {username!r}. Press Ctrl+C to stop.", flush=True)

    await serve_forever(app, "127.0.0.1", port, on_ready=announce)
