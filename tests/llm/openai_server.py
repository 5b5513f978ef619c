r"""A tiny OpenAI-compatible server on 127.0.0.1 for tests: ``POST /v1/chat/completions`` answered from a script.

    with openai_server(Reply({"title": "Login"}, input_tokens=120, output_tokens=30)) as server:
        env = {"OPENAI_BASE_URL": server.base_url}          # e.g. http://127.0.0.1:54321/v1
        ...                                                   # anything that speaks OpenAI chat completions
    server.requests[0].model, server.requests[0].max_tokens, server.total_tokens

Each request takes the next scripted reply; when the script is empty, ``default`` answers. Any scripted item may
be a callable given the request instead, so a reply can depend on what the model was sent. A dict output becomes a
call of the request's first tool — pydantic-ai's output tool — so a structured answer needs no knowledge of tool
names; a str output is plain assistant text; a ``ToolCall`` calls a tool by name, its arguments given or computed
from the request (an agent's tools hand out ids only known at run time):

    def ref_of(request):                      # the id shown in the last answer of the "observe" tool
        return {"ref": re.search(r"Save.*?ref=(e\d+)", request.tool_results("observe")[-1])[1]}
    openai_server(ToolCall("observe"), ToolCall("click", ref_of), "clicked Save")

Every request is kept; a scripted callable that raises is answered with HTTP 400 (never retried) and its error is
kept in ``server.errors``.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeOpenAI", "RecordedRequest", "Reply", "ToolCall", "openai_server"]


@dataclass(frozen=True)
class ToolCall:
    """A call of the tool named ``name``; ``arguments`` may be a function of the request being answered."""

    name: str
    arguments: dict[str, Any] | Callable[[RecordedRequest], dict[str, Any]] = field(default_factory=dict)


@dataclass
class Reply:
    """One scripted answer: ``output`` with the usage the server reports, or an HTTP error when status != 200."""

    output: dict[str, Any] | str | ToolCall = ""
    input_tokens: int = 20
    output_tokens: int = 10
    status: int = 200
    error: str = "scripted error"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def model(self) -> str | None:
        return self.body.get("model")

    @property
    def max_tokens(self) -> int | None:
        return self.body.get("max_completion_tokens", self.body.get("max_tokens"))

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def text(self) -> str:
        """Every message's content joined: handy for asserting on what the model was shown."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)

    @property
    def tool_names(self) -> list[str]:
        """The tools the request offers, in order."""
        return [t["function"]["name"] for t in self.body.get("tools") or []]

    def tool_results(self, name: str) -> list[str]:
        """What earlier calls of the tool ``name`` returned, oldest first (as the conversation carries them)."""
        called = {
            call["id"]: call["function"]["name"]
            for m in self.messages
            if m.get("role") == "assistant"
            for call in m.get("tool_calls") or []
        }
        return [
            str(m.get("content", ""))
            for m in self.messages
            if m.get("role") == "tool" and called.get(m.get("tool_call_id", "")) == name
        ]


Script = Reply | ToolCall | dict[str, Any] | str
Responder = Callable[[RecordedRequest], Script]


def _as_reply(item: Script | Responder, request: RecordedRequest) -> Reply:
    if callable(item):
        item = item(request)
    return item if isinstance(item, Reply) else Reply(output=item)


class FakeOpenAI:
    """The server's state. ``base_url`` ends in ``/v1`` like OPENAI_BASE_URL does."""

    def __init__(self, replies: tuple[Script | Responder, ...] = (), default: Script | Responder | None = None) -> None:
        self.base_url = ""
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # scripted replies that raised instead of answering
        self.input_tokens = 0
        self.output_tokens = 0
        self._script: deque[Script | Responder] = deque(replies)
        self._default = default
        self._lock = threading.Lock()

    @property
    def total_tokens(self) -> int:
        """Input plus output tokens the server reported in successful replies."""
        return self.input_tokens + self.output_tokens

    def queue(self, *replies: Script | Responder) -> None:
        with self._lock:
            self._script.extend(replies)

    def _next(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            item = self._script.popleft() if self._script else self._default
        if item is None:
            return Reply(status=500, error="the fake server has no scripted reply left")
        try:
            reply = _as_reply(item, request)
            if isinstance(reply.output, ToolCall) and callable(reply.output.arguments):
                reply = replace(reply, output=replace(reply.output, arguments=reply.output.arguments(request)))
        except Exception as exc:  # a script that cannot answer: a 400 (never retried) the test can read back
            self.errors.append(f"request {len(self.requests)}: {exc!r}")
            return Reply(status=400, error=f"the script failed: {exc!r}")
        return reply

    def answer(self, request: RecordedRequest) -> tuple[int, dict[str, Any], dict[str, str]]:
        reply = self._next(request)
        if reply.status != 200:
            kind = "invalid_api_key" if reply.status == 401 else "rate_limit_exceeded" if reply.status == 429 else None
            body = {"error": {"message": reply.error, "type": "invalid_request_error", "param": None, "code": kind}}
            return reply.status, body, reply.headers
        with self._lock:
            self.input_tokens += reply.input_tokens
            self.output_tokens += reply.output_tokens
        return 200, self._completion(request, reply), reply.headers

    def _completion(self, request: RecordedRequest, reply: Reply) -> dict[str, Any]:
        tools = request.body.get("tools") or []
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
        if isinstance(reply.output, ToolCall):
            function = {"name": reply.output.name, "arguments": json.dumps(reply.output.arguments)}
            message["tool_calls"] = [{"id": f"call_{len(self.requests)}", "type": "function", "function": function}]
            finish = "tool_calls"
        elif isinstance(reply.output, dict) and tools:
            name = tools[0]["function"]["name"]
            call = {"id": f"call_{len(self.requests)}", "type": "function"}
            message["tool_calls"] = [{**call, "function": {"name": name, "arguments": json.dumps(reply.output)}}]
            finish = "tool_calls"
        else:
            output = reply.output
            message["content"] = output if isinstance(output, str) else json.dumps(output)
            finish = "stop"
        return {
            "id": f"chatcmpl-fake-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.model or "fake",
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {
                "prompt_tokens": reply.input_tokens,
                "completion_tokens": reply.output_tokens,
                "total_tokens": reply.input_tokens + reply.output_tokens,
            },
        }


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/v1/models":
                self._send(200, {"object": "list", "data": [{"id": "fake", "object": "model", "owned_by": "tests"}]})
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, {"error": {"message": f"no route {self.path}"}})
                return
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                self._send(400, {"error": {"message": "body is not JSON"}})
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, reply, extra = fake.answer(RecordedRequest(self.path, headers, body))
            self._send(status, reply, extra)

    return Handler


@contextmanager
def openai_server(*replies: Script | Responder, default: Script | Responder | None = None) -> Iterator[FakeOpenAI]:
    """Serve a FakeOpenAI on a free 127.0.0.1 port for the duration of the block."""
    fake = FakeOpenAI(replies, default)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
