"""The account each app's tests log in with, remembered per app so a rerun needs no flags.

Only the user name and the NAME of the variable holding the password are kept (never the password), in
``<state dir>/accounts.json``, readable by its owner only.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from superagent.urls import app_base

FILE = "accounts.json"


class Account(BaseModel):
    username: str
    password_env: str


def _load(state_dir: Path) -> dict[str, Account]:
    try:
        raw = json.loads((state_dir / FILE).read_text())
        return {url: Account.model_validate(entry) for url, entry in raw.items()}
    except (OSError, ValueError, AttributeError):
        return {}


def recall(state_dir: Path, url: str | None) -> Account | None:
    return _load(state_dir).get(app_base(url)) if url else None


def remember(state_dir: Path, url: str, account: Account) -> None:
    accounts = _load(state_dir)
    if accounts.get(app_base(url)) == account:
        return
    accounts[app_base(url)] = account
    state_dir.mkdir(parents=True, exist_ok=True)
    data = json.dumps({u: a.model_dump() for u, a in sorted(accounts.items())}, indent=2)
    fd, tmp = tempfile.mkstemp(dir=state_dir, prefix=".accounts-", suffix=".json")  # created 0600
    with os.fdopen(fd, "w") as handle:
        handle.write(data)
    os.replace(tmp, state_dir / FILE)
