"""Scribe's model explorer with a scripted model (pydantic-ai FunctionModel) driving a real page through tools:
the test is built from what was recorded, expectations are checked live, passwords never reach the model."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Any

import pytest
from apps.local_http import serve_handler
from apps.tiny_site import Reply, page, redirect, site_handler
from pydantic_ai.exceptions import ModelHTTPError
from pydantic_ai.messages import ModelMessage, ModelResponse, TextPart, ToolCallPart, ToolReturnPart
from pydantic_ai.models.function import AgentInfo, FunctionModel

from superagent.agents import critic, writer_explorer_llm
from superagent.llm.brains import Allowance, Brains, ModelUse
from superagent.llm.config import LLMSettings, RetryPolicy
from superagent.models import FlowKind, Intent, Plan, Request
from superagent.testkit.credentials import Credentials

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]
PASSWORD = "s3cret-Pa55"

LOGIN = page(
    "Portal",
    '<h1>Portal</h1><form method="post" action="/enter"><label>Member ID <input name="member"></label>'
    '<label>Passphrase <input type="password" name="phrase"></label><button>Enter</button></form>',
)


def _enter(fields: dict[str, str]) -> Reply:
    ok = fields.get("member") == "dana" and fields.get("phrase") == PASSWORD
    return redirect("/home" if ok else "/")


MEMBERS = page(
    "Members",
    "<h1>Members</h1><table><tr><th>Name</th><th></th></tr>"
    + "".join(f'<tr><td>{n}</td><td><a href="/members/{n.lower()}">Open</a></td></tr>' for n in ("Ann", "Ben", "Cy"))
    + "</table>",
)
ROUTES: dict[str, Any] = {
    "/": LOGIN,
    "/enter": _enter,
    "/home": page("Home", "<h1>Welcome back</h1>"),
    "/members": MEMBERS,
    **{f"/members/{n}": page(n.title(), f"<h1>Member {n.title()}</h1>") for n in ("ann", "ben", "cy")},
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_handler(site_handler(ROUTES)) as url:
        yield url


class Script:
    """Answers each model request with the next tool call; ``ref_of`` picks refs out of the last snapshot."""

    def __init__(self, *calls: tuple[str, dict[str, Any] | Any] | Exception) -> None:
        self.calls = list(calls)
        self.seen: list[str] = []
        self.model = FunctionModel(self._answer)

    def _answer(self, messages: list[ModelMessage], info: AgentInfo) -> ModelResponse:
        returns = [p for m in messages for p in getattr(m, "parts", []) if isinstance(p, ToolReturnPart)]
        snapshot = next((str(p.content) for p in reversed(returns) if p.tool_name == "observe"), "")
        self.seen.append("\n".join(str(p) for m in messages for p in getattr(m, "parts", [])))
        if not self.calls:
            return ModelResponse(parts=[TextPart("the log-in works")])
        call = self.calls.pop(0)
        if isinstance(call, Exception):  # the provider failing mid-run
            raise call
        name, args = call
        if callable(args):
            args = args(snapshot)
        return ModelResponse(parts=[ToolCallPart(name, args)])


def ref_of(role: str, name: str, *, after: str = "") -> Any:
    """The ref of the first element with this role and name in the last snapshot (after the text ``after``)."""

    def pick(snapshot: str) -> dict[str, str]:
        start = snapshot.find(f'"{after}"') if after else 0
        match = re.search(rf'{role} "{re.escape(name)}"[^\n]*\[ref=((?:f\d+)?e\d+)\]', snapshot[max(start, 0) :])
        assert start >= 0 and match, snapshot
        return {"ref": match.group(1)}

    return pick


def _brains(script: Script) -> Brains:
    llm = LLMSettings(_env_file=None, retry=RetryPolicy(wait_initial_s=0, wait_max_s=0))  # type: ignore[call-arg]
    return Brains(llm=llm, models={"writer": script.model}, env={})


async def _explore(
    brains: Brains, site: str, browser: Any, credentials: Credentials | None = None, usd: float = 1.0
) -> tuple[Plan | None, str, ModelUse | None]:
    allowance = Allowance(job_id="j", step="s", usd=usd)
    return await writer_explorer_llm.explore(
        brains, _request(site), allowance, browser=browser, credentials=credentials, timeout_ms=5000
    )


def _request(url: str) -> Request:
    return Request(text="write a test that a member can enter the portal", intent=Intent.CREATE_TEST, url=url,
                   flow=FlowKind.LOGIN)  # fmt: skip


async def test_the_test_is_built_from_recorded_tool_calls(chromium_browser: Any, site: str, tmp_path: Any) -> None:
    script = Script(
        ("observe", {}),
        ("fill_username", ref_of("textbox", "Member ID")),
        ("fill_password", ref_of("textbox", "Passphrase")),
        ("click", ref_of("button", "Enter")),
        ("observe", {}),
        ("expect_text", {"text": "no such text on the page"}),
        ("expect_heading", {"name": "Welcome back"}),
        ("expect_url", {"fragment": "/home"}),
        ("done", {"summary": "a member enters with the account"}),
    )
    plan, _, use = await _explore(_brains(script), site, chromium_browser, Credentials("dana", PASSWORD))

    assert use is not None and use.status == "ok"
    assert plan is not None and plan.uses_credentials
    assert [s.action for s in plan.steps] == ["goto", "fill", "fill", "click"]
    assert [s.value_expr for s in plan.steps[1:3]] == ["credentials.username", "credentials.password"]
    assert [a.description for a in plan.assertions] == ["heading 'Welcome back'", "address contains '/home'"]
    assert all(PASSWORD not in seen for seen in script.seen), "the password reached the model"
    assert any('<data id="' in seen for seen in script.seen), "page text is fenced as data"
    case = writer_explorer_llm.to_case(plan, _request(site), tmp_path, site + "/")
    ast.parse(case.code)
    assert critic.critique_source(case.code).accepted, critic.critique_source(case.code).findings
    assert "credentials.password" in case.code and PASSWORD not in case.code


async def test_a_name_repeated_in_every_row_is_told_apart_by_its_row(chromium_browser: Any, site: str) -> None:
    script = Script(
        ("goto", {"path": "members"}),
        ("observe", {}),
        ("click", ref_of("link", "Open", after="Ben")),
        ("expect_heading", {"name": "Member Ben"}),
        ("done", {"summary": "opens Ben"}),
    )
    plan, why, _ = await _explore(_brains(script), site, chromium_browser)

    assert plan is not None, why
    click = plan.steps[-1]
    assert click.locator == 'page.get_by_role("row", name="Ben").get_by_role("link", name="Open")'
    assert [a.description for a in plan.assertions] == ["heading 'Member Ben'"]


async def test_a_run_retried_after_a_server_error_starts_over_on_a_fresh_page(chromium_browser: Any, site: str) -> None:
    enter = (
        ("observe", {}),
        ("fill_username", ref_of("textbox", "Member ID")),
        ("fill_password", ref_of("textbox", "Passphrase")),
        ("click", ref_of("button", "Enter")),
    )
    script = Script(
        *enter,
        ModelHTTPError(503, "test", body={"error": "overloaded"}),  # the whole run is tried again
        *enter,  # on the log-in page again: the first run's page, signed in, is gone
        ("expect_heading", {"name": "Welcome back"}),
        ("done", {"summary": "a member enters"}),
    )
    plan, why, use = await _explore(_brains(script), site, chromium_browser, Credentials("dana", PASSWORD))

    assert plan is not None and use is not None and use.status == "ok", why
    assert [s.action for s in plan.steps] == ["goto", "fill", "fill", "click"], "one run's steps, not both runs'"


async def test_nothing_recorded_is_not_a_test(chromium_browser: Any, site: str) -> None:
    script = Script(("observe", {}), ("click", {"ref": "e999"}), ("done", {"summary": "gave up"}))
    plan, why, _ = await _explore(_brains(script), site, chromium_browser)

    assert plan is None
    assert "recorded nothing" in why and "gave up" in why


async def test_the_step_cap_stops_a_model_that_never_finishes(chromium_browser: Any, site: str) -> None:
    script = Script(*[("observe", {})] * (writer_explorer_llm.MAX_STEPS + 5))
    plan, _, use = await _explore(_brains(script), site, chromium_browser)

    assert plan is None and use is not None and use.status != "ok"
    assert len(script.seen) <= writer_explorer_llm.MAX_STEPS


async def test_no_allowance_means_no_request(chromium_browser: Any, site: str) -> None:
    script = Script(("observe", {}))
    brains = _brains(script)
    from superagent.llm.config import Price
    from superagent.llm.pricing import PriceBook

    brains.prices = PriceBook(overrides={"test:writer": Price(input_per_mtok=100.0, output_per_mtok=100.0)})
    plan, _, use = await _explore(brains, site, chromium_browser, usd=0.0001)

    assert plan is None and use is not None and use.status == "budget_exhausted"
    assert script.seen == [], "a request was made without the budget for its worst case"
