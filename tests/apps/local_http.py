"""Serve a request handler on a free 127.0.0.1 port in a background thread, for the duration of a block."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serve_handler(handler: Callable[..., BaseHTTPRequestHandler], name: str = "local-http") -> Iterator[str]:
    """Yield the base URL; the server is shut down and its port released afterwards.

    ``handler`` is a handler class, or a ``functools.partial`` of one that binds the app it serves.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True  # a request still being answered must not hold up shutdown
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
