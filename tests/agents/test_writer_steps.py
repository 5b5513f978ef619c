"""Spelled-out steps grounded in tiny live pages: each step's element found by name, repeated names scoped the
way a person would tell them apart, targets behind menus and on other pages reached, and a step that cannot be
grounded reported with what the page offered instead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apps.local_http import serve_handler
from apps.tiny_site import page, site_handler

from superagent.agents.critic import critique_source
from superagent.agents.router import route_all
from superagent.agents.writer import save, write_test
from superagent.models import FlowNotFound, TestCase

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]

SAY = "function say(t) { document.getElementById('status').textContent = t; }"
HOME = page(
    "Shop",
    f"""<script>{SAY}</script>
    <header><a href="/books">Books</a>
      <form role="search" aria-label="Site search"><input aria-label="Site query"><button type="button"
        onclick="say('Site search')">Search</button></form>
      <button aria-label="Settings" onclick="say('Settings opened')"><svg width="16" height="16"></svg></button>
      <button aria-haspopup="menu" aria-expanded="false"
        onclick="this.setAttribute('aria-expanded', 'true'); document.getElementById('m').hidden = false">More</button>
      <div role="menu" id="m" hidden><button role="menuitem" onclick="say('Archived')">Archive</button></div>
    </header>
    <main><h1>Shop</h1><p role="status" id="status"></p>
      <form aria-label="Catalogue search" onsubmit="event.preventDefault()">
        <label>Query <input name="q"></label>
        <button type="button" onclick="say('Results for ' + this.form.q.value)">Search</button></form>
      <table><thead><tr><th>Name</th><th></th></tr></thead><tbody>
        <tr><td>Milk</td><td><button onclick="say('Deleted Milk')">Delete</button></td></tr>
        <tr><td>Bread</td><td><button onclick="say('Deleted Bread')">Delete</button></td></tr>
      </tbody></table>
      <label><input type="checkbox" name="news"> Newsletter</label>
    </main>""",
)
BOOKS = page(
    "Books",
    f"""<script>{SAY}</script><main><h1>Books</h1><p role="status" id="status"></p>
    <button onclick="say('Book added')">Add book</button></main>""",
)


# A list rendered by script a moment after the page loads, titles as plain cells, one "Open" link per row; a form
# with a search box labelled "Filter notes" and an "Add note" link; a theme chosen with radio buttons.
ISSUES = page(
    "Issues",
    f"""<script>{SAY}
    setTimeout(() => {{ document.getElementById('rows').innerHTML =
      '<tr><td>Webhook retries</td><td><a href="#" onclick="say(\\'Opened Webhook retries\\')">Open</a></td></tr>' +
      '<tr><td>Dark mode</td><td><a href="#" onclick="say(\\'Opened Dark mode\\')">Open</a></td></tr>'; }}, 700);
    </script><main><h1>Issues</h1><h2>Release 2.4 #31</h2><p role="status" id="status"></p>
    <a href="#" onclick="say('New note form')">Add note</a>
    <form role="search" onsubmit="event.preventDefault(); say('Filtered by ' + this.q.value)">
      <input type="search" name="q" aria-label="Filter notes"></form>
    <fieldset><legend>Theme</legend><label><input type="radio" name="t" value="l" checked> Light</label>
      <label><input type="radio" name="t" value="d" onchange="say('Theme dark')"> Dark</label></fieldset>
    <table><thead><tr><th>Title</th><th></th></tr></thead><tbody id="rows"></tbody></table></main>""",
)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_handler(site_handler({"/": HOME, "/books": BOOKS, "/issues": ISSUES})) as url:
        yield url


async def write(chromium_browser: Any, site: str, text: str, tmp_path: Path) -> TestCase | FlowNotFound:
    [request] = route_all(text, url=site)
    return await write_test(request, browser=chromium_browser, tests_dir=tmp_path, timeout_ms=3000)


def written(result: TestCase | FlowNotFound) -> TestCase:
    assert isinstance(result, TestCase), result.reason if isinstance(result, FlowNotFound) else result
    assert critique_source(result.code).findings == []
    return result


async def test_a_repeated_name_in_rows_is_scoped_by_the_row_the_step_names(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    case = written(
        await write(chromium_browser, site, "click Delete in the row for Bread, expect 'Deleted Bread'", tmp_path)
    )
    assert 'page.get_by_role("row", name="Bread").get_by_role("button", name="Delete").click()' in case.code
    assert 'expect(page.get_by_text("Deleted Bread")).to_be_visible()' in case.code
    assert Path(case.path).name.startswith("test_steps_")


async def test_a_name_in_the_header_and_in_a_form_is_told_apart_by_the_field_before_it(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    text = "fill 'lamp' in Query, click Search, expect 'Results for lamp'"
    case = written(await write(chromium_browser, site, text, tmp_path))
    assert 'page.get_by_role("form", name="Catalogue search").get_by_role("button", name="Search").click()' in (
        case.code
    )


async def test_an_icon_only_button_is_found_by_its_aria_label(chromium_browser: Any, site: str, tmp_path: Path) -> None:
    case = written(await write(chromium_browser, site, "click the settings icon, expect 'Settings opened'", tmp_path))
    assert 'page.get_by_role("button", name="Settings").click()' in case.code


async def test_a_target_behind_a_menu_opens_the_menu_first(chromium_browser: Any, site: str, tmp_path: Path) -> None:
    case = written(await write(chromium_browser, site, "click Archive, expect 'Archived'", tmp_path))
    more = case.code.index('page.get_by_role("button", name="More").click()')
    assert more < case.code.index('page.get_by_role("menuitem", name="Archive").click()')


async def test_a_target_on_another_page_is_reached_through_the_link_towards_it(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    case = written(await write(chromium_browser, site, "click 'Add book', I should see 'Book added'", tmp_path))
    assert case.code.index('get_by_role("link", name="Books").click()') < case.code.index('name="Add book").click()')


async def test_expectations_sit_after_their_step_and_unique_values_are_made_per_run(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    text = (
        "check Newsletter, Newsletter is checked, fill 'Item {unique}' in Query, "
        "the URL ends with /, the Site search field is visible"
    )
    case = written(await write(chromium_browser, site, text, tmp_path))
    lines = [line.strip() for line in case.code.splitlines()]
    assert "unique = uuid.uuid4().hex[:8]" in lines and "import uuid" in lines
    assert 'page.get_by_role("textbox", name="Query", exact=True).fill(f"Item {unique}")' in lines, case.code
    checked = lines.index('expect(page.get_by_role("checkbox", name="Newsletter")).to_be_checked()')
    assert (
        lines.index('page.get_by_role("checkbox", name="Newsletter").check()')
        < checked
        < lines.index('page.get_by_role("textbox", name="Query", exact=True).fill(f"Item {unique}")')
    )
    save(case)
    assert Path(case.path).is_file()


async def test_a_step_that_cannot_be_grounded_names_the_step_and_the_closest_elements(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    result = await write(chromium_browser, site, "click Settings, click 'Sign up now', expect 'Welcome'", tmp_path)
    assert isinstance(result, FlowNotFound)
    assert result.reason.startswith("step 2 \"click 'Sign up now'\": no button / link / menuitem / tab named like")
    assert "closest: " in result.reason and "(0." in result.reason
    assert not list(tmp_path.iterdir())  # nothing written


async def test_two_equally_good_matches_no_scope_separates_are_reported(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    result = await write(chromium_browser, site, "click Delete, expect 'Deleted'", tmp_path)
    assert isinstance(result, FlowNotFound)
    assert "step 1 'click Delete'" in result.reason and "equally well" in result.reason
    assert "row" in result.reason  # where each of them is


async def test_an_expectation_that_does_not_hold_says_what_the_page_shows(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    result = await write(chromium_browser, site, "click Settings, expect 'Order shipped'", tmp_path)
    assert isinstance(result, FlowNotFound)
    assert "step 2 \"expect 'Order shipped'\": it does not hold on the page" in result.reason
    assert "Settings opened" in result.reason


async def test_a_rows_text_is_clicked_through_the_rows_own_link_once_the_list_has_loaded(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    # the rows arrive 0.7 s after load; the title is a plain cell, so the row's "Open" link is what opens it
    case = written(
        await write(chromium_browser, site, "go to /issues, click 'Webhook retries', expect 'Opened Webhook retries'",
                    tmp_path)
    )  # fmt: skip
    assert 'page.get_by_role("row", name="Webhook retries").get_by_role("link", name="Open").click()' in case.code


async def test_words_that_mean_the_same_and_names_that_say_the_kind_find_the_control(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    case = written(
        await write(chromium_browser, site, "go to /issues, click New note, expect 'New note form', "
                    "fill Search with lamp, press Enter, expect 'Filtered by lamp'", tmp_path)
    )  # fmt: skip
    assert 'page.get_by_role("link", name="Add note").click()' in case.code  # "New note" is "Add note"
    assert 'page.get_by_role("searchbox", name="Filter notes").fill("lamp")' in case.code  # "Search": the search box


async def test_select_in_a_group_of_radio_buttons_checks_the_option(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    case = written(
        await write(chromium_browser, site, "go to /issues, select Dark in Theme, expect 'Theme dark'", tmp_path)
    )
    assert 'page.get_by_role("radio", name="Dark").check()' in case.code


@pytest.mark.parametrize(
    ("target", "is_path"),
    [("/books", True), ("books/", True), ("issues/4", True), ("http://127.0.0.1/x", True), ("admin/books?page=2", True),
     ("Books", False), ("the Books page", False), ("Add book", False)],
)  # fmt: skip
async def test_an_address_is_told_from_a_page_name(target: str, is_path: bool) -> None:
    from superagent.agents.writer_steps import _is_path

    assert _is_path(target) is is_path


async def test_an_expected_element_is_named_by_the_steps_words_not_by_what_changes_per_run(
    chromium_browser: Any, site: str, tmp_path: Path
) -> None:
    # "#31" is what the app numbered the record on this run; 'Edited {unique}' for "Edited 3f9a #20" alike
    case = written(await write(chromium_browser, site, "go to /issues, expect heading 'Release 2.4'", tmp_path))
    assert 'expect(page.get_by_role("heading", name="Release 2.4")).to_be_visible()' in case.code
