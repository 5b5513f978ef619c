"""Medic: how each kind of failure is classified and which repairs are proposed for it (no browser needed)."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superagent.agents.medic import MIN_MARGIN, MIN_SCORE, apply, diagnose
from superagent.agents.medic_timing import LONG_TIMEOUT_MS, locator_in, web_first
from superagent.healing.fingerprint import Fingerprint
from superagent.healing.locators import Call, LocatorSpec
from superagent.healing.sidecar import load_sidecar, update_sidecar
from superagent.healing.synthesis import matches, parse_locator, reconstruct, unique_locators
from superagent.models import Edit, Failure, FailureKind, Patch, PatchKind, Sidecar, SidecarStep, TestResult

# --- helpers ---------------------------------------------------------------------------------------------------


def button(name: str, test_id: str | None = None, **extra: Any) -> Fingerprint:
    return Fingerprint(
        tag="button", role="button", accessible_name=name, text=name, test_id=test_id, is_button=True, **extra
    )


def textbox(label: str, name: str, test_id: str | None = None, **extra: Any) -> Fingerprint:
    return Fingerprint(
        tag="input",
        role="textbox",
        accessible_name=label,
        label=label,
        name=name,
        input_type="text",
        test_id=test_id,
        **extra,
    )


def inventory_file(tmp_path: Path, *elements: Fingerprint) -> str:
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps([fp.model_dump() for fp in elements]))
    return str(path)


def failed(
    kind: FailureKind, line: int, inventory: str | None = None, message: str = "waiting for locator"
) -> TestResult:
    return TestResult(
        nodeid="tests/test_flow.py::test_flow",
        outcome="failed",
        failure=Failure(kind=kind, message=message, line=line),
        inventory=inventory,
    )


def step(locator: str, fingerprint: Fingerprint, page: str = "/items/new", action: str = "click") -> SidecarStep:
    return SidecarStep(locator=locator, action=action, page=page, fingerprint=fingerprint)


def line_of(source: str, text: str) -> int:
    (number,) = [n for n, line in enumerate(source.splitlines(), 1) if text in line]
    return number


def reaches(locator: str, inventory: list[Fingerprint]) -> list[Fingerprint]:
    spec = parse_locator(locator)
    assert spec is not None, locator
    return [fp for fp in inventory if matches(spec, fp)]


def expectations(line: str) -> list[tuple[str, list[str]]]:
    """Every ``.to_*`` / ``.not_to_*`` call on a line with the source of its positional arguments."""
    text = line.strip()
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr.startswith(("to_", "not_to_"))
        ):
            found.append((node.func.attr, [ast.get_source_segment(text, a) or "" for a in node.args]))
    return sorted(found)


# --- assertions on a found element go to a person -----------------------------------------------------------

ITEM_TEST = """from playwright.sync_api import Page, expect


def test_create_item(page: Page) -> None:
    page.goto("/items/new")
    page.get_by_label("Title").fill("Boots")
    page.get_by_role("button", name="Create item").click()
    expect(page.get_by_role("status")).to_contain_text("Item created")
"""


def test_a_failed_assertion_is_not_patched_but_suggested_to_a_person() -> None:
    line = line_of(ITEM_TEST, "Item created")
    message = 'Locator expected to contain text "Item created"\nActual value: Item saved'

    diagnosis = diagnose(ITEM_TEST, failed(FailureKind.ASSERTION, line, message=message))

    assert diagnosis.kind is FailureKind.ASSERTION
    assert diagnosis.patches == []
    assert diagnosis.review_reason and "assertion failed" in diagnosis.review_reason
    suggestion = diagnosis.suggestion
    assert suggestion is not None and suggestion.kind is PatchKind.EXPECTATION
    old = ITEM_TEST.splitlines()[line - 1]
    assert suggestion.edits == [
        Edit(line=line, old=old, new='    expect(page.get_by_role("status")).to_contain_text("Item saved")')
    ]
    assert 'to_contain_text("Item saved")' in apply(ITEM_TEST, suggestion)


def test_the_suggestion_keeps_single_quotes() -> None:
    source = "def test_t(page):\n    expect(page.get_by_test_id('flash')).to_have_text('Item created')\n"
    message = "Locator expected to have text 'Item created'\nActual value: \"Item saved\""

    diagnosis = diagnose(source, failed(FailureKind.ASSERTION, 2, message=message))

    assert diagnosis.suggestion is not None
    assert diagnosis.suggestion.edits[0].new == "    expect(page.get_by_test_id('flash')).to_have_text('Item saved')"


def test_the_suggestion_changes_the_expected_value_not_a_locator_with_the_same_text() -> None:
    source = 'def test_t(page):\n    expect(page.get_by_text("Welcome")).to_have_text("Welcome")\n'
    message = 'Locator expected to have text "Welcome"\nActual value: Welcome back'

    diagnosis = diagnose(source, failed(FailureKind.ASSERTION, 2, message=message))

    assert diagnosis.suggestion is not None
    assert diagnosis.suggestion.edits[0].new == '    expect(page.get_by_text("Welcome")).to_have_text("Welcome back")'


@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("actual", ["Don't panic", 'Say "hi"', "C:\\temp saved"])
def test_the_suggestion_is_valid_python_whatever_the_actual_text(quote: str, actual: str) -> None:
    source = f"def test_t(page):\n    expect(page.get_by_role('status')).to_have_text({quote}Saved{quote})\n"
    message = f"Locator expected to have text {quote}Saved{quote}\nActual value: {actual}"

    diagnosis = diagnose(source, failed(FailureKind.ASSERTION, 2, message=message))

    assert diagnosis.suggestion is not None
    call = ast.parse(diagnosis.suggestion.edits[0].new.strip(), mode="eval").body
    assert isinstance(call, ast.Call) and ast.literal_eval(call.args[0]) == actual


def test_no_suggestion_without_an_actual_value() -> None:
    line = line_of(ITEM_TEST, "Item created")

    diagnosis = diagnose(ITEM_TEST, failed(FailureKind.ASSERTION, line, message="Locator expected to be visible"))

    assert diagnosis.patches == [] and diagnosis.suggestion is None and diagnosis.review_reason


FLASH_TEST = """from playwright.sync_api import Page, expect


def test_create_item(page: Page) -> None:
    page.goto("/items/new")
    page.wait_for_timeout(1000)
    expect(page.get_by_test_id("flash")).{matcher}("{expected}")
"""
_TEXT = st.text(st.characters(whitelist_categories=("L", "N", "Zs")), min_size=1, max_size=20).filter(str.strip)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(list(FailureKind)),
    matcher=st.sampled_from(["to_have_text", "to_contain_text", "to_have_value"]),
    expected=_TEXT,
    actual=_TEXT,
)
def test_diagnose_never_changes_an_expected_value(
    tmp_path: Path, kind: FailureKind, matcher: str, expected: str, actual: str
) -> None:
    source = FLASH_TEST.format(matcher=matcher, expected=expected)
    line = line_of(source, "expect(")
    inventory = inventory_file(
        tmp_path, Fingerprint(tag="div", role="status", test_id="flash-message", text=actual), button("Save")
    )
    sidecar = Sidecar(
        steps=[step('page.get_by_test_id("flash")', Fingerprint(tag="div", role="status", test_id="flash"))]
    )
    message = f'Locator expected to have text "{expected}"\nActual value: {actual}'

    diagnosis = diagnose(source, failed(kind, line, inventory, message), sidecar)

    assert diagnosis.patches or diagnosis.review_reason
    for patch in diagnosis.patches:
        assert patch.kind is not PatchKind.EXPECTATION
        for edit in patch.edits:
            if expectations(edit.old):
                assert expectations(edit.new) == expectations(edit.old), (patch.rationale, edit)
    if kind is FailureKind.ASSERTION:
        assert diagnosis.patches == []
    if kind is FailureKind.SELECTOR_NOT_FOUND:  # the renamed element is healed on the assertion line itself
        assert diagnosis.patches[0].edits == [
            Edit(
                line=line,
                old=source.splitlines()[line - 1],
                new=f'    expect(page.get_by_test_id("flash-message")).{matcher}("{expected}")',
            )
        ]


# --- renamed elements ---------------------------------------------------------------------------------------

SAVE_TEST = """def test_edit(page):
    page.get_by_label("Title").fill("Boots")
    page.get_by_test_id("save-btn").click()
"""
OLD_SAVE = button("Save", "save-btn")
NEW_SAVE = button("Save", "save-button")
CANCEL = button("Cancel", "cancel")
TITLE = textbox("Title", "title")


def test_a_renamed_test_id_is_healed_with_a_locator_unique_on_the_page(tmp_path: Path) -> None:
    page = [TITLE, NEW_SAVE, CANCEL]
    sidecar = Sidecar(steps=[step('page.get_by_test_id("save-btn")', OLD_SAVE)])

    diagnosis = diagnose(SAVE_TEST, failed(FailureKind.SELECTOR_NOT_FOUND, 3, inventory_file(tmp_path, *page)), sidecar)

    assert diagnosis.review_reason is None and not diagnosis.nothing_similar
    first = diagnosis.patches[0]
    assert first.kind is PatchKind.LOCATOR
    new = 'page.get_by_test_id("save-button")'
    assert first.edits == [Edit(line=3, old='    page.get_by_test_id("save-btn").click()', new=f"    {new}.click()")]
    assert first.replaces == {'page.get_by_test_id("save-btn")': new}
    assert first.fingerprints == {new: NEW_SAVE}
    assert reaches(new, page) == [NEW_SAVE]
    assert first.score is not None and first.runner_up is not None
    assert first.score >= MIN_SCORE and first.score - first.runner_up >= MIN_MARGIN
    assert apply(SAVE_TEST, first) == SAVE_TEST.replace("save-btn", "save-button")


def test_every_proposed_locator_is_unique_and_the_best_comes_first(tmp_path: Path) -> None:
    page = [TITLE, NEW_SAVE, CANCEL]
    sidecar = Sidecar(steps=[step('page.get_by_test_id("save-btn")', OLD_SAVE)])

    diagnosis = diagnose(SAVE_TEST, failed(FailureKind.SELECTOR_NOT_FOUND, 3, inventory_file(tmp_path, *page)), sidecar)

    scores = [p.score for p in diagnosis.patches]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    for patch in diagnosis.patches:
        ((new, element),) = patch.fingerprints.items()
        assert reaches(new, page) == [element]


SHOP_FORM = """def test_create_item(page):
    page.goto("/items/new")
    page.get_by_test_id("item-title").fill("Boots")
    page.get_by_label("Price").fill("12")
    page.get_by_test_id("item-submit").click()
    page.get_by_test_id("logout").click()
"""


def test_other_broken_locators_on_the_same_page_are_healed_in_the_same_patch(tmp_path: Path) -> None:
    old_title = textbox("Title", "title", "item-title")
    old_submit = button("Create item", "item-submit")
    price = textbox("Price", "price")
    sidecar = Sidecar(
        steps=[
            step('page.get_by_test_id("item-title")', old_title, action="fill"),
            step('page.get_by_label("Price")', price, action="fill"),  # still resolves: left alone
            step('page.get_by_test_id("item-submit")', old_submit),
            step('page.get_by_test_id("logout")', button("Log out", "logout"), page="/items/1"),  # another page
        ]
    )
    new_title = textbox("Title", "title", "new-item-title")
    new_submit = button("Create item", "item-save")
    page = [new_title, price, new_submit, button("Log out", "signout")]
    line = line_of(SHOP_FORM, "item-title")

    diagnosis = diagnose(
        SHOP_FORM, failed(FailureKind.SELECTOR_NOT_FOUND, line, inventory_file(tmp_path, *page)), sidecar
    )

    first = diagnosis.patches[0]
    assert [e.line for e in first.edits] == [3, 5]
    assert first.replaces == {
        'page.get_by_test_id("item-title")': 'page.get_by_test_id("new-item-title")',
        'page.get_by_test_id("item-submit")': 'page.get_by_test_id("item-save")',
    }
    assert first.fingerprints == {
        'page.get_by_test_id("new-item-title")': new_title,
        'page.get_by_test_id("item-save")': new_submit,
    }
    healed = apply(SHOP_FORM, first)
    assert healed == SHOP_FORM.replace('"item-title"', '"new-item-title"').replace('"item-submit"', '"item-save"')
    assert 'get_by_test_id("logout")' in healed and 'get_by_label("Price")' in healed
    # the single-locator fix is still offered after the combined one
    assert diagnosis.patches[1].replaces == {
        'page.get_by_test_id("item-title")': 'page.get_by_test_id("new-item-title")'
    }


def test_two_equally_similar_candidates_go_to_a_person(tmp_path: Path) -> None:
    source = 'def test_t(page):\n    page.get_by_test_id("delete").click()\n'
    sidecar = Sidecar(steps=[step('page.get_by_test_id("delete")', button("Delete", "delete"))])
    page = [button("Delete", "delete-a"), button("Delete", "delete-b")]

    diagnosis = diagnose(source, failed(FailureKind.SELECTOR_NOT_FOUND, 2, inventory_file(tmp_path, *page)), sidecar)

    assert diagnosis.patches == []
    assert diagnosis.review_reason is not None and "almost equally" in diagnosis.review_reason
    assert not diagnosis.nothing_similar


def test_nothing_similar_on_the_page_offers_a_longer_wait(tmp_path: Path) -> None:
    page = [
        Fingerprint(tag="h1", role="heading", accessible_name="Welcome back", text="Welcome back"),
        Fingerprint(tag="a", role="link", accessible_name="Help", text="Help", href="/help"),
    ]
    sidecar = Sidecar(steps=[step('page.get_by_test_id("save-btn")', OLD_SAVE)])

    diagnosis = diagnose(SAVE_TEST, failed(FailureKind.SELECTOR_NOT_FOUND, 3, inventory_file(tmp_path, *page)), sidecar)

    assert diagnosis.nothing_similar is True
    assert diagnosis.review_reason is not None and "no element on the page resembles" in diagnosis.review_reason
    assert [p.kind for p in diagnosis.patches] == [PatchKind.TIMING]
    assert diagnosis.patches[0].edits == [
        Edit(
            line=3,
            old='    page.get_by_test_id("save-btn").click()',
            new=f'    page.get_by_test_id("save-btn").click(timeout={LONG_TIMEOUT_MS})',
        )
    ]


def test_a_failure_without_a_page_record_goes_to_a_person() -> None:
    diagnosis = diagnose(SAVE_TEST, failed(FailureKind.SELECTOR_NOT_FOUND, 3, inventory=None))

    assert diagnosis.patches == [] and diagnosis.review_reason == "no record of the page at the moment of failure"


def test_strict_mode_picks_the_most_similar_of_the_matches(tmp_path: Path) -> None:
    source = 'def test_t(page):\n    page.get_by_role("button", name="Add to cart").click()\n'
    lamp = button("Add to cart", "add-lamp", neighbor_text="Desk lamp 24.00")
    chair = button("Add to cart", "add-chair", neighbor_text="Office chair 120.00")
    sidecar = Sidecar(steps=[step('page.get_by_role("button", name="Add to cart")', lamp, page="/products")])
    page = [chair, lamp]

    diagnosis = diagnose(source, failed(FailureKind.STRICT_MODE, 2, inventory_file(tmp_path, *page)), sidecar)

    first = diagnosis.patches[0]
    assert first.edits == [
        Edit(line=2, old=source.splitlines()[1], new='    page.get_by_test_id("add-lamp").click()'),
    ]
    assert reaches('page.get_by_test_id("add-lamp")', page) == [lamp]


# --- tests SuperAgent did not write (no sidecar) --------------------------------------------------------------

LOGIN_TEST = """def test_login(page, credentials):
    page.goto("/login")
    page.get_by_label("Username").fill(credentials.username)
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_role("button", name="Log in").click()
"""


def test_without_a_sidecar_the_target_is_rebuilt_from_the_old_locator(tmp_path: Path) -> None:
    target = reconstruct('page.get_by_label("Username")')
    assert target is not None and target.label == "Username"
    username = textbox(
        "User name",
        "username",
        id="f-8xph",
        classes="css-l0r5ke",
        neighbor_text="User name",
        xpath="/html[1]/body[1]/main[1]/form[1]/div[1]/input[1]",
        x=201,
        y=212,
        width=416,
        height=40,
        area=16796,
        shape=10.3,
    )
    password = Fingerprint(
        tag="input",
        accessible_name="Password",
        label="Password",
        name="password",
        input_type="password",
        id="f-iq0c",
        xpath="/html[1]/body[1]/main[1]/form[1]/div[2]/input[1]",
    )
    page = [username, password, button("Log in", "signin-button")]

    diagnosis = diagnose(LOGIN_TEST, failed(FailureKind.SELECTOR_NOT_FOUND, 3, inventory_file(tmp_path, *page)))

    assert diagnosis.review_reason is None, diagnosis.review_reason
    first = diagnosis.patches[0]
    ((old, new),) = first.replaces.items()
    assert old == 'page.get_by_label("Username")'
    assert reaches(new, page) == [username]
    assert first.edits == [
        Edit(line=3, old=LOGIN_TEST.splitlines()[2], new=LOGIN_TEST.splitlines()[2].replace(old, new))
    ]


def test_without_a_sidecar_a_button_that_became_a_link_is_found(tmp_path: Path) -> None:
    link = Fingerprint(tag="a", role="link", accessible_name="Log in", text="Log in", href="/session/new")
    page = [textbox("Username", "username"), link, Fingerprint(tag="a", role="link", accessible_name="Help", href="/h")]
    line = line_of(LOGIN_TEST, "Log in")

    diagnosis = diagnose(LOGIN_TEST, failed(FailureKind.SELECTOR_NOT_FOUND, line, inventory_file(tmp_path, *page)))

    assert diagnosis.patches, diagnosis.review_reason
    ((new, element),) = diagnosis.patches[0].fingerprints.items()
    assert element == link and reaches(new, page) == [link]


def test_without_a_sidecar_an_unrelated_page_is_still_nothing_similar(tmp_path: Path) -> None:
    page = [Fingerprint(tag="h1", role="heading", accessible_name="Not found", text="Not found"), button("Go home")]

    diagnosis = diagnose(LOGIN_TEST, failed(FailureKind.SELECTOR_NOT_FOUND, 3, inventory_file(tmp_path, *page)))

    assert diagnosis.nothing_similar is True
    assert all(p.kind is PatchKind.TIMING for p in diagnosis.patches)


# --- timing ---------------------------------------------------------------------------------------------------

SLOW_TEST = """import time


def test_search(page):
    page.goto("/")
    page.wait_for_timeout(1000)
    page.get_by_role("link", name="Products").click()
    {wait}
    page.get_by_test_id("results").click()
"""


@pytest.mark.parametrize("wait", ["page.wait_for_timeout(2000)", "time.sleep(2)"])
def test_the_last_hard_wait_becomes_a_wait_for_the_failing_element(wait: str) -> None:
    source = SLOW_TEST.format(wait=wait)
    line = line_of(source, "results")

    diagnosis = diagnose(source, failed(FailureKind.TIMEOUT, line))

    assert diagnosis.review_reason is None
    first = diagnosis.patches[0]
    assert first.kind is PatchKind.TIMING
    assert first.edits == [
        Edit(line=6, old="    page.wait_for_timeout(1000)", new=""),
        Edit(line=8, old=f"    {wait}", new='    expect(page.get_by_test_id("results")).to_be_visible()'),
    ]
    healed = apply(source, first)
    assert "wait_for_timeout" not in healed and "sleep(" not in healed
    assert healed.splitlines()[5:8] == [
        '    page.get_by_role("link", name="Products").click()',
        '    expect(page.get_by_test_id("results")).to_be_visible()',
        '    page.get_by_test_id("results").click()',
    ]
    longer = diagnosis.patches[1]
    assert longer.edits == [
        Edit(
            line=line,
            old='    page.get_by_test_id("results").click()',
            new=f'    page.get_by_test_id("results").click(timeout={LONG_TIMEOUT_MS})',
        )
    ]


def test_a_timeout_with_nothing_to_change_goes_to_a_person() -> None:
    source = 'def test_t(page):\n    page.get_by_test_id("results").click(timeout=5000)\n'

    diagnosis = diagnose(source, failed(FailureKind.TIMEOUT, 2))

    assert diagnosis.patches == []
    assert diagnosis.review_reason == "a timeout with nothing to wait on differently"


def test_a_one_shot_check_becomes_a_web_first_assertion() -> None:
    source = (
        'def test_t(page):\n    page.get_by_role("button", name="Save").click()\n'
        '    assert page.get_by_text("Saved").is_visible()\n'
    )

    diagnosis = diagnose(source, failed(FailureKind.ASSERTION, 3, message="AssertionError: assert False"))

    assert diagnosis.review_reason is None and diagnosis.suggestion is None
    assert [p.kind for p in diagnosis.patches] == [PatchKind.TIMING]
    assert diagnosis.patches[0].edits == [
        Edit(
            line=3,
            old='    assert page.get_by_text("Saved").is_visible()',
            new='    expect(page.get_by_text("Saved")).to_be_visible()',
        )
    ]


@pytest.mark.parametrize(
    ("line", "converted"),
    [
        ('assert page.get_by_text("Saved").is_visible()', 'expect(page.get_by_text("Saved")).to_be_visible()'),
        ('assert page.get_by_role("dialog").is_hidden()', 'expect(page.get_by_role("dialog")).to_be_hidden()'),
        ('assert page.get_by_label("Email").is_enabled()', 'expect(page.get_by_label("Email")).to_be_enabled()'),
        ('assert page.get_by_label("Terms").is_checked()', 'expect(page.get_by_label("Terms")).to_be_checked()'),
        ('assert page.locator("#go").is_disabled()', 'expect(page.locator("#go")).to_be_disabled()'),
        ('assert not page.get_by_text("Error").is_visible()', 'expect(page.get_by_text("Error")).not_to_be_visible()'),
        ('assert page.locator("#total").text_content() == "x"', 'expect(page.locator("#total")).to_have_text("x")'),
        (
            'assert "x" in page.get_by_role("status").inner_text()',
            'expect(page.get_by_role("status")).to_contain_text("x")',
        ),
        ("assert row.inner_text() == expected", "expect(row).to_have_text(expected)"),
    ],
)
def test_web_first_conversions(line: str, converted: str) -> None:
    assert web_first(line) == converted
    assert web_first("        " + line) == "        " + converted


@pytest.mark.parametrize(
    "line",
    [
        'page.get_by_text("Saved").click()',
        'expect(page.get_by_text("Saved")).to_be_visible()',
        "assert total == 3",
        'assert page.get_by_role("row").count() == 2',
        'assert page.locator("#total").text_content() != "x"',
        'assert not page.locator("#total").text_content() == "x"',
        "with page.expect_popup() as popup:",
        "",
    ],
)
def test_lines_without_a_web_first_equivalent_are_left_alone(line: str) -> None:
    assert web_first(line) is None


@pytest.mark.parametrize(
    ("line", "locator"),
    [
        ('    page.get_by_role("button", name="Save").click()', 'page.get_by_role("button", name="Save")'),
        ('    page.get_by_label("Email").fill(credentials.username)', 'page.get_by_label("Email")'),
        ('    expect(page.get_by_text("Saved")).to_be_visible()', 'page.get_by_text("Saved")'),
        ('    expect(page).to_have_url("/done")', None),
        ('    page.goto("/")', None),
    ],
)
def test_locator_in_a_line(line: str, locator: str | None) -> None:
    assert locator_in(line) == locator


# --- failures that are not healable ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        (FailureKind.NAVIGATION, "navigation is not healable"),
        (FailureKind.TEST_CODE, "test code error is not healable"),
    ],
)
def test_unhealable_failures_go_to_a_person(kind: FailureKind, reason: str) -> None:
    source = 'import time\n\n\ndef test_t(page):\n    time.sleep(1)\n    page.goto("/missing")\n'

    diagnosis = diagnose(source, failed(kind, 6, message="net::ERR_CONNECTION_REFUSED"))

    assert diagnosis.kind is kind
    assert diagnosis.patches == [] and diagnosis.suggestion is None
    assert diagnosis.review_reason == reason


def test_a_passing_test_needs_no_diagnosis() -> None:
    result = TestResult(nodeid="t.py::test_t", outcome="passed")

    assert diagnose(SAVE_TEST, result).review_reason == "the test did not fail"


# --- apply --------------------------------------------------------------------------------------------------------

SOURCE = "def test_t(page):\n    a()\n    b()\n    c()\n"


def test_apply_makes_every_edit_in_one_patch() -> None:
    patch = Patch(
        kind=PatchKind.TIMING,
        edits=[Edit(line=2, old="    a()", new="    x()"), Edit(line=4, old="    c()", new="    z()")],
        rationale="r",
    )

    assert apply(SOURCE, patch) == "def test_t(page):\n    x()\n    b()\n    z()\n"


def test_apply_deletes_lines_whose_new_text_is_empty_without_shifting_other_edits() -> None:
    patch = Patch(
        kind=PatchKind.TIMING,
        edits=[Edit(line=2, old="    a()", new=""), Edit(line=3, old="    b()", new="    y()")],
        rationale="r",
    )

    assert apply(SOURCE, patch) == "def test_t(page):\n    y()\n    c()\n"


def test_apply_refuses_a_stale_patch() -> None:
    patch = Patch(kind=PatchKind.LOCATOR, edits=[Edit(line=3, old="    a()", new="    x()")], rationale="r")

    with pytest.raises(ValueError, match="line 3 changed"):
        apply(SOURCE, patch)


@pytest.mark.parametrize("ending", ["\n", ""])
def test_apply_keeps_whether_the_file_ends_with_a_newline(ending: str) -> None:
    patch = Patch(kind=PatchKind.LOCATOR, edits=[Edit(line=4, old="    c()", new="    z()")], rationale="r")

    assert apply(SOURCE.rstrip("\n") + ending, patch) == "def test_t(page):\n    a()\n    b()\n    z()" + ending


# --- the sidecar follows proven patches -------------------------------------------------------------------------


def test_update_sidecar_points_steps_at_the_healed_elements(tmp_path: Path) -> None:
    test_file = tmp_path / "test_edit.py"
    test_file.write_text(SAVE_TEST)
    title_step = step('page.get_by_label("Title")', TITLE, action="fill")
    save_step = step('page.get_by_test_id("save-btn")', OLD_SAVE)
    (tmp_path / "test_edit.fingerprints.json").write_text(
        Sidecar(flow="edit", steps=[title_step, save_step]).model_dump_json()
    )
    new = 'page.get_by_test_id("save-button")'
    patch = Patch(
        kind=PatchKind.LOCATOR,
        edits=[],
        rationale="r",
        replaces={'page.get_by_test_id("save-btn")': new},
        fingerprints={new: NEW_SAVE},
    )

    update_sidecar(test_file, [patch])

    sidecar = load_sidecar(test_file)
    assert sidecar is not None and sidecar.flow == "edit"
    assert sidecar.steps[0] == title_step
    assert sidecar.steps[1].locator == new
    assert sidecar.steps[1].fingerprint == NEW_SAVE
    assert sidecar.steps[1].page == "/items/new"


def test_update_sidecar_without_a_sidecar_writes_nothing(tmp_path: Path) -> None:
    test_file = tmp_path / "test_edit.py"
    test_file.write_text(SAVE_TEST)
    patch = Patch(kind=PatchKind.LOCATOR, edits=[], rationale="r", replaces={"a": "b"})

    update_sidecar(test_file, [patch])

    assert sorted(p.name for p in tmp_path.iterdir()) == ["test_edit.py"]
    assert load_sidecar(test_file) is None


# --- locator synthesis ----------------------------------------------------------------------------------------------


def single(method: str, *args: str, **options: str | bool) -> LocatorSpec:
    return LocatorSpec(strategy="t", calls=[Call(method=method, args=list(args), options=options)])


@pytest.mark.parametrize(
    ("spec", "element", "hit"),
    [
        (single("get_by_role", "button", name="save"), button("Save changes"), True),
        (single("get_by_role", "button", name="Save", exact=True), button("Save changes"), False),
        (single("get_by_role", "button", name="Save changes", exact=True), button("Save changes"), True),
        (single("get_by_role", "button", name="save changes", exact=True), button("Save changes"), False),
        (single("get_by_role", "link", name="Save"), button("Save"), False),
        (single("get_by_role", "button"), button("Anything"), True),
        (single("get_by_label", "e-mail"), textbox("Your E-mail  address", "email"), True),
        (single("get_by_label", "E-mail", exact=True), textbox("Your E-mail address", "email"), False),
        (single("get_by_label", "Email"), textbox("Your E-mail address", "email"), False),
        (single("get_by_placeholder", "search"), Fingerprint(tag="input", placeholder="Search products"), True),
        (single("get_by_text", "ITEM"), Fingerprint(tag="p", text="Item created"), True),
        (single("get_by_text", "Item", exact=True), Fingerprint(tag="p", text="Item created"), False),
        (single("get_by_test_id", "save"), button("Save", "save-button"), False),
        (single("get_by_test_id", "save-button"), button("Save", "save-button"), True),
        (single("locator", "#email"), Fingerprint(tag="input", id="email"), True),
        (single("locator", 'input[name="q"]'), Fingerprint(tag="input", name="q"), True),
        (single("locator", 'input[name="q"]'), Fingerprint(tag="textarea", name="q"), False),
    ],
)
def test_matches_follows_playwrights_text_rules(spec: LocatorSpec, element: Fingerprint, hit: bool) -> None:
    assert matches(spec, element) is hit


def test_chained_locators_are_not_simulated() -> None:
    spec = single("get_by_role", "listitem").then(single("get_by_role", "button", name="Add"))

    assert matches(spec, button("Add")) is False


def test_unique_locators_skip_those_that_reach_two_elements() -> None:
    save = button("Save", "save", label=None)
    save_draft = button("Save draft", "save-draft")
    page = [save, save_draft]

    codes = [s.code() for s in unique_locators(save, page)]

    assert codes[0] == 'page.get_by_test_id("save")'
    assert 'page.get_by_role("button", name="Save")' not in codes  # also reaches "Save draft"
    assert 'page.get_by_role("button", name="Save", exact=True)' in codes
    for code in codes:
        assert reaches(code, page) == [save]


def test_no_unique_locator_for_indistinguishable_elements() -> None:
    twin = button("Delete")

    assert unique_locators(twin, [twin, button("Delete")]) == []


@pytest.mark.parametrize(
    "spec",
    [
        single("get_by_role", "button", name="Log in", exact=True),
        single("get_by_test_id", "save-button"),
        single("get_by_text", 'Say "hi" to C:\\Users', exact=True),
        single("locator", 'input[name="q"]'),
        LocatorSpec(
            strategy="container",
            calls=[
                Call(method="get_by_role", args=["listitem"]),
                Call(method="filter", options={"has_text": "Desk lamp"}),
                Call(method="get_by_role", args=["button"], options={"name": "Add to cart"}),
                Call(method="first"),
            ],
        ),
    ],
)
def test_parse_locator_round_trips_code(spec: LocatorSpec) -> None:
    parsed = parse_locator(spec.code())

    assert parsed is not None and parsed.calls == spec.calls
    assert parsed.code() == spec.code()
    assert parse_locator(spec.code().removeprefix("page.")) == parsed


@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30), exact=st.booleans())
def test_parse_locator_round_trips_any_text(text: str, exact: bool) -> None:
    spec = single("get_by_text", text, exact=exact)

    parsed = parse_locator(spec.code())

    assert parsed is not None and parsed.calls == spec.calls


@pytest.mark.parametrize(
    "code", ["page.get_by_text(name)", 'page.get_by_text("x"', 'page.get_by_text("x").nth(index)', "1 + 2"]
)
def test_parse_locator_rejects_what_is_not_a_literal_locator_on_page(code: str) -> None:
    assert parse_locator(code) is None
