"""Tests in bubblewrap: the system read-only, homes and /tmp empty, only the run's folders writable, their own
pid and network namespaces (the app reached through a relay), and no root.

When SuperAgent runs as root, the tests run as uid 65534 (``setpriv`` drops to it inside the sandbox). A user
namespace mapping root to another uid would not do: the mapped uid would still own every root-owned file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from superagent.errors import SandboxError
from superagent.sandbox import probe
from superagent.sandbox.base import Check, Launch, RunPlan
from superagent.sandbox.origins import Origin
from superagent.sandbox.relay import RELAY_DIR, serve_relays

log = logging.getLogger(__name__)

HIDDEN = ("/tmp", "/var/tmp", "/root", "/home", "/run/user")  # private, empty, writable in the sandbox
PROJECT_MARKERS = ("pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "conftest.py", ".git")
_SETPRIV = ("--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs")


def hidden_roots(home: str | None) -> list[str]:
    roots = [r for r in HIDDEN if os.path.isdir(r)]
    if home and home != "/" and os.path.isdir(home) and not any(_under(home, r) for r in roots):
        roots.append(home)
    return roots


def _under(path: str | Path, root: str | Path) -> bool:
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(root)]) == os.path.abspath(root)


def project_root(folder: Path, hidden: Sequence[str]) -> Path | None:
    """For a test folder under a hidden root: the nearest folder above it that looks like a project (pytest
    reads its configuration and conftest files there), never the hidden root itself."""
    root = next((r for r in hidden if _under(folder, r)), None)
    if root is None:
        return None
    for candidate in [folder, *folder.parents]:
        if not _under(candidate, root) or str(candidate) == root:
            return None
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return None


def runtime_paths() -> set[Path]:
    """What Python needs to start and import superagent: the interpreter, its prefixes, its import path."""
    paths = {Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    paths.add(Path(os.path.realpath(sys.executable)).parent.parent)
    # Not the working folder `python -m` put first on this process's path: the tests import from their own.
    cwd = os.getcwd()
    paths |= {Path(p) for p in sys.path if p and os.path.isdir(p) and os.path.abspath(p) != cwd}
    return paths


def bwrap_argv(
    binary: str,
    plan: RunPlan,
    command: Sequence[str],
    *,
    home: str | None,
    drop_to: int | None,
    setpriv: str | None = None,
    share_network: bool = False,
    relay_folder: Path | None = None,
) -> list[str]:
    """The bubblewrap command line for ``plan`` (pure: the tests read it).

    ``drop_to`` is the uid to run as when bubblewrap runs as root (through ``setpriv``); otherwise bubblewrap
    makes a user namespace for the calling (unprivileged) user.
    """
    hidden = hidden_roots(home)
    argv = [binary, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for root in hidden:
        argv += ["--perms", "1777", "--tmpfs", root]
    readable = {p.resolve() for p in (*plan.readable, *runtime_paths()) if p.exists()}
    writable = {p.resolve() for p in plan.writable}
    readable |= {r for p in writable if (r := project_root(p, hidden)) is not None}
    # Only what lies inside a hidden folder needs mounting, and never a hidden folder itself (a script run from
    # /tmp has /tmp on its import path).
    readable = {p for p in readable if any(_under(p, r) and str(p) != r for r in hidden)}
    mounts = sorted([(p, "--ro-bind") for p in readable] +
                    [(p, "--bind") for p in writable], key=lambda m: (len(m[0].parts), m[1]))  # fmt: skip
    mounted: list[Path] = []
    made: set[Path] = set()

    def make_parents(path: Path) -> None:
        for parent in reversed(path.parents):
            # Folders bubblewrap creates inside a tmpfs to mount on; the unprivileged user must pass through them.
            in_tmpfs = any(_under(parent, r) and str(parent) != r for r in hidden)
            if in_tmpfs and parent not in made and not any(_under(parent, m) for m in mounted):
                argv.extend(["--perms", "0755", "--dir", str(parent)])
                made.add(parent)

    if home and home not in hidden and any(_under(home, r) for r in hidden):
        make_parents(Path(home))  # HOME lies in another hidden folder: an empty, writable one stands in for it
        argv.extend(["--perms", "1777", "--dir", home])
    for path, flag in mounts:
        make_parents(path)
        argv += [flag, str(path), str(path)]
        mounted.append(path)
    if relay_folder is not None:
        argv += ["--bind", str(relay_folder), RELAY_DIR]
    argv += ["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if not share_network:
        argv.append("--unshare-net")
    if drop_to is None:
        argv.append("--unshare-user")
    argv += ["--die-with-parent", "--new-session"]
    workdir = plan.workdir
    hidden_workdir = workdir is not None and any(_under(workdir, r) for r in hidden)
    if workdir is None or (hidden_workdir and not any(_under(workdir, m) for m in mounted)):
        workdir = plan.tests[0] if plan.tests else Path("/")  # the working folder is hidden in the sandbox
    argv += ["--chdir", str(workdir)]
    argv.append("--")
    if drop_to is not None:
        argv += [setpriv or "setpriv", f"--reuid={drop_to}", f"--regid={drop_to}", *_SETPRIV]
    return argv + list(command)


def _relay_command(specs: Sequence[str], command: Sequence[str]) -> list[str]:
    listens = [arg for spec in specs for arg in ("--listen", spec)]
    return [sys.executable, "-m", "superagent.sandbox.relay_inside", *listens, "--", *command]


def _chown_tree(folder: Path, uid: int) -> None:
    """The run's artifact folder belongs to the unprivileged user the tests run as."""
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, uid, follow_symlinks=False)


def _traversable(folder: Path) -> None:
    """Folders on the way to the run's folders let the unprivileged user pass (execute bit for others), without
    letting it list them: private artifact roots (0700) become 0701, nothing else about them changes."""
    for parent in folder.resolve().parents:
        try:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH and parent.stat().st_uid == os.getuid():
                parent.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)
        except OSError:
            continue


class BubblewrapSandbox:
    kind = "bubblewrap"

    def __init__(self, binary: Path, setpriv: Path | None = None) -> None:
        self.binary = binary
        self.as_root = probe.is_root()
        self.setpriv = setpriv
        self.uid = probe.NOBODY if self.as_root else os.getuid()

    def home(self, parent_home: str) -> str:
        return parent_home or "/tmp"

    def network(self, origins: Sequence[Origin]) -> tuple[bool, str]:
        """Whether the run keeps the host's network, and why. The relay reaches loopback origins from an empty
        network namespace; a remote origin, or a port below 1024 (not bindable by the unprivileged user), needs
        the host's network, and then only the browser's routing keeps the tests to the allowed origins."""
        remote = [str(o) for o in origins if not o.loopback or o.port < 1024]
        if remote:
            return True, f"host network kept for {', '.join(remote)}: origins enforced in the browser only"
        return False, "own network namespace: only the app's origin(s) answer, through a relay"

    @contextlib.asynccontextmanager
    async def launch(self, argv: Sequence[str], plan: RunPlan) -> AsyncIterator[Launch]:
        share, why = self.network(plan.origins)
        notes = [f"tests run in bubblewrap as uid {self.uid}; {why}"]
        with tempfile.TemporaryDirectory(prefix="superagent-relay-") as folder:
            relay_folder = None if share or not plan.origins else Path(folder)
            command = list(argv)
            if self.as_root:
                _chown_tree(plan.artifacts, self.uid)
                for writable in plan.writable:
                    _traversable(writable)
            async with contextlib.AsyncExitStack() as stack:
                if relay_folder is not None:
                    relay_folder.chmod(0o755)
                    specs = await stack.enter_async_context(serve_relays(plan.origins, relay_folder))
                    command = _relay_command(specs, command)
                yield Launch(
                    bwrap_argv(
                        str(self.binary), plan, command, home=plan.home, drop_to=self.uid if self.as_root else None,
                        setpriv=str(self.setpriv) if self.setpriv else None, share_network=share,
                        relay_folder=relay_folder,
                    ),
                    notes,
                )  # fmt: skip

    def checks(self) -> list[Check]:
        userns, why = probe.user_namespaces()
        uid_note = "setpriv drops root to uid 65534" if self.as_root else f"runs as uid {self.uid} in a user namespace"
        return [
            Check("sandbox", True, f"bubblewrap ({self.binary}): read-only system, private /tmp and homes"),
            Check("non-root tests", True, uid_note),
            Check("user namespaces", userns, why),
            Check("network", True, "own namespace per run: loopback app origins through a relay, nothing else; "
                  "a remote or <1024 origin keeps the host network (enforced in the browser only)"),
        ]  # fmt: skip


def open_bubblewrap(configured: str | Path) -> BubblewrapSandbox:
    """A working bubblewrap, or SandboxError saying what is missing."""
    binary = probe.resolve_binary(configured)
    if binary is None:
        raise SandboxError(
            f"bubblewrap not found at {str(configured)!r}: generated tests only run sandboxed. Install it "
            "(`sudo apt-get install bubblewrap`) or set SUPERAGENT_SANDBOX=off to run them unprotected"
        )
    setpriv = probe.resolve_binary("setpriv") if probe.is_root() else None
    if probe.is_root() and setpriv is None:
        raise SandboxError("running as root, tests need `setpriv` (util-linux) to drop to an unprivileged user")
    if not probe.is_root():
        usable, why = probe.user_namespaces()
        if not usable:
            raise SandboxError(
                f"bubblewrap needs unprivileged user namespaces and {why}; enable them or set SUPERAGENT_SANDBOX=off"
            )
    works, why = probe.bwrap_works(str(binary), not probe.is_root())
    if not works:
        raise SandboxError(f"bubblewrap ({binary}) cannot start a sandbox here: {why}; or set SUPERAGENT_SANDBOX=off")
    return BubblewrapSandbox(binary, setpriv)
