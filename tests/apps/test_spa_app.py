"""The single-page issue tracker in Chromium: every feature works, and each sabotage breaks what it names."""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from apps.spa_app import FEATURES, SEED_ISSUES, create_app
from apps.spa_app.fixtures import SpaServer

pytestmark = pytest.mark.browser

OPEN_SEEDS = [(n, title) for n, (title, _, _, state) in enumerate(SEED_ISSUES, start=1) if state == "open"]
CLOSED_SEEDS = [(n, title) for n, (title, _, _, state) in enumerate(SEED_ISSUES, start=1) if state == "closed"]


@pytest.fixture
def tracker(spa_server: SpaServer) -> Iterator[SpaServer]:
    spa_server.app.reset()
    spa_server.app.broken = frozenset()
    yield spa_server
    spa_server.app.broken = frozenset()


@pytest.fixture
def tab(module_browser: Browser, tracker: SpaServer) -> Iterator[Page]:
    context = module_browser.new_context(base_url=tracker.url)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in(tab: Page, tracker: SpaServer, password: str | None = None) -> None:
    tab.goto("/")
    expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
    tab.get_by_label("Username").fill(tracker.username)
    tab.get_by_label("Password").fill(tracker.password if password is None else password)
    tab.get_by_role("button", name="Sign in").click()


def signed_in(tab: Page, tracker: SpaServer) -> Page:
    """Sign in through the API (the sign-in form has its own tests) and open the issues list."""
    answer = tab.context.request.post("/api/session", data={"username": tracker.username, "password": tracker.password})
    assert answer.ok, answer.text()
    tab.goto("/issues")
    expect(tab.get_by_role("heading", name="Issues", exact=True)).to_be_visible()
    return tab


def issue_cells(tab: Page) -> Locator:
    """The "#N" cell of every listed issue, in order."""
    return tab.get_by_role("tabpanel").locator("tbody tr td:first-child")


def expect_listed(tab: Page, issues: list[tuple[int, str]]) -> None:
    expect(issue_cells(tab)).to_have_text([f"#{n}" for n, _ in issues])


def newest_first(issues: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return sorted(issues, reverse=True)


def mark_document(tab: Page) -> None:
    """Tag the loaded document; the tag survives only as long as no page load happens."""
    tab.evaluate("window.__sameDocument = true")


def expect_same_document(tab: Page) -> None:
    assert tab.evaluate("window.__sameDocument === true"), "the page was reloaded"


def open_issue(tab: Page, number: int) -> None:
    row = tab.get_by_role("row").filter(has=tab.get_by_role("cell", name=f"#{number}", exact=True))
    row.get_by_role("link", name="Open").click()


def create_issue(tab: Page, title: str, description: str = "", label: str = "bug") -> None:
    tab.get_by_role("button", name="New issue").click()
    dialog = tab.get_by_role("dialog", name="New issue")
    dialog.get_by_label("Title").fill(title)
    dialog.get_by_label("Description").fill(description)
    dialog.get_by_label("Label").select_option(label)
    dialog.get_by_role("button", name="Create").click()


def _raw_get(base_url: str, path: str) -> int:
    connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


# -- without a browser ------------------------------------------------------------------------------------------
def test_api_needs_a_session_and_pages_fall_back_to_the_app(tracker: SpaServer) -> None:
    with httpx.Client(base_url=tracker.url, timeout=5) as client:
        assert client.get("/api/issues").status_code == 401
        for path in ("/", "/issues", "/issues/3", "/anything"):
            shell = client.get(path)
            assert shell.status_code == 200
            assert '<script type="module" src="/static/js/main.js">' in shell.text
        assert client.get("/static/js/main.js").headers["content-type"].startswith("text/javascript")
        assert _raw_get(tracker.url, "/static/../server.py") == 404  # httpx would tidy the dots away
        signed = client.post("/api/session", json={"username": tracker.username, "password": tracker.password})
        assert signed.json() == {"user": tracker.username}
        assert len(client.get("/api/issues", params={"state": "all"}).json()["issues"]) == len(SEED_ISSUES)
        assert client.post("/api/issues", json={"title": " "}).json() == {"error": "Title is required"}


def test_create_app_rejects_unknown_features_and_empty_passwords() -> None:
    with pytest.raises(ValueError, match="unknown feature"):
        create_app(password="pw", broken=frozenset({"search"}))
    with pytest.raises(ValueError, match="non-empty"):
        create_app(password="")
    assert create_app(password="pw", broken=frozenset(FEATURES)).broken == frozenset(FEATURES)


# -- sign in and out --------------------------------------------------------------------------------------------
def test_deep_link_asks_to_sign_in_then_opens_the_issue(tab: Page, tracker: SpaServer) -> None:
    tab.goto("/issues/3")
    expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(tab).to_have_url(re.compile(r"/signin\?next=%2Fissues%2F3$"))
    expect(tab.get_by_role("button", name="Account")).to_be_hidden()
    tab.get_by_label("Username").fill(tracker.username)
    tab.get_by_label("Password").fill(tracker.password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{SEED_ISSUES[2][0]} #3")
    expect(tab).to_have_url(tracker.url + "/issues/3")
    expect(tab).to_have_title(f"#3 {SEED_ISSUES[2][0]} · Issue Tracker")


def test_wrong_password_is_refused(tab: Page, tracker: SpaServer) -> None:
    sign_in(tab, tracker, password="not-" + tracker.password)
    expect(tab.get_by_role("alert")).to_have_text("Wrong username or password")
    expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(tab.get_by_label("Password")).to_have_value("")


def test_sign_out_is_in_the_account_menu(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    account = tab.get_by_role("button", name="Account")
    expect(account).to_have_attribute("aria-haspopup", "menu")
    expect(tab.get_by_role("menuitem", name="Sign out")).to_be_hidden()
    account.click()
    expect(account).to_have_attribute("aria-expanded", "true")
    menu = tab.get_by_role("menu", name="Account")
    expect(menu).to_contain_text(f"Signed in as {tracker.username}")
    tab.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(account).to_be_focused()

    account.click()
    menu.get_by_role("menuitem", name="Sign out").click()
    expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(tab.get_by_role("status")).to_have_text("You have signed out")
    tab.goto("/issues")
    expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()


def test_an_ended_session_sends_the_user_back_to_sign_in(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.reset()  # every session ends on the server
    number, title = max(OPEN_SEEDS)
    open_issue(tab, number)
    expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(tab.get_by_role("button", name="Account")).to_be_hidden()
    tab.get_by_label("Username").fill(tracker.username)
    tab.get_by_label("Password").fill(tracker.password)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{title} #{number}")


# -- the list ---------------------------------------------------------------------------------------------------
def test_list_shows_open_issues_newest_first_with_a_repeated_open_name(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    expect_listed(tab, newest_first(OPEN_SEEDS))
    expect(tab.get_by_role("tab", name="Open")).to_have_attribute("aria-selected", "true")
    expect(tab.get_by_role("tabpanel").get_by_role("link", name="Open")).to_have_count(len(OPEN_SEEDS))
    expect(tab.get_by_text(f"{len(OPEN_SEEDS)} issues")).to_be_visible()
    expect(tab.get_by_role("combobox", name="Sort")).to_have_value("newest")


def test_status_tabs_filter_and_survive_a_reload(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    mark_document(tab)
    tab.get_by_role("tab", name="Closed").click()
    expect_listed(tab, newest_first(CLOSED_SEEDS))
    expect(tab).to_have_url(tracker.url + "/issues?state=closed")
    tab.get_by_role("tab", name="All").click()
    expect_listed(tab, newest_first(OPEN_SEEDS + CLOSED_SEEDS))
    tab.keyboard.press("ArrowLeft")
    expect(tab.get_by_role("tab", name="Closed")).to_have_attribute("aria-selected", "true")
    expect_same_document(tab)
    tab.reload()
    expect(tab.get_by_role("tab", name="Closed")).to_have_attribute("aria-selected", "true")
    expect_listed(tab, newest_first(CLOSED_SEEDS))


def test_label_and_text_filters(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tab.get_by_role("tab", name="All").click()
    tab.get_by_label("Label").select_option("docs")
    docs = [(n, t) for n, (t, _, label, _) in enumerate(SEED_ISSUES, start=1) if label == "docs"]
    expect_listed(tab, newest_first(docs))
    tab.get_by_label("Label").select_option("")
    tab.get_by_role("searchbox", name="Filter issues").fill("WEBHOOK")
    expect(tab.get_by_role("tabpanel").get_by_role("row")).to_have_count(2)  # the header and one issue
    expect(tab.get_by_role("tabpanel")).to_contain_text("Webhook retries")
    expect(tab.get_by_text("1 issue", exact=True)).to_be_visible()
    tab.get_by_role("searchbox", name="Filter issues").fill("no such words")
    expect(tab.get_by_role("cell", name="No issues match.")).to_be_visible()
    expect(tab).to_have_url(tracker.url + "/issues?state=all&q=no+such+words")


def test_sort_orders(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tab.get_by_label("Sort").select_option("Oldest")
    expect_listed(tab, sorted(OPEN_SEEDS))
    tab.get_by_label("Sort").select_option("Title")
    expect_listed(tab, sorted(OPEN_SEEDS, key=lambda issue: issue[1].casefold()))
    tab.get_by_label("Sort").select_option("Newest")
    expect_listed(tab, newest_first(OPEN_SEEDS))


# -- creating ---------------------------------------------------------------------------------------------------
def test_new_issue_dialog_creates_without_a_page_load(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    mark_document(tab)
    tab.get_by_role("button", name="New issue").click()
    dialog = tab.get_by_role("dialog", name="New issue")
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(dialog.get_by_label("Title")).to_be_focused()
    expect(dialog.get_by_label("Label")).to_have_value("bug")
    dialog.get_by_role("button", name="Create").click()
    expect(dialog.get_by_role("alert")).to_have_text("Title is required")

    dialog.get_by_label("Title").fill("Export button is hidden on mobile")
    dialog.get_by_label("Description").fill("It is off screen below 400px.")
    dialog.get_by_label("Label").select_option("feature")
    dialog.get_by_role("button", name="Create").click()
    expect(dialog).to_have_count(0)
    toast = tab.get_by_role("status")
    new_number = len(SEED_ISSUES) + 1
    expect(toast).to_have_text(f"Issue #{new_number} created")
    expect(issue_cells(tab).first).to_have_text(f"#{new_number}")
    expect(tab.get_by_role("row").nth(1)).to_contain_text("Export button is hidden on mobile")
    expect_same_document(tab)
    expect(toast).to_have_count(0, timeout=15_000)  # it goes away by itself

    open_issue(tab, new_number)
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Export button is hidden on mobile #{new_number}")
    expect(tab.get_by_role("region", name="Description")).to_have_text("It is off screen below 400px.")


def test_cancel_and_escape_close_the_dialog_without_creating(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tab.get_by_role("button", name="New issue").click()
    dialog = tab.get_by_role("dialog", name="New issue")
    dialog.get_by_label("Title").fill("Never saved")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    expect(tab.get_by_role("button", name="New issue")).to_be_focused()
    tab.get_by_role("button", name="New issue").click()
    tab.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect_listed(tab, newest_first(OPEN_SEEDS))


# -- one issue --------------------------------------------------------------------------------------------------
def test_open_link_routes_on_the_client_and_back_returns(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    mark_document(tab)
    number, title = OPEN_SEEDS[0]
    open_issue(tab, number)
    expect(tab).to_have_url(f"{tracker.url}/issues/{number}")
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{title} #{number}")
    tab.go_back()
    expect(tab.get_by_role("heading", name="Issues", exact=True)).to_be_visible()
    tab.go_forward()
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{title} #{number}")
    tab.get_by_role("link", name="All issues").click()
    expect(tab).to_have_url(tracker.url + "/issues")
    expect_same_document(tab)


def test_edit_inline_with_two_saves_and_two_cancels(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tab.goto("/issues/1")
    tab.get_by_role("button", name="Edit").click()
    edit = tab.get_by_role("form", name="Edit issue")
    expect(tab.get_by_role("button", name="Save")).to_have_count(2)
    expect(tab.get_by_role("button", name="Cancel")).to_have_count(2)
    edit.get_by_label("Title").fill("Crash when saving an empty draft on Firefox")
    edit.get_by_label("Description").fill("Only Firefox 128 is affected.")
    edit.get_by_role("button", name="Save").click()
    expect(edit).to_have_count(0)
    heading = tab.get_by_role("heading", level=1)
    expect(heading).to_have_text("Crash when saving an empty draft on Firefox #1")
    tab.reload()
    expect(heading).to_have_text("Crash when saving an empty draft on Firefox #1")
    expect(tab.get_by_role("region", name="Description")).to_have_text("Only Firefox 128 is affected.")

    tab.get_by_role("button", name="Edit").click()
    edit.get_by_label("Title").fill("Thrown away")
    edit.get_by_role("button", name="Cancel").click()
    expect(heading).to_have_text("Crash when saving an empty draft on Firefox #1")


def test_label_form_saves_and_its_cancel_resets(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tab.goto("/issues/2")
    labels = tab.get_by_role("form", name="Labels")
    labels.get_by_label("Label").select_option("docs")
    labels.get_by_role("button", name="Cancel").click()
    expect(labels.get_by_label("Label")).to_have_value("feature")
    labels.get_by_label("Label").select_option("question")
    labels.get_by_role("button", name="Save").click()
    expect(tab.get_by_text("label: question")).to_be_visible()
    tab.reload()
    expect(tab.get_by_role("form", name="Labels").get_by_label("Label")).to_have_value("question")


def test_close_and_reopen(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    number, _ = max(OPEN_SEEDS)  # the first row of the Open tab
    tab.goto(f"/issues/{number}")
    tab.get_by_role("button", name="Close issue").click()
    expect(tab.get_by_role("button", name="Reopen issue")).to_be_visible()
    expect(tab.get_by_text("Closed", exact=True)).to_be_visible()
    tab.get_by_role("link", name="All issues").click()
    expect(issue_cells(tab).first).not_to_have_text(f"#{number}")
    tab.get_by_role("tab", name="Closed").click()
    expect(issue_cells(tab).first).to_have_text(f"#{number}")
    open_issue(tab, number)
    tab.get_by_role("button", name="Reopen issue").click()
    expect(tab.get_by_role("button", name="Close issue")).to_be_visible()
    expect(tab.get_by_text("Open", exact=True)).to_be_visible()


def test_delete_from_the_more_actions_menu_after_confirming(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    number, title = OPEN_SEEDS[1]
    tab.goto(f"/issues/{number}")
    more = tab.get_by_role("button", name="More actions")
    expect(more).to_have_attribute("aria-haspopup", "menu")
    expect(more).to_have_text("⋯")
    more.click()
    menu = tab.get_by_role("menu", name="More actions")
    expect(menu.get_by_role("menuitem")).to_have_text(["Copy link", "Delete"])
    tab.keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitem", name="Delete")).to_be_focused()
    tab.keyboard.press("Enter")
    confirm = tab.get_by_role("dialog", name="Delete issue?")
    expect(confirm).to_contain_text(f"Issue #{number} “{title}” will be deleted for good.")
    expect(tab.get_by_role("button", name="Cancel")).to_have_count(2)  # the dialog's and the label form's
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_have_count(0)
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{title} #{number}")

    more.click()
    tab.get_by_role("menuitem", name="Delete").click()
    confirm.get_by_role("button", name="Delete").click()
    expect(tab.get_by_role("status")).to_have_text(f"Issue #{number} deleted")
    expect(tab).to_have_url(tracker.url + "/issues")
    expect(tab.get_by_role("tabpanel")).not_to_contain_text(title)
    tab.goto(f"/issues/{number}")
    expect(tab.get_by_role("heading", name="Issue not found")).to_be_visible()


def test_unknown_route_says_page_not_found(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tab.goto("/settings/profile")
    expect(tab.get_by_role("heading", name="Page not found")).to_be_visible()


# -- each sabotage breaks what it names -------------------------------------------------------------------------
def test_broken_login_refuses_the_right_password(tab: Page, tracker: SpaServer) -> None:
    tracker.app.broken = frozenset({"login"})
    sign_in(tab, tracker)
    expect(tab.get_by_role("alert")).to_have_text("Wrong username or password")
    expect(tab.get_by_role("button", name="Account")).to_be_hidden()


def test_broken_logout_keeps_the_user_signed_in(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.broken = frozenset({"logout"})
    tab.get_by_role("button", name="Account").click()
    tab.get_by_role("menuitem", name="Sign out").click()
    expect(tab.get_by_role("heading", name="Issues", exact=True)).to_be_visible()
    tab.reload()
    expect(tab.get_by_role("heading", name="Issues", exact=True)).to_be_visible()
    expect(tab.get_by_role("button", name="Account")).to_be_visible()


def test_broken_create_acknowledges_but_never_lists(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.broken = frozenset({"create"})
    create_issue(tab, "Vanishing issue")
    expect(tab.get_by_role("status")).to_have_text(f"Issue #{len(SEED_ISSUES) + 1} created")
    expect_listed(tab, newest_first(OPEN_SEEDS))
    expect(tab.get_by_role("tabpanel")).not_to_contain_text("Vanishing issue")


def test_broken_edit_keeps_the_old_title(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.broken = frozenset({"edit"})
    tab.goto("/issues/1")
    tab.get_by_role("button", name="Edit").click()
    tab.get_by_role("form", name="Edit issue").get_by_label("Title").fill("A new title")
    tab.get_by_role("form", name="Edit issue").get_by_role("button", name="Save").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{SEED_ISSUES[0][0]} #1")


def test_broken_close_leaves_the_issue_open(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.broken = frozenset({"close"})
    tab.goto("/issues/1")
    tab.get_by_role("button", name="Close issue").click()
    expect(tab.get_by_text("Open", exact=True)).to_be_visible()
    expect(tab.get_by_role("button", name="Close issue")).to_be_visible()
    expect(tab.get_by_role("button", name="Reopen issue")).to_have_count(0)


def test_broken_delete_leaves_the_issue_listed(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.broken = frozenset({"delete"})
    tab.goto("/issues/1")
    tab.get_by_role("button", name="More actions").click()
    tab.get_by_role("menuitem", name="Delete").click()
    tab.get_by_role("dialog", name="Delete issue?").get_by_role("button", name="Delete").click()
    expect(tab).to_have_url(tracker.url + "/issues")
    expect_listed(tab, newest_first(OPEN_SEEDS))


def test_broken_filter_ignores_tabs_labels_and_text(tab: Page, tracker: SpaServer) -> None:
    tracker.app.broken = frozenset({"filter"})
    signed_in(tab, tracker)
    everything = newest_first(OPEN_SEEDS + CLOSED_SEEDS)
    expect_listed(tab, everything)
    tab.get_by_role("tab", name="Closed").click()
    tab.get_by_label("Label").select_option("docs")
    tab.get_by_role("searchbox", name="Filter issues").fill("webhook")
    expect(tab).to_have_url(re.compile(r"q=webhook"))
    expect_listed(tab, everything)


def test_broken_sort_stays_newest_first(tab: Page, tracker: SpaServer) -> None:
    tracker.app.broken = frozenset({"sort"})
    signed_in(tab, tracker)
    tab.get_by_label("Sort").select_option("Oldest")
    expect(tab).to_have_url(re.compile(r"sort=oldest"))
    expect_listed(tab, newest_first(OPEN_SEEDS))


def test_broken_toast_shows_no_message(tab: Page, tracker: SpaServer) -> None:
    tracker.app.broken = frozenset({"toast"})
    signed_in(tab, tracker)
    create_issue(tab, "Quietly created")
    expect(tab.get_by_role("row").nth(1)).to_contain_text("Quietly created")
    expect(tab.get_by_role("status")).to_have_count(0)


def test_broken_routing_shows_nothing_on_a_deep_link(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.broken = frozenset({"routing"})
    open_issue(tab, 1)  # client-side navigation still works
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{SEED_ISSUES[0][0]} #1")
    tab.reload()
    expect(tab.locator("main")).to_be_empty()
    expect(tab.get_by_role("heading")).to_have_count(0)
    expect(tab.get_by_role("button")).to_have_count(0)


def test_broken_detail_shows_the_first_issue_on_every_issue_page(tab: Page, tracker: SpaServer) -> None:
    signed_in(tab, tracker)
    tracker.app.broken = frozenset({"detail"})
    open_issue(tab, 2)
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{SEED_ISSUES[0][0]} #1")
