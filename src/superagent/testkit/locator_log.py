"""Evidence from passing runs: the fingerprint of the element each test line acted on.

Medic compares a broken locator's element against the page when a test written by hand (without Scribe's
fingerprint sidecar) starts failing; this log is where that "last known good" element comes from. Recording costs
two quick calls per action and never waits: an element that is not there yet is simply not recorded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from superagent.browser.snapshot import script

ACTIONS = (
    "click", "dblclick", "fill", "press", "press_sequentially", "type", "check", "uncheck", "set_checked",
    "select_option", "hover", "set_input_files", "tap", "clear",
)  # fmt: skip


class LocatorLog:
    """Collects ``{line, code, fingerprint}`` for the test file that is running."""

    current: LocatorLog | None = None

    def __init__(self, test_file: Path) -> None:
        self.test_file = str(test_file)
        self.entries: dict[int, dict[str, Any]] = {}
        self._lines: list[str] | None = None

    def _line_text(self, line: int) -> str:
        if self._lines is None:
            try:
                self._lines = Path(self.test_file).read_text().splitlines()
            except OSError:
                self._lines = []
        return self._lines[line - 1].strip() if 0 < line <= len(self._lines) else ""

    def record(self, locator: Any) -> None:
        frame = sys._getframe(2)
        while frame is not None and frame.f_code.co_filename != self.test_file:
            frame = frame.f_back  # type: ignore[assignment]
        if frame is None or frame.f_lineno in self.entries:
            return
        try:
            if locator.count() != 1:
                return
            fingerprint = locator.evaluate(script("fingerprint"), timeout=1000)
        except Exception:  # evidence is best effort; the action itself reports real problems
            return
        self.entries[frame.f_lineno] = {
            "line": frame.f_lineno,
            "code": self._line_text(frame.f_lineno),
            "fingerprint": fingerprint,
        }


def install() -> None:
    """Wrap Playwright's sync Locator actions once per process so each records its element first."""
    from playwright.sync_api import Locator

    for name in ACTIONS:
        original = getattr(Locator, name, None)
        if original is None or getattr(original, "__superagent__", False):
            continue

        def wrapper(self: Any, *args: Any, __original: Any = original, **kwargs: Any) -> Any:
            log = LocatorLog.current
            if log is not None:
                log.record(self)
            return __original(self, *args, **kwargs)

        wrapper.__superagent__ = True  # type: ignore[attr-defined]
        wrapper.__name__ = name
        wrapper.__doc__ = original.__doc__
        setattr(Locator, name, wrapper)
