"""Pytest fixtures that serve the issue tracker once per test session.

Use them from a conftest or a test module with ``from apps.spa_app.fixtures import spa_credentials, spa_server``.
Override ``spa_credentials`` to choose the account.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from apps.spa_app.server import SpaApp, create_app


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str


@dataclass(frozen=True)
class SpaServer:
    """The running tracker: ``url`` is its base URL, ``app`` lets a test break features or reset the data."""

    app: SpaApp
    url: str
    username: str
    password: str


@pytest.fixture(scope="session")
def spa_credentials() -> Credentials:
    return Credentials(username="morgan", password="pw-" + secrets.token_urlsafe(9))


@pytest.fixture(scope="session")
def spa_server(spa_credentials: Credentials) -> Iterator[SpaServer]:
    app = create_app(username=spa_credentials.username, password=spa_credentials.password)
    with app.serve() as url:
        yield SpaServer(app, url, spa_credentials.username, spa_credentials.password)
