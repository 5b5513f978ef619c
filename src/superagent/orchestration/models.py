"""What crosses Temporal: workflow input and output, activity inputs. Never secrets, never screenshots or traces
(results carry their paths in the artifact store, not their bytes)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from superagent.agents.medic import Diagnosis
from superagent.llm.brains import Allowance, ModelUse
from superagent.models import Critique, FlowNotFound, Patch, Request, ReviewItem, TestCase, TestResult, Verdict
from superagent.pipeline import JobReport

AGENTS = ("router", "writer", "critic", "runner", "validator", "medic")
Phase = Literal["starting", "running", "in_review", "done"]
SECRET_MARKERS = ("PASSWORD", "SECRET", "TOKEN", "API_KEY")


def without_secrets(env: dict[str, str]) -> dict[str, str]:
    """Drop values that may be secrets: workers read those from their own environment, never from history.

    Names of variables (``SUPERAGENT_PASSWORD_ENV=APP_PASSWORD``) are kept; their values are not secrets.
    """
    return {k: v for k, v in env.items() if k.endswith("_ENV") or not any(m in k.upper() for m in SECRET_MARKERS)}


class Policy(BaseModel):
    """Timeouts and retries for the workflow's activities, decided by the client's settings."""

    task_queue_prefix: str = "superagent-"
    attempts: int = 3
    heartbeat_timeout_s: float = 30.0
    run_timeout_s: float = 600.0
    review_timeout_s: float = 7 * 24 * 3600.0
    review_on_timeout: Literal["expire", "reject"] = "expire"

    def queue(self, agent: str) -> str:
        return f"{self.task_queue_prefix}{agent}"


class JobSpec(BaseModel):
    """One job: write tests for ``requests`` (or route ``text`` first), or check existing ``paths``."""

    job_id: str
    kind: Literal["create", "check"]
    title: str
    text: str | None = None  # routed by Kaya inside the workflow when ``requests`` is empty
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
    # models: the job's budget lives in the workflow; each agent call gets a share and reports its spend
    budget_usd: float = 0.50
    tier: Literal["easy", "hard"] = "easy"
    critical: bool = False
    model: str | None = None


class JobOutcome(BaseModel):
    job_id: str
    status: str
    summary: str
    report: JobReport
    report_path: str = ""


class Progress(BaseModel):
    """What the ``progress`` query answers: the phase, events after a given count, the outcome once known."""

    phase: Phase
    events: list[dict[str, object]] = Field(default_factory=list)
    outcome: JobOutcome | None = None
    open_reviews: list[str] = Field(default_factory=list)


class RouteInput(BaseModel):
    text: str
    url: str | None = None
    username: str | None = None
    password_env: str | None = None


class WriteInput(BaseModel):
    job_id: str
    request: Request
    username: str | None = None
    password_env: str | None = None
    allowance: Allowance | None = None


class Written(BaseModel):
    case: TestCase | None = None
    not_found: FlowNotFound | None = None
    use: ModelUse | None = None


class CritiqueInput(BaseModel):
    case: TestCase
    allowance: Allowance | None = None


class Critiqued(BaseModel):
    critique: Critique
    use: ModelUse | None = None


class ReviseInput(BaseModel):
    case: TestCase
    critique: Critique


class Revised(BaseModel):
    case: TestCase | None = None


class LintInput(BaseModel):
    path: str
    source: str


class RunInput(BaseModel):
    job_id: str
    run_no: int
    paths: list[str]
    base_url: str | None = None
    runner_env: dict[str, str] = Field(default_factory=dict)
    staged: list[str] = Field(default_factory=list)


class DiagnoseInput(BaseModel):
    test_file: str
    source: str
    result: TestResult
    allowance: Allowance | None = None


class Diagnosed(BaseModel):
    diagnosis: Diagnosis
    use: ModelUse | None = None


class JudgeInput(BaseModel):
    result: TestResult
    allowance: Allowance | None = None


class Judged(BaseModel):
    verdict: Verdict
    use: ModelUse | None = None


class StageInput(BaseModel):
    test_file: str
    source: str


class CommitInput(BaseModel):
    test_file: str
    source: str
    patches: list[Patch] = Field(default_factory=list)


class ReviewInput(BaseModel):
    job_id: str
    item: ReviewItem


class JobRecord(BaseModel):
    """Open or close the job's row in the state store (idempotent: a retried call changes nothing twice)."""

    spec: JobSpec
    outcome: JobOutcome | None = None
    events: list[dict[str, object]] = Field(default_factory=list)
