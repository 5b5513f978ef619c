"""The step language: phrases a user spells a test out in, read into typed Instructions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superagent.agents import step_phrases as P
from superagent.agents.router_grammar import EXAMPLES
from superagent.agents.step_language import looks_like_steps, parse_steps
from superagent.agents.step_models import Instruction, StepScript
from superagent.agents.step_render import render_instruction, render_script
from superagent.errors import StepSyntaxError, UsageError

CLICK = ["button", "link", "menuitem", "tab"]
FILL = ["textbox", "searchbox", "combobox"]
SELECT = ["combobox", "listbox"]
CHECK = ["checkbox", "radio", "switch"]


def one(text: str) -> Instruction:
    script = parse_steps(text)
    assert len(script.instructions) == 1, script.instructions
    return script.instructions[0]


def fields(ins: Instruction) -> dict[str, object]:
    return ins.model_dump(exclude={"source", "kind"}, exclude_defaults=True)


# (phrase, what it must read as: verb plus every field that differs from its default)
CASES: list[tuple[str, dict[str, object]]] = [
    # go to
    ("go to /admin/books", {"verb": "goto", "target": "/admin/books"}),
    ("open the Books page", {"verb": "goto", "target": "Books"}),
    ("visit http://127.0.0.1:5000/login", {"verb": "goto", "target": "http://127.0.0.1:5000/login"}),
    ("navigate to the Settings page", {"verb": "goto", "target": "Settings"}),
    ("the user goes to /cart", {"verb": "goto", "target": "/cart"}),
    ("I am on the Books page", {"verb": "goto", "target": "Books"}),
    ("I am on /admin/", {"verb": "goto", "target": "/admin/"}),
    # click
    ("click Save", {"verb": "click", "target": "Save", "roles": CLICK}),
    ("click the 'Add book' link", {"verb": "click", "target": "Add book", "roles": ["link"]}),
    ("click on the trash icon", {"verb": "click", "target": "trash", "roles": ["button", "link", "img"]}),
    ("tap the Orders tab", {"verb": "click", "target": "Orders", "roles": ["tab"]}),
    ("hit the Submit button", {"verb": "click", "target": "Submit", "roles": ["button"]}),
    ("press Save", {"verb": "click", "target": "Save", "roles": CLICK}),
    ("the user clicks New issue", {"verb": "click", "target": "New issue", "roles": CLICK}),
    ("click Terms and Conditions", {"verb": "click", "target": "Terms and Conditions", "roles": CLICK}),
    ("click the link “Forgot password?”", {"verb": "click", "target": "Forgot password?", "roles": ["link"]}),
    # fill
    ('fill "Crash on save" in Title', {"verb": "fill", "target": "Title", "value": "Crash on save", "roles": FILL}),
    ("type hello into the Search box", {"verb": "fill", "target": "Search", "value": "hello", "roles": FILL}),
    ("enter 'bob' in the Username field", {"verb": "fill", "target": "Username", "value": "bob", "roles": FILL}),
    ("fill Title with 'Crash on save'", {"verb": "fill", "target": "Title", "value": "Crash on save", "roles": FILL}),
    (
        "fill in Email with ada@example.org",
        {"verb": "fill", "target": "Email", "value": "ada@example.org", "roles": FILL},
    ),
    ("set Quantity to 3", {"verb": "fill", "target": "Quantity", "value": "3", "roles": FILL}),
    ("fill Title with Salt and Pepper", {"verb": "fill", "target": "Title", "value": "Salt and Pepper", "roles": FILL}),
    ("type a unique title into Title", {"verb": "fill", "target": "Title", "value": "{unique}", "roles": FILL}),
    ('fill "Book {unique}" in Title', {"verb": "fill", "target": "Title", "value": "Book {unique}", "roles": FILL}),
    (
        "enter a unique name in the Name text box",
        {"verb": "fill", "target": "Name", "value": "{unique}", "roles": ["textbox"]},
    ),
    ('fill "a unique name" in Name', {"verb": "fill", "target": "Name", "value": "a unique name", "roles": FILL}),
    # select
    ("select Large from Size", {"verb": "select", "target": "Size", "value": "Large", "roles": SELECT}),
    (
        "choose “Express” from the Shipping dropdown",
        {"verb": "select", "target": "Shipping", "value": "Express", "roles": SELECT},
    ),
    ("pick the Red option in Colour", {"verb": "select", "target": "Colour", "value": "Red", "roles": SELECT}),
    ("I select 'Fiction' from Genre", {"verb": "select", "target": "Genre", "value": "Fiction", "roles": SELECT}),
    # check / uncheck
    ("check Remember me", {"verb": "check", "target": "Remember me", "roles": CHECK}),
    ("tick the Terms checkbox", {"verb": "check", "target": "Terms", "roles": ["checkbox"]}),
    ("toggle Dark mode", {"verb": "check", "target": "Dark mode", "roles": CHECK}),
    ("turn on the Notifications switch", {"verb": "check", "target": "Notifications", "roles": ["switch"]}),
    ("uncheck Newsletter", {"verb": "uncheck", "target": "Newsletter", "roles": ["checkbox", "switch"]}),
    ("untick 'Send me offers'", {"verb": "uncheck", "target": "Send me offers", "roles": ["checkbox", "switch"]}),
    ("turn off Notifications", {"verb": "uncheck", "target": "Notifications", "roles": ["checkbox", "switch"]}),
    # upload
    ("upload contacts.csv to Import", {"verb": "upload", "target": "Import", "value": "contacts.csv"}),
    (
        "attach 'report 2024.pdf' to the Attachment input",
        {"verb": "upload", "target": "Attachment", "value": "report 2024.pdf", "roles": FILL},
    ),
    ("upload avatar.png", {"verb": "upload", "value": "avatar.png"}),
    # hover
    ("hover over Account", {"verb": "hover", "target": "Account"}),
    ("mouse over the Help link", {"verb": "hover", "target": "Help", "roles": ["link"]}),
    ("hover the avatar", {"verb": "hover", "target": "avatar"}),
    # press a key
    ("press Enter", {"verb": "press", "value": "Enter"}),
    ("hit Escape", {"verb": "press", "value": "Escape"}),
    ("press esc", {"verb": "press", "value": "Escape"}),
    ("press Control+A", {"verb": "press", "value": "Control+A"}),
    ("press ctrl + shift + k", {"verb": "press", "value": "Control+Shift+k"}),
    ("press the Tab key", {"verb": "press", "value": "Tab"}),
    ("press Enter in the Search box", {"verb": "press", "target": "Search", "value": "Enter", "roles": FILL}),
    ("press the down arrow", {"verb": "press", "value": "ArrowDown"}),
    # log in / out
    ("log in", {"verb": "login"}),
    ("sign in as admin", {"verb": "login", "value": "admin"}),
    ("log in as the 'alice' user", {"verb": "login", "value": "alice"}),
    ("I am logged in", {"verb": "login"}),
    ("Given I am signed in as admin", {"verb": "login", "value": "admin"}),
    ("log out", {"verb": "logout"}),
    ("sign out", {"verb": "logout"}),
    ("the user logs off", {"verb": "logout"}),
    # wait
    ("wait for 'Saved'", {"verb": "wait_for", "value": "Saved"}),
    ("wait for the upload to finish", {"verb": "wait_for", "value": "the upload to finish"}),
    ("wait until the Save button appears", {"verb": "wait_for", "value": "Save", "roles": ["button"]}),
    ("wait until the spinner disappears", {"verb": "wait_for", "value": "spinner", "negated": True}),
    # text on the page
    ("expect 'Issue created'", {"verb": "text", "value": "Issue created"}),
    ('I should see "Book added"', {"verb": "text", "value": "Book added"}),
    ("should see Welcome back", {"verb": "text", "value": "Welcome back"}),
    ("I see ‘Saved’", {"verb": "text", "value": "Saved"}),
    ("the page shows 'Hello, Ada'", {"verb": "text", "value": "Hello, Ada"}),
    ("the page should contain 'abc'", {"verb": "text", "value": "abc"}),
    ("it displays “Order placed”", {"verb": "text", "value": "Order placed"}),
    ("expect to see 'Done'", {"verb": "text", "value": "Done"}),
    ("should not see 'Error'", {"verb": "text", "value": "Error", "negated": True}),
    ("I don't see Error", {"verb": "text", "value": "Error", "negated": True}),
    ("the page does not show 'Out of stock'", {"verb": "text", "value": "Out of stock", "negated": True}),
    ("the status shows Paid", {"verb": "text", "target": "status", "value": "Paid"}),
    ("should see the 'Saved' message", {"verb": "text", "value": "Saved"}),
    # visible / hidden
    ("the Save button is visible", {"verb": "visible", "target": "Save", "roles": ["button"]}),
    ("'Saved' is shown", {"verb": "visible", "target": "Saved"}),
    ("I see the Save button", {"verb": "visible", "target": "Save", "roles": ["button"]}),
    ("the dialog appears", {"verb": "visible", "target": "dialog"}),
    ("the Delete link is hidden", {"verb": "hidden", "target": "Delete", "roles": ["link"]}),
    ("the modal disappears", {"verb": "hidden", "target": "modal"}),
    ("the Save button is not visible", {"verb": "visible", "target": "Save", "roles": ["button"], "negated": True}),
    (
        "the Delete link should not be shown",
        {"verb": "visible", "target": "Delete", "roles": ["link"], "negated": True},
    ),
    ("should not see the Admin link", {"verb": "visible", "target": "Admin", "roles": ["link"], "negated": True}),
    # enabled / disabled
    ("the Save button is enabled", {"verb": "enabled", "target": "Save", "roles": ["button"]}),
    ("Next should be enabled", {"verb": "enabled", "target": "Next"}),
    ("the Save button should be disabled", {"verb": "disabled", "target": "Save", "roles": ["button"]}),
    ("expect the Pay button to be disabled", {"verb": "disabled", "target": "Pay", "roles": ["button"]}),
    ("Save isn't enabled", {"verb": "enabled", "target": "Save", "negated": True}),
    # checked / unchecked
    ("Remember me is checked", {"verb": "checked", "target": "Remember me", "roles": CHECK}),
    ("the Terms checkbox should be ticked", {"verb": "checked", "target": "Terms", "roles": ["checkbox"]}),
    ("Newsletter is unchecked", {"verb": "unchecked", "target": "Newsletter", "roles": CHECK}),
    ("the Dark mode switch is off", {"verb": "unchecked", "target": "Dark mode", "roles": ["switch"]}),
    # URL
    ("the URL contains /books", {"verb": "url_contains", "value": "/books"}),
    ("Then the URL should contain '/admin/books'", {"verb": "url_contains", "value": "/admin/books"}),
    ("the URL does not contain /login", {"verb": "url_contains", "value": "/login", "negated": True}),
    ("the URL ends with /books/1", {"verb": "url_ends", "value": "/books/1"}),
    ("the url should end with '?page=2'", {"verb": "url_ends", "value": "?page=2"}),
    ("the URL is /admin/", {"verb": "url_ends", "value": "/admin/"}),
    ("I should be on /dashboard", {"verb": "url_ends", "value": "/dashboard"}),
    # title, heading
    ("the title is Books", {"verb": "title", "value": "Books"}),
    ("the page title should be 'Books - Admin'", {"verb": "title", "value": "Books - Admin"}),
    ("expect the title to be 'Checkout'", {"verb": "title", "value": "Checkout"}),
    ("the heading is Books", {"verb": "heading", "value": "Books", "roles": ["heading"]}),
    ("the heading says 'Welcome, Ada'", {"verb": "heading", "value": "Welcome, Ada", "roles": ["heading"]}),
    ("the main heading should read “Your cart”", {"verb": "heading", "value": "Your cart", "roles": ["heading"]}),
    # field values
    ("Title has value Dune", {"verb": "value", "target": "Title", "value": "Dune", "roles": FILL}),
    ("the Title field should contain 'Dune'", {"verb": "value", "target": "Title", "value": "Dune", "roles": FILL}),
    ("the Search box has the value lamp", {"verb": "value", "target": "Search", "value": "lamp", "roles": FILL}),
    ("the value of Quantity is 3", {"verb": "value", "target": "Quantity", "value": "3", "roles": FILL}),
    # counts
    ("3 rows are shown", {"verb": "count", "target": "rows", "count": 3}),
    ("I should see 3 results", {"verb": "count", "target": "results", "count": 3}),
    ("there are 2 items", {"verb": "count", "target": "items", "count": 2}),
    ("expect three cards", {"verb": "count", "target": "cards", "count": 3}),
    ("I see no results", {"verb": "count", "target": "results", "count": 0}),
    ("12 books", {"verb": "count", "target": "books", "count": 12}),
    # first row
    ("the first row contains Dune", {"verb": "first_row", "target": "row", "value": "Dune"}),
    ("the first row is 'Dune, Frank Herbert'", {"verb": "first_row", "target": "row", "value": "Dune, Frank Herbert"}),
    ("the top result should contain “Lamp”", {"verb": "first_row", "target": "result", "value": "Lamp"}),
    # leading filler
    ("write a test that the user can log in", {"verb": "login"}),
    ("test that I can click Save", {"verb": "click", "target": "Save", "roles": CLICK}),
    ("I want to open the Books page", {"verb": "goto", "target": "Books"}),
    ("then finally click Save", {"verb": "click", "target": "Save", "roles": CLICK}),
    ("check that the URL ends with /books", {"verb": "url_ends", "value": "/books"}),
    ("verify that the title is Books", {"verb": "title", "value": "Books"}),
    ("a user can sign out", {"verb": "logout"}),
    ("reload the page", {"verb": "reload"}),
    ("then refresh", {"verb": "reload"}),
    ("click the dana menu button", {"verb": "click", "target": "dana", "roles": ["button"]}),
    ("make sure the Save button is enabled", {"verb": "enabled", "target": "Save", "roles": ["button"]}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_phrase_reads_as(text: str, expected: dict[str, object]) -> None:
    ins = one(text)
    assert fields(ins) == expected
    assert text.endswith(ins.source) and len(ins.source) >= len(text) - len("Then ")
    assert ins.kind == (
        "action"
        if ins.verb
        in {
            "goto",
            "click",
            "fill",
            "select",
            "check",
            "uncheck",
            "upload",
            "hover",
            "press",
            "login",
            "logout",
            "wait_for",
            "reload",
        }
        else "expect"
    )


def test_every_verb_and_expectation_is_covered_by_the_table() -> None:
    from superagent.agents.step_models import ACTION_VERBS, EXPECT_VERBS

    covered = {expected["verb"] for _, expected in CASES}
    assert covered == set(ACTION_VERBS) | set(EXPECT_VERBS)
    for verb in covered:
        assert sum(1 for _, e in CASES if e["verb"] == verb) >= 2, verb


def _documented_examples() -> list[str]:
    doc = (Path(__file__).parents[2] / "docs" / "step-language.md").read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| ") and "`" in line.rsplit("|", 2)[-2]]
    return [example for row in rows for example in re.findall(r"`([^`]+)`", row.rsplit("|", 2)[-2])]


def test_every_example_in_the_documentation_reads() -> None:
    examples = _documented_examples()
    assert len(examples) >= 40
    for example in examples:
        assert parse_steps(example).instructions, example


# ---- splitting a request into steps


def verbs(text: str) -> list[str]:
    return [ins.verb for ins in parse_steps(text).instructions]


def test_a_request_with_commas_then_and_reads_in_order() -> None:
    script = parse_steps(
        "log in, click New issue, fill Title with 'Crash on save' and then click Create; expect 'Issue created'"
    )
    assert [(i.verb, i.target, i.value) for i in script.instructions] == [
        ("login", None, None),
        ("click", "New issue", None),
        ("fill", "Title", "Crash on save"),
        ("click", "Create", None),
        ("text", None, "Issue created"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1. go to /login\n2. fill 'bob' in Username\n3. click Sign in\n4. expect 'Welcome'",
        "1) go to /login\n2) fill 'bob' in Username\n3) click Sign in\n4) expect 'Welcome'",
        "- go to /login\n- fill 'bob' in Username\n* click Sign in\n* expect 'Welcome'",
        "go to /login\nfill 'bob' in Username\nclick Sign in\nexpect 'Welcome'",
        "1. go to /login 2. fill 'bob' in Username 3. click Sign in 4. expect 'Welcome'",
        "Go to /login. Fill 'bob' in Username. Click Sign in. Expect 'Welcome'.",
        "go to /login then fill 'bob' in Username then click Sign in then expect 'Welcome'",
        "Step 1: go to /login\nStep 2: fill 'bob' in Username\nStep 3: click Sign in\nStep 4: expect 'Welcome'",
    ],
)
def test_lists_and_lines_are_steps(text: str) -> None:
    script = parse_steps(text)
    assert [(i.verb, i.target, i.value) for i in script.instructions] == [
        ("goto", "/login", None),
        ("fill", "Username", "bob"),
        ("click", "Sign in", None),
        ("text", None, "Welcome"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('expect "Salt, Pepper and Oil"', "Salt, Pepper and Oil"),
        ("expect 'Salt, Pepper and Oil'", "Salt, Pepper and Oil"),
        ("expect “Salt, Pepper and Oil”", "Salt, Pepper and Oil"),
        ("expect ‘Salt, Pepper and Oil’", "Salt, Pepper and Oil"),
        ("expect 'Log in then click; then wait'", "Log in then click; then wait"),
        ('expect "Don\'t panic"', "Don't panic"),
    ],
)
def test_separators_inside_quotes_do_not_split(text: str, value: str) -> None:
    assert fields(one(text)) == {"verb": "text", "value": value}


def test_a_value_with_a_comma_needs_quotes_and_the_error_says_so() -> None:
    script = parse_steps("fill Address with '1 Main St, Springfield', click Save")
    assert [(i.verb, i.value) for i in script.instructions] == [("fill", "1 Main St, Springfield"), ("click", None)]
    with pytest.raises(StepSyntaxError, match=r"step 2 'Springfield': .*if it belongs to the step before, quote it"):
        parse_steps("fill Address with 1 Main St, Springfield, click Save")


def test_and_inside_a_capitalised_name_is_not_a_new_step() -> None:
    assert fields(one("click Terms and Conditions"))["target"] == "Terms and Conditions"
    assert verbs("log in and click New and then log out") == ["login", "click", "logout"]
    with pytest.raises(StepSyntaxError, match="step 3 'frobnicate the widget'"):
        parse_steps("log in, click New and frobnicate the widget")


def test_a_title_line_names_the_script() -> None:
    script = parse_steps("Create an issue:\n1. log in\n2. click New issue")
    assert script.name == "Create an issue"
    assert verbs("write a test that:\n1. log in\n2. click New issue") == ["login", "click"]
    assert parse_steps("write a test that: log in, click New issue").name is None


def test_a_request_to_write_a_test_may_lead_into_its_steps() -> None:
    text = (
        "write a test on http://127.0.0.1:5000 that logs in, clicks New issue, fills Title with 'Crash', "
        "clicks Create and expects 'Issue created'"
    )
    assert looks_like_steps(text)
    assert verbs(text) == ["login", "click", "fill", "click", "text"]
    script = parse_steps("test that a user can add a book: go to /admin/books, click Add book, expect 'Saved'")
    assert script.name == "test that a user can add a book" and len(script.instructions) == 3
    assert fields(one("the title is: Books")) == {"verb": "title", "value": "Books"}


def test_the_unique_placeholder_survives_in_every_value_slot() -> None:
    script = parse_steps("fill 'Book {unique}' in Title, type a unique name into Author, expect 'Book {unique}'")
    assert [i.value for i in script.instructions] == ["Book {unique}", "{unique}", "Book {unique}"]


# ---- errors


def test_an_unreadable_step_is_named_with_its_number() -> None:
    with pytest.raises(StepSyntaxError) as caught:
        parse_steps("log in, click New, frobnicate the widget, expect 'x'")
    message = str(caught.value)
    assert message.startswith("cannot read step 3 'frobnicate the widget': start a step with a verb such as")
    assert "click, fill, select, check, go to, expect" in message and "superagent run --help" in message
    assert caught.value.number == 3 and caught.value.phrase == "frobnicate the widget"
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("log in, fill Title", "fill VALUE in FIELD or fill FIELD with VALUE"),
        ("log in, select Large", "select OPTION from FIELD"),
        ("log in, expect 'unclosed", "quote that is not closed"),
        ("log in, upload", "upload FILE to FIELD"),
    ],
)
def test_a_known_verb_used_wrongly_says_how_to_write_it(text: str, hint: str) -> None:
    with pytest.raises(StepSyntaxError, match=r"cannot read step 2 ") as caught:
        parse_steps(text)
    assert hint in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", ", , ;"])
def test_no_steps_is_an_error(text: str) -> None:
    with pytest.raises(StepSyntaxError, match="no steps"):
        parse_steps(text)


# ---- is this a step script at all?


@pytest.mark.parametrize("text", EXAMPLES)
def test_kayas_example_requests_are_not_step_scripts(text: str) -> None:
    from superagent.agents.router import route
    from superagent.models import FlowKind

    # Some read as two steps too ("open a book and see its details"); Kaya still routes them to the named flow.
    assert not looks_like_steps(text) or route(text).flow is not FlowKind.STEPS


def test_one_phrase_requests_are_told_apart_without_building_the_parser() -> None:
    from superagent.agents.step_grammar import parser

    parser.cache_clear()  # building the grammar costs a noticeable fraction of a second at start-up
    assert not any(looks_like_steps(text) for text in ("status", "lint my tests", "navigate to the About page"))
    assert parser.cache_info().currsize == 0


def test_too_many_steps_is_an_error() -> None:
    with pytest.raises(StepSyntaxError, match="201 steps are too many"):
        parse_steps(", ".join(["click Save"] * 201))


@pytest.mark.parametrize(
    "text",
    [
        "write a test that a user can log in",
        "log in and create a new note",
        "navigate to the About page",
        "check out",
        "search for lamp, add it to the cart and check out",
        "click Save",
    ],
)
def test_requests_naming_a_flow_are_not_step_scripts(text: str) -> None:
    assert not looks_like_steps(text)


@pytest.mark.parametrize(
    "text",
    [
        "log in, click New issue, fill Title with 'Crash on save', click Create, expect 'Issue created'",
        "go to /books then click Dune",
        "click 'Add book'",
        "1. log in\n2. log out",
        "log in, click New, frobnicate the widget",  # a typo still marks a step script, so its error is shown
    ],
)
def test_spelled_out_steps_look_like_steps(text: str) -> None:
    assert looks_like_steps(text)


# ---- properties

VOCAB = [
    "click", "fill", "select", "check", "press", "go", "to", "open", "expect", "see", "should", "not", "the", "a",
    "in", "into", "with", "from", "to", "as", "is", "are", "and", "then",
    "Save", "'Add book'", '"x"', "“y”", "3", "rows", "visible", "URL", "title", "heading", "contains", ",", ";",
    "\n", "1.", "2)", "{unique}", "log", "in", "out", "wait", "for", "until", "appears", "Enter", "Control+A",
    "first", "row", "value", "has", "'", '"', "“", "’", ":",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(VOCAB), max_size=14).map(" ".join)))
def test_any_text_either_reads_or_raises_step_syntax_error(text: str) -> None:
    try:
        script = parse_steps(text)
    except StepSyntaxError as exc:
        assert str(exc).startswith(("cannot read step", "no steps"))
    else:
        assert isinstance(script, StepScript) and script.instructions
    assert isinstance(looks_like_steps(text), bool)


_NAME = (
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -_/.,;:!?&{}()"),
        min_size=1,
        max_size=24,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_NOUNS = st.sampled_from([None, "button", "link", "tab", "checkbox", "field", "dropdown", "switch"])


def _roles(noun: str | None, verb: str) -> list[str]:
    return list(P.ROLE_NOUNS[noun]) if noun else list(P.VERB_ROLES.get(verb, ()))


@st.composite
def instructions(draw: st.DrawFn) -> Instruction:
    verb = draw(st.sampled_from(sorted({e["verb"] for _, e in CASES})))  # type: ignore[type-var]
    kind = "expect" if verb in ("text", "visible", "hidden", "enabled", "disabled", "checked", "unchecked",
                                "url_contains", "url_ends", "title", "heading", "value", "count",
                                "first_row") else "action"  # fmt: skip
    noun = draw(_NOUNS)
    element = {"target": draw(_NAME), "roles": _roles(noun, verb)}
    fields: dict[str, object] = {}
    if verb in ("click", "check", "uncheck", "hover", "visible", "hidden", "enabled", "disabled", "checked",
                "unchecked"):  # fmt: skip
        fields = {"target": draw(_NAME), "roles": _roles(noun, verb)}
    elif verb in ("fill", "select", "value"):
        fields = {"target": draw(_NAME), "value": draw(_NAME), "roles": _roles(noun, verb)}
    elif verb == "upload":
        fields = {"value": draw(_NAME)} | draw(
            st.sampled_from([{}, {"target": draw(_NAME), "roles": _roles(noun, verb)}])
        )
    elif verb == "goto":
        fields = {"target": draw(st.one_of(_NAME, st.from_regex(r"/[a-z0-9/_-]{0,12}", fullmatch=True)))}
    elif verb == "press":
        key = draw(st.sampled_from([*sorted(set(P.KEYS.values())), "Control+A", "Shift+Tab"]))
        fields = {"value": key} | draw(st.sampled_from([{}, element]))
    elif verb == "login":
        fields = draw(st.sampled_from([{}, {"value": draw(_NAME)}]))
    elif verb == "wait_for":
        fields = {"value": draw(_NAME), "negated": draw(st.booleans())}
        if noun:
            fields["roles"] = _roles(noun, verb)
    elif verb == "text":
        fields = {"value": draw(_NAME)} | draw(
            st.sampled_from([{}, {"target": draw(_NAME), "roles": _roles(noun, verb)}])
        )
    elif verb in ("url_contains", "url_ends", "title"):
        fields = {"value": draw(_NAME)}
    elif verb == "heading":
        fields = {"value": draw(_NAME), "roles": ["heading"]}
    elif verb == "count":
        fields = {"count": draw(st.integers(0, 500)), "target": draw(st.sampled_from(["rows", "items", "results"]))}
    elif verb == "first_row":
        fields = {"value": draw(_NAME), "target": draw(st.sampled_from(["row", "result", "item"]))}
    if kind == "expect" and verb != "wait_for":
        fields["negated"] = draw(st.booleans())
    return Instruction(kind=kind, verb=verb, source="", **fields)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(instructions(), min_size=1, max_size=4))
def test_a_rendered_script_reads_back_as_the_same_steps(steps: list[Instruction]) -> None:
    text = render_script(StepScript(instructions=steps))
    back = parse_steps(text).instructions
    assert [fields(i) | {"kind": i.kind} for i in back] == [fields(i) | {"kind": i.kind} for i in steps], text
    assert [i.source for i in back] == [render_instruction(i) for i in steps]
