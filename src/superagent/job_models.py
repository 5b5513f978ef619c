"""A job as data: what to do (``JobSpec``), under which retry and review policy, and what became of it
(``JobOutcome``). Both executors take the same spec; a durable one stores it in the workflow's history, so it never
holds a secret (a password travels as the *name* of the variable that holds it)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from superagent.llm.brains import BudgetPlan
from superagent.models import Request
from superagent.pipeline.calls import JobReport
from superagent.settings import Settings

SECRET_MARKERS = ("PASSWORD", "SECRET", "TOKEN", "API_KEY")


def without_secrets(env: dict[str, str]) -> dict[str, str]:
    """Drop values that may be secrets: workers read those from their own environment, never from history.

    Names of variables (``SUPERAGENT_PASSWORD_ENV=APP_PASSWORD``) are kept; their values are not secrets.
    """
    return {k: v for k, v in env.items() if k.endswith("_ENV") or not any(m in k.upper() for m in SECRET_MARKERS)}


class Policy(BaseModel):
    """Timeouts and retries for the job's agent calls, decided by the client's settings."""

    task_queue_prefix: str = "superagent-"
    attempts: int = 3
    heartbeat_timeout_s: float = 30.0
    run_timeout_s: float = 600.0
    review_timeout_s: float = 7 * 24 * 3600.0
    review_on_timeout: Literal["expire", "reject"] = "expire"

    def queue(self, agent: str) -> str:
        return f"{self.task_queue_prefix}{agent}"

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        return cls(
            task_queue_prefix=settings.task_queue_prefix,
            attempts=settings.activity_attempts,
            heartbeat_timeout_s=settings.heartbeat_timeout_s,
            run_timeout_s=settings.run_timeout_s,
            review_timeout_s=settings.review_timeout_s,
            review_on_timeout=settings.review_on_timeout,
        )


class JobSpec(BaseModel):
    """One job: write tests for ``requests`` (or route ``text`` first), or check existing ``paths``."""

    job_id: str
    kind: Literal["create", "check"]
    title: str
    text: str | None = None  # routed by Kaya inside the job when ``requests`` is empty
    url: str | None = None
    requests: list[Request] = Field(default_factory=list)
    paths: list[str] = Field(default_factory=list)
    judge: bool = True
    heal: bool = True
    dry_run: bool = False
    critic_retries: int = 2
    username: str | None = None
    password_env: str | None = None  # the variable's name; the value stays in the workers' environment
    runner_env: dict[str, str] = Field(default_factory=dict)
    policy: Policy = Field(default_factory=Policy)
    budget: BudgetPlan = Field(default_factory=BudgetPlan)  # what the job may spend on models

    @model_validator(mode="before")
    @classmethod
    def _flat_budget(cls, data: Any) -> Any:
        """Specs stored before the budget had its own model kept its fields flat; histories still hold them."""
        if isinstance(data, dict) and "budget" not in data and "budget_usd" in data:
            data = dict(data)
            data["budget"] = {
                "limit_usd": data.pop("budget_usd"),
                **{k: data.pop(k) for k in ("tier", "critical", "model") if k in data},
            }
        return data

    @property
    def flows(self) -> int:
        return max(len(self.requests), len(self.paths), 1)


class JobOutcome(BaseModel):
    job_id: str
    status: str
    summary: str
    report: JobReport
    report_path: str = ""


class JobRecord(BaseModel):
    """Open or close the job's row in the state store (idempotent: a retried call changes nothing twice)."""

    spec: JobSpec
    outcome: JobOutcome | None = None
    events: list[dict[str, object]] = Field(default_factory=list)
