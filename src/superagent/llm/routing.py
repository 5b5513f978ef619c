"""Which model each agent uses, and why: defaults by model class and tier, overrides from env and superagent.toml.

Precedence for one agent (first match wins; env wins over toml):
  ``--model`` on the command line (``override``), ``SUPERAGENT_MODEL_<AGENT>_CRITICAL`` (critical paths only),
  ``SUPERAGENT_MODEL_<AGENT>_<TIER>``, ``SUPERAGENT_MODEL_<AGENT>``, then the same keys in ``[models]`` of
  superagent.toml (``writer_critical``, ``writer_hard``, ``writer``), then ``SUPERAGENT_MODEL_DEFAULT`` /
  ``[models] default``, then the built-in default for the agent's model class. Fallbacks follow: the same class on
  every other provider that has a key; the chain always ends with the offline choice.
  ``local`` / ``offline`` as a model means the offline (deterministic) agent, with no fallback. ``--model`` and
  ``default`` leave the validator offline off critical paths; only ``SUPERAGENT_MODEL_VALIDATOR`` changes that.

Model classes: router, critic, runner -> small (Haiku-class); writer, medic -> large (Sonnet-class) for hard
requests, small for easy ones; validator -> vision (Gemini Pro first) on critical paths only, offline otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from superagent.llm.config import (
    KEY_ENVS,
    OFFLINE,
    LLMSettings,
    Tier,
    load_llm_settings,
    normalize_ref,
    provider_key,
    split_ref,
)

ModelClass = Literal["small", "large", "vision"]

# Per class, the default model of each provider, in order of preference.
DEFAULT_MODELS: dict[ModelClass, dict[str, str]] = {
    "small": {"anthropic": "claude-haiku-4-5", "openai": "gpt-4o-mini", "google-gla": "gemini-2.5-flash"},
    "large": {"anthropic": "claude-sonnet-4-5", "openai": "gpt-4o", "google-gla": "gemini-2.5-pro"},
    "vision": {"google-gla": "gemini-2.5-pro", "anthropic": "claude-sonnet-4-5", "openai": "gpt-4o"},
}
# The runner only runs pytest and collects evidence: there is no decision in it for a model to make, so paying
# for one would be waste (its failures are read by Medic, and judged by Gemini).
NO_MODEL_STEP = {"runner": "no model step: the runner runs pytest; Medic and Gemini read its results"}
CLASS_LABELS: dict[ModelClass, str] = {"small": "Haiku-class", "large": "Sonnet-class", "vision": "vision check"}


class ModelChoice(BaseModel):
    """One model an agent may use, with the reason it was picked. ``provider == "offline"`` is the offline agent.

    ``instance`` carries a ready pydantic-ai model (e.g. ``FunctionModel`` in tests); it is never serialised.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    agent: str
    ref: str
    provider: str
    model: str | None
    reason: str
    max_tokens: int = 1024
    instance: Any = Field(default=None, exclude=True, repr=False)

    @property
    def offline(self) -> bool:
        return self.provider == OFFLINE

    @classmethod
    def offline_choice(cls, agent: str, reason: str) -> ModelChoice:
        return cls(agent=agent, ref=OFFLINE, provider=OFFLINE, model=None, reason=reason)

    @classmethod
    def from_model(cls, agent: str, model: object, *, ref: str | None = None, max_tokens: int = 1024) -> ModelChoice:
        """A choice around a ready pydantic-ai model object; priced $0 unless ``ref`` has a price override."""
        name = str(getattr(model, "model_name", type(model).__name__))
        ref = ref or f"test:{name}"
        provider, _, model_name = ref.partition(":")
        return cls(
            agent=agent,
            ref=ref,
            provider=provider,
            model=model_name or name,
            reason="given model",
            max_tokens=max_tokens,
            instance=model,
        )


def available_providers(env: Mapping[str, str]) -> list[str]:
    """Providers that can be called: a key is set (OPENAI_BASE_URL alone is enough for openai)."""
    found = [p for p in KEY_ENVS if provider_key(p, env)]
    if env.get("OPENAI_BASE_URL") and "openai" not in found:
        found.append("openai")
    return found


def model_class(agent: str, tier: Tier, critical: bool) -> ModelClass | None:
    """The class of model an agent needs; None where it stays offline by design."""
    if agent == "validator":
        return "vision" if critical else None
    if agent in ("writer", "medic"):
        return "large" if tier == "hard" else "small"
    return "small"


def _explicit(
    agent: str, tier: Tier, critical: bool, env: Mapping[str, str], settings: LLMSettings, override: str | None
) -> tuple[str, str] | None:
    """The (ref, reason) a user configured for this agent, if any."""
    if override:
        ref = normalize_ref(override)
        if ref == OFFLINE or model_class(agent, tier, critical) is not None:
            return ref, "--model"
    upper = agent.upper()
    names = ([f"{upper}_CRITICAL"] if critical else []) + [f"{upper}_{tier.upper()}", upper]
    for name in names:
        if value := env.get(f"SUPERAGENT_MODEL_{name}"):
            return normalize_ref(value), f"SUPERAGENT_MODEL_{name}"
    for key in ([f"{agent}_critical"] if critical else []) + [f"{agent}_{tier}", agent]:
        if key in settings.models:
            return settings.models[key], f"[models] {key}"
    if model_class(agent, tier, critical) is not None:
        if value := env.get("SUPERAGENT_MODEL_DEFAULT"):
            return normalize_ref(value), "SUPERAGENT_MODEL_DEFAULT"
        if "default" in settings.models:
            return settings.models["default"], "[models] default"
    return None


def _default_label(agent: str, tier: Tier, klass: ModelClass) -> str:
    if klass == "vision":
        return "default on critical paths: vision check"
    if agent in ("writer", "medic"):
        return f"default for {tier} requests: {CLASS_LABELS[klass]}"
    return f"default: {CLASS_LABELS[klass]}"


def _via(provider: str, env: Mapping[str, str]) -> str:
    return " via OPENAI_BASE_URL" if provider == "openai" and env.get("OPENAI_BASE_URL") else ""


def resolve(
    agent: str,
    *,
    tier: Tier = "easy",
    critical: bool = False,
    env: Mapping[str, str] | None = None,
    settings: LLMSettings | None = None,
    override: str | None = None,
) -> list[ModelChoice]:
    """The models ``agent`` should try in order, ending with the offline choice (always present, always last)."""
    if agent in NO_MODEL_STEP:
        return [ModelChoice.offline_choice(agent, NO_MODEL_STEP[agent])]
    env = os.environ if env is None else env
    settings = settings or load_llm_settings()
    max_tokens = settings.max_tokens_for(agent, env)
    available = available_providers(env)
    klass = model_class(agent, tier, critical)
    chain: list[ModelChoice] = []
    note = ""

    explicit = _explicit(agent, tier, critical, env, settings, override)
    if explicit is not None:
        ref, source = explicit
        if ref == OFFLINE:
            return [ModelChoice.offline_choice(agent, f"{source}: offline")]
        provider, model = split_ref(ref)
        if provider in available:
            chain.append(
                ModelChoice(
                    agent=agent,
                    ref=ref,
                    provider=provider,
                    model=model,
                    reason=f"{source}{_via(provider, env)}",
                    max_tokens=max_tokens,
                )
            )
        else:
            note = f" ({source}={ref} skipped: {' or '.join(KEY_ENVS[provider])} not set)"

    if klass is not None:
        for provider, model in DEFAULT_MODELS[klass].items():
            ref = f"{provider}:{model}"
            if provider not in available or any(c.ref == ref for c in chain):
                continue
            label = _default_label(agent, tier, klass) if not chain else f"fallback: {CLASS_LABELS[klass]}"
            chain.append(
                ModelChoice(
                    agent=agent,
                    ref=ref,
                    provider=provider,
                    model=model,
                    reason=label + _via(provider, env) + note,
                    max_tokens=max_tokens,
                )
            )
            note = ""

    if chain:
        offline_reason = "offline fallback when every model above fails or is over budget"
    elif klass is None and explicit is None:
        offline_reason = "offline by design: the rubric judges non-critical runs"
    elif not available:
        offline_reason = "no API key: offline" + note
    else:
        offline_reason = "no usable model: offline" + note
    chain.append(ModelChoice.offline_choice(agent, offline_reason))
    return chain


def first_model(choices: list[ModelChoice]) -> ModelChoice | None:
    """The model an agent will try first, or None when it runs offline."""
    return next((c for c in choices if not c.offline), None)
