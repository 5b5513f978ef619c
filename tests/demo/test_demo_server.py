"""Serving the demo shop from a background thread."""

from __future__ import annotations

import asyncio
import socket
import threading

import httpx
import pytest
import uvicorn

from superagent.demo import AppServer, DemoServerError, create_app, run_demo_server
from superagent.errors import SuperAgentError, UsageError


def _app():
    return create_app(password="s3cret-pass")


def test_server_picks_a_free_port_serves_and_frees_it_on_exit():
    with AppServer(_app()) as server:
        host, port = server.url.removeprefix("http://").split(":")
        assert host == "127.0.0.1" and int(port) > 0
        with httpx.Client(base_url=server.url) as client:
            response = client.get("/")
            assert response.status_code == 200
            assert "Welcome to SuperShop" in response.text
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", int(port)), timeout=1):
        pass
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", int(port)))


def test_server_on_a_taken_port_fails_clearly():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = AppServer(_app(), port=port)
        with pytest.raises(DemoServerError, match=f"cannot listen on 127.0.0.1:{port}"):
            server.start()
    assert issubclass(DemoServerError, SuperAgentError)


def test_server_that_does_not_come_up_in_time_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    original = uvicorn.Server.startup

    async def slow_startup(self: uvicorn.Server, sockets: list[socket.socket] | None = None) -> None:
        await asyncio.to_thread(release.wait, 10)  # start-up hangs until the test lets it go
        await original(self, sockets=sockets)

    monkeypatch.setattr(uvicorn.Server, "startup", slow_startup)
    server = AppServer(_app(), startup_timeout=0.2)
    letting_go = threading.Timer(0.5, release.set)  # after the timeout fired, so stop() can finish
    letting_go.start()
    try:
        with pytest.raises(DemoServerError, match="did not start within"):
            server.start()
    finally:
        release.set()
        letting_go.cancel()
    with pytest.raises(DemoServerError, match="not running"):
        _ = server.url


def test_server_that_dies_during_startup_reports_it():
    server = AppServer("no_such_module:app", startup_timeout=5)  # type: ignore[arg-type]
    with pytest.raises(DemoServerError, match="stopped during startup"):
        server.start()


def test_two_servers_run_side_by_side_with_their_own_data():
    with AppServer(_app()) as first, AppServer(create_app("v2", password="other-pass")) as second:
        assert first.url != second.url
        with httpx.Client() as client:
            assert 'data-testid="login-submit"' in client.get(first.url + "/login").text
            assert 'data-testid="signin-button"' in client.get(second.url + "/login").text


def test_url_is_only_known_while_running_and_stop_is_idempotent():
    server = AppServer(_app())
    with pytest.raises(DemoServerError):
        _ = server.url
    server.start()
    try:
        with pytest.raises(DemoServerError, match="already running"):
            server.start()
    finally:
        server.stop()
    server.stop()


def test_run_demo_server_rejects_an_unknown_variant():
    with pytest.raises(UsageError, match="v3"):
        asyncio.run(run_demo_server("v3", 0, "demo", "pw"))
