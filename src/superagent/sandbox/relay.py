"""The app's origins, reachable from a sandbox without a network: TCP inside, a Unix socket across, TCP outside.

The sandbox has its own network namespace, with nothing but an empty loopback. Inside it, ``python -m
superagent.sandbox.relay_inside --listen [127.0.0.1]:8000=/tmp/.superagent-relay/0.sock -- pytest ...`` listens
on the app's own address and port and forwards each connection to a Unix socket bound into the sandbox; outside,
``serve_relays`` (here, in the runner's event loop) forwards that socket to the real app. URLs stay the same, and
no other address answers.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from functools import partial
from pathlib import Path

from superagent.sandbox.origins import Origin

RELAY_DIR = "/tmp/.superagent-relay"  # inside the sandbox, on its private /tmp
_CHUNK = 65536


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(_CHUNK):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()  # a half-closed request still gets its response
    except (ConnectionError, OSError):
        pass


async def _splice(
    client: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    server: tuple[asyncio.StreamReader, asyncio.StreamWriter],
) -> None:
    try:
        await asyncio.gather(_pipe(client[0], server[1]), _pipe(server[0], client[1]))
    finally:
        for writer in (client[1], server[1]):
            writer.close()


async def _to_app(host: str, port: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        app = await asyncio.open_connection(host, port)
    except OSError:
        writer.close()  # the app is down: the browser sees a refused connection, as it would without a sandbox
        return
    await _splice((reader, writer), app)


def listen_hosts(origin: Origin) -> list[str]:
    return ["127.0.0.1", "::1"] if origin.host == "localhost" else [origin.host]


@contextlib.asynccontextmanager
async def serve_relays(origins: Sequence[Origin], folder: Path) -> AsyncIterator[list[str]]:
    """Outside: one Unix socket per origin in ``folder``, forwarding to the app; yields the ``--listen`` specs
    for the relay inside (host:port=socket as seen from inside)."""
    servers = []
    specs: list[str] = []
    try:
        for number, origin in enumerate(origins):
            path = folder / f"{number}.sock"
            servers.append(await asyncio.start_unix_server(partial(_to_app, origin.host, origin.port), str(path)))
            path.chmod(0o777)  # the sandbox runs as another, unprivileged user
            inside = f"{RELAY_DIR}/{path.name}"
            specs += [f"[{host}]:{origin.port}={inside}" for host in listen_hosts(origin)]
        yield specs
    finally:
        for server in servers:
            server.close()
