"""Where generated tests run: a sandbox chosen by ``SUPERAGENT_SANDBOX`` (auto/bubblewrap, or off on purpose).

``base.py`` is the protocol, ``bubblewrap.py`` and ``off.py`` the implementations; ``env.py`` decides the tests'
environment, ``origins.py`` which origins they may reach, ``relay.py`` how they reach them without a network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from superagent.sandbox.base import Check, Launch, RunPlan, Sandbox

if TYPE_CHECKING:  # the relay started inside the sandbox imports this package: keep it light
    from superagent.settings import Settings


def select_sandbox(settings: Settings) -> Sandbox:
    """The configured sandbox; SandboxError (exit 6) when it cannot protect the tests and ``off`` was not chosen."""
    if settings.sandbox == "off":
        from superagent.sandbox.off import NoSandbox

        return NoSandbox()
    from superagent.sandbox.bubblewrap import open_bubblewrap

    return open_bubblewrap(settings.bwrap_path)


__all__ = ["Check", "Launch", "RunPlan", "Sandbox", "select_sandbox"]
