"""What a model may change in a line: one locator chain or one wait, checked on the syntax tree."""

from __future__ import annotations

import pytest

from superagent.agents.medic_edits import edit_problem

CLICK = '    page.get_by_role("button", name="Save").click()'
WAIT = "    page.wait_for_timeout(2000)"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (CLICK, '    page.get_by_test_id("save").click()'),
        (CLICK, '    page.get_by_role("button", name="Save changes", exact=True).click()'),
        (CLICK, '    page.get_by_role("row").filter(has_text="Lamp").get_by_role("button").first.click()'),
        (CLICK, '    page.get_by_text(re.compile("save", re.IGNORECASE)).click()'),
        ('    card.get_by_role("link").click()', '    card.get_by_role("link", name="Open").click()'),
        ('    page.get_by_label("Name").fill("Lamp")', '    page.get_by_placeholder("Your name").fill("Lamp")'),
        (CLICK, '    page.get_by_role("button", name="Save").click(timeout=30000)'),
        (WAIT, ""),
        (WAIT, '    page.get_by_role("dialog").wait_for(state="visible")'),
        (WAIT, '    page.wait_for_url("/done")'),
        ("    time.sleep(1)", '    page.wait_for_load_state("load")'),
    ],
)
def test_allowed_shapes(old: str, new: str) -> None:
    assert edit_problem(old, new) is None


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (CLICK, '    __import__("os").system("id")', "more than one locator or wait"),
        (CLICK, '    page.get_by_role("button", name="Save").click(); import os', "not a whole statement"),
        (CLICK, '    page.get_by_role("button", name=open("/etc/passwd").read()).click()', "more than one"),
        (CLICK, '    page.get_by_role("button", name="Save").dblclick()', "more than one"),
        (CLICK, '    page.evaluate("1").click()', "more than one"),
        (CLICK, '    other.get_by_role("button", name="Save").click()', "more than one"),
        (CLICK, '    page.get_by_role("button", name=f"{credentials.password}").click()', "more than one"),
        (CLICK, '  page.get_by_test_id("save").click()', "indentation"),
        (CLICK, "", "deletes a line that is not a hard wait"),
        ('    page.get_by_label("Name").fill("Lamp")', '    page.get_by_label("Name").fill("Desk")', "more than one"),
        (WAIT, '    page.goto("https://elsewhere.example/")', "more than one"),
        (WAIT, "    page.wait_for_timeout(2000)\n    import os", "spans several lines"),
        ('    expect(page.get_by_role("status")).to_be_visible()', "    pass", "assertion"),
        ("    with page.expect_popup() as popup:", "    with page.expect_popup() as other:", "whole statement"),
    ],
)
def test_everything_else_is_dropped_with_the_reason(old: str, new: str, why: str) -> None:
    problem = edit_problem(old, new)
    assert problem is not None and why in problem
