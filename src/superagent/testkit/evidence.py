"""Evidence gathered while a test drives a page."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from superagent.redaction import Redactor
from superagent.sandbox.origins import OriginPolicy, allowed_origins

log = logging.getLogger(__name__)
EVIDENCE_KEY = pytest.StashKey["Evidence"]()
REPORTS_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()
SECRETS_KEY = pytest.StashKey[set[str]]()
_REDACTOR_KEY = pytest.StashKey[Redactor]()


def add_secrets(config: pytest.Config, values: Iterable[str]) -> None:
    """Secrets the session's reports, evidence and results must never show (the environment's, the test's
    password)."""
    config.stash.setdefault(SECRETS_KEY, set()).update(v for v in values if v)


def redactor(config: pytest.Config) -> Redactor:
    """The session's redactor, rebuilt when a secret was added since it was last built."""
    secrets = frozenset(config.stash.get(SECRETS_KEY, None) or ())
    current = config.stash.get(_REDACTOR_KEY, None)
    if current is None or current.secrets != secrets:
        current = config.stash[_REDACTOR_KEY] = Redactor(secrets)
    return current


def redact_trace(path: Path, redactor: Redactor) -> None:
    """Take the secrets out of a trace archive, every member: the action log (a typed value is a ``fill``
    parameter), the network log, request and response bodies under ``resources/`` and the DOM snapshots.

    Playwright (1.65) has no tracing option that leaves typed values out, and ``snapshots=False`` would also drop
    the network log and the DOM a failure is read from, so the archive is rewritten after the fact.
    """
    if redactor.zip(path):
        log.info("secrets taken out of %s", path)


class RedactedRepr:
    """A failure report with the secrets taken out; prints like the original (without colour)."""

    def __init__(self, text: str, original: Any, redactor: Redactor) -> None:
        self.text = text
        crash = getattr(original, "reprcrash", None)
        self.reprcrash = None if crash is None else replace(crash, message=redactor.text(crash.message))

    def toterminal(self, tw: Any) -> None:
        for line in self.text.splitlines():
            tw.line(line)

    def __str__(self) -> str:
        return self.text


@dataclass
class Evidence:
    started: float = field(default_factory=time.perf_counter)
    browser_launched: bool = False
    screenshots: list[str] = field(default_factory=list)
    trace: str | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)  # other origins, stopped by guard()
    inventory: str | None = None
    page_url: str | None = None
    locators: list[dict[str, Any]] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda err: self.page_errors.append(str(err)))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, msg: Any) -> None:
        if msg.type == "error":
            self.console_errors.append(msg.text)

    def guard(self, context: Any, policy: OriginPolicy) -> None:
        """Route every request of ``context``: the allowed origins go through, any other is aborted and recorded.
        Requests a service worker makes are not routed; the sandbox's network namespace still holds them."""
        if not policy.enforced:
            return

        def route(route: Any) -> None:
            url = route.request.url
            if policy.allows(url):
                route.fallback()
                return
            self.blocked_requests.append(f"{route.request.method} {url}")
            route.abort("blockedbyclient")

        def route_socket(socket: Any) -> None:
            if policy.allows(socket.url):
                socket.connect_to_server()
                return
            self.blocked_requests.append(f"WEBSOCKET {socket.url}")
            socket.close()

        context.route("**/*", route)
        context.route_web_socket(re.compile(".*"), route_socket)

    def _on_request_failed(self, request: Any) -> None:
        if f"{request.method} {request.url}" in self.blocked_requests:
            return  # recorded as blocked, not as an app failure
        self.failed_requests.append(f"{request.method} {request.url} {request.failure or ''}".strip())

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.request.method} {response.url} HTTP {response.status}")


def artifacts_root(config: pytest.Config) -> Path:
    configured = config.getoption("superagent_artifacts", default=None) or os.environ.get("SUPERAGENT_RUN_ARTIFACTS")
    return Path(configured or "artifacts/pytest")


def origin_policy(config: pytest.Config) -> OriginPolicy:
    """The base URL's origin plus ``SUPERAGENT_ALLOWED_ORIGINS``."""
    base_url = getattr(config.option, "base_url", None) or os.environ.get("SUPERAGENT_BASE_URL")
    return OriginPolicy(allowed_origins(base_url, os.environ.get("SUPERAGENT_ALLOWED_ORIGINS", "")))
