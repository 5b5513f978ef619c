"""Kaya routes steps and Gherkin to a STEPS request; a Scenario Outline becomes one parametrized test."""

from __future__ import annotations

import pytest

from superagent.agents import writer_codegen
from superagent.agents.critic import critique_source
from superagent.agents.gherkin_feature import parse_feature
from superagent.agents.router import feature_requests, route, route_all
from superagent.errors import StepSyntaxError
from superagent.models import Assertion, FlowKind, Intent, Plan, Step

URL = "http://127.0.0.1:5000"


def test_steps_become_a_steps_request_with_its_instructions() -> None:
    request = route(f"log in, click New issue, fill Title with 'Crash', click Create, expect 'Issue created' on {URL}")
    assert (request.intent, request.flow, request.url) == (Intent.CREATE_TEST, FlowKind.STEPS, URL)
    assert [i.verb for i in request.steps] == ["login", "click", "fill", "click", "text"]
    assert request.label == "steps:click_new_issue_fill_title_click"
    assert "many_steps" in request.complexity_factors and "auth" in request.complexity_factors


def test_a_named_script_takes_its_name_for_the_label() -> None:
    request = route("Create an issue: click New issue, expect 'New issue'", url=URL)
    assert (request.name, request.label) == ("Create an issue", "steps:create_an_issue")


def test_named_flows_stay_named_flows() -> None:
    assert route("log in and then log out").flow is FlowKind.LOGOUT
    assert route("sign in then go to the settings page").flow is FlowKind.NAVIGATE
    assert route("log in, add a note, then log out").flow is FlowKind.LOGOUT


def test_steps_that_do_not_read_and_name_no_flow_say_which_step() -> None:
    with pytest.raises(StepSyntaxError, match="cannot read step 2 'frobnicate the widget'"):
        route("click Save, frobnicate the widget, expect 'Saved'")


def test_inline_gherkin_with_two_scenarios_gives_two_requests() -> None:
    text = """Feature: Issues
  Scenario: Open the form
    Given I am logged in
    When I click "New issue"
    Then I should see "Create"
  Scenario: Filter
    When I fill "login" in Filter issues
    Then I should see "Login"
"""
    requests = route_all(text, url=URL)
    assert [(r.flow, r.name, r.label) for r in requests] == [
        (FlowKind.STEPS, "Open the form", "steps:open_the_form"),
        (FlowKind.STEPS, "Filter", "steps:filter"),
    ]
    assert route(text, url=URL).name == "Open the form"  # route() keeps the first


def test_a_feature_file_background_leads_each_scenario_and_examples_are_kept() -> None:
    feature = parse_feature(
        """Feature: Search
  Background:
    Given I am logged in
  Scenario Outline: Find
    When I fill "<term>" in Filter issues
    Then the first row contains "<term>"
    Examples:
      | term |
      | Dark |
      | Typo |
""",
        "features/search.feature",
    )
    [request] = feature_requests(feature, url=URL)
    assert [i.verb for i in request.steps] == ["login", "fill", "first_row"]
    assert request.steps[1].value == "{term}"
    assert request.examples == [{"term": "Dark"}, {"term": "Typo"}]


def test_an_outline_renders_as_one_parametrized_test_the_critic_accepts() -> None:
    plan = Plan(
        flow=FlowKind.STEPS,
        title="",
        steps=[
            Step(action="goto", value="/issues"),
            Step(action="fill", locator='page.get_by_label("Filter")', value="Dark", value_expr='f"{term}"'),
            Step(action="press", value="Enter"),
            Step(
                action="upload",
                locator='page.get_by_label("File")',
                value_expr='Path(__file__).parent / "files" / "a.csv"',
            ),
        ],
        assertions=[
            Assertion(code='expect(page.get_by_text(f"{term}")).to_be_visible()', after_step=3),
            Assertion(code='expect(page).to_have_title(re.compile("Issues"))'),
        ],
        data={"name": "Find an issue", "target": "find_an_issue"},
        examples=[{"term": "Dark"}, {"term": "Typo"}],
    )
    code = writer_codegen.render(plan, base_url=URL, filename="test_steps_find_an_issue.py", sidecar="x.json")
    assert writer_codegen.test_name(plan) == "test_find_an_issue"
    assert '@pytest.mark.parametrize("term", ["Dark", "Typo"])' in code
    assert "def test_find_an_issue(page: Page, term: str) -> None:" in code
    assert 'page.keyboard.press("Enter")' in code and "from pathlib import Path" in code
    lines = [line.strip() for line in code.splitlines()]
    assert lines.index('expect(page.get_by_text(f"{term}")).to_be_visible()') < lines.index(
        'page.get_by_label("File").set_input_files(Path(__file__).parent / "files" / "a.csv")'
    )
    assert critique_source(code).findings == []
    compile(code, "test.py", "exec")
