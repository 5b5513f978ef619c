"""The Flask library admin under /admin/: every feature works, and each broken switch breaks its feature.

Browser scenarios drive the app as a user would; each tags the assertion that proves its feature with
``"<feature>: "`` so a broken run is shown to fail for that reason and not for another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from apps.admin_app import FEATURES, AdminApp, create_app
from apps.fixtures import RunningApp

Site = RunningApp[AdminApp]
WORKING_WAIT_MS = 5000
BROKEN_WAIT_MS = 750  # the broken state never changes, so a longer wait would only slow the suite

pytestmark = pytest.mark.browser


# -- helpers ---------------------------------------------------------------------------
@pytest.fixture
def client(admin_site: Site) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=admin_site.origin, follow_redirects=True, timeout=10) as http:
        yield http


def log_in_http(client: httpx.Client, site: Site, password: str | None = None) -> httpx.Response:
    return client.post("/admin/login", data={"username": site.username, "password": password or site.password})


def row_titles(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [t.replace("&#39;", "'").replace("&amp;", "&") for t in re.findall(r'<td><a href="[^"]+">([^<]+)</a>', body)]


def author_names(html: str) -> list[str]:
    return re.findall(r'<td><a href="/admin/authors/\d+">([^<]+)</a>', html)


def log_in(page: Page, site: Site) -> None:
    page.goto(site.url)
    page.get_by_label("Username").fill(site.username)
    page.get_by_label("Password").fill(site.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def open_books(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Books").click()
    expect(page.get_by_role("heading", name="Books", level=1)).to_be_visible()


def data_rows(page: Page) -> Locator:
    return page.get_by_role("table", name="Books").locator("tbody").get_by_role("row")


def book_row(page: Page, title: str) -> Locator:
    return data_rows(page).filter(has=page.get_by_role("link", name=title, exact=True))


# -- scenarios: one per switchable feature ---------------------------------------------------
def scenario_login(page: Page, site: Site, wait: float) -> None:
    page.goto(site.url)
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Username").fill(site.username)
    page.get_by_label("Password").fill(site.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Dashboard"), "login: the dashboard opens").to_be_visible(timeout=wait)
    expect(page.get_by_role("button", name=site.username, exact=True)).to_be_visible()


def scenario_logout(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    menu_button = page.get_by_role("button", name=site.username, exact=True)
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    page.get_by_role("menuitem", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in"), "logout: back on the login page").to_be_visible(timeout=wait)
    page.goto(site.url + "books/")
    expect(page.get_by_role("heading", name="Log in"), "logout: the books need a new login").to_be_visible(timeout=wait)


def scenario_create(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    page.get_by_role("link", name="Add book").click()
    page.get_by_label("Title", exact=True).fill("The Lathe of Heaven")
    page.get_by_label("Author", exact=True).select_option(label="Ursula K. Le Guin")
    page.get_by_label("Year", exact=True).fill("1971")
    page.get_by_label("Genre", exact=True).select_option("Science fiction")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Books", level=1)).to_be_visible()
    expect(data_rows(page).first, "create: the new book heads the list").to_contain_text(
        "The Lathe of Heaven", timeout=wait
    )
    expect(page.get_by_text("Showing 1–10 of 29 books")).to_be_visible()


def scenario_edit(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    book_row(page, "His Master's Voice").get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit book")).to_be_visible()
    expect(page.get_by_label("Title", exact=True)).to_have_value("His Master's Voice")
    page.get_by_label("Title", exact=True).fill("His Master's Voice (2nd ed.)")
    page.get_by_label("Year", exact=True).fill("1983")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(re.compile(r"/admin/books/28$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading, "edit: the detail page shows the new title").to_have_text(
        "His Master's Voice (2nd ed.)", timeout=wait
    )
    expect(page.locator("dd").nth(1)).to_have_text("1983")


def scenario_delete(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    book_row(page, "His Master's Voice").get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete book")).to_be_visible()
    expect(page.get_by_text("Are you sure you want to delete “His Master's Voice”?")).to_be_visible()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.get_by_role("heading", name="Books", level=1)).to_be_visible()
    expect(book_row(page, "His Master's Voice"), "delete: the book is gone").to_have_count(0, timeout=wait)
    expect(page.get_by_text("Showing 1–10 of 27 books"), "delete: one book fewer").to_be_visible(timeout=wait)


def scenario_search(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    filters = page.get_by_role("form", name="Filter books")
    filters.get_by_label("Title or author").fill("lem")
    filters.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=lem"))
    expect(data_rows(page), "search: only Stanisław Lem's three books").to_have_count(3, timeout=wait)
    expect(data_rows(page).filter(has_text="Stanisław Lem")).to_have_count(3)

    page.get_by_role("search").get_by_role("searchbox").fill("murder")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Books (2)"), "search: the header search finds two books").to_be_visible(
        timeout=wait
    )


def scenario_filter(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    page.get_by_label("Genre", exact=True).select_option("Poetry")
    page.get_by_role("checkbox", name="In stock").check()
    page.get_by_role("form", name="Filter books").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"genre=Poetry"))
    expect(data_rows(page), "filter: one poetry book in stock").to_have_count(1, timeout=wait)
    expect(data_rows(page).first).to_contain_text("Map: Collected and Last Poems")
    expect(page.get_by_label("Genre", exact=True)).to_have_value("Poetry")


def scenario_sort(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    table = page.get_by_role("table", name="Books")
    table.get_by_role("link", name="Year").click()
    expect(table.get_by_role("columnheader", name="Year")).to_have_attribute("aria-sort", "ascending")
    expect(data_rows(page).first, "sort: oldest book first").to_contain_text("A Study in Scarlet", timeout=wait)
    table.get_by_role("link", name="Year").click()
    expect(table.get_by_role("columnheader", name="Year")).to_have_attribute("aria-sort", "descending")
    expect(data_rows(page).first, "sort: newest book first").to_contain_text("Women & Power", timeout=wait)


def scenario_paginate(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(data_rows(page)).to_have_count(10)
    expect(data_rows(page).first).to_contain_text("His Master's Voice")
    pagination.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Showing 11–20 of 28 books")).to_be_visible()
    expect(data_rows(page).first, "paginate: page 2 starts with the 11th book").to_contain_text("Kindred", timeout=wait)
    pagination.get_by_role("link", name="3", exact=True).click()
    expect(pagination.get_by_role("link", name="3", exact=True)).to_have_attribute("aria-current", "page")
    expect(data_rows(page), "paginate: the last page holds the last 8").to_have_count(8, timeout=wait)
    pagination.get_by_role("link", name="Previous").click()
    expect(page.get_by_text("Showing 11–20 of 28 books")).to_be_visible()


def scenario_flash(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    book_row(page, "Solaris").get_by_role("link", name="Edit").click()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Solaris", level=1)).to_be_visible()
    status = page.get_by_role("status")
    expect(status, "flash: the update is confirmed").to_have_text("Book “Solaris” was updated.", timeout=wait)
    status.get_by_role("button", name="Dismiss").click()
    expect(status).to_have_count(0)


def scenario_detail(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    open_books(page)
    page.get_by_role("link", name="Solaris", exact=True).click()
    expect(page.get_by_role("heading", level=1), "detail: the book's own page opens").to_have_text(
        "Solaris", timeout=wait
    )


SCENARIOS: dict[str, Callable[[Page, Site, float], None]] = {
    "login": scenario_login,
    "logout": scenario_logout,
    "create": scenario_create,
    "edit": scenario_edit,
    "delete": scenario_delete,
    "search": scenario_search,
    "filter": scenario_filter,
    "sort": scenario_sort,
    "paginate": scenario_paginate,
    "flash": scenario_flash,
    "detail": scenario_detail,
}


def test_every_feature_has_a_scenario() -> None:
    assert tuple(SCENARIOS) == FEATURES


@pytest.mark.parametrize("feature", FEATURES)
def test_feature_works(tab: Page, admin_site: Site, feature: str) -> None:
    SCENARIOS[feature](tab, admin_site, WORKING_WAIT_MS)


@pytest.mark.parametrize("feature", FEATURES)
def test_broken_feature_fails_its_scenario(tab: Page, admin_site: Site, feature: str) -> None:
    admin_site.app.broken.add(feature)
    with pytest.raises(AssertionError, match=rf"^{feature}: "):
        SCENARIOS[feature](tab, admin_site, BROKEN_WAIT_MS)


# -- more of the app in a browser ------------------------------------------------------------------
def test_repeated_and_icon_only_controls(tab: Page, admin_site: Site) -> None:
    log_in(tab, admin_site)
    open_books(tab)
    expect(tab.get_by_role("button", name="Search")).to_have_count(2)
    expect(tab.get_by_role("link", name="Edit", exact=True)).to_have_count(10)
    expect(tab.get_by_role("link", name="Delete", exact=True)).to_have_count(10)
    expect(tab.get_by_role("checkbox", name="In stock")).to_have_count(1)

    book_row(tab, "Solaris").get_by_role("link", name="Solaris").click()
    expect(tab.get_by_role("heading", name="Solaris")).to_be_visible()
    tab.get_by_role("link", name="Delete book").click()
    expect(tab.get_by_role("heading", name="Delete book")).to_be_visible()
    tab.get_by_role("link", name="Cancel").click()
    expect(book_row(tab, "Solaris")).to_have_count(1)
    book_row(tab, "Solaris").get_by_role("link", name="Solaris").click()
    tab.get_by_role("link", name="Edit book").click()
    expect(tab.get_by_role("heading", name="Edit book")).to_be_visible()


def test_user_menu_opens_and_closes(tab: Page, admin_site: Site) -> None:
    log_in(tab, admin_site)
    menu = tab.get_by_role("menu")
    expect(menu).to_be_hidden()
    tab.get_by_role("button", name=admin_site.username, exact=True).click()
    expect(menu).to_be_visible()
    tab.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    tab.get_by_role("button", name=admin_site.username, exact=True).click()
    tab.get_by_role("heading", name="Dashboard").click()
    expect(menu).to_be_hidden()


def test_login_returns_to_the_page_asked_for(tab: Page, admin_site: Site) -> None:
    tab.goto(admin_site.url + "books/?page=2")
    expect(tab).to_have_url(re.compile(r"/admin/login\?next="))
    tab.get_by_label("Username").fill(admin_site.username)
    tab.get_by_label("Password").fill(admin_site.password)
    tab.get_by_role("button", name="Log in").click()
    expect(tab).to_have_url(admin_site.url + "books/?page=2")


# -- over plain HTTP ------------------------------------------------------------------------
def test_only_the_sub_path_is_served(client: httpx.Client) -> None:
    assert client.get("/").status_code == 404
    assert client.get("/books/").status_code == 404
    assert client.get("/login").status_code == 404
    login = client.get("/admin/")
    assert login.url.path == "/admin/login"
    assert client.get("/admin/static/admin.js").status_code == 200


def test_every_link_stays_under_the_sub_path(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    pages = ["/admin/", "/admin/books/", "/admin/books/1", "/admin/books/1/edit", "/admin/books/1/delete"]
    pages += ["/admin/books/new", "/admin/authors/", "/admin/authors/1", "/admin/search?q=the"]
    for path in pages:
        html = client.get(path).text
        targets = re.findall(r'(?:href|action|src)="([^"]*)"', html)
        assert targets, path
        outside = [t for t in targets if not t.startswith("/admin/")]
        assert outside == [], f"{path} links outside /admin/: {outside}"
        assert "data-testid" not in html


def test_wrong_password_is_refused(client: httpx.Client, admin_site: Site) -> None:
    response = log_in_http(client, admin_site, password="not-" + admin_site.password)
    assert '<div class="alert alert-error" role="alert">Invalid username or password.</div>' in response.text
    assert client.get("/admin/books/").url.path == "/admin/login"


def test_a_duplicate_title_is_refused_visibly(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    form = {"title": "  solaris ", "author_id": "10", "year": "1961", "genre": "Science fiction", "in_stock": "1"}
    response = client.post("/admin/books/new", data=form)
    assert response.url.path == "/admin/books/new"
    assert '<div class="alert alert-error" role="alert">Please correct the errors below.</div>' in response.text
    assert '<p class="field-error" id="title-error">A book with this title already exists.</p>' in response.text
    assert len(admin_site.app.catalogue.books) == 28
    rename = {**form, "title": "Solaris", "author_id": "1"}
    assert "already exists" in client.post("/admin/books/3/edit", data=rename).text
    assert admin_site.app.catalogue.books[3].title == "The Dispossessed"


def test_book_form_reports_each_missing_field(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    html = client.post("/admin/books/new", data={"title": "", "author_id": "", "year": "soon", "genre": "x"}).text
    for message in ("Title is required.", "Choose an author.", "Year must be a whole number", "Choose a genre."):
        assert message in html
    assert 'value="soon"' in html
    assert len(admin_site.app.catalogue.books) == 28


def test_header_search_lists_books_and_authors(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    html = client.get("/admin/search", params={"q": "le"}).text
    assert "Results for “le”" in html
    assert '<a href="/admin/authors/1">Ursula K. Le Guin</a>' in html
    assert '<a href="/admin/authors/10">Stanisław Lem</a>' in html
    assert '<a href="/admin/books/21">A Study in Scarlet</a>' in html
    assert "No results for “zzz”." in client.get("/admin/search", params={"q": "zzz"}).text


def test_filters_combine_and_survive_sorting_and_paging(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    html = client.get("/admin/books/", params={"genre": "Science fiction", "sort": "title", "dir": "desc"}).text
    assert "Showing 1–10 of 11 books" in html
    titles = row_titles(html)
    assert titles == sorted(titles, key=str.casefold, reverse=True)
    next_link = 'href="/admin/books/?genre=Science+fiction&amp;sort=title&amp;dir=desc&amp;page=2" rel="next"'
    assert next_link + ">Next</a>" in html
    assert "<option selected>Science fiction</option>" in html
    page2 = client.get("/admin/books/", params={"genre": "Science fiction", "sort": "title", "dir": "desc", "page": 2})
    assert row_titles(page2.text) == ["Dawn"]
    assert "No books match your filters." in client.get("/admin/books/", params={"q": "zzz"}).text


def test_authors_search_sort_add_and_edit(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    html = client.get("/admin/authors/").text
    names = author_names(html)
    assert names[0] == "Agatha Christie" and len(names) == 10
    reverse = client.get("/admin/authors/", params={"dir": "desc"}).text
    assert author_names(reverse) == names[::-1]
    poland = client.get("/admin/authors/", params={"q": "poland"}).text
    assert re.findall(r'<td><a href="/admin/authors/\d+">([^<]+)</a>', poland) == [
        "Stanisław Lem",
        "Wisława Szymborska",
    ]

    added = client.post("/admin/authors/new", data={"name": "N. K. Jemisin", "country": "United States"})
    assert "Author “N. K. Jemisin” was added." in added.text
    assert "N. K. Jemisin" in added.text
    edited = client.post("/admin/authors/11/edit", data={"name": "N. K. Jemisin", "country": "USA"})
    assert edited.url.path == "/admin/authors/11"
    assert "<dd>USA</dd>" in edited.text and "No books yet." in edited.text
    assert "Name is required." in client.post("/admin/authors/new", data={"name": " "}).text
    lem = client.get("/admin/authors/10").text
    assert "<h2>Books by Stanisław Lem</h2>" in lem and "Solaris</a> (1961)" in lem


def test_broken_header_search_finds_nothing(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    admin_site.app.broken.add("search")
    assert "No results for “murder”." in client.get("/admin/search", params={"q": "murder"}).text
    assert len(re.findall(r"<tr>", client.get("/admin/authors/", params={"q": "poland"}).text)) == 11


def test_broken_create_and_edit_apply_to_authors(client: httpx.Client, admin_site: Site) -> None:
    log_in_http(client, admin_site)
    admin_site.app.broken.update({"create", "edit"})
    assert "was added." in client.post("/admin/authors/new", data={"name": "Ghost", "country": ""}).text
    assert "Ghost" not in client.get("/admin/authors/").text
    client.post("/admin/authors/1/edit", data={"name": "Someone Else", "country": ""})
    assert "Ursula K. Le Guin" in client.get("/admin/authors/1").text


def test_unknown_feature_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown features \\['sorting'\\]"):
        create_app("dana", "pw", broken=frozenset({"sorting"}))


def test_broken_set_at_creation_applies() -> None:
    app = create_app("dana", "pw", broken=frozenset({"login"}))
    response = app.test_client().post("/login", data={"username": "dana", "password": "pw"})
    assert "Invalid username or password." in response.get_data(as_text=True)
