"""``SUPERAGENT_SANDBOX=off``: tests run as plain child processes, with nothing but the environment allowlist and
the browser's origin routing between them and this machine. Chosen only on purpose, and said so."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Sequence

from superagent.sandbox.base import Check, Launch, RunPlan

UNPROTECTED = "SUPERAGENT_SANDBOX=off: generated tests run unsandboxed, with this user's files and network"


class NoSandbox:
    kind = "off"

    def __init__(self) -> None:
        self.uid = os.geteuid()

    def home(self, parent_home: str) -> str:
        return parent_home or "/tmp"

    @contextlib.asynccontextmanager
    async def launch(self, argv: Sequence[str], plan: RunPlan) -> AsyncIterator[Launch]:
        yield Launch(list(argv), warnings=[UNPROTECTED])

    def checks(self) -> list[Check]:
        return [Check("sandbox", False, UNPROTECTED)]
