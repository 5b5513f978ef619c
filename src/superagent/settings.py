"""Configuration from env (prefix ``SUPERAGENT_``), a ``.env`` file, and secret files."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SUPERAGENT_",
        env_file=".env",
        extra="ignore",
        secrets_dir=None,
    )

    tests_dir: Path = Field(Path("superagent-tests"), description="where generated tests are written")
    artifacts_dir: Path = Field(Path("artifacts"), description="screenshots, traces, results, reports")
    state_dir: Path = Field(Path(".superagent"), description="state store and local data")
    chromium_path: Path | None = Field(None, description="Chromium executable; discovered when unset")
    headless: bool = True
    budget_per_feature: float = 0.50
    budget_critical: float = 3.00
    model: str | None = Field(None, description="provider:model for every agent, or local (offline); --model")
    critic_retries: int = 2
    action_timeout_ms: int = 5000
    run_timeout_s: float = 600.0
    max_execution_ms: float = 45000.0
    runner_workers: int = Field(0, description="pytest-xdist workers per batch; 0 picks by batch size and cores")
    # orchestration
    executor: Literal["temporal", "inline"] = Field(
        "temporal", description="temporal: durable workflows (a local dev server unless temporal_address is set)"
    )
    temporal_address: str | None = Field(None, description="host:port of a Temporal server; unset starts a local one")
    temporal_namespace: str = "default"
    task_queue_prefix: str = Field("superagent-", description="task queues are <prefix><agent>")
    heartbeat_timeout_s: float = Field(30.0, description="a silent runner/validator activity is retried after this")
    activity_attempts: int = Field(3, description="tries of an activity that fails for infrastructure reasons")
    review_timeout_s: float = Field(7 * 24 * 3600.0, description="how long a job waits for a person's decision")
    review_on_timeout: Literal["expire", "reject"] = Field(
        "expire", description="expire: the job ends in review and the item stays open; reject: items are rejected"
    )
    # sandbox: generated tests are untrusted code
    sandbox: Literal["auto", "bubblewrap", "off"] = Field(
        "auto", description="auto/bubblewrap: every test run in bubblewrap, refusing to run without it; off: none"
    )
    bwrap_path: Path = Field(Path("bwrap"), description="the bubblewrap executable (a name on PATH or a path)")
    allowed_origins: str = Field("", description="comma-separated origins tests may reach besides the base URL's")
    secret_env_allowlist: str = Field(
        "*PASSWORD*,SUPERAGENT_*", description="comma-separated patterns a password variable's name must match"
    )
    username: str | None = None
    password: SecretStr | None = None

    @property
    def state_db(self) -> Path:
        return self.state_dir / "state.db"
