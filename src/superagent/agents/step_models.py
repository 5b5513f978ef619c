"""Steps a user spelled out, as plain data: what to do or check, on which element, with which value."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ACTION_VERBS = (
    "goto", "click", "fill", "select", "check", "uncheck", "upload", "hover", "press", "login", "logout", "wait_for",
    "reload",
)  # fmt: skip
EXPECT_VERBS = (
    "text", "visible", "hidden", "enabled", "disabled", "checked", "unchecked",
    "url_contains", "url_ends", "title", "heading", "value", "count", "first_row",
)  # fmt: skip

SCOPE_KINDS = ("row", "item", "dialog", "form", "header", "footer", "navigation", "sidebar", "menu", "table", "main")
UNIQUE = "{unique}"  # stands for a value generated afresh on every run


class Instruction(BaseModel):
    """One step: an action to perform or an expectation to check, as the user named things."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["action", "expect"]
    verb: str
    target: str | None = None  # the element or page, cleaned: "the Save button" -> "Save"
    value: str | None = None  # what to type, select, upload, press or expect; may hold UNIQUE
    roles: list[str] = Field(default_factory=list)  # ARIA roles the target is likely to have, best first
    count: int | None = None
    negated: bool = False
    # Where on the page to look, from a trailing "in the dialog", "in the row for Milk", "in the header":
    # "KIND" or "KIND:NAME" with KIND one of SCOPE_KINDS ("dialog", "row:Milk", "form:New issue")
    within: str | None = None
    source: str  # the phrase this came from, verbatim, for error messages


class StepScript(BaseModel):
    """The steps of one test, in order."""

    model_config = ConfigDict(frozen=True)

    instructions: list[Instruction]
    name: str | None = None
