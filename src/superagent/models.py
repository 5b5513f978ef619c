"""Data passed between the agents. Behaviour lives in the agents; these are plain values."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from superagent.agents.step_models import Instruction
from superagent.healing.fingerprint import Fingerprint


def utcnow() -> datetime:
    return datetime.now(UTC)


# Each agent's role (code name, task queue) and the persona it is shown as.
PERSONAS: dict[str, str] = {
    "router": "Kaya",
    "writer": "Scribe",
    "critic": "Critic",
    "runner": "Runner",
    "validator": "Gemini",
    "medic": "Medic",
}


class Intent(StrEnum):
    CREATE_TEST = "create_test"
    RUN_TESTS = "run_tests"
    VALIDATE = "validate"
    LINT = "lint"
    FIX = "fix"
    STATUS = "status"
    UNKNOWN = "unknown"


class FlowKind(StrEnum):
    LOGIN = "login"
    LOGIN_FAILURE = "login_failure"
    LOGOUT = "logout"
    REGISTER = "register"
    SEARCH = "search"
    CREATE_ITEM = "create_item"
    CHECKOUT = "checkout"
    NAVIGATE = "navigate"
    STEPS = "steps"  # spelled out step by step (or in Gherkin) rather than named
    VIEW_RECORD = "view_record"
    EDIT_RECORD = "edit_record"
    DELETE_RECORD = "delete_record"
    FILTER = "filter"
    SORT = "sort"
    PAGINATE = "paginate"
    UPLOAD = "upload"
    TOGGLE_SETTING = "toggle_setting"
    WIZARD = "wizard"
    RECORD_ACTION = "record_action"  # close, archive, approve, publish ... one record


class CredentialsSpec(BaseModel):
    """Where a test's credentials come from. Never holds a secret value."""

    username: str | None = None
    username_env: str | None = None
    password_env: str | None = None


class Request(BaseModel):
    """A user's request as Kaya understood it."""

    text: str
    intent: Intent
    url: str | None = None
    flow: FlowKind | None = None
    # what the flow is about: the page to navigate to, the search term, the record's noun ("issue"), the column to
    # sort or filter by, the setting to flip, the thing to upload
    target: str | None = None
    # the records a list flow works on, when the target is something else: "books" in "sort the books by year"
    subject: str | None = None
    credentials: CredentialsSpec = Field(default_factory=CredentialsSpec)
    paths: list[str] = Field(default_factory=list)
    complexity: int = 0
    complexity_factors: list[str] = Field(default_factory=list)
    tier: Literal["easy", "hard"] = "easy"
    critical: bool = False
    budget_usd: float = 0.50
    steps: list[Instruction] = Field(default_factory=list)  # FlowKind.STEPS: what to do and check, in order
    name: str | None = None  # FlowKind.STEPS: the test's title (a scenario's name, a header before the steps)
    examples: list[dict[str, str]] = Field(default_factory=list)  # a Scenario Outline's rows, "{col}" in steps

    @property
    def label(self) -> str:
        """How the flow is named in tables and events, e.g. ``login``, ``navigate:About`` or ``steps:add_book``."""
        name = self.flow.value if self.flow else "flow"
        if self.flow is FlowKind.STEPS:
            return f"{name}:{self.target or 'steps'}"
        return f"{name}:{self.target}" if self.flow is FlowKind.NAVIGATE and self.target else name


class Step(BaseModel):
    """One action of a planned flow, with the locator code that reaches its element."""

    # "dismiss": an overlay (cookie banner) the test clears whenever it shows up, via add_locator_handler
    # "press" without a locator is a key pressed on the page; "reload" reloads the page
    action: Literal[
        "goto", "click", "fill", "check", "uncheck", "select", "press", "hover", "upload", "wait", "dismiss", "reload"
    ]
    locator: str | None = None  # Python expression on `page`, e.g. page.get_by_role("button", name="Save")
    value: str | None = None  # literal value typed or selected
    value_expr: str | None = None  # Python expression for the value, e.g. credentials.password
    description: str = ""
    fingerprint: Fingerprint | None = None
    alternatives: list[str] = Field(default_factory=list)  # other verified-unique locators, best first
    page: str | None = None  # the path the page was at when the step ran


class Assertion(BaseModel):
    """An `expect` on an outcome Scribe observed after performing the flow."""

    code: str
    description: str = ""
    fingerprint: Fingerprint | None = None
    after_step: int | None = None  # written after this many of the plan's steps; None: after all of them


class SidecarStep(BaseModel):
    """One recorded action of a generated test: the locator it uses, and the element it reached when written."""

    locator: str
    action: str = "click"
    page: str | None = None  # the path the page was at
    fingerprint: Fingerprint | None = None


class Sidecar(BaseModel):
    """``test_x.fingerprints.json`` beside a generated test: what Medic compares against when the app changes."""

    test: str = ""
    base_url: str = ""
    flow: str = ""
    steps: list[SidecarStep] = Field(default_factory=list)


class Plan(BaseModel):
    flow: FlowKind
    title: str
    start_path: str = "/"
    steps: list[Step] = Field(default_factory=list)
    assertions: list[Assertion] = Field(default_factory=list)
    uses_credentials: bool = False
    data: dict[str, str] = Field(default_factory=dict)
    examples: list[dict[str, str]] = Field(default_factory=list)  # parametrize rows, keyed by parameter name
    uploads: dict[str, str] = Field(default_factory=dict)  # file name in the test's files/ folder -> source path


class TestCase(BaseModel):
    """A generated test file."""

    __test__ = False  # not a pytest class

    flow: FlowKind
    name: str
    path: str
    code: str
    plan: Plan
    base_url: str


class FlowNotFound(BaseModel):
    """Scribe's honest answer when the page has no such flow."""

    flow: FlowKind
    reason: str
    seen: list[str] = Field(default_factory=list)


class Finding(BaseModel):
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str


class Critique(BaseModel):
    path: str
    findings: list[Finding] = Field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.findings


class FailureKind(StrEnum):
    SELECTOR_NOT_FOUND = "selector_not_found"
    STRICT_MODE = "strict_mode_violation"
    TIMEOUT = "timeout"
    ASSERTION = "assertion"
    NAVIGATION = "navigation"
    TEST_CODE = "test_code_error"


class Failure(BaseModel):
    kind: FailureKind
    message: str
    locator: str | None = None
    line: int | None = None  # where in the test file it failed


class TestResult(BaseModel):
    __test__ = False

    nodeid: str
    outcome: Literal["passed", "failed", "error", "skipped"]
    file: str | None = None  # absolute path of the test file
    duration_ms: float = 0.0
    browser_launched: bool = False
    failure: Failure | None = None
    screenshots: list[str] = Field(default_factory=list)
    trace: str | None = None
    console_errors: list[str] = Field(default_factory=list)
    page_errors: list[str] = Field(default_factory=list)
    failed_requests: list[str] = Field(default_factory=list)
    blocked_requests: list[str] = Field(default_factory=list)  # requests to origins the tests may not reach
    inventory: str | None = None  # JSON of the page's elements at the moment of failure
    page_url: str | None = None
    locators: list[dict[str, Any]] = Field(default_factory=list)  # {line, code, fingerprint} per action


class RunReport(BaseModel):
    run_id: str
    exit_code: int
    wall_ms: float
    results: list[TestResult] = Field(default_factory=list)
    output: str = ""
    artifacts_dir: str = ""

    def for_file(self, path: str) -> list[TestResult]:
        """Results of the tests in one file, matched on the absolute path pytest reported.

        Purely lexical (a relative path matches as a suffix), never through the working directory or the file
        system: workflow code calls this, and it must decide the same way on every worker that replays it.
        """
        target = os.path.normpath(path)

        def same(file: str) -> bool:
            file = os.path.normpath(file)
            return file == target if os.path.isabs(target) else file.endswith(os.sep + target)

        return [r for r in self.results if r.file and same(r.file)]


class Verdict(BaseModel):
    test_id: str
    passed: bool
    checks: dict[str, bool] = Field(default_factory=dict)
    reasons: list[str] = Field(default_factory=list)
    execution_time_ms: float = 0.0
    console_errors: list[str] = Field(default_factory=list)
    network_failures: list[str] = Field(default_factory=list)
    blocked_requests: list[str] = Field(default_factory=list)


class PatchKind(StrEnum):
    LOCATOR = "locator"
    TIMING = "timing"
    EXPECTATION = "expectation"  # only ever offered to a person


class Edit(BaseModel):
    """Replace ``old`` with ``new`` on one line of a test file (1-based)."""

    line: int
    old: str
    new: str


class Patch(BaseModel):
    """A change Medic proposes for one failing test; applied only once proven."""

    kind: PatchKind
    edits: list[Edit]
    rationale: str
    score: float | None = None
    runner_up: float | None = None
    replaces: dict[str, str] = Field(default_factory=dict)  # old locator code -> new locator code
    fingerprints: dict[str, Fingerprint] = Field(default_factory=dict)  # new locator code -> its element


class Attempt(BaseModel):
    """One tried patch and what became of it."""

    patch: Patch
    outcome: Literal["proven", "critic_rejected", "failed", "flaky", "regression", "progress"]
    detail: str = ""


ReviewStatus = Literal["open", "resolved", "rejected"]


class ReviewItem(BaseModel):
    """A failing test handed to a person, with everything needed to decide."""

    id: str
    test_file: str
    test_id: str
    base_url: str | None = None
    reason: str
    failure: Failure | None = None
    flow: str | None = None
    critical: bool = False
    attempts: list[Attempt] = Field(default_factory=list)
    suggestion: Patch | None = None  # e.g. a new expected value, applied only by a person
    screenshots: list[str] = Field(default_factory=list)
    trace: str | None = None
    console_errors: list[str] = Field(default_factory=list)
    network_failures: list[str] = Field(default_factory=list)
    output: str = ""
    status: ReviewStatus = "open"
    note: str | None = None
    job_id: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None
