"""Where secrets come from: an environment variable, its ``*_FILE`` sibling, or ``/run/secrets/<name>``.

Passwords (testkit credentials) and provider API keys (``llm``) are read the same way. The variable wins over the
files when both are set: it is the most specific thing a person set for this one process, and a container that
mounts a secret file for everyone can still be overridden for one run.

:func:`secret_values` names every value that must never be written anywhere: the job's password and whatever the
environment holds under a secret-sounding name, so the redaction of results, traces and reports needs no list
kept by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from superagent.errors import UsageError

SECRETS_DIR = Path("/run/secrets")
# Shorter values found by name alone are more likely flags ("PASSWORD_MIN=8") than secrets, and blanking them
# would garble every report; a password asked for by name is always redacted, whatever its length.
MIN_DISCOVERED_LENGTH = 4
_MAX_SECRET_FILE = 64 * 1024
_SECRET_NAME = re.compile(
    r"(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|AUTH)(?:_|$)", re.IGNORECASE
)
# Variables that hold the NAME or the location of a secret, not the secret itself.
_POINTER_SUFFIXES = ("_ENV", "_FILE", "_PATH", "_DIR", "_URL")


def _read_file(path: Path, what: str) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the secret file {str(path)!r} for {what}: {exc}") from None
    # A trailing newline is an editor's, not the secret's; inner and leading spaces may be part of a password.
    return text.rstrip("\r\n")


def read_secret(name: str, env: Mapping[str, str], secrets_dir: Path | None = None) -> str | None:
    """The value of ``name``: the variable itself, else the file ``{name}_FILE`` points to, else
    ``<secrets_dir>/<name lowercase>``. None when none of them is set.

    Raises :class:`UsageError` when ``{name}_FILE`` names a file that does not exist or cannot be read.
    """
    if name in env:
        return env[name]
    file_var = f"{name}_FILE"
    if env.get(file_var):
        path = Path(env[file_var])
        if not path.is_file():
            raise UsageError(f"{file_var}={str(path)!r} is not a file")
        return _read_file(path, name)
    folder = SECRETS_DIR if secrets_dir is None else secrets_dir
    candidate = folder / name.lower()
    if candidate.is_file():
        return _read_file(candidate, name)
    return None


def is_secret_name(name: str) -> bool:
    """Whether an environment variable's name says it holds a secret (``OPENAI_API_KEY``, ``DB_PASSWORD``)."""
    return not name.upper().endswith(_POINTER_SUFFIXES) and bool(_SECRET_NAME.search(name))


def secret_values(env: Mapping[str, str], names: Iterable[str] = (), secrets_dir: Path | None = None) -> frozenset[str]:
    """Every secret value in play: the variables in ``names`` and the one ``SUPERAGENT_PASSWORD_ENV`` names
    (whatever their length), every variable with a secret-sounding name, their ``*_FILE`` files, and the files of
    ``/run/secrets``. A secret file that cannot be read is skipped here: reading it for use reports the error."""
    folder = SECRETS_DIR if secrets_dir is None else secrets_dir
    wanted = {n for n in names if n}
    if env.get("SUPERAGENT_PASSWORD_ENV"):
        wanted.add(env["SUPERAGENT_PASSWORD_ENV"])
    found: set[str] = set()
    for name in wanted:
        try:
            value = read_secret(name, env, folder)
        except UsageError:
            continue
        if value:
            found.add(value)
    discovered = {value for name, value in env.items() if is_secret_name(name)}
    for name, value in env.items():
        if name.endswith("_FILE") and is_secret_name(name[: -len("_FILE")]) and name[: -len("_FILE")] not in env:
            discovered.add(_quiet_read(Path(value)))
    if folder.is_dir():
        discovered.update(_quiet_read(path) for path in folder.iterdir())
    found.update(v for v in discovered if len(v) >= MIN_DISCOVERED_LENGTH)
    return frozenset(found)


def _quiet_read(path: Path) -> str:
    try:
        if not path.is_file() or path.stat().st_size > _MAX_SECRET_FILE:
            return ""
        return _read_file(path, path.name)
    except (OSError, UsageError):
        return ""
