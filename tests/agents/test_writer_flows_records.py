"""The record and settings planners on a tiny stateful library: list, filter, sort, pages, detail, edit, delete
behind an "Are you sure" page, a preferences page and a two-step wizard. Planners are called directly."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from html import escape
from typing import Any

import pytest
from apps.local_http import serve_handler
from apps.tiny_site import Reply, Route, page, redirect, site_handler

from superagent.agents import writer_flows, writer_flows_records, writer_planner
from superagent.agents.writer_explore import Explorer
from superagent.agents.writer_flows import FlowPlanner, FlowUnavailable, Outcome
from superagent.models import FlowKind

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]

# Two menu buttons, each opening its own menu; only the account's holds "Log out".
MENUS = """<h1>Home</h1>
<button aria-haspopup="menu" aria-expanded="false" aria-controls="help">Help</button>
<ul role="menu" id="help" hidden><li role="none"><a role="menuitem" href="docs">Docs</a></li></ul>
<button aria-haspopup="menu" aria-expanded="false" aria-controls="account">dana</button>
<ul role="menu" id="account" hidden><li role="none"><a role="menuitem" href="bye">Log out</a></li></ul>
<script>
document.querySelectorAll('[aria-haspopup]').forEach((b) => b.addEventListener('click', () => {
  const menu = document.getElementById(b.getAttribute('aria-controls'));
  menu.hidden = !menu.hidden; b.setAttribute('aria-expanded', String(!menu.hidden));
}));
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') document.querySelectorAll('[role=menu]')
  .forEach((m) => { m.hidden = true; }); });
</script>"""
SEED = [("Dune", "scifi"), ("Emma", "classic"), ("Ubik", "scifi"), ("Beloved", "classic"), ("Solaris", "scifi")]
PER_PAGE = 4


class Library:
    def __init__(self) -> None:
        self.books: list[tuple[str, str]] = []
        self.flash = ""
        self.newsletter = False
        self.notes_field = True  # the edit form has a Notes field besides the Title
        self.by_title = False  # the list starts in title order
        self.reset()

    def reset(self) -> None:
        self.books, self.flash, self.newsletter = list(SEED), "", False
        self.notes_field, self.by_title = True, False
        self.archived: set[str] = set()

    def take_flash(self) -> str:
        flash, self.flash = self.flash, ""
        return f'<p role="status">{escape(flash)}</p>' if flash else ""

    def listing(self, fields: dict[str, str]) -> Reply:
        genre, sort, number = fields.get("genre", ""), fields.get("sort", ""), int(fields.get("page", "1"))
        books = [b for b in self.books if not genre or b[1] == genre]
        descending = fields.get("dir") == "desc"
        if sort == "title" or self.by_title:
            books = sorted(books, reverse=descending)
        flip = "&dir=desc" if sort == "title" and not descending else ""
        shown = books[(number - 1) * PER_PAGE : number * PER_PAGE]
        rows = "".join(
            f'<tr><td><a href="book?title={t}">{escape(t)}</a></td><td>{g}</td>'
            f'<td><a href="edit?title={t}">Edit</a> <a href="delete?title={t}">Delete</a></td></tr>'
            for t, g in shown
        )
        options = "".join(f"<option{' selected' if g == genre else ''}>{g}</option>" for g in ("scifi", "classic"))
        more = f'<a href="./?page={number + 1}" rel="next">Next</a>' if len(books) > number * PER_PAGE else ""
        body = f"""<h1>Books</h1>{self.take_flash()}<a href="new">Add book</a>
        <form action="./" aria-label="Filter books"><label>Genre <select name="genre">
        <option value="">All genres</option>{options}</select></label><button>Apply</button></form>
        <table><thead><tr><th><a href="./?sort=title{flip}">Title</a></th><th>Genre</th><th>Actions</th></tr></thead>
        <tbody>{rows}</tbody></table><nav aria-label="Pages">{more}</nav>"""
        return Reply(page("Books", body))

    def book(self, fields: dict[str, str]) -> Reply:
        title = fields.get("title", "")
        if fields.get("archive"):
            self.archived.add(title)
            return redirect(f"book?title={title}")
        state = (
            '<p>Archived</p><button type="button">Unarchive</button>'
            if title in self.archived
            else f'<form method="post" action="book?title={title}"><input type="hidden" name="archive" value="1">'
            "<button>Archive book</button></form>"
        )
        return Reply(page(title, f"<h1>{escape(title)}</h1><p>A fine book.</p>{self.take_flash()}{state}"))

    def new(self, fields: dict[str, str]) -> Reply:
        if not fields:
            form = """<h1>Add book</h1><form method="post" action="new">
            <label>Title <input name="title" required></label>
            <label>Genre <select name="genre"><option>scifi</option><option>classic</option></select></label>
            <button>Save</button></form>"""
            return Reply(page("Add book", form))
        self.books.insert(0, (fields["title"], fields.get("genre", "scifi")))
        self.flash = "Book added"
        return redirect("./")

    def edit(self, fields: dict[str, str]) -> Reply:
        title = fields.get("title", "")
        if "save" not in fields:
            notes = "<label>Notes <textarea name='notes'></textarea></label>" if self.notes_field else ""
            form = f"""<h1>Edit {escape(title)}</h1><form method="post" action="edit?was={title}">
            <label>Title <input name="title" value="{escape(title)}"></label>{notes}
            <input type="hidden" name="save" value="1"><button>Save</button></form>"""
            return Reply(page("Edit", form))
        was = fields.get("was", title)
        self.books = [(title if t == was else t, g) for t, g in self.books]
        self.flash = f"Saved: {fields['notes']}" if "notes" in fields else f"Saved {title}"
        return redirect(f"book?title={title}")

    def delete(self, fields: dict[str, str]) -> Reply:
        title = fields.get("title", "")
        if "sure" not in fields:
            form = f"""<h1>Delete book</h1><p>Are you sure?</p><form method="post" action="delete?title={title}">
            <input type="hidden" name="sure" value="1"><button>Yes, delete</button></form><a href="./">Cancel</a>"""
            return Reply(page("Delete", form))
        self.books = [b for b in self.books if b[0] != title]
        self.flash = "Book deleted"
        return redirect("./")

    def preferences(self, fields: dict[str, str]) -> Reply:
        if fields.get("save"):
            self.newsletter = fields.get("newsletter") == "on"
            self.flash = "Preferences saved"
            return redirect("prefs")
        checked = " checked" if self.newsletter else ""
        form = f"""<h1>Preferences</h1>{self.take_flash()}<form method="post" action="prefs">
        <label><input type="checkbox" name="newsletter"{checked}> Weekly newsletter</label>
        <input type="hidden" name="save" value="1"><button>Save</button></form>"""
        return Reply(page("Preferences", form))

    def routes(self) -> dict[str, Route]:
        return {
            "/lib/": self.listing,
            "/lib/book": self.book,
            "/lib/new": self.new,
            "/lib/edit": self.edit,
            "/lib/delete": self.delete,
            "/back/": page(
                "Dashboard",
                '<h1>Dashboard</h1><nav><a href="../lib/">Books</a></nav>'
                "<ul><li><strong>5</strong> books</li><li><strong>2</strong> genres</li><li>1 author</li></ul>",
            ),
            "/menus/": page("Home", MENUS),
            "/prefs/": page(
                "Home",
                '<h1>Home</h1><form action="prefs"><button>Save settings</button></form><a href="prefs">Settings</a>',
            ),
            "/prefs/prefs": self.preferences,
            "/wiz/": page("Home", '<h1>Home</h1><a href="start">Start</a>'),
            "/wiz/start": page(
                "Step 1",
                '<h1>Step 1 of 2</h1><form action="two"><label>Name <input name="name" required></label>'
                "<button>Next</button></form>",
            ),
            "/wiz/two": lambda f: Reply(
                page(
                    "Step 2",
                    f'<h1>Step 2 of 2</h1><form action="done"><input type="hidden" name="name" value="{f["name"]}">'
                    "<label>Colour <select name='colour'><option>Blue</option></select></label>"
                    "<button>Finish</button></form>",
                )
            ),
            "/wiz/done": lambda f: Reply(page("Done", f'<h1>All set</h1><p role="status">Welcome, {f["name"]}</p>')),
        }


@pytest.fixture(scope="module")
def library() -> Library:
    return Library()


@pytest.fixture(scope="module")
def server(library: Library) -> Iterator[str]:
    with serve_handler(site_handler(library.routes())) as url:
        yield url


@pytest.fixture(autouse=True)
def _fresh(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    library.reset()
    monkeypatch.setattr(writer_planner, "COOKIE_BANNER_WAIT_MS", 50)


RunFlow = Callable[..., Awaitable[tuple[FlowPlanner, Outcome]]]


@pytest.fixture
def run(tab: Any, server: str) -> RunFlow:
    async def run_flow(
        flow: FlowKind, app: str, target: str | None = None, subject: str | None = None
    ) -> tuple[FlowPlanner, Outcome]:
        planner = FlowPlanner(Explorer(tab, f"{server}/{app}"), None, target, subject=subject)
        return planner, await writer_flows.PLANNERS[flow](planner)

    return run_flow


def codes(outcome: Outcome) -> list[str]:
    return [a.code for a in outcome.assertions]


async def test_view_opens_the_first_record(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.VIEW_RECORD, "lib")

    assert planner.x.steps[-1].locator == 'page.get_by_role("link", name="Dune")'
    assert outcome.after.url.endswith("/lib/book?title=Dune")
    assert codes(outcome) == ['expect(page.get_by_role("heading", name="Dune")).to_be_visible()']


async def test_filter_chooses_an_option_applies_it_and_asserts_rows_shown_and_gone(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.FILTER, "lib", "genre")

    assert [(s.action, s.value) for s in planner.x.steps[1:]] == [("select", "scifi"), ("click", None)]
    assert codes(outcome) == [
        'expect(page.get_by_role("row").filter(has_text="Dune")).to_be_visible()',
        'expect(page.get_by_role("row").filter(has_text="Emma")).to_have_count(0)',
    ]


async def test_sort_clicks_the_named_header_and_asserts_the_new_order(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.SORT, "lib", "title")

    assert planner.x.steps[-1].locator == 'page.get_by_role("link", name="Title")'
    assert codes(outcome) == ['expect(page.get_by_role("row")).to_contain_text(["Beloved", "Dune"])']


async def test_paginate_goes_to_the_next_page(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.PAGINATE, "lib")

    assert planner.x.steps[-1].locator == 'page.get_by_role("link", name="Next")'
    assert outcome.after.url.endswith("?page=2")
    assert codes(outcome) == [
        'expect(page.get_by_role("row").filter(has_text="Solaris")).to_be_visible()',
        'expect(page.get_by_role("row").filter(has_text="Dune")).to_have_count(0)',
    ]


async def test_edit_changes_a_field_that_does_not_name_the_record(run: RunFlow, library: Library) -> None:
    planner, outcome = await run(FlowKind.EDIT_RECORD, "lib")
    filled = [s for s in planner.x.steps if s.action == "fill"]

    assert [(s.locator, s.value_expr) for s in filled] == [('page.get_by_role("textbox", name="Notes")', "edited")]
    assert outcome.data == {"edited": 'f"Edited {uuid.uuid4().hex[:8]}"'}
    assert codes(outcome) == ["expect(page.get_by_text(edited)).to_be_visible()"]
    assert [b[0] for b in library.books] == [b[0] for b in SEED]  # the record is still found by its title


async def test_delete_creates_its_own_record_confirms_and_asserts_the_row_gone(run: RunFlow, library: Library) -> None:
    planner, outcome = await run(FlowKind.DELETE_RECORD, "lib")
    steps = planner.x.steps

    assert steps[1].locator == 'page.get_by_role("link", name="Add book")'
    assert steps[2].value_expr == "record"
    assert steps[-2].locator == 'page.get_by_role("row").filter(has_text=record).get_by_role("link", name="Delete")'
    assert steps[-1].locator == 'page.get_by_role("button", name="Yes, delete")'
    assert codes(outcome) == ['expect(page.get_by_role("row").filter(has_text=record)).to_have_count(0)']
    assert library.books == SEED  # the seed data is untouched


async def test_toggle_turns_a_setting_on_saves_and_turns_it_off_again(run: RunFlow, library: Library) -> None:
    planner, outcome = await run(FlowKind.TOGGLE_SETTING, "prefs")

    assert [s.action for s in planner.x.steps[1:]] == ["click", "check", "click"]
    assert codes(outcome) == [
        'expect(page.get_by_role("status")).to_contain_text("Preferences saved")',
        "page.reload()",
        'expect(page.get_by_role("checkbox", name="Weekly newsletter")).to_be_checked()',
        'page.get_by_role("checkbox", name="Weekly newsletter").uncheck()',  # the app is left as found
        'page.get_by_role("button", name="Save").click()',
    ]
    assert outcome.complete and library.newsletter is False


async def test_wizard_fills_each_step_and_finishes(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.WIZARD, "wiz")

    assert [s.locator for s in planner.x.steps if s.action == "click"] == [
        'page.get_by_role("link", name="Start")',
        'page.get_by_role("button", name="Next")',
        'page.get_by_role("button", name="Finish")',
    ]
    assert outcome.after.headings == ["All set"]


@pytest.mark.parametrize(
    ("flow", "message"),
    [
        (FlowKind.SORT, "no list; name what it lists, e.g. 'open the books table' with rows at '/'"),
        (FlowKind.UPLOAD, "no file field on the page or behind an import / upload link"),
        (FlowKind.TOGGLE_SETTING, "no switch or checkbox on the page or behind a settings link"),
    ],
)
async def test_a_page_without_the_flow_says_what_it_looked_for(run: RunFlow, flow: FlowKind, message: str) -> None:
    with pytest.raises(FlowUnavailable) as raised:
        await run(flow, "wiz")

    assert str(raised.value) == message


async def test_a_list_flow_opens_the_page_of_its_records_before_a_dashboards_list(run: RunFlow) -> None:
    # The dashboard lists counts ("5 books"): the records are behind its Books link.
    planner, outcome = await run(FlowKind.VIEW_RECORD, "back", "book", subject="book")

    assert [s.locator for s in planner.x.steps if s.action == "click"] == [
        'page.get_by_role("link", name="Books")',
        'page.get_by_role("link", name="Dune")',
    ]
    assert outcome.after.url.endswith("/lib/book?title=Dune")


async def test_an_edit_that_can_only_rename_creates_its_own_record_first(run: RunFlow, library: Library) -> None:
    library.notes_field = False  # renaming a seed record would leave nothing for the next run to find
    planner, outcome = await run(FlowKind.EDIT_RECORD, "lib")
    steps = planner.x.steps

    assert steps[1].locator == 'page.get_by_role("link", name="Add book")'
    assert [(s.locator, s.value_expr) for s in steps if s.action == "fill"] == [
        ('page.get_by_role("textbox", name="Title")', "record"),
        ('page.get_by_role("textbox", name="Title")', "edited"),
    ]
    assert 'page.get_by_role("row").filter(has_text=record).get_by_role("link", name="Edit")' in [
        s.locator for s in steps
    ]
    assert set(outcome.data) == {"record", "edited"}
    assert codes(outcome) == ['expect(page.get_by_role("heading", name=edited)).to_be_visible()']
    assert [t for t, _ in library.books if t in dict(SEED)] == [t for t, _ in SEED]  # seed records untouched


async def test_sort_clicks_the_header_again_when_the_list_was_already_in_that_order(
    run: RunFlow, library: Library
) -> None:
    library.by_title = True
    planner, outcome = await run(FlowKind.SORT, "lib", "title")

    assert [s.locator for s in planner.x.steps if s.action == "click"] == ['page.get_by_role("link", name="Title")'] * 2
    assert outcome.after.url.endswith("dir=desc")
    assert codes(outcome) == ['expect(page.get_by_role("row")).to_contain_text(["Ubik", "Solaris"])']


async def test_a_control_hidden_in_a_menu_is_found_by_opening_the_menus_in_turn(tab: Any, server: str) -> None:
    planner = FlowPlanner(Explorer(tab, f"{server}/menus"), None)
    await planner.start()

    found = await writer_flows_records.find_action(planner, writer_planner.LOGOUT_WORDS, exclude=())

    assert found is not None and found.describe() == "menuitem 'Log out'"
    # the Help menu was opened, held no log-out, and was closed again without a trace in the test
    assert [s.locator for s in planner.x.steps if s.action == "click"] == ['page.get_by_role("button", name="dana")']
    assert await tab.get_by_role("menuitem", name="Docs").is_hidden()


async def test_following_a_word_opens_a_link_not_a_forms_button(tab: Any, server: str) -> None:
    planner = FlowPlanner(Explorer(tab, f"{server}/prefs"), None)
    await planner.start()

    assert await planner.follow(("settings",))
    assert planner.x.steps[-1].locator == 'page.get_by_role("link", name="Settings")'


async def test_a_record_action_acts_on_a_record_the_test_creates(run: RunFlow, library: Library) -> None:
    planner, outcome = await run(FlowKind.RECORD_ACTION, "lib", "archive", subject="book")
    clicks = [s.locator for s in planner.x.steps if s.action == "click"]

    assert clicks[0] == 'page.get_by_role("link", name="Add book")'
    assert clicks[-2:] == [
        'page.get_by_role("row").filter(has_text=record).get_by_role("link", name=record)',
        'page.get_by_role("button", name="Archive book")',  # "archive book" before a bare "archive"
    ]
    assert outcome.data == {"record": 'f"Record {uuid.uuid4().hex[:8]}"'}
    assert "Unarchive" in [c.name for c in outcome.after.controls]
    assert not library.archived & {t for t, _ in SEED}  # the seed records stay as they were
