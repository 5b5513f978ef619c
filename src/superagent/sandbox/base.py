"""What every sandbox does for a test run: wrap the pytest command so that it sees only what the run needs."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from superagent.sandbox.origins import Origin


@dataclass(frozen=True)
class RunPlan:
    """One pytest run as the sandbox sees it."""

    tests: tuple[Path, ...]  # the folders holding the tests (writable)
    artifacts: Path  # the run's evidence folder (writable)
    readable: tuple[Path, ...] = ()  # what else the run must read, e.g. a credential file
    origins: tuple[Origin, ...] = ()  # the app's origin(s); nothing else is reachable
    workdir: Path | None = None
    home: str = "/tmp"

    @property
    def writable(self) -> tuple[Path, ...]:
        return (*self.tests, self.artifacts)


@dataclass(frozen=True)
class Check:
    """One line of ``superagent doctor``: a protection, whether it is on (None: nothing to protect yet), and why."""

    name: str
    active: bool | None
    detail: str


@dataclass(frozen=True)
class Launch:
    """The command to start, and what it means for the run (said once in the log and by doctor)."""

    argv: list[str]
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Sandbox(Protocol):
    kind: str
    uid: int  # the user the tests run as

    def home(self, parent_home: str) -> str:
        """The HOME the tests get."""
        ...

    def launch(self, argv: Sequence[str], plan: RunPlan) -> AbstractAsyncContextManager[Launch]:
        """Wrap ``argv`` for ``plan``; whatever the run needs alongside (relays) lives as long as the context."""
        ...

    def checks(self) -> list[Check]:
        """What this sandbox protects, for ``superagent doctor``."""
        ...
