"""Locators as data: generated ids are spotted, candidates come best first, and code renders as valid Python."""

from __future__ import annotations

import ast

import pytest

from superagent.healing.fingerprint import Fingerprint
from superagent.healing.locators import Call, LocatorSpec, candidates, looks_generated, within


@pytest.mark.parametrize("value", ["f-3k9x", "css-1q2w3e", "ember123", "card-8f3a9c2d", "item_48213", "mui-123"])
def test_generated_ids(value: str) -> None:
    assert looks_generated(value) is True


@pytest.mark.parametrize(
    "value", ["login-submit", "search", "username", "add-to-cart-desk-lamp", "checkout-button", "h1", "step-2"]
)
def test_meaningful_ids(value: str) -> None:
    assert looks_generated(value) is False


@pytest.mark.parametrize("value", [None, ""])
def test_no_id_is_not_generated(value: str | None) -> None:
    assert looks_generated(value) is False


# --- rendering -----------------------------------------------------------------------------------------------


def test_code_renders_role_name_and_exact() -> None:
    spec = LocatorSpec(
        strategy="role", calls=[Call(method="get_by_role", args=["button"], options={"name": "Log in", "exact": True})]
    )
    assert spec.code() == 'page.get_by_role("button", name="Log in", exact=True)'


def test_code_renders_a_filtered_container_and_first() -> None:
    spec = LocatorSpec(
        strategy="container",
        calls=[
            Call(method="get_by_role", args=["listitem"]),
            Call(method="filter", options={"has_text": "Desk lamp"}),
            Call(method="first"),
        ],
    )
    assert spec.code() == 'page.get_by_role("listitem").filter(has_text="Desk lamp").first'
    assert spec.code(root="frame") == 'frame.get_by_role("listitem").filter(has_text="Desk lamp").first'


def test_code_escapes_quotes_and_backslashes() -> None:
    text = 'Say "hi" to C:\\Users'
    spec = LocatorSpec(strategy="text", calls=[Call(method="get_by_text", args=[text], options={"exact": True})])
    code = spec.code()
    assert code == 'page.get_by_text("Say \\"hi\\" to C:\\\\Users", exact=True)'
    call = ast.parse(code, mode="eval").body
    assert isinstance(call, ast.Call)
    assert ast.literal_eval(call.args[0]) == text


def test_within_scopes_an_inner_locator_to_one_container() -> None:
    inner = LocatorSpec(strategy="role", calls=[Call(method="get_by_role", args=["button"], options={"name": "Add"})])
    spec = within("listitem", "Desk lamp", inner)
    assert spec.strategy == "container>role"
    assert spec.code() == 'page.get_by_role("listitem").filter(has_text="Desk lamp").get_by_role("button", name="Add")'


class _Recorder:
    """Stands in for a page: records the chain of calls a spec makes."""

    def __init__(self, chain: tuple[str, ...] = ()) -> None:
        self.chain = chain

    def __getattr__(self, name: str) -> _Recorder:
        if name in ("first", "last"):
            return _Recorder((*self.chain, name))
        return _RecordedMethod(self.chain, name)  # type: ignore[return-value]


class _RecordedMethod:
    def __init__(self, chain: tuple[str, ...], name: str) -> None:
        self.chain = chain
        self.name = name

    def __call__(self, *args: object, **kwargs: object) -> _Recorder:
        rendered = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        return _Recorder((*self.chain, f"{self.name}({', '.join(rendered)})"))


def test_resolve_makes_the_same_calls_the_code_shows() -> None:
    spec = within(
        "row",
        "Order 7",
        LocatorSpec(strategy="text", calls=[Call(method="get_by_text", args=["Cancel"]), Call(method="last")]),
    )
    target = spec.resolve(_Recorder())
    assert target.chain == (
        "get_by_role('row')",
        "filter(has_text='Order 7')",
        "get_by_text('Cancel')",
        "last",
    )


# --- candidates ----------------------------------------------------------------------------------------------


def codes(fp: Fingerprint) -> list[str]:
    return [spec.code() for spec in candidates(fp)]


def strategies(fp: Fingerprint) -> list[str]:
    return [spec.strategy for spec in candidates(fp)]


def test_candidates_come_most_robust_first() -> None:
    fp = Fingerprint(
        tag="input",
        id="email",
        name="email",
        role="textbox",
        accessible_name="Email",
        label="Email",
        placeholder="you@example.com",
        test_id="signup-email",
    )
    assert codes(fp) == [
        'page.get_by_test_id("signup-email")',
        'page.get_by_role("textbox", name="Email")',
        'page.get_by_role("textbox", name="Email", exact=True)',
        'page.get_by_label("Email")',
        'page.get_by_label("Email", exact=True)',
        'page.get_by_placeholder("you@example.com")',
        'page.locator("#email")',
        'page.locator("input[name=\\"email\\"]")',
    ]


def test_text_comes_after_placeholder_and_before_css() -> None:
    fp = Fingerprint(tag="a", id="help", role="link", accessible_name="Help", text="Help")
    assert strategies(fp) == ["role", "role", "text", "css_id"]
    assert codes(fp)[2] == 'page.get_by_text("Help", exact=True)'


def test_generated_test_id_and_id_are_skipped() -> None:
    fp = Fingerprint(tag="button", id="ember123", test_id="card-8f3a9c2d", role="button", accessible_name="Buy")
    assert codes(fp) == [
        'page.get_by_role("button", name="Buy")',
        'page.get_by_role("button", name="Buy", exact=True)',
    ]


def test_meaningful_test_id_is_kept() -> None:
    fp = Fingerprint(tag="button", test_id="checkout-button", role="button", accessible_name="Checkout")
    assert codes(fp)[0] == 'page.get_by_test_id("checkout-button")'


def test_role_without_a_name_is_not_a_candidate() -> None:
    fp = Fingerprint(tag="div", role="button", text="Go")
    assert strategies(fp) == ["text"]


def test_unnamed_roles_and_long_texts_are_skipped() -> None:
    fp = Fingerprint(tag="p", role="paragraph", accessible_name="Intro", text="x" * 61)
    assert candidates(fp) == []


def test_text_is_not_used_for_form_fields() -> None:
    fp = Fingerprint(tag="textarea", text="Hello", name="message")
    assert codes(fp) == ['page.locator("textarea[name=\\"message\\"]")']


def test_ids_that_are_not_plain_css_are_skipped() -> None:
    fp = Fingerprint(tag="div", id="user:name")
    assert candidates(fp) == []
