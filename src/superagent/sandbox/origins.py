"""Which origins a test may reach: the base URL's, plus ``SUPERAGENT_ALLOWED_ORIGINS`` (comma-separated)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from superagent.errors import BadURLError

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# A WebSocket to the app's own host and port belongs to the app.
_SAME_AS = {"ws": "http", "wss": "https"}


@dataclass(frozen=True, order=True)
class Origin:
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def origin_of(url: str) -> Origin | None:
    """The origin of an http(s)/ws(s) URL; None for data:, blob:, about: and other URLs without one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return Origin(_SAME_AS.get(scheme, scheme), parts.hostname.lower(), port or _DEFAULT_PORTS[scheme])


def parse_origins(text: str) -> list[Origin]:
    """``SUPERAGENT_ALLOWED_ORIGINS``: comma-separated origins, each an http(s) URL (its path is ignored)."""
    found = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        origin = origin_of(item)
        if origin is None:
            raise BadURLError(f"allowed origin {item!r} is not an http(s) URL (SUPERAGENT_ALLOWED_ORIGINS)")
        found.append(origin)
    return found


def allowed_origins(base_url: str | None, extra: str = "") -> list[Origin]:
    """The base URL's origin first, then the extra ones, without repeats."""
    origins: list[Origin] = []
    base = origin_of(base_url) if base_url else None
    for origin in ([base] if base else []) + parse_origins(extra):
        if origin not in origins:
            origins.append(origin)
    return origins


class OriginPolicy:
    """Answers "may this request go out?" for the browser inside a test. With no origin at all (no base URL, no
    allowed origins) the browser enforces nothing; the sandbox's network namespace still does."""

    def __init__(self, origins: Iterable[Origin]) -> None:
        self.origins = frozenset(origins)

    @property
    def enforced(self) -> bool:
        return bool(self.origins)

    def allows(self, url: str) -> bool:
        origin = origin_of(url)
        # URLs without a network origin (data:, blob:, about:blank) never leave the browser.
        return origin is None or not self.origins or origin in self.origins
