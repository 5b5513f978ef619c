"""The inside half of the relay (see relay.py): a process of its own in the sandbox, started before pytest.

``python -m superagent.sandbox.relay_inside --listen [host]:port=socket ... -- COMMAND...`` listens on each
address, runs COMMAND and exits with its code. Plain threads: it forwards a few browser connections at a time.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence

_CHUNK = 65536


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(_CHUNK):
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)  # a half-closed request still gets its response
    except OSError:
        pass


def _forward(client: socket.socket, path: str) -> None:
    with client, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as outside:
        try:
            outside.connect(path)
        except OSError:
            return  # the browser sees the connection close, as it would with the app down
        back = threading.Thread(target=_pipe, args=(outside, client), daemon=True)
        back.start()
        _pipe(client, outside)
        back.join()


def _accept(listener: socket.socket, path: str) -> None:
    while True:
        client, _ = listener.accept()
        threading.Thread(target=_forward, args=(client, path), daemon=True).start()


def _listen(address: str) -> socket.socket:
    host, port = address.rsplit(":", 1)
    host = host.strip("[]")
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, int(port)))
    listener.listen(64)
    return listener


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m superagent.sandbox.relay_inside")
    parser.add_argument("--listen", action="append", default=[], help="[host]:port=unix-socket-path")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    for spec in args.listen:
        address, path = spec.rsplit("=", 1)
        try:
            listener = _listen(address)
        except OSError as exc:
            if address.startswith("[::1]"):
                continue  # no IPv6 loopback is fine while 127.0.0.1 answers
            print(f"superagent relay: cannot listen on {address}: {exc}", file=sys.stderr)
            return 1
        threading.Thread(target=_accept, args=(listener, path), daemon=True).start()
    with contextlib.suppress(KeyboardInterrupt):
        code = subprocess.call(command)
        return code if code >= 0 else 128 - code
    return 130


if __name__ == "__main__":
    sys.exit(main())
