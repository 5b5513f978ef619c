"""Child processes that must not outlive SuperAgent (a killed worker must not leave pytest or a server running)."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import sys


def die_with_parent() -> None:
    """``preexec_fn`` for a child: on Linux it gets SIGTERM when its parent dies (``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
