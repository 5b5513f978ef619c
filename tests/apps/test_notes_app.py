from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from apps.notes_app import NotesApp

USER, PASSWORD = "dana", "s3cret-pass"


@pytest.fixture
def app() -> NotesApp:
    return NotesApp(USER, PASSWORD)


@pytest.fixture
def client(app: NotesApp) -> Iterator[httpx.Client]:
    with app.serve() as base_url, httpx.Client(base_url=base_url, timeout=5) as http:
        yield http


def sign_in(client: httpx.Client, user: str = USER, password: str = PASSWORD) -> httpx.Response:
    return client.post("/signin", data={"user": user, "password": password})


def note_titles(html: str) -> list[str]:
    notes_list = html.split('<ul aria-label="Notes">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<li><a href="/notes/\d+">([^<]*)</a>', notes_list)


def test_serve_binds_localhost_and_stops(app: NotesApp) -> None:
    with app.serve() as base_url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
        assert httpx.get(base_url + "/").status_code == 200
    with pytest.raises(httpx.TransportError):
        httpx.get(base_url + "/", timeout=1)


def test_home_links_to_signin(client: httpx.Client) -> None:
    page = client.get("/").text
    assert '<a href="/signin">Sign in</a>' in page
    signin = client.get("/signin").text
    assert '<label class="field">Email or username <input name="user"' in signin
    assert 'aria-label="Password"' in signin
    assert "<span>Password</span>" in signin
    assert '<input type="submit" value="Sign in">' in signin


def test_sign_in_success(client: httpx.Client) -> None:
    response = sign_in(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/board"
    board = client.get("/board")
    assert board.status_code == 200
    assert "<h1>Your board</h1>" in board.text
    assert f"<p>Signed in as {USER}</p>" in board.text


def test_sign_in_failure(client: httpx.Client) -> None:
    response = sign_in(client, password="nope")
    assert response.status_code == 200
    assert '<div class="error" role="alert">Wrong email or password</div>' in response.text
    assert "notes_sid" not in response.headers.get("set-cookie", "")
    assert client.get("/board").status_code == 303


@pytest.mark.parametrize("path", ["/board", "/notes/new", "/notes/1", "/board?q=x"])
def test_anonymous_is_redirected_to_signin(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin"


def test_board_lists_seed_notes_and_search_filters(client: httpx.Client) -> None:
    sign_in(client)
    board = client.get("/board").text
    assert len(note_titles(board)) == 6
    assert 'role="status"' not in board
    assert '<input type="search" placeholder="Filter notes" name="q"' in board
    assert "<button>Go</button>" in board

    result = client.get("/board", params={"q": "release"}).text
    assert '<p role="status">Showing 1 of 6 notes</p>' in result
    assert note_titles(result) == ["Release notes draft"]
    assert 'value="release"' in result

    none = client.get("/board", params={"q": "zzz"}).text
    assert '<p role="status">Showing 0 of 6 notes</p>' in none
    assert note_titles(none) == []


def test_create_note_shows_on_board(client: httpx.Client) -> None:
    sign_in(client)
    form = client.get("/notes/new").text
    assert "<h1>Add a note</h1>" in form
    assert '<label for="t">Title</label>' in form
    assert '<select name="priority" aria-label="Priority">' in form
    assert '<button type="submit">Save note</button>' in form

    response = client.post("/notes", data={"title": "Buy <cake>", "body": "For Friday", "priority": "High"})
    assert response.status_code == 303
    assert response.headers["location"] == "/notes/7"
    note = client.get("/notes/7").text
    assert "<h1>Buy &lt;cake&gt;</h1>" in note
    assert '<p role="status">Note saved</p>' in note
    assert "Note saved" not in client.get("/notes/7").text
    assert note_titles(client.get("/board").text)[-1] == "Buy &lt;cake&gt;"
    assert "Showing 1 of 7 notes" in client.get("/board", params={"q": "cake"}).text


def test_create_note_requires_title(client: httpx.Client) -> None:
    sign_in(client)
    response = client.post("/notes", data={"title": "  ", "body": "x", "priority": "Low"})
    assert response.status_code == 200
    assert '<div class="error" role="alert">Title is required</div>' in response.text
    assert len(note_titles(client.get("/board").text)) == 6


def test_sign_out(client: httpx.Client) -> None:
    sign_in(client)
    board = client.get("/board").text
    assert '<form method="post" action="/signout"><button>Sign out</button></form>' in board
    response = client.post("/signout")
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert client.get("/board").status_code == 303


def test_broken_login(app: NotesApp, client: httpx.Client) -> None:
    app.broken.add("login")
    response = sign_in(client)
    assert response.status_code == 200
    assert "Wrong email or password" in response.text
    app.broken.clear()
    assert sign_in(client).status_code == 303


def test_broken_search(app: NotesApp, client: httpx.Client) -> None:
    sign_in(client)
    app.broken.add("search")
    result = client.get("/board", params={"q": "release"}).text
    assert '<p role="status">Showing 0 of 6 notes</p>' in result
    assert note_titles(result) == []
    assert len(note_titles(client.get("/board").text)) == 6


def test_broken_create_item(app: NotesApp, client: httpx.Client) -> None:
    sign_in(client)
    app.broken.add("create_item")
    response = client.post("/notes", data={"title": "Lost note", "body": "", "priority": "Low"})
    assert response.status_code == 303
    assert response.headers["location"] == "/board"
    board = client.get("/board").text
    assert "Lost note" not in board
    assert "Note saved" not in board
    assert client.get("/notes/7").status_code == 404
