"""The environment a sandboxed test run gets: an allowlist, never the parent's whole environment.

Generated tests are untrusted code; whatever is in their environment they can print, post or type into a page.
They get the basics a Python process needs, the testkit's own settings, and only the credentials the job names.
"""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterable, Mapping

from superagent.errors import UsageError
from superagent.settings import DEFAULT_PASSWORD_ENV_ALLOWLIST

log = logging.getLogger(__name__)

BASICS = ("PATH", "LANG", "LANGUAGE", "TZ")
BASIC_PREFIXES = ("LC_",)
# What the testkit (and the pytest-playwright fixtures under it) read; nothing here is a secret.
TESTKIT_SETTINGS = (
    "SUPERAGENT_BASE_URL",
    "SUPERAGENT_CHROMIUM_PATH",
    "SUPERAGENT_ACTION_TIMEOUT_MS",
    "SUPERAGENT_TRACE",
    "SUPERAGENT_LOCATOR_LOG",
    "SUPERAGENT_RUN_ARTIFACTS",
    "SUPERAGENT_USE_BUNDLED_BROWSER",
    "SUPERAGENT_ALLOWED_ORIGINS",
)
USERNAME_VARS = ("SUPERAGENT_USERNAME", "SUPERAGENT_USERNAME_FILE")
PASSWORD_NAME_VAR = "SUPERAGENT_PASSWORD_ENV"
DEFAULT_PASSWORD_VAR = "SUPERAGENT_PASSWORD"
DEFAULT_SECRET_ALLOWLIST = ",".join(DEFAULT_PASSWORD_ENV_ALLOWLIST)
# Never passed, whatever an allowlist says: keys, tokens, cloud credentials, and ways to inject code.
DENIED = (
    "*API_KEY*", "*APIKEY*", "*_TOKEN", "*TOKEN*", "*SECRET*", "*CREDENTIAL*", "AWS_*", "AZURE_*", "GOOGLE_*",
    "GCP_*", "LD_*", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONUSERBASE",
    "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "NODE_OPTIONS",
)  # fmt: skip


def patterns(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def _matches(name: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name.upper(), glob.upper()) for glob in globs)


def denied(name: str) -> bool:
    return _matches(name, DENIED)


def password_var(env: Mapping[str, str], allowlist: str = DEFAULT_SECRET_ALLOWLIST) -> str | None:
    """The variable holding the job's password, when the job names an account; refused unless its name passes
    the allowlist (``SUPERAGENT_PASSWORD_ENV_ALLOWLIST``) and looks like no key or token."""
    if not any(env.get(name) for name in USERNAME_VARS):
        return None
    var = env.get(PASSWORD_NAME_VAR) or DEFAULT_PASSWORD_VAR
    if denied(var) or not _matches(var, patterns(allowlist)):
        raise UsageError(
            f"the password variable {var!r} may not be passed to the tests: its name must match "
            f"SUPERAGENT_PASSWORD_ENV_ALLOWLIST ({allowlist!r}) and must not look like a key or token "
            f"({', '.join(DENIED[:5])} ...)"
        )
    return var


def child_env(
    parent: Mapping[str, str],
    job: Mapping[str, str] | None = None,
    *,
    home: str,
    secret_allowlist: str = DEFAULT_SECRET_ALLOWLIST,
    import_root: str | None = None,
) -> dict[str, str]:
    """The test run's environment: basics from ``parent``, the testkit's settings and the job's credentials from
    ``parent`` overridden by ``job``, ``HOME`` set to ``home``; everything else is left behind."""
    merged = {**parent, **(job or {})}
    env = {k: v for k, v in parent.items() if k in BASICS or k.startswith(BASIC_PREFIXES)}
    env.update({k: merged[k] for k in TESTKIT_SETTINGS + USERNAME_VARS + (PASSWORD_NAME_VAR,) if k in merged})
    secret = password_var(merged, secret_allowlist)
    if secret is not None:
        for name in (secret, f"{secret}_FILE"):
            if name in merged:
                env[name] = merged[name]
    env = {k: v for k, v in env.items() if not denied(k)}
    env["HOME"] = home
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if import_root:
        env["PYTHONPATH"] = import_root
    dropped = sorted(k for k in (job or {}) if k not in env)
    if dropped:
        log.info("not passed to the tests: %s", ", ".join(dropped))
    return env
