"""SuperShop, the demo web app SuperAgent explores and writes tests against.

Two releases of the same shop are available: ``v1`` and ``v2`` (reworked markup, one changed
message). ``create_app`` builds the ASGI app; ``AppServer`` serves it from a background thread.
"""

from superagent.demo.app import create_app
from superagent.demo.server import AppServer, run_demo_server, serve_forever
from superagent.demo.web import BROKEN_FLOWS
from superagent.errors import DemoServerError

__all__ = [
    "BROKEN_FLOWS",
    "AppServer",
    "DemoServerError",
    "create_app",
    "run_demo_server",
    "serve_forever",
]
