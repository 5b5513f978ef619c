"""`superagent doctor`: what protects this machine from the tests it runs, and what does not."""

from __future__ import annotations

import os

from rich.console import Console
from rich.table import Table

from superagent.sandbox.report import protected, protection
from superagent.settings import Settings

_STATUS = {True: "[green]on[/]", False: "[red]off[/]", None: "[dim]-[/]"}


def doctor(console: Console, settings: Settings) -> int:
    """A table of every protection; exit 0 when the tests run sandboxed, 1 when they would run unprotected."""
    checks = protection(settings, os.environ)
    table = Table(title="SuperAgent protection")
    table.add_column("protection")
    table.add_column("status")
    table.add_column("detail", overflow="fold")
    for check in checks:
        table.add_row(check.name, _STATUS[check.active], check.detail)
    console.print(table)
    if protected(checks):
        console.print("generated tests run sandboxed", highlight=False)
        return 0
    console.print("[bold red]generated tests would run UNPROTECTED[/] (see the sandbox line)", highlight=False)
    return 1
