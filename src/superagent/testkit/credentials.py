"""Credentials for tests, read from the environment or a secret file — never from test code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SECRETS_DIR = Path("/run/secrets")


class MissingCredentialsError(LookupError):
    pass


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, password='***')"


def _read_secret(name: str, env: dict[str, str]) -> str | None:
    if name in env:
        return env[name]
    file_var = f"{name}_FILE"
    candidates = [Path(env[file_var])] if file_var in env else []
    candidates.append(SECRETS_DIR / name.lower())
    for path in candidates:
        if path.is_file():
            return path.read_text().strip()
    return None


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
