"""pydantic-ai model objects from a ModelChoice. Vendor SDKs are imported here, lazily, and nowhere else.

``http_client`` (an ``httpx2.AsyncClient``, the HTTP library pydantic-ai 2 and the SDKs use) lets tests plug an
``httpx2.MockTransport`` that answers with recorded provider responses.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from superagent.errors import LLMConfigError, MissingKeyError
from superagent.llm.config import KEY_ENVS, provider_key
from superagent.llm.routing import ModelChoice

if TYPE_CHECKING:
    from pydantic_ai.models import Model

# OpenAI's SDK insists on a key; a local OpenAI-compatible server ignores it.
LOCAL_PLACEHOLDER_KEY = "not-needed-for-a-local-server"


def key_env(provider: str) -> str:
    """The env variable that holds ``provider``'s key (the first, where several work)."""
    return KEY_ENVS.get(provider, ("",))[0]


def _missing(choice: ModelChoice) -> MissingKeyError:
    names = " or ".join(KEY_ENVS.get(choice.provider, ()))
    return MissingKeyError(f"{choice.ref}: {names} is not set (nor a *_FILE or /run/secrets file for it)")


def _openai(choice: ModelChoice, env: Mapping[str, str], http_client: Any) -> Model:
    base_url = env.get("OPENAI_BASE_URL") or None
    api_key = provider_key("openai", env) or (LOCAL_PLACEHOLDER_KEY if base_url else None)
    if api_key is None:
        raise _missing(choice)
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.openai import OpenAIProvider

    provider = OpenAIProvider(base_url=base_url, api_key=api_key, http_client=http_client)
    return OpenAIChatModel(choice.model or "", provider=provider)


def _anthropic(choice: ModelChoice, env: Mapping[str, str], http_client: Any) -> Model:
    api_key = provider_key("anthropic", env)
    if api_key is None:
        raise _missing(choice)
    from pydantic_ai.models.anthropic import AnthropicModel
    from pydantic_ai.providers.anthropic import AnthropicProvider

    return AnthropicModel(choice.model or "", provider=AnthropicProvider(api_key=api_key, http_client=http_client))


def _google(choice: ModelChoice, env: Mapping[str, str], http_client: Any) -> Model:
    api_key = provider_key("google-gla", env)
    if api_key is None:
        raise _missing(choice)
    from pydantic_ai.models.google import GoogleModel
    from pydantic_ai.providers.google import GoogleProvider

    return GoogleModel(choice.model or "", provider=GoogleProvider(api_key=api_key, http_client=http_client))


_BUILDERS = {"openai": _openai, "anthropic": _anthropic, "google-gla": _google}


def build_model(choice: ModelChoice, *, env: Mapping[str, str] | None = None, http_client: Any = None) -> Model:
    """The pydantic-ai model for ``choice``: its ready ``instance`` if it carries one, else a provider model.

    Raises MissingKeyError when the provider's key is not in ``env`` (OPENAI_BASE_URL alone is enough for openai).
    """
    if choice.instance is not None:
        model: Model = choice.instance
        return model
    builder = _BUILDERS.get(choice.provider)
    if builder is None:
        raise LLMConfigError(f"cannot build a model for {choice.ref!r}: unknown provider {choice.provider!r}")
    return builder(choice, os.environ if env is None else env, http_client)


def describe_endpoint(choice: ModelChoice, env: Mapping[str, str]) -> str:
    """Where calls for ``choice`` go, for messages: the local base URL for openai when one is set."""
    if choice.provider == "openai" and env.get("OPENAI_BASE_URL"):
        return f" at {env['OPENAI_BASE_URL']}"
    return ""
