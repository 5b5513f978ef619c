"""What Scribe types into a form field, decided from what the field says it is: no browser, only fingerprints."""

from __future__ import annotations

import ast
import re
import secrets
import uuid
from datetime import date

import pytest

from superagent.agents.writer_fields import (
    FieldValue,
    Generated,
    is_confirmation,
    is_password,
    is_search,
    is_text_entry,
    option_for,
    should_check,
    value_for,
)
from superagent.browser.snapshot import Element
from superagent.healing.fingerprint import Fingerprint

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")


def field(
    tag: str = "input",
    input_type: str | None = "text",
    *,
    required: bool = False,
    options: list[tuple[str, str]] | None = None,
    **fingerprint: str,
) -> Element:
    """A form field as the inventory reports it; ``label`` also becomes the accessible name, as in a page."""
    if "label" in fingerprint:
        fingerprint.setdefault("accessible_name", fingerprint["label"])
    fp = Fingerprint(tag=tag, input_type=input_type if tag == "input" else None, **fingerprint)
    return Element(index=0, fingerprint=fp, required=required, options=options, form=0)


def literal(value: FieldValue) -> str:
    """The value as the generated test spells it, read back as Python would."""
    result = ast.literal_eval(value.code)
    assert isinstance(result, str)
    return result


# -- what kind of field it is -----------------------------------------------------------------------------------


def test_a_password_field_is_known_by_its_type_not_its_label() -> None:
    assert is_password(field(input_type="password", label="Secret"))
    assert not is_password(field(label="Password hint", name="password_hint"))


@pytest.mark.parametrize(
    "confirmation",
    [
        pytest.param(field(input_type="password", label="Confirm password"), id="confirm"),
        pytest.param(field(input_type="password", label="Repeat password"), id="repeat"),
        pytest.param(field(input_type="password", label="Password again"), id="again"),
        pytest.param(field(input_type="password", name="password2"), id="name-password2"),
    ],
)
def test_a_confirmation_field_is_told_apart_from_the_password(confirmation: Element) -> None:
    assert is_confirmation(confirmation)
    assert not is_confirmation(field(input_type="password", label="Password", name="password", id="password"))


@pytest.mark.parametrize(
    "box",
    [
        pytest.param(field(input_type="search", name="term"), id="type-search"),
        pytest.param(field(role="searchbox", name="term"), id="role-searchbox"),
        pytest.param(field(name="q"), id="name-q"),
        pytest.param(field(label="Filter products"), id="label-filter"),
        pytest.param(field(placeholder="Search notes"), id="placeholder"),
    ],
)
def test_search_boxes_are_recognised(box: Element) -> None:
    assert is_search(box)


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(field(label="Email", input_type="email"), id="email"),
        pytest.param(field(label="Research topic"), id="word-inside-another"),
        pytest.param(field("textarea", label="Search terms to avoid"), id="textarea"),
        pytest.param(field("button", None, text="Search"), id="button"),
    ],
)
def test_other_fields_are_not_search_boxes(other: Element) -> None:
    assert not is_search(other)


@pytest.mark.parametrize(
    ("element", "typed"),
    [
        (field(input_type="email"), True),
        (field(input_type="date"), True),
        (field(input_type="number"), True),
        (field(input_type="password"), True),
        (field("textarea"), True),
        (field(input_type="checkbox"), False),
        (field(input_type="file"), False),
        (field("select"), False),
    ],
    ids=["email", "date", "number", "password", "textarea", "checkbox", "file", "select"],
)
def test_text_entry_fields_are_the_ones_a_person_types_into(element: Element, typed: bool) -> None:
    assert is_text_entry(element) is typed


# -- what goes into it ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("element", "valid"),
    [
        pytest.param(field(input_type="email", label="Email"), EMAIL, id="email"),
        pytest.param(field(input_type="tel", label="Phone"), re.compile(r"[\d +()-]{7,}"), id="tel"),
        pytest.param(field(input_type="tel", name="contact"), re.compile(r"[\d +()-]{7,}"), id="tel-by-type"),
        pytest.param(field(input_type="url", label="Website"), re.compile(r"https?://\S+\.\S+"), id="url"),
        pytest.param(field(input_type="url", name="homepage"), re.compile(r"https?://\S+\.\S+"), id="url-by-type"),
        pytest.param(field(input_type="number", label="Quantity"), re.compile(r"\d+"), id="number"),
        pytest.param(field(input_type="number", label="Price"), re.compile(r"\d+(\.\d+)?"), id="number-price"),
        pytest.param(field(input_type="date", label="Delivery"), re.compile(r"\d{4}-\d{2}-\d{2}"), id="date"),
        pytest.param(field("textarea", label="Description"), re.compile(r"\w+( \w+)+\.?"), id="textarea"),
        pytest.param(field("textarea", name="x1"), re.compile(r"\w[\w -]* [\w -]+\.?"), id="textarea-unlabelled"),
        pytest.param(field(label="Postcode"), re.compile(r"\d{5}"), id="postcode"),
    ],
)
def test_values_are_valid_for_their_type(element: Element, valid: re.Pattern[str]) -> None:
    value = value_for(element)

    assert value is not None
    assert valid.fullmatch(value.value), value.value
    assert literal(value) == value.value


def test_a_date_is_a_real_date_in_the_future() -> None:
    value = value_for(field(input_type="date", label="Start"))

    assert value is not None and date.fromisoformat(value.value) > date.today()


def test_a_number_field_gets_a_whole_number_so_the_default_step_accepts_it() -> None:
    # <input type=number> without step="any" only accepts whole numbers; 49.99 would block the form's submission.
    for label in ("Price", "Amount", "Quantity"):
        value = value_for(field(input_type="number", label=label))
        assert value is not None and value.value.isdigit(), (label, value)


@pytest.mark.parametrize(
    ("label", "bounds", "wanted"),
    [
        ("Year", ("1000", "2100"), "2001"),
        ("Quantity", ("1", "10"), "2"),
        ("Seats", ("5", None), "5"),  # below the minimum: the minimum
        ("Price", (None, "20"), "20"),  # above the maximum: the maximum
        ("Rating", ("0.5", "4.5"), "2"),
        ("Copies", ("", "abc"), "2"),  # what the page says is not a number: ignored
    ],
)
def test_a_number_stays_within_the_fields_min_and_max(
    label: str, bounds: tuple[str | None, str | None], wanted: str
) -> None:
    # The browser will not submit a form whose number is out of range ("Year" with min=1000 refuses 2).
    el = field(input_type="number", label=label).model_copy(update={"bounds": bounds})
    value = value_for(el)
    assert value is not None and value.value == wanted


def test_without_a_run_the_email_is_a_fixed_literal() -> None:
    value = value_for(field(input_type="email", label="Email"))

    assert value is not None and EMAIL.fullmatch(value.value)
    assert literal(value) == value.value


def test_password_fields_are_left_alone_unless_values_were_generated() -> None:
    assert value_for(field(input_type="password", label="Password")) is None


def test_unknown_optional_non_input_is_left_alone() -> None:
    assert value_for(field("select", label="Colour")) is None


def test_an_unlabelled_required_input_still_gets_text() -> None:
    value = value_for(field(required=True))

    assert value is not None and value.value


# -- generated account values -----------------------------------------------------------------------------------


def test_generated_values_are_unique_per_run() -> None:
    runs = [Generated.fresh() for _ in range(20)]

    assert len({g.username.value for g in runs}) == 20
    assert len({g.password.value for g in runs}) == 20


def test_generated_username_and_password_fill_their_fields_as_variables() -> None:
    generated = Generated.fresh()
    username = value_for(field(label="Username", name="username"), generated)
    password = value_for(field(input_type="password", label="Password"), generated)
    confirmation = value_for(field(input_type="password", label="Confirm password"), generated)

    assert username == generated.username and username.code == "username"
    assert password == generated.password and password.code == "password"
    assert confirmation == password  # the same password twice, or the sign-up form refuses it


def test_generated_email_is_built_from_the_generated_username() -> None:
    generated = Generated.fresh()
    value = value_for(field(input_type="email", label="Email"), generated)

    assert value is not None and EMAIL.fullmatch(value.value)
    assert value.value.startswith(generated.username.value + "@")
    # The test computes it from its own username at run time.
    assert eval(value.code, {}, {"username": generated.username.value}) == value.value


def test_the_test_generates_values_of_the_same_shape_as_the_run() -> None:
    """The definitions are what the written test evaluates; they must make values like the ones explored with."""
    definitions = Generated.definitions()
    made = {name: eval(expr, {"uuid": uuid, "secrets": secrets}) for name, expr in definitions.items()}
    run = Generated.fresh()

    assert set(definitions) == {"username", "password"}
    assert re.fullmatch(r"user-[0-9a-f]{8}", made["username"]) and re.fullmatch(r"user-[0-9a-f]{8}", run.username.value)
    assert len(made["password"]) == len(run.password.value) >= 12
    assert made["username"] != run.username.value


# -- selects and checkboxes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "chosen"),
    [
        pytest.param([("", "Choose a size"), ("s", "Small"), ("m", "Medium")], "Small", id="skips-choose"),
        pytest.param([("none", "-- select --"), ("m", "Medium")], "Medium", id="skips-dashes-with-a-value"),
        pytest.param([("x", "Select one"), ("eu", "Europe")], "Europe", id="skips-select"),
        pytest.param([("", "Any"), ("de", "Germany")], "Germany", id="skips-empty-value"),
        pytest.param([("blue", "")], "blue", id="value-when-no-label"),
        pytest.param([("", "Choose..."), ("", "Pick one")], None, id="only-placeholders"),
    ],
)
def test_option_for_picks_the_first_real_option(options: list[tuple[str, str]], chosen: str | None) -> None:
    assert option_for(field("select", options=options)) == chosen


def test_option_for_a_select_without_options() -> None:
    assert option_for(field("select")) is None


@pytest.mark.parametrize(
    "box",
    [
        pytest.param(field(input_type="checkbox", label="I agree to the Terms of Service"), id="terms"),
        pytest.param(field(input_type="checkbox", label="I accept the privacy policy"), id="accept"),
        pytest.param(field(input_type="checkbox", name="consent"), id="consent-name"),
        pytest.param(field(input_type="checkbox", label="I am 18 or older", required=True), id="required"),
    ],
)
def test_checkboxes_a_form_needs_are_checked(box: Element) -> None:
    assert should_check(box)


@pytest.mark.parametrize(
    "box",
    [
        pytest.param(field(input_type="checkbox", label="Send me the newsletter"), id="newsletter"),
        pytest.param(field(input_type="checkbox", label="Remember me"), id="remember-me"),
    ],
)
def test_optional_checkboxes_are_left_unchecked(box: Element) -> None:
    assert not should_check(box)
