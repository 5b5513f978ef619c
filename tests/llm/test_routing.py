"""Which model each agent uses, and why: keys present, overrides from env and superagent.toml, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from superagent.errors import UsageError
from superagent.llm import AGENTS, LLMConfigError, LLMSettings, first_model, load_llm_settings, resolve

ALL_KEYS = {"ANTHROPIC_API_KEY": "a", "OPENAI_API_KEY": "o", "GEMINI_API_KEY": "g"}


def refs(agent: str, env: dict[str, str], settings: LLMSettings | None = None, **kwargs: Any) -> list[str]:
    return [c.ref for c in resolve(agent, env=env, settings=settings or LLMSettings(), **kwargs)]


@pytest.mark.parametrize("agent", AGENTS)
def test_without_any_key_every_agent_runs_offline(agent: str) -> None:
    choices = resolve(agent, tier="hard", critical=True, env={}, settings=LLMSettings())

    assert [c.ref for c in choices] == ["offline"]
    assert first_model(choices) is None
    assert choices[0].reason.startswith("no API key: offline") or agent in ("validator", "runner")


def test_defaults_with_an_anthropic_key_pick_the_class_per_agent_and_tier() -> None:
    env = {"ANTHROPIC_API_KEY": "a"}

    assert refs("router", env) == ["anthropic:claude-haiku-4-5", "offline"]
    assert refs("critic", env, tier="hard") == ["anthropic:claude-haiku-4-5", "offline"]
    assert refs("runner", env) == ["offline"], "the runner has no decision for a model"
    assert refs("writer", env, tier="easy") == ["anthropic:claude-haiku-4-5", "offline"]
    assert refs("writer", env, tier="hard") == ["anthropic:claude-sonnet-4-5", "offline"]
    assert refs("medic", env, tier="hard") == ["anthropic:claude-sonnet-4-5", "offline"]
    hard = resolve("writer", tier="hard", env=env, settings=LLMSettings())[0]
    assert hard.reason == "default for hard requests: Sonnet-class"
    assert hard.max_tokens == 4096


def test_the_validator_uses_a_model_only_on_critical_paths() -> None:
    env = {"ANTHROPIC_API_KEY": "a", "GEMINI_API_KEY": "g"}

    (offline,) = resolve("validator", tier="hard", env=env, settings=LLMSettings())
    critical = refs("validator", env, tier="hard", critical=True)

    assert offline.offline
    assert "offline by design" in offline.reason
    assert critical == ["google-gla:gemini-2.5-pro", "anthropic:claude-sonnet-4-5", "offline"]


def test_only_an_openai_key_gives_the_gpt_analogues() -> None:
    env = {"OPENAI_API_KEY": "o"}

    assert refs("router", env) == ["openai:gpt-4o-mini", "offline"]
    assert refs("writer", env, tier="hard") == ["openai:gpt-4o", "offline"]


def test_only_a_gemini_key_gives_flash_and_pro() -> None:
    env = {"GEMINI_API_KEY": "g"}

    assert refs("router", env) == ["google-gla:gemini-2.5-flash", "offline"]
    assert refs("medic", env, tier="hard") == ["google-gla:gemini-2.5-pro", "offline"]


def test_with_every_key_the_chain_falls_back_across_providers_in_the_same_class() -> None:
    choices = resolve("writer", tier="hard", env=ALL_KEYS, settings=LLMSettings())

    assert [c.ref for c in choices] == [
        "anthropic:claude-sonnet-4-5",
        "openai:gpt-4o",
        "google-gla:gemini-2.5-pro",
        "offline",
    ]
    assert [c.reason for c in choices[1:3]] == ["fallback: Sonnet-class", "fallback: Sonnet-class"]


def test_an_env_override_comes_first_and_the_defaults_follow() -> None:
    env = {**ALL_KEYS, "SUPERAGENT_MODEL_WRITER": "openai:gpt-4o-mini"}

    choices = resolve("writer", tier="hard", env=env, settings=LLMSettings())

    assert choices[0].ref == "openai:gpt-4o-mini"
    assert choices[0].reason == "SUPERAGENT_MODEL_WRITER"
    assert [c.ref for c in choices[1:]] == [
        "anthropic:claude-sonnet-4-5",
        "openai:gpt-4o",
        "google-gla:gemini-2.5-pro",
        "offline",
    ]


def test_a_tier_override_beats_the_agent_override_for_its_tier_only() -> None:
    env = {
        **ALL_KEYS,
        "SUPERAGENT_MODEL_WRITER": "openai:gpt-4o",
        "SUPERAGENT_MODEL_WRITER_EASY": "google:gemini-2.5-flash",
    }

    assert refs("writer", env, tier="easy")[0] == "google-gla:gemini-2.5-flash"
    assert refs("writer", env, tier="hard")[0] == "openai:gpt-4o"


def test_superagent_toml_sets_models_and_env_wins_over_it(tmp_path: Path) -> None:
    (tmp_path / "superagent.toml").write_text(
        '[models]\nwriter = "openai:gpt-4o"\nmedic_hard = "anthropic:claude-haiku-4-5"\n'
    )
    settings = load_llm_settings()

    assert refs("writer", ALL_KEYS, settings)[0] == "openai:gpt-4o"
    assert resolve("medic", tier="hard", env=ALL_KEYS, settings=settings)[0].reason == "[models] medic_hard"
    env = {**ALL_KEYS, "SUPERAGENT_MODEL_WRITER": "anthropic:claude-sonnet-4-5"}
    assert refs("writer", env, settings)[0] == "anthropic:claude-sonnet-4-5"


@pytest.mark.parametrize("word", ["local", "offline", "LOCAL"])
def test_local_or_offline_runs_the_agent_offline_even_with_keys(word: str) -> None:
    by_env = resolve("writer", env={**ALL_KEYS, "SUPERAGENT_MODEL_WRITER": word}, settings=LLMSettings())
    by_flag = resolve("writer", env=ALL_KEYS, settings=LLMSettings(), override=word)

    assert [c.ref for c in by_env] == ["offline"]
    assert [c.ref for c in by_flag] == ["offline"]
    assert by_flag[0].reason == "--model: offline"


def test_the_cli_model_flag_beats_every_other_setting() -> None:
    env = {**ALL_KEYS, "SUPERAGENT_MODEL_ROUTER": "openai:gpt-4o"}

    choice = resolve("router", env=env, settings=LLMSettings(), override="anthropic:claude-sonnet-4-5")[0]

    assert (choice.ref, choice.reason) == ("anthropic:claude-sonnet-4-5", "--model")
    assert refs("validator", ALL_KEYS, override="openai:gpt-4o") == ["offline"]  # still offline by design
    assert refs("validator", ALL_KEYS, override="openai:gpt-4o", critical=True)[0] == "openai:gpt-4o"


def test_a_default_model_serves_every_agent_that_needs_one() -> None:
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "SUPERAGENT_MODEL_DEFAULT": "openai:qwen2.5"}

    assert refs("router", env)[0] == "openai:qwen2.5"
    assert refs("writer", env, tier="hard")[:2] == ["openai:qwen2.5", "openai:gpt-4o"]
    assert refs("validator", env) == ["offline"]  # offline by design off critical paths


def test_a_local_openai_server_needs_no_key_and_says_so() -> None:
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "SUPERAGENT_MODEL_CRITIC": "openai:llama3.2"}

    choice = resolve("critic", env=env, settings=LLMSettings())[0]

    assert choice.ref == "openai:llama3.2"
    assert choice.reason == "SUPERAGENT_MODEL_CRITIC via OPENAI_BASE_URL"


def test_an_override_for_a_provider_without_a_key_is_skipped_with_the_reason() -> None:
    env = {"OPENAI_API_KEY": "o", "SUPERAGENT_MODEL_ROUTER": "anthropic:claude-haiku-4-5"}

    choices = resolve("router", env=env, settings=LLMSettings())

    assert choices[0].ref == "openai:gpt-4o-mini"
    assert "SUPERAGENT_MODEL_ROUTER=anthropic:claude-haiku-4-5 skipped: ANTHROPIC_API_KEY not set" in choices[0].reason


@pytest.mark.parametrize("bad", ["gpt-4o", "mistral:large", "openai:"])
def test_a_malformed_model_is_a_usage_error_showing_the_format(bad: str) -> None:
    with pytest.raises(LLMConfigError, match="provider:model") as caught:
        resolve("writer", env={**ALL_KEYS, "SUPERAGENT_MODEL_WRITER": bad}, settings=LLMSettings())

    assert isinstance(caught.value, UsageError)
    assert caught.value.exit_code == 2


def test_an_unknown_models_key_in_superagent_toml_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "superagent.toml").write_text('[models]\nscribe = "openai:gpt-4o"\n')

    with pytest.raises(LLMConfigError, match="scribe"):
        load_llm_settings()


def test_budget_caps_come_from_env_and_toml_and_default_to_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (LLMSettings().budget_session, LLMSettings().budget_daily) == (None, None)

    (tmp_path / "superagent.toml").write_text("budget_session = 2.5\nbudget_daily = 4.0\n")
    monkeypatch.setenv("SUPERAGENT_BUDGET_DAILY", "10")
    settings = load_llm_settings()

    assert (settings.budget_session, settings.budget_daily) == (2.5, 10.0)


def test_max_tokens_per_agent_have_defaults_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "superagent.toml").write_text("[max_tokens]\nwriter = 8000\n")
    settings = load_llm_settings()

    assert settings.max_tokens_for("router") == 512
    assert settings.max_tokens_for("writer") == 8000
    assert settings.max_tokens_for("writer", {"SUPERAGENT_MAX_TOKENS_WRITER": "300"}) == 300
    assert resolve("writer", env={"OPENAI_API_KEY": "o"}, settings=settings)[0].max_tokens == 8000


def test_a_choice_serialises_without_its_model_object() -> None:
    choice = resolve("router", env={"OPENAI_API_KEY": "o"}, settings=LLMSettings())[0]
    with_model = choice.model_copy(update={"instance": object()})

    assert "instance" not in with_model.model_dump()
    assert type(choice).model_validate_json(with_model.model_dump_json()) == choice
