"""API keys come from a *_FILE or /run/secrets file, as passwords do; the variable wins when both are set."""

from __future__ import annotations

from pathlib import Path

import pytest

from superagent import secret_sources
from superagent.errors import UsageError
from superagent.llm import LLMSettings, resolve
from superagent.llm.config import provider_key
from superagent.llm.providers import build_model
from superagent.llm.routing import ModelChoice

CHOICE = ModelChoice(
    agent="router", ref="anthropic:claude-haiku-4-5", provider="anthropic", model="claude-haiku-4-5", reason="test"
)


@pytest.fixture(autouse=True)
def secrets_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run-secrets"
    folder.mkdir()
    monkeypatch.setattr(secret_sources, "SECRETS_DIR", folder)
    return folder


def test_a_key_file_picks_the_provider_and_builds_its_model(tmp_path: Path) -> None:
    (tmp_path / "anthropic.key").write_text("sk-ant-from-file\n")
    env = {"ANTHROPIC_API_KEY_FILE": str(tmp_path / "anthropic.key")}

    assert [c.ref for c in resolve("router", env=env, settings=LLMSettings())] == [
        "anthropic:claude-haiku-4-5",
        "offline",
    ]
    assert provider_key("anthropic", env) == "sk-ant-from-file"
    assert build_model(CHOICE, env=env).model_name == "claude-haiku-4-5"


def test_a_key_in_the_secrets_folder_counts(secrets_dir: Path) -> None:
    (secrets_dir / "gemini_api_key").write_text("gemini-from-secrets")
    assert provider_key("google-gla", {}) == "gemini-from-secrets"
    first = resolve("router", env={}, settings=LLMSettings())[0]
    assert first.ref == "google-gla:gemini-2.5-flash"


def test_the_variable_wins_over_the_file(tmp_path: Path) -> None:
    (tmp_path / "openai.key").write_text("from-file")
    env = {"OPENAI_API_KEY": "from-env", "OPENAI_API_KEY_FILE": str(tmp_path / "openai.key")}
    assert provider_key("openai", env) == "from-env"


def test_a_key_file_that_is_missing_is_a_clear_error(tmp_path: Path) -> None:
    env = {"OPENAI_API_KEY_FILE": str(tmp_path / "missing.key")}
    with pytest.raises(UsageError, match=r"OPENAI_API_KEY_FILE='.*missing.key' is not a file"):
        resolve("router", env=env, settings=LLMSettings())


def test_without_a_key_the_message_names_the_file_too() -> None:
    from superagent.errors import MissingKeyError

    with pytest.raises(MissingKeyError, match=r"ANTHROPIC_API_KEY is not set \(nor a \*_FILE or /run/secrets"):
        build_model(CHOICE, env={})
