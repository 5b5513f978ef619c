"""The command line: the Typer app (``app``), one module per command group, and the terminal rendering.

The edge of the system: the only place that calls ``asyncio.run`` and configures logging.
"""

from superagent.cli.app import app, main

__all__ = ["app", "main"]
