"""Shared fixtures and guards for the whole suite.

- Outbound network is blocked: only loopback and Unix sockets may be reached.
- Under CI (``CI=true``) a skipped test fails: a missing browser or service must not hide behind a skip.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
from collections.abc import Generator, Iterator
from typing import Any

import pytest

from superagent.browser.chromium import find_chromium
from superagent.errors import BrowserNotFoundError

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

_real_connect = socket.socket.connect


def _is_local(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # Unix socket path
    host = address[0]
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_local(address):
        raise ConnectionRefusedError(f"tests may not reach the network: blocked connect to {address!r}")
    _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _block_network() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report: pytest.TestReport = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which hides a missing dependency: {report.longrepr}"
    return report


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable; without one, skip on a laptop and fail under CI."""
    try:
        return str(find_chromium())
    except BrowserNotFoundError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def demo_password() -> str:
    return secrets.token_urlsafe(12)
