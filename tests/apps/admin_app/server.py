"""Serve the admin app under its sub-path on a free 127.0.0.1 port, the way a reverse proxy would mount it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import WSGIRequestHandler, make_server

MOUNT = "/admin"


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Yield the server's origin (``http://127.0.0.1:PORT``); the app answers under ``origin + MOUNT + "/"``."""
    # Everything outside the mount is a plain 404, as on a site whose root belongs to something else.
    site = DispatcherMiddleware(NotFound(), {MOUNT: app})
    server = make_server("127.0.0.1", 0, site, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="admin-app")
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
