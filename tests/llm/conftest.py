"""Every LLM test starts with no provider keys, no SUPERAGENT_ settings and no superagent.toml in reach."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from superagent.llm import RetryPolicy

PROVIDER_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY")


@pytest.fixture(autouse=True)
def _clean_llm_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name in PROVIDER_ENV or name.startswith("SUPERAGENT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def fast() -> RetryPolicy:
    """Retries without waiting, so retry tests take milliseconds."""
    return RetryPolicy(attempts=3, wait_initial_s=0, wait_max_s=0, output_retries=1, timeout_s=5)
