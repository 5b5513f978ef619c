"""`superagent demo run`: the whole story on the bundled shop.

Act 1: a test for every flow of v1 is written, checked, run and validated.
Act 2: the app changes (v2: renamed ids and test ids, a link turned into a button, reworded labels, moved and
wrapped elements, one changed message). The same tests run against it; Medic heals what is safely healable,
with proof, and sends the changed behaviour to a person.
"""

from __future__ import annotations

import os
import secrets

from rich.console import Console
from rich.rule import Rule

from superagent.agents.router import route
from superagent.browser.chromium import find_chromium
from superagent.cli import render
from superagent.cli.common import finish
from superagent.cli.run import check_model, create_report
from superagent.demo.app import create_app
from superagent.demo.server import AppServer
from superagent.errors import UsageError
from superagent.jobs import check_job
from superagent.models import FailureKind
from superagent.orchestration import devserver
from superagent.pipeline import JobReport
from superagent.services import Services

DEMO_FLOWS = [
    "write a test that a user can log in",
    "write a test that a failed log in shows an error",
    "write a test that a user can log out",
    "write a test that a visitor can register",
    "write a test that search shows matching products",
    "write a test that a user can create an item",
    "write a test that a shopper can add to cart and check out",
    "write a test that a visitor can navigate to the About page",
]


def second_act_ok(report: JobReport) -> bool:
    """Everything healable came back, and only changed behaviour (a failed assertion) went to a person."""
    for flow in report.flows:
        if flow.status == "validated":
            continue
        failure = flow.result.failure if flow.result else None
        if flow.status != "in_review" or failure is None or failure.kind is not FailureKind.ASSERTION:
            return False
    return True


async def run_demo(console: Console, services: Services, variant: str, *, second_act: bool = True) -> int:
    settings = services.settings
    if variant not in ("v1", "v2"):
        raise UsageError(f"unknown variant {variant!r}: use v1 or v2")
    find_chromium(settings.chromium_path)
    check_model(services)
    if settings.executor != "temporal" or settings.temporal_address:
        return await _acts(console, services, variant, second_act=second_act)
    async with devserver.kept(settings.state_dir, settings.temporal_namespace):  # one local server for both acts
        return await _acts(console, services, variant, second_act=second_act)


async def _acts(console: Console, services: Services, variant: str, *, second_act: bool) -> int:
    username, password = "demo", secrets.token_urlsafe(12)
    # The agents (workers) and the generated tests find the password by the variable's name, never in a payload.
    os.environ["SUPERAGENT_DEMO_PASSWORD"] = password
    env = {"SUPERAGENT_USERNAME": username, "SUPERAGENT_PASSWORD_ENV": "SUPERAGENT_DEMO_PASSWORD"}
    console.print(Rule(f"Act 1 — SuperAgent writes a test for every flow of the demo shop ({variant})"))
    with AppServer(create_app(variant, username=username, password=password)) as server:  # type: ignore[arg-type]
        console.print(f"demo app ({variant}) at {server.url}", highlight=False)
        requests = [route(text, url=server.url, username=username) for text in DEMO_FLOWS]
        outcome = await create_report(
            console, services, "demo: every flow", requests, username=username,
            password_env="SUPERAGENT_DEMO_PASSWORD", runner_env=env,
        )  # fmt: skip
    report = outcome.report
    code = finish(console, outcome, f"Act 1 — demo shop {variant}")
    if code != 0 or not second_act or variant != "v1":
        return code
    console.print(Rule("Act 2 — the app changed (v2): Medic heals what it safely can, a person gets the rest"))
    tests = [f.test_file for f in report.flows if f.test_file]
    with AppServer(create_app("v2", username=username, password=password)) as server:
        console.print(f"demo app (v2) at {server.url}", highlight=False)
        healing = await check_job(
            services, tests, server.url, judge=True, heal=True, runner_env=env, on_event=render.EventLog(console)
        )
    healed = healing.report
    finish(console, healing, "Act 2 — the same tests against v2")
    fixed = sum(f.healed for f in healed.flows)
    review = [f for f in healed.flows if f.status == "in_review"]
    render.plain(
        console,
        f"the app changed → Medic healed {fixed} test(s) with proof, {len(review)} for review"
        + "".join(f"\n  {f.test_file}: review {f.review_id} — {f.reason}" for f in review),
    )
    return 0 if second_act_ok(healed) else 1
