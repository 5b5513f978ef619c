"""ask() against a real HTTP server that speaks OpenAI chat completions, reached through OPENAI_BASE_URL."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel

from llm.openai_server import RecordedRequest, Reply, ToolCall, openai_server
from superagent.llm import BudgetState, LLMSettings, Price, PriceBook, RetryPolicy, resolve
from superagent.llm.providers import LOCAL_PLACEHOLDER_KEY
from superagent.state import SQLiteStateStore

from .asking import ask_with


class Patch(BaseModel):
    locator: str
    why: str


async def test_ask_through_a_local_openai_server_records_the_tokens_it_reported(
    tmp_path: Path, fast: RetryPolicy
) -> None:
    answer = {"locator": 'page.get_by_role("button", name="Sign in")', "why": "the button was renamed"}
    with openai_server(Reply(answer, input_tokens=321, output_tokens=45)) as server:
        env = {"OPENAI_BASE_URL": server.base_url, "SUPERAGENT_MODEL_MEDIC": "openai:qwen2.5-coder"}
        settings = LLMSettings(prices={"openai:qwen2.5-coder": Price(input_per_mtok=0.5, output_per_mtok=1.5)})
        choices = resolve("medic", tier="hard", env=env, settings=settings)
        async with SQLiteStateStore(tmp_path / "state.db") as store:
            outcome = await ask_with(
                "medic",
                "Fix the locator",
                Patch,
                choices=choices,
                budget=BudgetState(),
                recorder=store,
                job_id="job-7",
                step="medic.patch",
                attempt=2,
                env=env,
                policy=fast,
                prices=PriceBook.from_settings(settings, env),
            )
            rows = await store.cost_rows()

    assert outcome.status == "ok", outcome.detail
    assert outcome.value == Patch(**answer)
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.model == "qwen2.5-coder"
    assert request.max_tokens == 2048  # the medic's default cap
    assert request.headers["authorization"] == f"Bearer {LOCAL_PLACEHOLDER_KEY}"
    (row,) = rows
    assert (row.job_id, row.step, row.attempt, row.agent, row.model) == (
        "job-7",
        "medic.patch",
        2,
        "medic",
        "openai:qwen2.5-coder",
    )
    assert row.input_tokens + row.output_tokens == server.total_tokens == 366
    assert row.usd == pytest.approx((321 * 0.5 + 45 * 1.5) / 1e6)


async def test_a_server_error_is_retried_and_a_text_reply_works_for_str_output(fast: RetryPolicy) -> None:
    with openai_server(Reply(status=503), Reply("All good.", input_tokens=7, output_tokens=3)) as server:
        env = {"OPENAI_BASE_URL": server.base_url}
        outcome = await ask_with(
            "router",
            "Say all good",
            str,
            choices=resolve("router", env=env, settings=LLMSettings()),
            budget=BudgetState(),
            recorder=None,
            job_id="j",
            step="s",
            env=env,
            policy=fast,
        )

    assert outcome.status == "ok"
    assert outcome.value == "All good."
    assert len(server.requests) == 2
    assert server.total_tokens == 10


def test_the_server_serves_scripted_then_default_replies_and_records_requests() -> None:
    with openai_server(Reply(status=401, error="bad key"), default=lambda req: Reply(f"echo {req.model}")) as server:
        first = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m", "messages": []})
        second = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m2", "messages": []})
        missing = httpx.post(f"{server.base_url}/embeddings", json={})

    assert first.status_code == 401
    assert first.json()["error"]["code"] == "invalid_api_key"
    assert second.json()["choices"][0]["message"]["content"] == "echo m2"
    assert second.json()["usage"]["total_tokens"] == 30
    assert missing.status_code == 404
    assert [r.model for r in server.requests] == ["m", "m2"]


async def test_a_scripted_tool_call_by_name_can_use_what_an_earlier_tool_returned(fast: RetryPolicy) -> None:
    """The ids an agent's tools hand out are only known at run time: the script reads them back from the request."""
    issued: list[str] = []

    def shelf() -> str:
        """The books on the shelf, each with an id."""
        issued.append(f"b{len(issued) + 40}")
        return f"- book 'Dune' [id={issued[-1]}]\n- book 'Emma' [id=b7]"

    def borrow(book_id: str) -> str:
        """Borrow the book with this id."""
        return f"borrowed {book_id}"

    def dune(request: RecordedRequest) -> dict[str, str]:
        match = re.search(r"'Dune' \[id=(\w+)\]", request.tool_results("shelf")[-1])
        assert match, request.text
        return {"book_id": match.group(1)}

    with openai_server(ToolCall("shelf"), ToolCall("borrow", dune), lambda req: f"saw {len(req.messages)}") as server:
        env = {"OPENAI_BASE_URL": server.base_url}
        outcome = await ask_with(
            "writer", "Borrow Dune", str, choices=resolve("writer", env=env, settings=LLMSettings()),
            budget=BudgetState(), recorder=None, job_id="j", step="s", env=env, policy=fast, tools=(shelf, borrow),
            max_requests=5,
        )  # fmt: skip

    assert outcome.status == "ok", outcome.detail
    first, second, third = server.requests
    assert first.tool_names == second.tool_names == ["shelf", "borrow"]
    assert first.tool_results("shelf") == []
    assert third.tool_results("borrow") == [f"borrowed {issued[0]}"]  # the id handed out at run time, not a guess
    assert outcome.value == f"saw {len(third.messages)}"  # a callable reply sees the request it answers


def test_a_script_that_cannot_answer_is_a_400_kept_in_errors() -> None:
    def broken(request: RecordedRequest) -> dict[str, str]:
        raise LookupError("no Save button in the last answer")

    with openai_server(ToolCall("click", broken), "next") as server:
        failed = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m", "messages": []})
        after = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m", "messages": []})

    assert failed.status_code == 400  # a client error: never retried, so the script does not drift
    assert "no Save button" in failed.json()["error"]["message"]
    assert server.errors == ["request 1: LookupError('no Save button in the last answer')"]
    assert after.json()["choices"][0]["message"]["content"] == "next"
