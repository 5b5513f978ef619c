"""Gherkin in: feature files and inline Given/When/Then, their steps read by the step language."""

from __future__ import annotations

import pytest

from superagent.agents.gherkin_feature import looks_like_gherkin, parse_feature, parse_inline_gherkin
from superagent.agents.router_grammar import EXAMPLES
from superagent.agents.step_models import Instruction
from superagent.errors import FeatureError, UsageError

BOOKS = '''\
@books
Feature: Books admin
  Librarians keep the catalogue up to date.

  Background:
    Given I am signed in as admin

  @smoke @create
  Scenario: Add a book
    Given I am on the Books page
    When I click "Add book"
    And I fill in Title with "Book {unique}"
    And I press Save
    Then I should see "Book added"
    And the URL should contain "/admin/books"
    But I should not see "Error"

  Scenario Outline: Search the catalogue
    When I fill "<term>" in Search
    And I press Enter
    Then the first row contains "<term>"
    And the heading says <heading>

    Examples: classics
      | term | heading       |
      | Dune | Search: Dune  |
    Examples: more
      | term | heading       |
      | Emma | Search: Emma  |

  Scenario: Notes
    When I go to /admin/notes
    Then I should see:
      """
      No notes yet
      """
'''


def brief(steps: list[Instruction]) -> list[tuple[str, str | None, str | None, bool]]:
    return [(i.verb, i.target, i.value, i.negated) for i in steps]


def test_a_feature_file_reads_into_background_and_scenarios() -> None:
    feature = parse_feature(BOOKS, path="features/books.feature")
    assert feature.name == "Books admin" and feature.path == "features/books.feature"
    assert brief(feature.background) == [("login", None, "admin", False)]
    add, _search, notes = feature.scenarios
    assert (add.name, add.line, add.tags) == ("Add a book", 9, ["@books", "@smoke", "@create"])
    assert brief(add.instructions) == [
        ("goto", "Books", None, False),
        ("click", "Add book", None, False),
        ("fill", "Title", "Book {unique}", False),
        ("click", "Save", None, False),
        ("text", None, "Book added", False),
        ("url_contains", None, "/admin/books", False),
        ("text", None, "Error", True),
    ]
    assert add.examples == [] and add.instructions[0].source == "I am on the Books page"
    assert brief(notes.instructions) == [("goto", "/admin/notes", None, False), ("text", None, "No notes yet", False)]


def test_an_outline_keeps_its_placeholders_and_every_examples_row() -> None:
    search = parse_feature(BOOKS).scenarios[1]
    assert search.examples == [
        {"term": "Dune", "heading": "Search: Dune"},
        {"term": "Emma", "heading": "Search: Emma"},
    ]
    assert brief(search.instructions) == [
        ("fill", "Search", "{term}", False),
        ("press", None, "Enter", False),
        ("first_row", "row", "{term}", False),
        ("heading", None, "{heading}", False),
    ]
    assert search.instructions[0].source == 'I fill "<term>" in Search'
    assert search.tags == ["@books"]


def test_a_rule_passes_its_background_and_tags_to_its_scenarios() -> None:
    feature = parse_feature(
        "Feature: Cart\n"
        "  Rule: Signed-in shoppers\n"
        "    Background:\n"
        "      Given I am logged in\n"
        "    @cart\n"
        "    Example: Empty cart\n"
        "      When I go to /cart\n"
        "      Then I should see 'Your cart is empty'\n"
    )
    (scenario,) = feature.scenarios
    assert scenario.tags == ["@cart"]
    assert brief(scenario.instructions) == [
        ("login", None, None, False),
        ("goto", "/cart", None, False),
        ("text", None, "Your cart is empty", False),
    ]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("Given I am logged in", ("login", None, None, False)),
        ("Given I am signed in as admin", ("login", None, "admin", False)),
        ("Given I am on the Books page", ("goto", "Books", None, False)),
        ("Given I am on /admin/", ("goto", "/admin/", None, False)),
        ("When I press Save", ("click", "Save", None, False)),
        ("When I press Enter", ("press", None, "Enter", False)),
        ("When I select 'Large' from Size", ("select", "Size", "Large", False)),
        ("Then I should see Saved", ("text", None, "Saved", False)),
        ("Then the URL should contain /books", ("url_contains", None, "/books", False)),
        ("And I should not see 'Error'", ("text", None, "Error", True)),
        ("Then I should be on /admin/books", ("url_ends", None, "/admin/books", False)),
        ("Then the Save button should be disabled", ("disabled", "Save", None, False)),
    ],
)
def test_gherkin_wordings_map_to_steps(step: str, expected: tuple[str, str | None, str | None, bool]) -> None:
    feature = parse_feature(f"Feature: F\n  Scenario: S\n    {step}\n")
    assert brief(feature.scenarios[0].instructions) == [expected]


# ---- inline


@pytest.mark.parametrize(
    "text",
    [
        "Given I am logged in When I click New Then I see Saved",
        "given I am logged in when I click New then I see Saved",
        "Given I am logged in\nWhen I click New\nThen I see Saved",
        "Given I am logged in, When I click New, Then I see 'Saved'",
    ],
)
def test_inline_given_when_then(text: str) -> None:
    assert looks_like_gherkin(text)
    feature = parse_inline_gherkin(text)
    (scenario,) = feature.scenarios
    assert brief(scenario.instructions) == [
        ("login", None, None, False),
        ("click", "New", None, False),
        ("text", None, "Saved", False),
    ]


def test_inline_steps_may_hold_several_phrases_and_a_name() -> None:
    feature = parse_inline_gherkin(
        "New issue: Given I am logged in When I click New issue and fill Title with 'When then' "
        "Then I see 'Issue created' And I should not see 'Error'"
    )
    assert feature.name == "New issue" and feature.scenarios[0].name == "New issue"
    assert brief(feature.scenarios[0].instructions) == [
        ("login", None, None, False),
        ("click", "New issue", None, False),
        ("fill", "Title", "When then", False),
        ("text", None, "Issue created", False),
        ("text", None, "Error", True),
    ]


def test_inline_text_with_a_feature_header_is_read_as_a_file() -> None:
    assert looks_like_gherkin(BOOKS)
    assert [s.name for s in parse_inline_gherkin(BOOKS).scenarios] == ["Add a book", "Search the catalogue", "Notes"]


@pytest.mark.parametrize(
    "text",
    [
        *EXAMPLES,
        "log in, click New issue, expect 'Issue created'",
        "when the page loads, click Save",
        "test that the user is given a welcome message",
        "I want to check that then the title updates",
    ],
)
def test_requests_that_are_not_gherkin(text: str) -> None:
    assert not looks_like_gherkin(text)


def test_an_inline_step_that_cannot_be_read_names_it() -> None:
    with pytest.raises(FeatureError, match=r"^request:2: cannot read the step 'I frobnicate the widget'"):
        parse_inline_gherkin("Given I am logged in\nWhen I frobnicate the widget\nThen I see Saved")


# ---- errors


def test_malformed_gherkin_names_the_file_and_line() -> None:
    text = "Feature: Books\n  Scenario: Add\n    Given I am logged in\n  Oops: not a keyword\n    | a | b |\n"
    with pytest.raises(FeatureError) as caught:
        parse_feature(text, path="features/books.feature")
    assert str(caught.value).startswith("features/books.feature:4: malformed Gherkin:")
    assert "Oops: not a keyword" in str(caught.value)
    assert caught.value.line == 4 and isinstance(caught.value, UsageError) and caught.value.exit_code == 2


def test_a_step_the_language_cannot_read_names_the_line() -> None:
    text = "Feature: Books\n\n  Scenario: Add\n    Given I am logged in\n    When I frobnicate the widget\n"
    with pytest.raises(FeatureError) as caught:
        parse_feature(text, path="books.feature")
    message = str(caught.value)
    assert message.startswith("books.feature:5: cannot read the step 'I frobnicate the widget': start a step with")


def test_a_data_table_is_refused_with_its_line() -> None:
    text = "Feature: F\n  Scenario: S\n    Given these books:\n      | title |\n      | Dune  |\n"
    with pytest.raises(FeatureError, match=r"^feature:3: the step 'these books:' has a data table"):
        parse_feature(text)


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_a_file_without_a_feature_is_an_error(text: str) -> None:
    with pytest.raises(FeatureError, match="no 'Feature:' line"):
        parse_feature(text, path="empty.feature")


def test_a_typed_scenario_needs_no_feature_line_and_errors_keep_the_typed_line_numbers() -> None:
    feature = parse_inline_gherkin("Scenario: a bug is filed\nGiven I am signed in\nWhen I click New issue\n"
                                   "Then I should see 'created'")  # fmt: skip
    [scenario] = feature.scenarios
    assert scenario.name == "a bug is filed"
    assert [i.verb for i in scenario.instructions] == ["login", "click", "text"]

    with pytest.raises(FeatureError, match=r"^request:3: malformed Gherkin"):
        parse_inline_gherkin("Scenario: x\nGiven I am signed in\n  Examples\nThen I should see 'y'")
