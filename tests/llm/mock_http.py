"""Provider HTTP in tests: an httpx2 MockTransport answering with recorded response bodies, keeping every request."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx2

RECORDED = Path(__file__).parent / "recorded"


def recorded(name: str) -> Any:
    """A recorded provider response body from tests/llm/recorded/."""
    return json.loads((RECORDED / name).read_text())


class MockHTTP:
    """Answers requests in order from ``responses`` — (status, body) or (status, body, headers) — then repeats
    the last one. ``client`` is the ``httpx2.AsyncClient`` to hand to ``ask(http_client=...)``."""

    def __init__(self, *responses: tuple[int, Any] | tuple[int, Any, dict[str, str]]) -> None:
        self._queue = deque(responses)
        self._last = responses[-1] if responses else (500, {"error": {"message": "no response scripted"}})
        self.requests: list[httpx2.Request] = []
        self.client = httpx2.AsyncClient(transport=httpx2.MockTransport(self._handle), timeout=30)

    def _handle(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        item = self._queue.popleft() if self._queue else self._last
        status, body, headers = (*item, {}) if len(item) == 2 else item
        return httpx2.Response(status, json=body, headers=headers)

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.client.aclose()
