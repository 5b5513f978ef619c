"""Scribe's model explorer: for what offline grounding could not do, a model drives the live page through tools.

The model observes (a trimmed aria snapshot with refs, fenced as untrusted data) and acts by ref (click, fill,
select, check, press, goto) or states what must now hold (expect text, heading or URL). Every action goes through
the same grounded recorder the offline writer uses (``Explorer.act``: a verified-unique locator, a recorded
``Step``) and every expectation is checked on the live page before it is kept, so **the test is generated from
what was recorded, never from code the model wrote**. Passwords never reach the model: it fills them with
``fill_password``, and the test reads them from the credentials fixture. A step cap bounds the run and the budget
reserves its worst case up front; the Critic and the rubric then judge the result like any other test.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic_ai import RunContext

from superagent.agents.writer import _case
from superagent.agents.writer_codegen import title
from superagent.agents.writer_explore import Explorer, NoUniqueLocator
from superagent.agents.writer_ground import Grounder, scope_specs
from superagent.browser.snapshot import Element
from superagent.healing.locators import py_literal
from superagent.llm.brains import Allowance, Brains, ModelUse
from superagent.llm.pricing import estimate_tokens
from superagent.llm.prompt import untrusted
from superagent.models import Assertion, FlowNotFound, Plan, Request, TestCase
from superagent.testkit.credentials import Credentials
from superagent.urls import app_base

log = logging.getLogger(__name__)

MAX_STEPS = 16
_REF = re.compile(r"(?:f\d{1,4})?e\d{1,5}")  # after a page load, Playwright numbers refs per document: f1e3
SNAPSHOT_TOKENS = 1200  # a snapshot answer stays under the per-tool growth the budget reserves for
_INTERACTIVE = re.compile(
    r"\b(button|link|textbox|searchbox|checkbox|radio|switch|combobox|option|menuitem|tab|heading|alert|status|"
    r"dialog|row|cell|listitem)\b"
)

INSTRUCTIONS = """You write one end-to-end test by driving a web app in a real browser through tools.
Call observe first and after every action that changes the page: it lists the page's elements with refs such as
e5. Act with the tools by ref; the test is recorded from your tool calls. For a log-in form use fill_username and
fill_password (you never see the password). Before finishing, state what the test must check with expect_text,
expect_heading or expect_url (each is checked on the live page), then call done. Do not repeat a failing action
more than twice; if the goal cannot be reached, call done with what blocked you."""


@dataclass
class Session:
    """What the tools act on: the explorer (the page and its recorded steps) and what has been asserted.

    A model run that starts over (a retry after a server error, the next model after one failed) gets a fresh
    page and an empty recording: the test is one run's steps, never the tail of an abandoned run on a page it left
    half-way."""

    explorer: Explorer
    credentials: Credentials | None
    fresh_page: Callable[[], Awaitable[Explorer]]
    assertions: list[Assertion] = field(default_factory=list)
    used_credentials: bool = False
    finished: str | None = None
    actions: int = 0
    run_id: str | None = None
    restarts: int = 0

    async def for_run(self, run_id: str | None) -> Session:
        if self.run_id is None:
            self.run_id = run_id
        elif run_id != self.run_id:
            log.info("the model explorer starts over on a fresh page (model run %s)", self.restarts + 2)
            self.explorer = await self.fresh_page()
            self.assertions, self.used_credentials, self.finished, self.actions = [], False, None, 0
            self.run_id, self.restarts = run_id, self.restarts + 1
        return self


async def _session(ctx: RunContext[Session]) -> Session:
    return await ctx.deps.for_run(ctx.run_id)


def trimmed_snapshot(text: str, budget_tokens: int = SNAPSHOT_TOKENS) -> str:
    """The interactive lines of an aria snapshot (refs kept), cut to fit the tokens a tool answer may add."""
    lines = [line for line in text.splitlines() if _INTERACTIVE.search(line) or ("[ref=" in line and ":" not in line)]
    kept: list[str] = []
    for line in lines:
        if estimate_tokens("\n".join([*kept, line])) > budget_tokens:
            kept.append("- (more elements not shown)")
            break
        kept.append(line)
    return "\n".join(kept)


async def _element(session: Session, ref: str) -> Element | str:
    """The inventory element behind an aria ref, or why there is none."""
    if not _REF.fullmatch(ref):
        return f"{ref!r} is not a ref from observe (they look like e12 or f2e12)"
    explorer = session.explorer
    await explorer.settle(rounds=2)
    locator = explorer.page.locator(f"aria-ref={ref}")
    try:  # evaluate_all does not see aria refs (Playwright 1.65): count, then evaluate the one element
        if await locator.count() != 1:
            return f"ref {ref} is not on the page any more; call observe again"
        index = int(await locator.evaluate("el => (window.__superagentElements || []).indexOf(el)"))
    except Exception as exc:  # a stale ref after the page changed
        return f"ref {ref} is not on the page any more ({str(exc).splitlines()[0]}); call observe again"
    found = next((el for el in explorer.elements if el.index == index), None)
    return found if found is not None else f"ref {ref} is not an element a test can act on; call observe again"


async def _act(session: Session, ref: str, action: str, **options: Any) -> str:
    found = await _element(session, ref)
    if isinstance(found, str):
        return found
    try:  # a name that repeats (the "Open" link of every row) is told apart by its surroundings, as in steps
        (chain,) = await Grounder(session.explorer).scopes([found])
        step = await session.explorer.act(found, action, scopes=scope_specs(chain), **options)
    except NoUniqueLocator as exc:
        return f"cannot {action} {found.describe()}: {exc}"
    except Exception as exc:
        return f"{action} {found.describe()} failed: {str(exc).splitlines()[0]}"
    session.actions += 1
    return f"done: {step.description}; the page is now at {session.explorer.path()!r}"


async def observe(ctx: RunContext[Session]) -> str:
    """The page's address and its elements with refs (untrusted page text)."""
    explorer = (await _session(ctx)).explorer
    await explorer.settle(rounds=3)
    snapshot = trimmed_snapshot(await explorer.page.aria_snapshot(mode="ai"))
    return f"at {explorer.path()}\n" + untrusted("aria snapshot", snapshot)


async def click(ctx: RunContext[Session], ref: str) -> str:
    """Click the element with this ref (a button, link, tab, menu item...)."""
    return await _act(await _session(ctx), ref, "click")


async def fill(ctx: RunContext[Session], ref: str, value: str) -> str:
    """Type ``value`` into the text field with this ref (not for passwords: use fill_password)."""
    return await _act(await _session(ctx), ref, "fill", value=value)


async def fill_username(ctx: RunContext[Session], ref: str) -> str:
    """Type the test account's user name into the field with this ref."""
    session = await _session(ctx)
    if session.credentials is None:
        return "no account was given for this test"
    session.used_credentials = True
    value = session.credentials.username
    return await _act(session, ref, "fill", value=value, value_expr="credentials.username")


async def fill_password(ctx: RunContext[Session], ref: str) -> str:
    """Type the test account's password (you never see it) into the password field with this ref."""
    session = await _session(ctx)
    if session.credentials is None:
        return "no account was given for this test"
    session.used_credentials = True
    value = session.credentials.password
    return await _act(session, ref, "fill", value=value, value_expr="credentials.password")


async def select(ctx: RunContext[Session], ref: str, option: str) -> str:
    """Choose the option with this label in the select box with this ref."""
    return await _act(await _session(ctx), ref, "select", value=option)


async def check(ctx: RunContext[Session], ref: str) -> str:
    """Tick the checkbox, radio button or switch with this ref."""
    return await _act(await _session(ctx), ref, "check")


async def press(ctx: RunContext[Session], ref: str, key: str) -> str:
    """Press a key (Enter, Escape, Tab...) in the element with this ref."""
    if not re.fullmatch(r"[A-Za-z0-9+]{1,30}", key):
        return f"{key!r} is not a key name such as Enter"
    return await _act(await _session(ctx), ref, "press", value=key)


async def goto(ctx: RunContext[Session], path: str) -> str:
    """Open a page of the app by its path (relative to the app, e.g. / or books/)."""
    if "://" in path or path.startswith("//") or not re.fullmatch(r"[\w./?=&%~+-]{0,200}", path):
        return "give a path inside the app, e.g. / or books/?page=2"
    explorer = (await _session(ctx)).explorer
    await explorer.goto("/" + path.lstrip("/"))
    return f"the page is now at {explorer.path()!r}"


async def _expect(session: Session, code: str, check: Any, what: str) -> str:
    try:
        await check()
    except Exception:
        return f"not true on the page now: {what}; observe, and expect what the page really shows"
    if code not in [a.code for a in session.assertions]:
        session.assertions.append(Assertion(code=code, description=what))
    return f"kept: {what}"


async def expect_text(ctx: RunContext[Session], text: str) -> str:
    """The page must show this text (checked now; kept as an assertion of the test)."""
    if not 0 < len(text) <= 120:
        return "give a short text the page shows"
    session = await _session(ctx)
    locator = session.explorer.page.get_by_text(text)
    shown = await locator.count()
    if shown > 1:
        return f"{text!r} appears {shown} times: expect a longer, more specific text"
    code = f"expect(page.get_by_text({py_literal(text)})).to_be_visible()"
    return await _expect(session, code, lambda: locator.wait_for(state="visible", timeout=2000), f"shows {text!r}")


async def expect_heading(ctx: RunContext[Session], name: str) -> str:
    """A heading with this name must be visible (checked now; kept as an assertion)."""
    session = await _session(ctx)
    locator = session.explorer.page.get_by_role("heading", name=name)
    code = f'expect(page.get_by_role("heading", name={py_literal(name)})).to_be_visible()'
    return await _expect(session, code, lambda: locator.wait_for(state="visible", timeout=2000), f"heading {name!r}")


async def expect_url(ctx: RunContext[Session], fragment: str) -> str:
    """The address must contain this fragment (e.g. /issues/12 or ?page=2); checked now, kept as an assertion."""
    if not fragment or len(fragment) > 120:
        return "give a short part of the address"
    session = await _session(ctx)
    page = session.explorer.page

    async def holds() -> None:
        if fragment not in page.url:
            raise AssertionError(page.url)

    code = f"expect(page).to_have_url(re.compile(re.escape({py_literal(fragment)})))"
    return await _expect(session, code, holds, f"address contains {fragment!r}")


async def done(ctx: RunContext[Session], summary: str) -> str:
    """Finish: say in a sentence what the test covers (or what blocked you)."""
    (await _session(ctx)).finished = summary[:300]
    return "finished"


TOOLS = (
    observe, click, fill, fill_username, fill_password, select, check, press, goto, expect_text, expect_heading,
    expect_url, done,
)  # fmt: skip


async def explore(
    brains: Brains, request: Request, allowance: Allowance, *, browser: Any, credentials: Credentials | None,
    timeout_ms: float, why_offline_failed: str = "",
) -> tuple[Plan | None, str, ModelUse | None]:  # fmt: skip
    """Let the model drive; returns the recorded plan (None when nothing testable was recorded), why, and the use."""
    assert request.url is not None and request.flow is not None
    base = app_base(request.url)
    contexts: list[Any] = []

    async def fresh_page() -> Explorer:
        """The app's start page in a new browser context (signed out, nothing stored); the last one is closed."""
        while contexts:
            await contexts.pop().close()
        context = await browser.new_context(base_url=base)
        contexts.append(context)
        context.set_default_timeout(timeout_ms)
        explorer = Explorer(await context.new_page(), base)
        await explorer.goto("/")
        return explorer

    try:
        session = Session(await fresh_page(), credentials, fresh_page)
        prompt = "Write an end-to-end test for this request:\n" + untrusted("request", request.text)
        if why_offline_failed:
            prompt += "\nSuperAgent's own explorer could not do it:\n" + untrusted("explorer note", why_offline_failed)
        outcome, use = await brains.ask(
            "writer", prompt, str, allowance, instructions=INSTRUCTIONS, tools=TOOLS, deps=session,
            max_requests=MAX_STEPS,
        )  # fmt: skip
        if outcome.status != "ok":
            return None, f"the model explorer stopped: {outcome.status} ({outcome.detail})", use
        if not session.actions or not session.assertions:
            return None, f"the model explorer recorded nothing to test: {session.finished or outcome.value}", use
        plan = Plan(
            flow=request.flow,
            title="",
            steps=session.explorer.steps,
            assertions=session.assertions,
            uses_credentials=session.used_credentials,
            data={"explored_by": use.model or "model"} | ({"target": request.target} if request.target else {}),
        )
        plan.title = title(plan)
        return plan, session.finished or "", use
    finally:
        for context in contexts:
            await context.close()


def as_not_found(request: Request, reason: str, offline: FlowNotFound) -> FlowNotFound:
    """The offline answer, with what the model explorer added to it."""
    return offline.model_copy(update={"reason": f"{offline.reason}; {reason}"}) if reason else offline


def to_case(plan: Plan, request: Request, tests_dir: Path, base_url: str) -> TestCase:
    return _case(plan, request.flow or plan.flow, tests_dir, base_url, request.target)
