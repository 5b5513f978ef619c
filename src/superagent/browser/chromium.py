"""Find a Chromium to drive and the arguments that keep it quiet on a closed network."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from superagent.errors import BrowserNotFoundError
from superagent.sandbox.probe import chromium_sandbox

# Debian's /usr/bin/chromium is a shell wrapper that prints a noisy line; the real binary sits beside it.
_CANDIDATES = (
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)

QUIET_ARGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
)

INSTALL_HINT = (
    "Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set SUPERAGENT_CHROMIUM_PATH "
    "to a Chromium or Chrome executable."
)


def find_chromium(configured: str | Path | None = None) -> Path:
    """Return the Chromium executable to use, or raise BrowserNotFoundError saying how to get one."""
    configured = configured or os.environ.get("SUPERAGENT_CHROMIUM_PATH") or None
    if configured:
        path = Path(configured)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise BrowserNotFoundError(f"Chromium not found at {str(path)!r} (SUPERAGENT_CHROMIUM_PATH). {INSTALL_HINT}")
    for candidate in _CANDIDATES:
        if os.access(candidate, os.X_OK):
            return Path(candidate)
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return Path(found)
    raise BrowserNotFoundError(f"No Chromium found. {INSTALL_HINT}")


def sandbox_available() -> bool:
    """Chromium's sandbox needs unprivileged user namespaces; root cannot use it at all."""
    usable, _ = chromium_sandbox(os.geteuid() if hasattr(os, "geteuid") else 1000)
    return usable


def launch_args() -> list[str]:
    args = list(QUIET_ARGS)
    if not sandbox_available():
        # Said once by the runner (and by `superagent doctor`), with the reason.
        args.insert(0, "--no-sandbox")
    return args


def launch_options(configured: str | Path | None = None, *, headless: bool = True) -> dict[str, Any]:
    """Keyword arguments for ``playwright.chromium.launch``."""
    return {"executable_path": str(find_chromium(configured)), "args": launch_args(), "headless": headless}
