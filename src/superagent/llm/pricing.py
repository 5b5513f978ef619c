"""What a model call costs: genai-prices, overridable per model ref; a conservative token estimate.

Price lookup for a ref, first match wins:
  1. an override (``SUPERAGENT_PRICES`` JSON or ``[prices."provider:model"]`` in superagent.toml);
  2. genai-prices, for the cloud providers (anthropic, openai, google-gla);
  3. $0 for an ``openai:`` model served through ``OPENAI_BASE_URL`` (a local server: Ollama, vLLM, llama.cpp)
     and for models that are not cloud providers (``test:`` models given to ``ask()`` directly);
  4. otherwise ``UnknownPriceError``: a hard budget cannot be kept for a model whose price is unknown.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from superagent.errors import UnknownPriceError
from superagent.llm.config import LLMSettings, Price

_GENAI_PROVIDER_IDS = {"anthropic": "anthropic", "openai": "openai", "google-gla": "google"}
_MTOK = Decimal(1_000_000)
# Each output retry resends the conversation: the previous answer plus a validation-error prompt.
RETRY_PROMPT_TOKENS = 512
# Chat framing, tool-call wrapping and role markers a provider adds around the text we send.
MESSAGE_OVERHEAD_TOKENS = 64


def estimate_tokens(*texts: str) -> int:
    """A conservative token count without a tokenizer: ASCII at 3 characters a token, anything else a token a byte.

    Tokenizers average ~4 ASCII characters a token; byte-level BPE never uses more tokens than UTF-8 bytes.
    """
    total = 0
    for text in texts:
        ascii_chars = sum(1 for ch in text if ch < "\x80")
        other_bytes = len(text.encode("utf-8")) - ascii_chars
        total += math.ceil(ascii_chars / 3) + other_bytes
    return total + MESSAGE_OVERHEAD_TOKENS


def _genai_per_token(provider_id: str, model: str, input_tokens: int, output_tokens: int) -> Decimal | None:
    from genai_prices import Usage, calc_price

    try:
        usage = Usage(input_tokens=input_tokens, output_tokens=output_tokens)
        result = calc_price(usage, model, provider_id=provider_id)
    except LookupError:
        return None
    return Decimal(result.total_price)


def _price_hint(ref: str) -> str:
    example = json.dumps({ref: {"input_per_mtok": 1.0, "output_per_mtok": 2.0}})
    return f"SUPERAGENT_PRICES='{example}' or [prices.\"{ref}\"] in superagent.toml"


@dataclass(frozen=True)
class PriceBook:
    """Prices of model refs. ``local_openai``: ``openai:`` refs go to OPENAI_BASE_URL, so unknown ones cost $0."""

    overrides: Mapping[str, Price] = field(default_factory=dict)
    local_openai: bool = False

    @classmethod
    def from_settings(cls, settings: LLMSettings, env: Mapping[str, str] | None = None) -> PriceBook:
        env = os.environ if env is None else env
        return cls(overrides=dict(settings.prices), local_openai=bool(env.get("OPENAI_BASE_URL")))

    def cost(self, ref: str, input_tokens: int, output_tokens: int) -> Decimal:
        """Exact USD for a call of ``ref`` that used these tokens."""
        if override := self.overrides.get(ref):
            per_in = Decimal(str(override.input_per_mtok))
            per_out = Decimal(str(override.output_per_mtok))
            return (per_in * input_tokens + per_out * output_tokens) / _MTOK
        provider, _, model = ref.partition(":")
        provider_id = _GENAI_PROVIDER_IDS.get(provider)
        if provider_id is None:
            return Decimal(0)
        price = _genai_per_token(provider_id, model, max(0, input_tokens), max(0, output_tokens))
        if price is not None:
            return price
        if provider == "openai" and self.local_openai:
            return Decimal(0)
        raise UnknownPriceError(f"no price known for {ref!r}: set {_price_hint(ref)}")

    def check(self, ref: str) -> None:
        """Raise UnknownPriceError now rather than at the first call."""
        self.cost(ref, 1, 1)

    def cost_usd(self, ref: str, input_tokens: int, output_tokens: int) -> float:
        return float(self.cost(ref, input_tokens, output_tokens))

    def worst_case_usd(
        self, ref: str, input_tokens: int, max_tokens: int, *, requests: int = 1, growth: int | None = None
    ) -> float:
        """The most ``requests`` requests can cost when each answers with ``max_tokens`` and each next request
        resends the conversation so far: the previous answer and ``growth`` more tokens (a retry prompt, or a
        tool's result)."""
        step = max_tokens + (RETRY_PROMPT_TOKENS if growth is None else growth)
        total = Decimal(0)
        for k in range(max(1, requests)):
            total += self.cost(ref, input_tokens + k * step, max_tokens)
        return float(total)  # float rounding is monotonic: an honest call's float cost never exceeds this


def cost_usd(ref: str, input_tokens: int, output_tokens: int, *, book: PriceBook | None = None) -> float:
    """USD for a call of ``ref`` (genai-prices unless ``book`` overrides it)."""
    return (book or PriceBook()).cost_usd(ref, input_tokens, output_tokens)


def worst_case_usd(ref: str, input_tokens: int, max_tokens: int, *, book: PriceBook | None = None) -> float:
    """USD if the call answers with all ``max_tokens``: what a budget reserves before the call."""
    return (book or PriceBook()).worst_case_usd(ref, input_tokens, max_tokens)
