"""Scribe's explorer on tiny live pages: it finds the element a person means, reaches it through a locator that
matches it alone, and records each step the written test will replay."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from apps.local_http import serve_handler
from apps.tiny_site import page, site_handler

from superagent.agents.writer_explore import Explorer, NoUniqueLocator
from superagent.browser.snapshot import Element, element_index

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]

ROUTES = {
    "/find": page(
        "Find",
        """<nav><a href="/settings">Account settings</a> <a href="/settings">Settings</a>
        <a href="/archive">Settings archive</a></nav>
        <button>Save settings</button> <button>New item</button> <a href="/new">New</a>
        <button>Add to cart</button> <a href="/cart">Cart (1)</a>""",
    ),
    "/forms": page(
        "Forms",
        """<form><label>Name <input name="name"></label><label>Size <select name="size">
        <option>S</option><option>M</option></select></label><textarea aria-label="Notes"></textarea>
        <button>Send</button></form>
        <form><label>Search <input type="search" name="q"></label></form>
        <label>Loose <input name="loose"></label>""",
    ),
    "/locate": page(
        "Locate",
        """<button data-testid="checkout-button">Pay now</button>
        <button data-testid="btn-x7f3k9q2">Pay later</button>
        <button>Save</button> <button>Save draft</button>
        <div><button>Go</button><button>Go</button></div>
        <ul><li><strong>Milk</strong> <button>Delete</button></li>
            <li><strong>Bread</strong> <button>Delete</button></li></ul>
        <table><tr><td><a href="#i7">Invoice 7</a></td><td><button>Edit</button></td></tr>
               <tr><td><a href="#i8">Invoice 8</a></td><td><button>Edit</button></td></tr></table>""",
    ),
    "/act": page(
        "Act",
        """<h1>Act</h1>
        <form action="/done"><label>Title <input name="title"></label>
        <label>Password <input type="password" name="password"></label>
        <label>Size <select name="size"><option value="">Choose</option><option value="m">Medium</option></select>
        </label><label><input type="checkbox" name="terms"> I agree to the terms</label>
        <button>Submit</button></form>
        <button id="reveal" onclick="document.getElementById('late').innerHTML = '<h2>Revealed</h2>'">Reveal</button>
        <div id="late"></div>""",
    ),
    "/done": page("Done", "<h1>Done</h1>"),
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_handler(site_handler(ROUTES)) as url:
        yield url


async def explorer_at(tab: Any, site: str, path: str) -> Explorer:
    explorer = Explorer(tab, site)
    await explorer.goto(path)
    return explorer


def named(explorer: Explorer, name: str, role: str = "button", nth: int = 0) -> Element:
    matches = [el for el in explorer.elements if el.fp.role == role and el.fp.accessible_name == name]
    return matches[nth]


async def resolves_to(explorer: Explorer, code: str, el: Element) -> bool:
    """``code`` (a locator expression on ``page``) matches exactly ``el`` on the live page."""
    locator = eval(code, {"page": explorer.page})
    return await element_index(locator) == el.index


# -- finding ----------------------------------------------------------------------------------------------------


async def test_find_ranks_an_exact_name_over_partial_ones(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/find")

    found = x.find(("settings",))

    assert found is not None and (found.fp.role, found.fp.accessible_name) == ("link", "Settings")


async def test_find_ranks_earlier_keywords_higher_but_exact_beats_partial(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/find")

    new_item = x.find(("new item", "new"))
    new = x.find(("new", "new item"))

    assert new_item is not None and new_item.fp.accessible_name == "New item"
    assert new is not None and new.fp.accessible_name == "New"


async def test_find_honours_roles_where_and_exclude(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/find")

    button = x.find(("settings",), roles=("button",))
    cart = x.find(("cart",), exclude=("add to cart",))
    not_the_exact_one = x.find(("settings",), roles=("link",), where=lambda el: el.fp.href != "/settings")

    assert button is not None and button.fp.accessible_name == "Save settings"
    assert cart is not None and (cart.fp.role, cart.fp.accessible_name) == ("link", "Cart (1)")
    assert not_the_exact_one is not None and not_the_exact_one.fp.accessible_name == "Settings archive"


async def test_find_returns_none_when_nothing_matches(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/find")

    assert x.find(("log out", "sign out")) is None
    assert x.find(("cart",), roles=("button",), exclude=("add to cart",)) is None


async def test_fields_are_those_of_one_form(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/forms")

    assert [el.fp.name or el.fp.accessible_name for el in x.fields(0)] == ["name", "size", "Notes"]
    assert [el.fp.name for el in x.fields(1)] == ["q"]
    assert [el.fp.name for el in x.fields(None)] == ["loose"]


# -- locating ---------------------------------------------------------------------------------------------------


async def test_locate_prefers_a_test_id(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/locate")
    el = named(x, "Pay now")

    spec, alternatives = await x.locate(el)

    assert spec.code() == 'page.get_by_test_id("checkout-button")'
    assert [a.code() for a in alternatives] == ['page.get_by_role("button", name="Pay now")']


async def test_locate_skips_a_generated_test_id_for_role_and_name(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/locate")

    spec, _ = await x.locate(named(x, "Pay later"))

    assert spec.code() == 'page.get_by_role("button", name="Pay later")'


async def test_locate_verifies_uniqueness_and_takes_the_exact_name_when_the_loose_one_matches_two(
    tab: Any, site: str
) -> None:
    x = await explorer_at(tab, site, "/locate")
    save = named(x, "Save")

    spec, alternatives = await x.locate(save)

    assert spec.code() == 'page.get_by_role("button", name="Save", exact=True)'
    assert alternatives
    for code in [spec.code(), *(a.code() for a in alternatives)]:
        assert await resolves_to(x, code, save), code


@pytest.mark.parametrize(
    ("name", "nth", "expected"),
    [
        ("Delete", 1, 'page.get_by_role("listitem").filter(has_text="Bread").get_by_role("button", name="Delete")'),
        ("Edit", 0, 'page.get_by_role("row").filter(has_text="Invoice 7").get_by_role("button", name="Edit")'),
    ],
    ids=["list-item", "table-row"],
)
async def test_a_repeated_name_is_scoped_to_its_container(
    tab: Any, site: str, name: str, nth: int, expected: str
) -> None:
    x = await explorer_at(tab, site, "/locate")
    el = named(x, name, nth=nth)

    spec, _ = await x.locate(el)

    assert spec.code() == expected
    assert await resolves_to(x, expected, el)


async def test_nothing_unique_raises_no_unique_locator(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/locate")

    with pytest.raises(NoUniqueLocator, match="button 'Go'"):
        await x.locate(named(x, "Go", nth=1))


# -- acting -----------------------------------------------------------------------------------------------------


async def test_goto_records_the_path(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/act")

    assert [(s.action, s.value) for s in x.steps] == [("goto", "/act")]
    assert x.path() == "/act"


async def test_fill_records_the_value_or_its_expression(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/act")
    title = next(el for el in x.elements if el.fp.name == "title")
    password = next(el for el in x.elements if el.fp.name == "password")

    typed = await x.act(title, "fill", value="Boots")
    secret = await x.act(password, "fill", value="hunter2", value_expr="credentials.password")

    assert (typed.locator, typed.value, typed.value_expr) == (
        'page.get_by_role("textbox", name="Title")',
        "Boots",
        None,
    )
    assert (secret.value, secret.value_expr) == (None, "credentials.password")
    assert secret.locator == 'page.get_by_label("Password")'
    assert typed.fingerprint == title.fingerprint and typed.fingerprint.label == "Title"
    assert typed.page == secret.page == "/act"
    assert x.steps[1:] == [typed, secret]
    assert await tab.input_value("input[name=title]") == "Boots"
    assert await tab.input_value("input[name=password]") == "hunter2"


async def test_select_and_check_act_on_the_page(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/act")
    size = next(el for el in x.elements if el.fp.name == "size")
    terms = next(el for el in x.elements if el.fp.name == "terms")

    selected = await x.act(size, "select", value="Medium")
    checked = await x.act(terms, "check")

    assert (selected.action, selected.value) == ("select", "Medium")
    assert checked.locator == 'page.get_by_role("checkbox", name="I agree to the terms")'
    assert await tab.input_value("select[name=size]") == "m"
    assert await tab.is_checked("input[name=terms]")


async def test_a_click_records_where_it_happened_and_settles_on_the_next_page(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/act?from=test")

    step = await x.act(named(x, "Submit"), "click", description="submit the form")

    assert (step.action, step.page, step.description) == ("click", "/act", "submit the form")
    assert x.path().startswith("/done")
    assert [el.fp.accessible_name for el in x.elements if el.fp.role == "heading"] == ["Done"]


async def test_a_click_refreshes_the_inventory_only_when_asked_to_settle(tab: Any, site: str) -> None:
    x = await explorer_at(tab, site, "/act")

    await x.act(named(x, "Reveal"), "click", settle=False)
    unsettled = [el.fp.accessible_name for el in x.elements if el.fp.role == "heading"]
    await x.act(named(x, "Reveal"), "click")
    settled = [el.fp.accessible_name for el in x.elements if el.fp.role == "heading"]

    assert unsettled == ["Act"]
    assert settled == ["Act", "Revealed"]
