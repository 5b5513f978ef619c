"""ask() through the real provider SDKs, at the HTTP boundary: recorded responses in, the SDK's request checked."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from llm.mock_http import MockHTTP, recorded
from superagent.llm import Breakers, BudgetState, LLMSettings, ModelChoice, RetryPolicy, cost_usd, resolve
from superagent.llm.providers import LOCAL_PLACEHOLDER_KEY, build_model

from .asking import ask_with


class FlowSketch(BaseModel):
    title: str
    steps: list[str]


ANTHROPIC = {"ANTHROPIC_API_KEY": "sk-ant-test"}
OPENAI = {"OPENAI_API_KEY": "sk-test"}
GEMINI = {"GEMINI_API_KEY": "gm-test"}


def router_choice(env: dict[str, str]) -> ModelChoice:
    return resolve("router", env=env, settings=LLMSettings())[0]


async def sketch(mock: MockHTTP, env: dict[str, str], policy: RetryPolicy, **kwargs: Any) -> Any:
    choices = kwargs.pop("choices", None) or [router_choice(env)]
    return await ask_with(
        "router",
        "Sketch a login test for http://127.0.0.1:5000",
        FlowSketch,
        choices=choices,
        budget=BudgetState(),
        recorder=None,
        job_id="j1",
        step="router.sketch",
        env=env,
        http_client=mock.client,
        policy=policy,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("env", "body", "path", "model", "max_tokens_of", "usage", "key_header"),
    [
        (
            OPENAI,
            "openai_chat_completion.json",
            "/v1/chat/completions",
            "gpt-4o-mini",
            lambda b: b["max_completion_tokens"],
            (182, 41),
            ("authorization", "Bearer sk-test"),
        ),
        (
            ANTHROPIC,
            "anthropic_message.json",
            "/v1/messages",
            "claude-haiku-4-5",
            lambda b: b["max_tokens"],
            (412, 58),
            None,
        ),
        (
            GEMINI,
            "google_generate_content.json",
            "/v1beta/models/gemini-2.5-flash:generateContent",
            None,
            lambda b: b["generationConfig"]["maxOutputTokens"],
            (236, 37 + 12),  # thinking tokens are billed as output
            ("x-goog-api-key", "gm-test"),
        ),
    ],
    ids=["openai", "anthropic", "google"],
)
async def test_each_provider_sends_the_capped_request_and_reports_usage_and_cost(
    fast: RetryPolicy,
    env: dict[str, str],
    body: str,
    path: str,
    model: str | None,
    max_tokens_of: Any,
    usage: tuple[int, int],
    key_header: tuple[str, str] | None,
) -> None:
    async with MockHTTP((200, recorded(body))) as mock:
        outcome = await sketch(mock, env, fast)

    assert outcome.status == "ok", outcome.detail
    assert outcome.value == FlowSketch(
        title="User can log in", steps=["open /login", "fill username", "fill password", "click Sign in"]
    )
    (request,) = mock.requests
    sent = mock.bodies[0]
    assert request.url.path == path
    if model is not None:
        assert sent["model"] == model
    assert max_tokens_of(sent) == 512  # the router's default cap
    if key_header is not None:
        assert request.headers[key_header[0]] == key_header[1]
    assert (outcome.input_tokens, outcome.output_tokens) == usage
    ref = router_choice(env).ref
    assert outcome.model == ref
    assert outcome.usd == pytest.approx(cost_usd(ref, *usage))
    assert outcome.usd > 0


async def test_no_tools_are_offered_to_the_model_only_the_output_schema(fast: RetryPolicy) -> None:
    async with MockHTTP((200, recorded("openai_chat_completion.json"))) as mock:
        await sketch(mock, OPENAI, fast)

    assert [t["function"]["name"] for t in mock.bodies[0]["tools"]] == ["final_result"]


@pytest.mark.parametrize(
    ("env", "status", "body", "key_env"),
    [
        (OPENAI, 401, "openai_401_invalid_key.json", "OPENAI_API_KEY"),
        (ANTHROPIC, 401, "anthropic_401_invalid_key.json", "ANTHROPIC_API_KEY"),
        (GEMINI, 400, "google_400_invalid_key.json", "GEMINI_API_KEY"),
    ],
    ids=["openai", "anthropic", "google"],
)
async def test_a_rejected_key_is_one_line_naming_the_variable_and_is_not_retried(
    fast: RetryPolicy, env: dict[str, str], status: int, body: str, key_env: str
) -> None:
    async with MockHTTP((status, recorded(body))) as mock:
        outcome = await sketch(mock, env, fast)

    assert outcome.status == "wrong_key"
    assert outcome.value is None
    assert key_env in outcome.detail
    assert "\n" not in outcome.detail
    assert len(mock.requests) == 1


async def test_rate_limited_then_answered_is_retried_and_succeeds(fast: RetryPolicy) -> None:
    responses = (429, recorded("openai_429_rate_limit.json"), {"retry-after": "0"})
    async with MockHTTP(responses, (200, recorded("openai_chat_completion.json"))) as mock:
        outcome = await sketch(mock, OPENAI, fast)

    assert outcome.status == "ok"
    assert len(mock.requests) == 2
    assert (outcome.input_tokens, outcome.output_tokens) == (182, 41)


async def test_repeated_server_errors_open_the_breaker_and_later_calls_skip_the_provider(fast: RetryPolicy) -> None:
    breakers = Breakers(failure_threshold=3, cooldown_s=60)
    async with MockHTTP((500, recorded("anthropic_500_api_error.json"))) as mock:
        first = await sketch(mock, ANTHROPIC, fast, breakers=breakers)
        assert len(mock.requests) == 3  # fast.attempts
        second = await sketch(mock, ANTHROPIC, fast, breakers=breakers)

    assert first.status == "provider_failed"
    assert "HTTP 500" in first.detail
    assert breakers.for_provider("anthropic").state == "open"
    assert second.status == "provider_failed"
    assert "circuit open" in second.detail
    assert len(mock.requests) == 3  # nothing more was sent


async def test_a_failing_provider_falls_back_to_the_next_one(fast: RetryPolicy) -> None:
    env = {**GEMINI, **OPENAI}
    choices = resolve("validator", tier="hard", critical=True, env=env, settings=LLMSettings())
    assert [c.ref for c in choices] == ["google-gla:gemini-2.5-pro", "openai:gpt-4o", "offline"]
    async with MockHTTP(
        (503, recorded("google_503_unavailable.json")),
        (503, recorded("google_503_unavailable.json")),
        (503, recorded("google_503_unavailable.json")),
        (200, recorded("openai_chat_completion.json")),
    ) as mock:
        outcome = await sketch(mock, env, fast, choices=choices)

    assert outcome.status == "ok"
    assert outcome.model == "openai:gpt-4o"
    assert [r.url.host for r in mock.requests] == ["generativelanguage.googleapis.com"] * 3 + ["api.openai.com"]


async def test_openai_base_url_alone_reaches_a_local_server_with_a_placeholder_key(fast: RetryPolicy) -> None:
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "SUPERAGENT_MODEL_ROUTER": "openai:llama3.2"}
    choice = router_choice(env)
    assert choice.ref == "openai:llama3.2"
    assert "OPENAI_BASE_URL" in choice.reason
    async with MockHTTP((200, recorded("openai_chat_completion.json"))) as mock:
        outcome = await sketch(mock, env, fast)

    (request,) = mock.requests
    assert str(request.url) == "http://127.0.0.1:11434/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {LOCAL_PLACEHOLDER_KEY}"
    assert mock.bodies[0]["model"] == "llama3.2"
    assert outcome.status == "ok"
    assert outcome.usd == 0.0  # a local model genai-prices does not know is free unless priced


def test_building_a_model_is_lazy_and_needs_the_key(fast: RetryPolicy) -> None:
    from superagent.errors import MissingKeyError

    choice = ModelChoice(
        agent="router", ref="anthropic:claude-haiku-4-5", provider="anthropic", model="claude-haiku-4-5", reason="test"
    )
    with pytest.raises(MissingKeyError, match="ANTHROPIC_API_KEY"):
        build_model(choice, env={})
    assert build_model(choice, env=ANTHROPIC).model_name == "claude-haiku-4-5"
