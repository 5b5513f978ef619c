"""The plain-WSGI settings app: every feature works, and each broken switch breaks its feature.

As in ``test_admin_app``, the assertion that proves a scenario's feature carries a ``"<feature>: "`` message,
so a broken run is shown to fail for that reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect

from apps.fixtures import RunningApp
from apps.settings_app import FEATURES, SettingsApp, create_app

Site = RunningApp[SettingsApp]
WORKING_WAIT_MS = 5000
BROKEN_WAIT_MS = 750
CONTACTS_CSV = b"""Name,Email,Phone
Ada Lovelace,ada@example.org,1
Alan Turing,alan@example.org,

Grace Hopper,grace@example.org,2
"""

pytestmark = pytest.mark.browser


@pytest.fixture
def client(settings_site: Site) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=settings_site.origin, follow_redirects=True, timeout=10) as http:
        yield http


def log_in_http(client: httpx.Client, site: Site, password: str | None = None) -> httpx.Response:
    return client.post("/login", data={"user": site.username, "password": password or site.password})


def log_in(page: Page, site: Site) -> None:
    page.goto(site.url)
    page.get_by_label("Email or username").fill(site.username)
    page.get_by_label("Password").fill(site.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Profile settings")).to_be_visible()


def start_wizard(page: Page) -> None:
    page.get_by_role("navigation", name="Primary").get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="Create project").click()
    expect(page.get_by_role("heading", name="Step 1 of 3: Details")).to_be_visible()


# -- scenarios: one per switchable feature ---------------------------------------------------
def scenario_login(page: Page, site: Site, wait: float) -> None:
    page.goto(site.url)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Email or username").fill(site.username)
    page.get_by_label("Password").fill(site.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Profile settings"), "login: settings open").to_be_visible(timeout=wait)


def scenario_save_settings(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    page.get_by_label("Display name").fill("Dana W.")
    page.get_by_label("Bio").fill("Tea, trains and tests.")
    page.get_by_label("Language").select_option("Deutsch")
    page.get_by_label("Time zone").select_option("Asia/Tokyo")
    page.get_by_role("radio", name="Dark").check()
    page.get_by_role("checkbox", name="Weekly digest").check()
    page.get_by_role("checkbox", name="Product updates").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_have_text("Settings saved")
    page.reload()
    expect(page.get_by_label("Display name"), "save_settings: the name persists").to_have_value("Dana W.", timeout=wait)
    expect(page.get_by_label("Bio")).to_have_value("Tea, trains and tests.")
    expect(page.get_by_label("Language")).to_have_value("Deutsch")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    expect(page.get_by_role("radio", name="Dark")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Weekly digest")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Product updates")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Security alerts")).to_be_checked()


def scenario_switches(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    two_factor = page.get_by_role("switch", name="Two-factor authentication")
    online = page.get_by_role("switch", name="Show my online status")
    expect(two_factor).to_have_attribute("aria-checked", "false")
    expect(online).to_have_attribute("aria-checked", "true")
    two_factor.click()
    online.click()
    expect(two_factor, "switches: the switch turns on").to_have_attribute("aria-checked", "true", timeout=wait)
    expect(online, "switches: the switch turns off").to_have_attribute("aria-checked", "false", timeout=wait)
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_have_text("Settings saved")
    expect(two_factor).to_have_attribute("aria-checked", "true")
    expect(online).to_have_attribute("aria-checked", "false")


def scenario_upload(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    page.get_by_label("Choose an image").set_input_files(
        {"name": "me.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n"}
    )
    page.get_by_role("button", name="Upload picture").click()
    expect(page.get_by_role("status")).to_have_text("Profile picture updated: me.png")
    expect(page.get_by_text("Current picture: me.png"), "upload: the picture is kept").to_be_visible(timeout=wait)

    page.get_by_role("navigation", name="Primary").get_by_role("link", name="Contacts").click()
    expect(page.get_by_text("No contacts yet.")).to_be_visible()
    page.get_by_label("CSV file").set_input_files({"name": "team.csv", "mimeType": "text/csv", "buffer": CONTACTS_CSV})
    page.get_by_role("button", name="Import contacts").click()
    expect(page.get_by_role("status")).to_have_text("Imported 3 contacts")
    table = page.get_by_role("table", name="Your contacts (3)")
    expect(table, "upload: the contacts are listed").to_be_visible(timeout=wait)
    expect(table.get_by_role("row")).to_have_count(4)
    expect(table.get_by_role("row", name="Grace Hopper grace@example.org")).to_be_visible()


def scenario_wizard(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    start_wizard(page)
    page.get_by_label("Project name").fill("Apollo")
    page.get_by_label("Description").fill("Moon landing checklist")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Step 2 of 3: Options")).to_be_visible()
    page.get_by_label("Visibility").select_option("Public")
    page.get_by_label("Template").select_option("Scrum")
    page.get_by_role("checkbox", name="Enable wiki").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Step 3 of 3: Review")).to_be_visible()
    expect(page.locator("dd").first).to_have_text("Apollo")
    page.get_by_role("button", name="Create project").click()
    expect(page.get_by_role("heading", name="Project created"), "wizard: the success page").to_be_visible(timeout=wait)
    expect(page.get_by_role("status")).to_have_text("Project “Apollo” was created.")
    page.get_by_role("link", name="View all projects").click()
    expect(page.get_by_role("row", name="Apollo Public Scrum")).to_be_visible()


def scenario_validation(page: Page, site: Site, wait: float) -> None:
    log_in(page, site)
    start_wizard(page)
    page.get_by_role("button", name="Next").click()
    message = page.get_by_text("Project name is required")
    expect(message, "validation: the wizard names the missing field").to_be_visible(timeout=wait)
    expect(page.get_by_role("heading", name="Step 1 of 3: Details")).to_be_visible()
    expect(page.get_by_label("Project name")).to_have_attribute("aria-invalid", "true")

    page.get_by_role("navigation", name="Primary").get_by_role("link", name="Profile").click()
    page.get_by_label("Display name").fill("")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Display name is required"), "validation: the profile too").to_be_visible(timeout=wait)
    expect(page.get_by_text("Settings saved")).to_have_count(0)


SCENARIOS: dict[str, Callable[[Page, Site, float], None]] = {
    "login": scenario_login,
    "save_settings": scenario_save_settings,
    "switches": scenario_switches,
    "upload": scenario_upload,
    "wizard": scenario_wizard,
    "validation": scenario_validation,
}


def test_every_feature_has_a_scenario() -> None:
    assert tuple(SCENARIOS) == FEATURES


@pytest.mark.parametrize("feature", FEATURES)
def test_feature_works(tab: Page, settings_site: Site, feature: str) -> None:
    SCENARIOS[feature](tab, settings_site, WORKING_WAIT_MS)


@pytest.mark.parametrize("feature", FEATURES)
def test_broken_feature_fails_its_scenario(tab: Page, settings_site: Site, feature: str) -> None:
    settings_site.app.broken.add(feature)
    with pytest.raises(AssertionError, match=rf"^{feature}: "):
        SCENARIOS[feature](tab, settings_site, BROKEN_WAIT_MS)


# -- more of the app in a browser ------------------------------------------------------------------
def test_wizard_back_keeps_answers_and_review_links_edit(tab: Page, settings_site: Site) -> None:
    log_in(tab, settings_site)
    start_wizard(tab)
    tab.get_by_label("Project name").fill("Gemini")
    tab.get_by_role("button", name="Next").click()
    tab.get_by_label("Template").select_option("Kanban board")
    tab.get_by_role("checkbox", name="Enable issue tracker").uncheck()
    tab.get_by_role("button", name="Next").click()
    expect(tab.get_by_role("link", name="Edit")).to_have_count(2)
    expect(tab.get_by_text("None", exact=True)).to_be_visible()
    tab.get_by_role("button", name="Back").click()
    expect(tab.get_by_role("heading", name="Step 2 of 3: Options")).to_be_visible()
    expect(tab.get_by_label("Template")).to_have_value("Kanban board")
    tab.get_by_role("button", name="Back").click()
    expect(tab.get_by_label("Project name")).to_have_value("Gemini")
    expect(tab.get_by_role("listitem").filter(has_text="Details")).to_have_attribute("aria-current", "step")


def test_validation_message_clears_once_filled(tab: Page, settings_site: Site) -> None:
    log_in(tab, settings_site)
    start_wizard(tab)
    tab.get_by_role("button", name="Next").click()
    expect(tab.get_by_text("Project name is required")).to_be_visible()
    tab.get_by_label("Project name").fill("Mercury")
    tab.get_by_role("button", name="Next").click()
    expect(tab.get_by_role("heading", name="Step 2 of 3: Options")).to_be_visible()


# -- over plain HTTP ------------------------------------------------------------------------
def test_sign_in_is_required_and_checked(client: httpx.Client, settings_site: Site) -> None:
    for path in ("/", "/settings/profile", "/contacts", "/projects", "/projects/new/2"):
        assert client.get(path).url.path == "/login", path
    refused = log_in_http(client, settings_site, password="x" + settings_site.password)
    assert '<div class="alert" role="alert">Incorrect email or password.</div>' in refused.text
    assert log_in_http(client, settings_site).url.path == "/settings/profile"
    assert client.get("/nowhere").status_code == 404


def test_sign_out_ends_the_session(client: httpx.Client, settings_site: Site) -> None:
    log_in_http(client, settings_site)
    signed_out = client.post("/logout")
    assert '<div class="notice" role="status">You have signed out.</div>' in signed_out.text
    assert client.get("/settings/profile").url.path == "/login"


def test_pages_have_no_test_ids(client: httpx.Client, settings_site: Site) -> None:
    log_in_http(client, settings_site)
    client.get("/projects/new")
    for path in ("/settings/profile", "/contacts", "/projects", "/projects/new/1"):
        html = client.get(path).text
        assert "data-testid" not in html and "<h1>" in html, path


def test_contacts_import_errors_are_shown(client: httpx.Client, settings_site: Site) -> None:
    log_in_http(client, settings_site)
    none = client.post("/contacts/import", files={"contacts": ("", b"", "application/octet-stream")})
    assert '<div class="alert" role="alert">Choose a CSV file to import.</div>' in none.text
    bad = client.post("/contacts/import", files={"contacts": ("x.csv", b"first,last\nA,B\n", "text/csv")})
    assert "The CSV needs a header row with name and email columns." in bad.text
    one = client.post("/contacts/import", files={"contacts": ("x.csv", b"EMAIL,name\nz@y.org,Zed\n", "text/csv")})
    assert '<div class="notice" role="status">Imported 1 contact</div>' in one.text
    assert "<td>Zed</td><td>z@y.org</td>" in one.text
    assert settings_site.app.state.contacts[0].name == "Zed"


def test_picture_upload_needs_a_file(client: httpx.Client, settings_site: Site) -> None:
    log_in_http(client, settings_site)
    response = client.post("/settings/picture", files={"picture": ("", b"", "application/octet-stream")})
    assert '<div class="alert" role="alert">Choose an image to upload.</div>' in response.text
    assert "No picture uploaded" in response.text


def test_server_rejects_an_empty_name_without_the_script(client: httpx.Client, settings_site: Site) -> None:
    log_in_http(client, settings_site)
    profile = client.post("/settings/profile", data={"display_name": " ", "language": "English"})
    assert 'id="display_name-error" class="error" role="alert">Display name is required</p>' in profile.text
    assert settings_site.app.state.profile.display_name == "Dana Whitaker"
    client.get("/projects/new")
    step = client.post("/projects/new/1", data={"name": "", "action": "next"})
    assert "Project name is required</p>" in step.text
    assert client.get("/projects/new/3").url.path == "/projects/new/1"


def test_broken_validation_accepts_an_empty_name(client: httpx.Client, settings_site: Site) -> None:
    log_in_http(client, settings_site)
    settings_site.app.broken.add("validation")
    profile = client.post("/settings/profile", data={"display_name": "", "language": "English"})
    assert "Settings saved" in profile.text
    assert settings_site.app.state.profile.display_name == ""
    assert "data-validate" not in profile.text


def test_broken_wizard_creates_nothing(client: httpx.Client, settings_site: Site) -> None:
    log_in_http(client, settings_site)
    settings_site.app.broken.add("wizard")
    client.get("/projects/new")
    client.post("/projects/new/1", data={"name": "Lost", "action": "next"})
    client.post("/projects/new/2", data={"visibility": "Team", "action": "next"})
    restarted = client.post("/projects/new/3", data={"action": "create"})
    assert restarted.url.path == "/projects/new/1"
    assert 'value=""' in restarted.text
    assert "No projects yet." in client.get("/projects").text


def test_unknown_feature_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown features \\['uploads'\\]"):
        create_app("dana", "pw", broken=frozenset({"uploads"}))


def test_served_at_the_root(settings_site: Site) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", settings_site.url)
