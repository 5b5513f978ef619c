"""What this machine allows: bubblewrap, user namespaces, and whether Chromium's own sandbox can work."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

NOBODY = 65534  # the uid tests run as when SuperAgent itself runs as root
_KNOBS = (
    # (file, value that means "unprivileged user namespaces are off", what to say)
    ("/proc/sys/user/max_user_namespaces", "0", "user.max_user_namespaces is 0"),
    ("/proc/sys/kernel/unprivileged_userns_clone", "0", "kernel.unprivileged_userns_clone is 0"),
    ("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1", "AppArmor restricts unprivileged user namespaces"),
)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def user_namespaces() -> tuple[bool, str]:
    """Whether an unprivileged process may create a user namespace (what bubblewrap needs when not root, and
    what Chromium's sandbox needs always), and why not."""
    if not Path("/proc/self/ns/user").exists():
        return False, "this kernel has no user namespaces"
    for path, off, why in _KNOBS:
        try:
            if Path(path).read_text().strip() == off:
                return False, why
        except OSError:
            continue
    return True, "unprivileged user namespaces are enabled"


def chromium_sandbox(sandbox_uid: int) -> tuple[bool, str]:
    """Whether Chromium's own sandbox can run for a browser started as ``sandbox_uid``; else ``--no-sandbox``."""
    if sandbox_uid == 0:
        return False, "the tests run as root, where Chromium's sandbox cannot start"
    usable, why = user_namespaces()
    return (True, "Chromium's own sandbox is on") if usable else (False, f"Chromium's sandbox needs them: {why}")


def resolve_binary(configured: str | Path) -> Path | None:
    """``configured`` as a path, or looked up on PATH when it is a bare name."""
    text = str(configured)
    found = shutil.which(text) if os.sep not in text else (text if os.access(text, os.X_OK) else None)
    return Path(found) if found else None


@functools.cache
def bwrap_works(binary: str, unshare_user: bool) -> tuple[bool, str]:
    """Run the smallest sandbox we would build, once per binary; the error bubblewrap prints when it cannot."""
    argv = [binary, "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--unshare-pid", "--unshare-net"]
    if unshare_user:
        argv.append("--unshare-user")
    try:
        done = subprocess.run([*argv, "--", "true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    if done.returncode != 0:
        return False, (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
    return True, "bubblewrap starts"
