"""Scribe, the writer: explores the live app, performs the requested flow, and writes a test that asserts on
what actually happened. Offline and deterministic; grounded only in the page."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from typing import Any

from superagent.agents.writer_assert import AssertionBuilder
from superagent.agents.writer_codegen import render, test_name, title
from superagent.agents.writer_explore import Explorer, NoUniqueLocator
from superagent.agents.writer_flows import PLANNERS, FlowPlanner, FlowUnavailable
from superagent.agents.writer_steps import StepsPlanner
from superagent.atomic import write_atomic
from superagent.errors import AppUnreachableError
from superagent.healing.sidecar import sidecar_path, write_sidecar
from superagent.models import Critique, FlowKind, FlowNotFound, Plan, Request, Sidecar, SidecarStep, TestCase
from superagent.testkit.credentials import Credentials
from superagent.urls import app_base

log = logging.getLogger(__name__)


def test_path(tests_dir: Path, flow: FlowKind, target: str | None = None) -> Path:
    stem = flow.value
    if flow in (FlowKind.NAVIGATE, FlowKind.STEPS, FlowKind.RECORD_ACTION) and target:
        stem = f"{flow.value}_" + re.sub(r"[^a-z0-9]+", "_", target.lower()).strip("_")
    return tests_dir / f"test_{stem}.py"


async def write_test(
    request: Request,
    *,
    browser: Any,
    tests_dir: Path,
    credentials: Credentials | None = None,
    timeout_ms: float = 5000,
) -> TestCase | FlowNotFound:
    """Explore ``request.url`` in a fresh browser context and write the test for ``request.flow``."""
    assert request.url and request.flow, "the router fills url and flow for create_test"
    base_url = app_base(request.url)
    context = await browser.new_context(base_url=base_url)
    context.set_default_timeout(timeout_ms)
    page = await context.new_page()
    explorer = Explorer(page, base_url)
    planner = FlowPlanner(explorer, credentials, request.target, subject=request.subject)
    try:
        if request.flow is FlowKind.STEPS:
            return await _write_steps(request, planner, tests_dir, base_url)
        try:
            outcome = await PLANNERS[request.flow](planner)
        except (FlowUnavailable, NoUniqueLocator) as exc:
            return FlowNotFound(flow=request.flow, reason=str(exc), seen=_seen(explorer))
        except Exception as exc:
            if "net::ERR_" in str(exc):
                raise AppUnreachableError(f"cannot open {request.url!r}: {str(exc).splitlines()[0]}") from None
            raise
        assertions = list(outcome.assertions)
        if not outcome.complete:
            builder = AssertionBuilder(page, outcome.dynamic)
            observed = await builder.build(outcome.before, outcome.after, want_negative=outcome.negative)
            assertions = observed + [a for a in assertions if a.code not in {o.code for o in observed}]
        if not assertions:
            return FlowNotFound(
                flow=request.flow,
                reason="the flow ran but nothing observable changed on the page, so there is nothing to assert",
                seen=_seen(explorer),
            )
        data = dict(outcome.data)
        if request.target:
            data["target"] = request.target
        data |= _account(request, planner)
        plan = Plan(
            flow=request.flow,
            title="",
            steps=explorer.steps,
            assertions=assertions,
            uses_credentials=planner.used_credentials,
            data=data,
        )
        plan.title = title(plan)
        return _case(plan, request.flow, tests_dir, base_url, request.target)
    finally:
        await context.close()


async def _write_steps(
    request: Request, planner: FlowPlanner, tests_dir: Path, base_url: str
) -> TestCase | FlowNotFound:
    """Perform the spelled-out steps one by one; a step that cannot be done or does not hold ends the job with
    what was looked for and what the page offered."""
    explorer = planner.x
    steps = StepsPlanner(planner, request, base_url)
    try:
        outcome = await steps.run()
    except (FlowUnavailable, NoUniqueLocator) as exc:
        return FlowNotFound(flow=FlowKind.STEPS, reason=str(exc), seen=_seen(explorer))
    except Exception as exc:
        if "net::ERR_" in str(exc):
            raise AppUnreachableError(f"cannot open {request.url!r}: {str(exc).splitlines()[0]}") from None
        raise
    assertions = outcome.assertions
    if not assertions and outcome.last is not None:  # nothing asked to be checked: what the last step changed
        before, after = outcome.last
        assertions = await AssertionBuilder(explorer.page).build(before, after)
    if not assertions:
        return FlowNotFound(
            flow=FlowKind.STEPS,
            reason="the steps ran but say nothing to check and nothing observable changed: add an expectation, "
            "e.g. expect 'Saved'",
            seen=_seen(explorer),
        )
    data = {**outcome.data, "target": request.target or "steps"}
    if request.name:
        data["name"] = request.name
    data["summary"] = ", ".join(ins.source for ins in request.steps)
    data |= _account(request, planner)
    plan = Plan(
        flow=FlowKind.STEPS,
        title="",
        steps=explorer.steps,
        assertions=assertions,
        uses_credentials=planner.used_credentials,
        data=data,
        examples=outcome.examples,
        uploads=outcome.uploads,
    )
    plan.title = title(plan)
    return _case(plan, FlowKind.STEPS, tests_dir, base_url, request.target)


def _account(request: Request, planner: FlowPlanner) -> dict[str, str]:
    """The account's name and its password variable's name (never the password), for the docstring's "Run it
    with" line, when the test signs in."""
    if not (planner.used_credentials and planner.credentials is not None):
        return {}
    return {
        "account_username": planner.credentials.username,
        "account_password_env": request.credentials.password_env or "SUPERAGENT_PASSWORD",
    }


def _case(plan: Plan, flow: FlowKind, tests_dir: Path, base_url: str, target: str | None) -> TestCase:
    path = test_path(tests_dir, flow, target)
    code = render(plan, base_url=base_url, filename=str(path), sidecar=sidecar_path(path).name)
    return TestCase(flow=flow, name=test_name(plan), path=str(path), code=code, plan=plan, base_url=base_url)


def _seen(explorer: Explorer) -> list[str]:
    seen = [f"at {explorer.path()!r}"]
    seen += [el.describe() for el in explorer.elements if el.fingerprint.role][:25]
    return seen


def revise(case: TestCase, critique: Critique) -> TestCase | None:
    """Answer the Critic: swap each flagged step's locator for its next verified alternative.

    Returns None when no flagged line can be changed that way (the rejection then stands)."""
    lines = case.code.split("\n")  # the AST's line numbers: no other line breaks count
    plan = case.plan.model_copy(deep=True)
    changed = False
    for finding in critique.findings:
        if not 0 < finding.line <= len(lines):
            continue
        text = lines[finding.line - 1]
        for step in plan.steps:
            if step.locator and step.locator in text and step.alternatives:
                step.locator = step.alternatives.pop(0)
                changed = True
                break
    if not changed:
        return None
    return _case(plan, case.flow, Path(case.path).parent, case.base_url, plan.data.get("target"))


def save(case: TestCase) -> Path:
    """Write the test and its fingerprint sidecar (what Medic compares against when the app changes)."""
    path = write_atomic(case.path, case.code)
    for name, source in case.plan.uploads.items():  # files a steps test uploads, read from beside it
        (path.parent / "files").mkdir(exist_ok=True)
        shutil.copyfile(source, path.parent / "files" / name)
    sidecar = Sidecar(
        test=case.name,
        base_url=case.base_url,
        flow=case.flow.value,
        steps=[
            SidecarStep(locator=s.locator, action=s.action, page=s.page, fingerprint=s.fingerprint)
            for s in case.plan.steps
            if s.locator
        ],
    )
    write_sidecar(path, sidecar)
    return path
