"""What crosses Temporal: workflow input and output, activity inputs. Never secrets, never screenshots or traces
(results carry their paths in the artifact store, not their bytes)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from superagent.agents.medic import Diagnosis
from superagent.job_models import JobOutcome
from superagent.llm.brains import Allowance, ModelUse
from superagent.models import Critique, FlowNotFound, Patch, Request, ReviewItem, TestCase, TestResult, Verdict

AGENTS = ("router", "writer", "critic", "runner", "validator", "medic")
Phase = Literal["starting", "running", "in_review", "done"]


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
    job_id: str = ""  # names the staged copy, so jobs healing the same test never share one


class CommitInput(BaseModel):
    test_file: str
    source: str
    patches: list[Patch] = Field(default_factory=list)
    expected: str | None = None  # what the file held when Medic read it; None: a person's decision, no check


class ReviewInput(BaseModel):
    job_id: str
    item: ReviewItem
