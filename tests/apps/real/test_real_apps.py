"""Django's admin and Datasette, installed from PyPI and started as child processes, used in Chromium."""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from apps.real.catalog_data import BOOKS, GENRES
from apps.real.child_server import AppStartError, RunningApp, run_child
from apps.real.datasette_app import TITLE, start_datasette
from apps.real.django_admin import start_django_admin

pytestmark = pytest.mark.browser


def new_tab(browser: Browser) -> tuple[Page, list[str]]:
    """A tab in a fresh context, and every URL it will ask for (to prove that nothing leaves this machine)."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    tab = context.new_page()
    asked: list[str] = []
    tab.on("request", lambda request: asked.append(request.url))
    return tab, asked


def off_machine(asked: list[str], app: RunningApp) -> list[str]:
    origin = re.match(r"https?://[^/]+/", app.url)
    assert origin
    return [url for url in asked if not url.startswith((origin.group(0), "data:"))]


@pytest.fixture(scope="module")
def django_admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    with start_django_admin(tmp_path_factory.mktemp("django"), password="pw-" + secrets.token_urlsafe(9)) as app:
        yield app


@pytest.fixture(scope="module")
def datasette(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    with start_datasette(tmp_path_factory.mktemp("datasette")) as app:
        yield app


# -- Django admin -----------------------------------------------------------------------------------------------
def django_log_in(tab: Page, app: RunningApp, password: str) -> None:
    assert app.username
    tab.goto(app.url)
    expect(tab).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    tab.get_by_label("Username").fill(app.username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Log in").click()


def test_django_admin_lives_under_admin_and_asks_to_log_in(django_admin: RunningApp) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/admin/", django_admin.url)
    assert django_admin.username == "admin" and django_admin.password
    first = httpx.get(django_admin.url)
    assert first.status_code == 302
    assert first.headers["location"] == "/admin/login/?next=/admin/"
    assert httpx.get(django_admin.url.removesuffix("admin/")).status_code == 404


def test_django_admin_refuses_a_wrong_password(module_browser: Browser, django_admin: RunningApp) -> None:
    tab, _ = new_tab(module_browser)
    django_log_in(tab, django_admin, "wrong-" + str(django_admin.password))
    expect(tab.get_by_text("Please enter the correct username and password for a staff account.")).to_be_visible()
    expect(tab.get_by_role("heading", name="Site administration")).to_have_count(0)
    tab.context.close()


def test_django_admin_books_list_search_and_filter(module_browser: Browser, django_admin: RunningApp) -> None:
    assert django_admin.password
    tab, asked = new_tab(module_browser)
    django_log_in(tab, django_admin, django_admin.password)
    expect(tab.get_by_role("heading", name="Site administration")).to_be_visible()
    expect(tab.get_by_role("link", name="Django administration")).to_be_visible()

    tab.get_by_role("link", name="Books", exact=True).click()
    expect(tab).to_have_url(django_admin.url + "bookshop/book/")
    expect(tab.get_by_role("heading", name="Select book to change")).to_be_visible()
    expect(tab.locator(".paginator")).to_contain_text(f"{len(BOOKS)} books")
    titles = sorted(title for title, *_ in BOOKS)
    result_rows = tab.locator("#result_list tbody tr")
    expect(result_rows).to_have_count(25)  # one page of list_per_page
    expect(result_rows.first).to_contain_text(titles[0])

    tab.get_by_role("textbox", name="Search").fill("Darwin")
    tab.get_by_role("button", name="Search").click()
    darwin = sorted(title for title, author, *_ in BOOKS if author == "Charles Darwin")
    expect(result_rows.locator("th")).to_have_text(darwin)
    expect(tab.locator(".paginator")).to_contain_text(f"{len(darwin)} books")
    tab.get_by_role("textbox", name="Search").fill("")
    tab.get_by_role("button", name="Search").click()
    expect(result_rows).to_have_count(25)

    mystery = dict(GENRES)["mystery"]
    tab.locator("#changelist-filter").get_by_role("link", name=mystery, exact=True).click()
    expect(tab).to_have_url(re.compile(r"genre__exact=mystery"))
    expect(result_rows.locator("th")).to_have_text(sorted(t for t, _, _, genre, _ in BOOKS if genre == "mystery"))

    result_rows.locator("th").get_by_role("link", name="The Moonstone").click()
    expect(tab.get_by_role("heading", name="Change book")).to_be_visible()
    expect(tab.get_by_label("Title")).to_have_value("The Moonstone")
    expect(tab.get_by_label("Year")).to_have_value("1868")
    assert off_machine(asked, django_admin) == []
    tab.context.close()


# -- Datasette --------------------------------------------------------------------------------------------------
def test_datasette_shows_the_books_table(module_browser: Browser, datasette: RunningApp) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", datasette.url)
    assert datasette.username is None and datasette.password is None
    tab, asked = new_tab(module_browser)
    tab.goto(datasette.url)
    expect(tab.get_by_role("heading", name=TITLE)).to_be_visible()
    tab.get_by_role("link", name="catalogue", exact=True).first.click()
    tab.get_by_role("link", name="books", exact=True).first.click()
    expect(tab).to_have_url(datasette.url + "catalogue/books")
    expect(tab.get_by_role("heading", name="books")).to_be_visible()
    expect(tab.get_by_text(f"{len(BOOKS)} rows")).to_be_visible()
    expect(tab.get_by_role("cell", name="Frankenstein", exact=True)).to_be_visible()
    assert off_machine(asked, datasette) == []
    tab.context.close()


def test_datasette_answers_queries_as_json(datasette: RunningApp) -> None:
    in_stock = httpx.get(
        datasette.url + "catalogue/books.json", params={"in_stock": "1", "_shape": "array", "_size": "max"}
    ).json()
    assert sorted(row["title"] for row in in_stock) == sorted(t for t, *_, stock in BOOKS if stock)
    authors = httpx.get(datasette.url + "catalogue/authors.json", params={"_shape": "array"}).json()
    assert {row["name"] for row in authors} == {author for _, author, *_ in BOOKS}


# -- process lifetime -------------------------------------------------------------------------------------------
def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie (exited, not yet reaped by whoever started it) still answers kill(0).
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.1)
    return False


def test_child_stops_with_the_block_and_with_a_killed_parent(tmp_path: Path) -> None:
    # A parent process that starts a tiny HTTP child, reports its pid and then waits to be killed.
    parent_code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
import os
from pathlib import Path
from apps.real.child_server import free_port, run_child
port = free_port()
with run_child([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
               ready_url=f"http://127.0.0.1:{{port}}/", log=Path({str(tmp_path / "child.log")!r}),
               env=dict(os.environ), cwd=Path({str(tmp_path)!r})) as (pid, seconds):
    print(pid, port, flush=True)
    sys.stdin.read()
"""
    parent = subprocess.Popen(
        [sys.executable, "-c", parent_code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    assert parent.stdout
    child_pid, port = (int(part) for part in parent.stdout.readline().split())
    assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    assert _wait_gone(child_pid), "the child outlived its killed parent"

    with run_child(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        ready_url=f"http://127.0.0.1:{port}/", log=tmp_path / "again.log", env=dict(os.environ), cwd=tmp_path,
    ) as (pid, _):  # fmt: skip
        assert not _gone(pid)
    assert _wait_gone(pid)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=1)


def test_a_child_that_exits_is_reported_with_its_log(tmp_path: Path) -> None:
    with pytest.raises(AppStartError, match=r"exited with 3:\nboom"), run_child(
        [sys.executable, "-c", "print('boom'); raise SystemExit(3)"],
        ready_url="http://127.0.0.1:9/", log=tmp_path / "log", env=dict(os.environ), cwd=tmp_path,
    ):  # fmt: skip
        pass
