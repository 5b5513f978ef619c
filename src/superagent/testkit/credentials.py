"""Credentials for tests, read from the environment or a secret file — never from test code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from superagent.errors import UsageError
from superagent.secret_sources import read_secret

SECRETS_DIR = Path("/run/secrets")  # a module attribute, so tests can point it at a folder of their own


class MissingCredentialsError(LookupError):
    pass


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, password='***')"


def _read_secret(name: str, env: dict[str, str]) -> str | None:
    try:
        return read_secret(name, env, SECRETS_DIR)
    except UsageError as exc:  # a *_FILE pointing nowhere: the test fails with that sentence, not a traceback
        raise MissingCredentialsError(str(exc)) from None


def load_credentials(env: dict[str, str] | None = None) -> Credentials:
    """Username from ``SUPERAGENT_USERNAME``; password from the variable named by ``SUPERAGENT_PASSWORD_ENV``
    (default ``SUPERAGENT_PASSWORD``), its ``*_FILE`` sibling, or ``/run/secrets/<name>``."""
    env = dict(os.environ if env is None else env)
    password_var = env.get("SUPERAGENT_PASSWORD_ENV", "SUPERAGENT_PASSWORD")
    username = _read_secret("SUPERAGENT_USERNAME", env)
    password = _read_secret(password_var, env)
    if not username or password is None:
        missing = [n for n, v in (("SUPERAGENT_USERNAME", username), (password_var, password)) if not v]
        raise MissingCredentialsError(
            f"test needs credentials: set {' and '.join(missing)} (or a *_FILE / /run/secrets file)"
        )
    return Credentials(username=username, password=password)
