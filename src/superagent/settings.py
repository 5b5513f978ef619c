"""Configuration from env (prefix ``SUPERAGENT_``), a ``.env`` file, and secret files.

Every number is bounded and finite: a setting that would poison a job (``nan`` serialised as ``null`` in a
workflow's history, a negative budget) is refused when the settings are read, before any work starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DAY_S = 24 * 3600.0
# Names a job may give as the variable that holds its password: the worker types that variable's value into a
# form on a page the job chose, so a job must never be able to name an API key or a token.
DEFAULT_PASSWORD_ENV_ALLOWLIST = ("*PASSWORD*", "*PASS*")


def _money(default: float, description: str) -> float:
    return Field(default, ge=0, le=10_000, allow_inf_nan=False, description=description)


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
    budget_per_feature: float = _money(0.50, "US dollars a feature's model calls may spend")
    budget_critical: float = _money(3.00, "US dollars a critical feature's model calls may spend")
    model: str | None = Field(None, description="provider:model for every agent, or local (offline); --model")
    critic_retries: int = Field(2, ge=0, le=10)
    action_timeout_ms: int = Field(5000, ge=100, le=600_000)
    run_timeout_s: float = Field(600.0, gt=0, le=DAY_S, allow_inf_nan=False)
    max_execution_ms: float = Field(45000.0, gt=0, le=DAY_S * 1000, allow_inf_nan=False)
    runner_workers: int = Field(
        0, ge=0, le=64, description="pytest-xdist workers per batch; 0 picks by batch size and cores"
    )
    # orchestration
    executor: Literal["temporal", "inline"] = Field(
        "temporal", description="temporal: durable workflows (a local dev server unless temporal_address is set)"
    )
    temporal_address: str | None = Field(None, description="host:port of a Temporal server; unset starts a local one")
    temporal_namespace: str = Field("default", min_length=1, max_length=255)
    temporal_tls: bool = Field(False, description="speak TLS to the Temporal server (implied by the TLS files)")
    temporal_tls_ca: Path | None = Field(None, description="PEM file of the root CA that signed the server's cert")
    temporal_tls_cert: Path | None = Field(None, description="PEM client certificate for mTLS (with the key)")
    temporal_tls_key: Path | None = Field(None, description="PEM private key of the client certificate")
    temporal_tls_server_name: str | None = Field(None, description="the name to expect on the server's cert")
    temporal_api_key: SecretStr | None = Field(None, description="API key sent to the Temporal server")
    temporal_api_key_file: Path | None = Field(None, description="file holding the API key (a mounted secret)")
    task_queue_prefix: str = Field(
        "superagent-", pattern=r"^[A-Za-z0-9._-]{0,100}$", description="task queues are <prefix><agent>"
    )
    heartbeat_timeout_s: float = Field(
        30.0, gt=0, le=3600, allow_inf_nan=False, description="a silent runner/validator activity is retried after"
    )
    activity_attempts: int = Field(3, ge=1, le=100, description="tries of an activity that fails for infrastructure")
    review_timeout_s: float = Field(
        7 * DAY_S, gt=0, le=365 * DAY_S, allow_inf_nan=False, description="how long a job waits for a person"
    )
    review_on_timeout: Literal["expire", "reject"] = Field(
        "expire", description="expire: the job ends in review and the item stays open; reject: items are rejected"
    )
    # sandbox: generated tests are untrusted code
    sandbox: Literal["auto", "bubblewrap", "off"] = Field(
        "auto", description="auto/bubblewrap: every test run in bubblewrap, refusing to run without it; off: none"
    )
    bwrap_path: Path = Field(Path("bwrap"), description="the bubblewrap executable (a name on PATH or a path)")
    allowed_origins: str = Field("", description="comma-separated origins tests may reach besides the base URL's")
    password_env_allowlist: Annotated[tuple[str, ...], NoDecode] = Field(
        DEFAULT_PASSWORD_ENV_ALLOWLIST,
        description="glob patterns of variable names a job may name as its password (API keys and tokens never)",
    )
    username: str | None = None
    password: SecretStr | None = None

    @field_validator("password_env_allowlist", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """``SUPERAGENT_PASSWORD_ENV_ALLOWLIST=APP_PASSWORD,*_PASS`` as well as a JSON list."""
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @property
    def state_db(self) -> Path:
        return self.state_dir / "state.db"
