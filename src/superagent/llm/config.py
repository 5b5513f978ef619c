"""LLM configuration: ``LLMSettings`` (env prefix ``SUPERAGENT_``, then ``superagent.toml``), model refs, prices.

Keys (env wins over toml):
  SUPERAGENT_MODEL_<AGENT>[_EASY|_HARD|_CRITICAL], SUPERAGENT_MODEL_DEFAULT   [models] writer / writer_hard / default
  SUPERAGENT_PRICES='{"openai:m": {"input_per_mtok": 1, "output_per_mtok": 2}}'   [prices."openai:m"]
  SUPERAGENT_MAX_TOKENS_<AGENT>, SUPERAGENT_MAX_TOKENS='{"writer": 8000}'         [max_tokens] writer = 8000
  SUPERAGENT_BUDGET_SESSION, SUPERAGENT_BUDGET_DAILY (USD; unset = no cap)         budget_session / budget_daily
  SUPERAGENT_RETRY='{"attempts": 2}'                                               [retry] attempts = 2
  SUPERAGENT_BREAKER_FAILURES, SUPERAGENT_BREAKER_COOLDOWN_S                       breaker_failures / ...
Provider keys come from the usual variables: ANTHROPIC_API_KEY, OPENAI_API_KEY (+ OPENAI_BASE_URL for a local
OpenAI-compatible server, which needs no key), GEMINI_API_KEY or GOOGLE_API_KEY; or, as passwords do, from the
file ``<NAME>_FILE`` names or ``/run/secrets/<name>`` (lowercase). The variable wins when both are set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from superagent.errors import LLMConfigError
from superagent.secret_sources import read_secret

AgentName = Literal["router", "writer", "critic", "runner", "validator", "medic"]
AGENTS: tuple[AgentName, ...] = ("router", "writer", "critic", "runner", "validator", "medic")
Tier = Literal["easy", "hard"]

OFFLINE = "offline"
OFFLINE_WORDS = frozenset({"local", "offline", "none"})
_PROVIDER_ALIASES = {"anthropic": "anthropic", "openai": "openai", "google-gla": "google-gla", "google": "google-gla"}
KEY_ENVS: dict[str, tuple[str, ...]] = {
    "anthropic": ("ANTHROPIC_API_KEY",),
    "openai": ("OPENAI_API_KEY",),
    "google-gla": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
}


def provider_key(provider: str, env: Mapping[str, str]) -> str | None:
    """``provider``'s API key: the first of its variables set, directly or through a ``*_FILE`` / ``/run/secrets``
    file (an empty value counts as unset). Raises UsageError for a ``*_FILE`` naming a missing file."""
    for name in KEY_ENVS.get(provider, ()):
        value = read_secret(name, env)
        if value:
            return value
    return None


DEFAULT_MAX_TOKENS: dict[str, int] = {
    "router": 512,
    "writer": 4096,
    "critic": 1024,
    "runner": 512,
    "validator": 1024,
    "medic": 2048,
}
_MODEL_KEYS = frozenset(
    {"default", *AGENTS, *(f"{a}_{t}" for a in AGENTS for t in ("easy", "hard", "critical"))},
)


def split_ref(ref: str) -> tuple[str, str]:
    """``"openai:gpt-4o"`` -> ``("openai", "gpt-4o")``; ``google`` is an alias of ``google-gla``."""
    provider, sep, model = ref.strip().partition(":")
    canonical = _PROVIDER_ALIASES.get(provider.lower())
    if not sep or not model or canonical is None:
        raise LLMConfigError(
            f"bad model {ref!r}: use provider:model with provider one of anthropic, openai, google-gla "
            f"(e.g. openai:gpt-4o-mini), or 'local' to run offline"
        )
    return canonical, model


def normalize_ref(ref: str) -> str:
    """A ref in canonical form, or ``offline`` for the offline words."""
    if ref.strip().lower() in OFFLINE_WORDS:
        return OFFLINE
    provider, model = split_ref(ref)
    return f"{provider}:{model}"


class Price(BaseModel):
    """USD per million tokens, overriding (or supplying) genai-prices for one model ref."""

    input_per_mtok: float = Field(ge=0)
    output_per_mtok: float = Field(ge=0)


class RetryPolicy(BaseModel):
    """How hard one ``ask()`` tries a model before moving to the next one."""

    attempts: int = Field(3, ge=1, description="tries per model on 429 / 5xx / timeout")
    wait_initial_s: float = Field(0.5, ge=0)
    wait_max_s: float = Field(8.0, ge=0)
    output_retries: int = Field(1, ge=0, description="extra requests when the output does not match the schema")
    timeout_s: float = Field(60.0, gt=0, description="per HTTP request")


class LLMSettings(BaseSettings):
    """LLM configuration: env (prefix ``SUPERAGENT_``) wins over ``superagent.toml`` in the working directory."""

    model_config = SettingsConfigDict(
        env_prefix="SUPERAGENT_", env_file=".env", extra="ignore", toml_file="superagent.toml"
    )

    models: dict[str, str] = Field(default_factory=dict, description="agent[_tier] or 'default' -> provider:model")
    prices: dict[str, Price] = Field(default_factory=dict, description="provider:model -> per-Mtok prices")
    max_tokens: dict[str, int] = Field(default_factory=dict, description="agent -> max output tokens")
    budget_session: float | None = Field(None, ge=0, description="USD cap for one process; None = no cap")
    budget_daily: float | None = Field(None, ge=0, description="USD cap per UTC day, ledger included; None = no cap")
    retry: RetryPolicy = Field(default_factory=RetryPolicy)
    breaker_failures: int = Field(3, ge=1, description="consecutive failures that open a provider's circuit")
    breaker_cooldown_s: float = Field(60.0, ge=0, description="how long an open circuit waits before a trial")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls)
        return (init_settings, env_settings, dotenv_settings, toml, file_secret_settings)

    @field_validator("models")
    @classmethod
    def _check_models(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - _MODEL_KEYS)
        if unknown:
            raise ValueError(
                f"unknown [models] key(s) {unknown}: use an agent ({', '.join(AGENTS)}), agent_easy, "
                "agent_hard, agent_critical or default"
            )
        return {key: normalize_ref(ref) for key, ref in value.items()}

    @field_validator("prices")
    @classmethod
    def _check_prices(cls, value: dict[str, Price]) -> dict[str, Price]:
        return {normalize_ref(ref): price for ref, price in value.items()}

    def max_tokens_for(self, agent: str, env: Mapping[str, str] | None = None) -> int:
        """Max output tokens: ``SUPERAGENT_MAX_TOKENS_<AGENT>``, then ``[max_tokens]``, then the default."""
        raw = (os.environ if env is None else env).get(f"SUPERAGENT_MAX_TOKENS_{agent.upper()}")
        if raw:
            try:
                return max(1, int(raw))
            except ValueError:
                raise LLMConfigError(f"SUPERAGENT_MAX_TOKENS_{agent.upper()}={raw!r} is not a whole number") from None
        return self.max_tokens.get(agent, DEFAULT_MAX_TOKENS.get(agent, 1024))


def load_llm_settings(**overrides: Any) -> LLMSettings:
    """LLMSettings from env and superagent.toml; invalid values become one clear LLMConfigError."""
    try:
        return LLMSettings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise LLMConfigError(f"bad LLM setting {where!r}: {first['msg']}") from None
