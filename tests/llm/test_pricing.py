"""What calls cost: genai-prices, overrides from toml and env, local servers, unknown models, token estimates."""

from __future__ import annotations

from pathlib import Path

import pytest

from superagent.errors import UsageError
from superagent.llm import (
    LLMSettings,
    Price,
    PriceBook,
    UnknownPriceError,
    cost_usd,
    estimate_tokens,
    load_llm_settings,
    worst_case_usd,
)


def test_known_cloud_models_are_priced_by_genai_prices() -> None:
    # claude-haiku-4-5: $1 / $5 per million input / output tokens
    assert cost_usd("anthropic:claude-haiku-4-5", 1000, 100) == pytest.approx(0.0015)
    # gpt-4o-mini: $0.15 / $0.60
    assert cost_usd("openai:gpt-4o-mini", 1_000_000, 1_000_000) == pytest.approx(0.75)
    # google-gla refs use genai-prices' google provider
    assert cost_usd("google-gla:gemini-2.5-flash", 1_000_000, 0) == pytest.approx(0.30)


def test_the_worst_case_covers_every_honest_usage() -> None:
    worst = worst_case_usd("anthropic:claude-sonnet-4-5", 2000, 4096)

    assert worst == pytest.approx(cost_usd("anthropic:claude-sonnet-4-5", 2000, 4096))
    for used_in, used_out in [(0, 0), (2000, 0), (1500, 4096), (2000, 4096)]:
        assert cost_usd("anthropic:claude-sonnet-4-5", used_in, used_out) <= worst


def test_the_worst_case_of_retried_requests_adds_each_resent_conversation() -> None:
    book = PriceBook(overrides={"openai:m": Price(input_per_mtok=1.0, output_per_mtok=1.0)})

    one = book.worst_case_usd("openai:m", 1000, 100)
    two = book.worst_case_usd("openai:m", 1000, 100, requests=2)

    assert one == pytest.approx(1100 / 1e6)
    assert two > 2 * one  # the retry resends the first answer and a retry prompt


def test_prices_can_be_overridden_in_superagent_toml(tmp_path: Path) -> None:
    (tmp_path / "superagent.toml").write_text(
        '[prices."openai:my-model"]\ninput_per_mtok = 1.0\noutput_per_mtok = 2.0\n'
        '[prices."anthropic:claude-haiku-4-5"]\ninput_per_mtok = 0.0\noutput_per_mtok = 0.0\n'
    )
    book = PriceBook.from_settings(load_llm_settings(), env={})

    assert book.cost_usd("openai:my-model", 1_000_000, 1_000_000) == pytest.approx(3.0)
    assert book.cost_usd("anthropic:claude-haiku-4-5", 1000, 1000) == 0.0  # the override beats genai-prices


def test_prices_can_be_overridden_with_json_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPERAGENT_PRICES", '{"google:gemma-3": {"input_per_mtok": 0.5, "output_per_mtok": 1}}')

    book = PriceBook.from_settings(LLMSettings(), env={})

    assert book.cost_usd("google-gla:gemma-3", 2_000_000, 1_000_000) == pytest.approx(2.0)


def test_an_unknown_cloud_model_says_in_one_line_which_key_to_set() -> None:
    with pytest.raises(UnknownPriceError) as caught:
        cost_usd("openai:gpt-unknown", 10, 10)

    message = str(caught.value)
    assert "\n" not in message
    assert "SUPERAGENT_PRICES" in message
    assert '[prices."openai:gpt-unknown"]' in message
    assert isinstance(caught.value, UsageError)


def test_a_model_on_a_local_openai_server_is_free_unless_priced() -> None:
    local = PriceBook(local_openai=True)
    priced = PriceBook(overrides={"openai:llama3.2": Price(input_per_mtok=1, output_per_mtok=1)}, local_openai=True)

    assert local.cost_usd("openai:llama3.2", 10_000, 10_000) == 0.0
    assert priced.cost_usd("openai:llama3.2", 1_000_000, 0) == pytest.approx(1.0)
    assert local.cost_usd("openai:gpt-4o-mini", 1_000_000, 0) == pytest.approx(0.15)  # known models keep their price
    with pytest.raises(UnknownPriceError):
        PriceBook(local_openai=False).cost_usd("openai:llama3.2", 1, 1)


def test_models_given_directly_are_free_unless_priced() -> None:
    assert cost_usd("test:function", 1000, 1000) == 0.0


def test_the_token_estimate_is_conservative() -> None:
    english = "Click the Sign in button and check the welcome banner. " * 40
    japanese = "ログインボタンをクリックしてください。" * 20

    assert estimate_tokens(english) >= len(english) / 3
    assert estimate_tokens(japanese) >= len(japanese.encode()) - 1  # a byte-level tokenizer's upper bound
    assert estimate_tokens("a", "b") > estimate_tokens("a")
    assert estimate_tokens("") > 0  # message framing is never free
