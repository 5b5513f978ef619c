"""Planners for the flows on a list of records: open one, edit one, delete one, filter, sort and page the list.

Each reaches the list (signing in first when the app asks and there is an account), reads its rows, acts, and
asserts on what the rows did: a row gone, the order flipped, other rows on the next page.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import uuid

from superagent.agents.writer_assert import Listing, order_changed, read_listing, row_gone, row_shown
from superagent.agents.writer_explore import NoUniqueLocator
from superagent.agents.writer_fields import FieldValue, describe, is_search, is_text_entry
from superagent.agents.writer_ground import popup_openers
from superagent.agents.writer_planner import (
    LOGIN_WORDS,
    NAMING,
    REGISTER_WORDS,
    SUBMIT_WORDS,
    FlowPlanner,
    FlowUnavailable,
    Outcome,
)
from superagent.browser.snapshot import Element
from superagent.healing.locators import py_literal
from superagent.models import Assertion

OPEN_WORDS = ("open", "view", "details", "show", "more")
EDIT_WORDS = ("edit", "modify", "update", "change")
DELETE_WORDS = ("delete", "remove", "trash", "destroy")
CONFIRM_WORDS = ("yes, delete", "delete", "confirm", "yes", "remove", "ok")
MENU_WORDS = ("more actions", "actions", "more", "options", "menu")
MAX_MENUS = 4  # menus opened in turn while looking for a control
SAVE_WORDS = ("save", "update", "save changes", "submit", "done")
NEXT_WORDS = ("next", "next page", "›", "»", "older", "2")
SORT_FIELD = r"\bsort|\border\b"
ROW = "tr, li, article, [role=row], [role=listitem]"


async def reach_list(p: FlowPlanner) -> Listing:
    """Start, sign in when asked, and find a list with at least two rows (following a link named like the
    request's noun when the start page has none)."""
    await p.start()
    await p.sign_in_if_asked()
    nouns = p.target_words(subject=True)
    if nouns and not await _lists(p, nouns):
        # A dashboard lists other things ("29 books", "Recently added"): the noun's own page comes first.
        named = p.x.find(nouns, roles=("link", "tab", "menuitem"), where=lambda e: _label(e) in nouns)
        if named is not None:
            await p.x.act(named, "click", description=f"open {named.describe()}")
            await p.sign_in_if_asked()
    words = nouns or p.target_words()
    listing = await read_listing(p.x.page)
    if len(listing.rows) < 2 and words and await p.follow(words, exclude=LOGIN_WORDS + REGISTER_WORDS):
        await p.sign_in_if_asked()
        listing = await read_listing(p.x.page)
    if len(listing.rows) < 2 and p.credentials is not None and p.x.find(LOGIN_WORDS) is not None:
        await p.login()
        listing = await read_listing(p.x.page)
    if len(listing.rows) < 2:
        noun = p.subject or p.target
        hint = f" of {noun}" if noun else "; name what it lists, e.g. 'open the books table'"
        raise FlowUnavailable(f"no list{hint} with rows at {p.x.path()!r}")
    return listing


async def changed_listing(p: FlowPlanner, before: Listing, seconds: float = 3.0) -> Listing:
    """The list once it differs from ``before``: a single-page app re-renders it a moment after the request it
    sends; a list that stays the same after ``seconds`` is returned as it is."""
    listing = await read_listing(p.x.page)
    deadline = asyncio.get_running_loop().time() + seconds
    while listing == before and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.2)
        listing = await read_listing(p.x.page)
    if listing != before:
        await p.x.settle()
    return listing


def _label(el: Element) -> str:
    return (el.fingerprint.accessible_name or el.fingerprint.text or "").lower().strip()


async def _lists(p: FlowPlanner, words: tuple[str, ...]) -> bool:
    """Whether this page is about the request's noun: its main heading or its address names it."""
    seen = await p.x.observe()
    about = " ".join([*(seen.headings[:1]), p.x.path()]).lower()
    return any(re.search(rf"\b{re.escape(w)}\b", about) for w in words)


async def in_row(
    p: FlowPlanner, words: tuple[str, ...], key: str, roles: tuple[str, ...], *, or_named_key: bool = False
) -> Element | None:
    """The control named like ``words`` (or, with ``or_named_key``, the link named by the key itself) inside the
    row that holds ``key``."""
    for el in [e for e in p.x.elements if e.fingerprint.role in roles]:
        label = (el.fingerprint.accessible_name or el.fingerprint.text or "").lower().strip()
        named = any(label == w or re.search(rf"\b{re.escape(w)}\b", label) for w in words)
        if not named and not (or_named_key and label == key.lower()):
            continue
        row = await p.inside(el, ROW)
        if row is not None and key in row:
            return el
    return None


async def act_in_row(p: FlowPlanner, listing: Listing, key_code: str, key: str, el: Element, what: str) -> None:
    """Click ``el``: through the page's own unique locator when the key is a literal, else (or when nothing of
    the page's own is unique) through the row named by ``key_code``, a value the test may make up at run time."""
    if key_code == py_literal(key):
        try:
            await p.x.act(el, "click", description=what)
            return
        except NoUniqueLocator:
            pass
    live = p.x.page.get_by_role(listing.role).filter(has_text=key)
    if not await p.act_scoped(listing.row_code(key_code), live, el, "click", description=what):
        raise NoUniqueLocator(f"no unique locator for {el.describe()} in the row of {key!r}")
    step = p.x.steps[-1]
    if step.locator:  # a link named by the made-up value itself: named by the test's variable too
        step.locator = step.locator.replace(f"name={py_literal(key)}", f"name={key_code}")


async def open_record(p: FlowPlanner, listing: Listing, key: str, key_code: str) -> None:
    link = await in_row(p, OPEN_WORDS, key, ("link", "button"), or_named_key=True)
    if link is None:
        raise FlowUnavailable(f"no link to open the record {key!r} in its row")
    await act_in_row(p, listing, key_code, key, link, f"open the record {key!r}")


def first_keyed(listing: Listing) -> str:
    key = next((k for k in listing.names() if k), None)
    if key is None:
        raise FlowUnavailable("no row of the list has a text that tells it from the others")
    return key


def fresh(prefix: str, name: str = "record") -> FieldValue:
    """A value no other run used, and the code that makes one at run time (the test's variable ``name``)."""
    return FieldValue(f"{prefix} {uuid.uuid4().hex[:8]}", name)


def record_definition(prefix: str, name: str = "record") -> dict[str, str]:
    return {name: f'f"{prefix} {{uuid.uuid4().hex[:8]}}"'}


async def find_action(
    p: FlowPlanner, words: tuple[str, ...], *, exclude: tuple[str, ...] = LOGIN_WORDS
) -> Element | None:
    """A control named like ``words``, opening a menu first when that is where it hides: a "More actions" button,
    or any control that says it opens a menu (a user menu named after the account, a kebab icon)."""
    roles = ("link", "button", "menuitem")
    el = p.x.find(words, roles=roles, exclude=exclude)
    if el is not None:
        return el
    named = p.x.find(MENU_WORDS, roles=("button",))
    menus = [named] if named is not None else []
    menus += [m for m in await popup_openers(p.x) if m not in menus and m.fingerprint.role in ("button", "link")]
    for menu in menus[:MAX_MENUS]:
        mark, url = len(p.x.steps), str(p.x.page.url)
        await p.act(menu, "click", description=f"open {menu.describe()}")
        el = p.x.find(words, roles=roles, exclude=exclude)
        if el is not None:
            return el
        del p.x.steps[mark:]  # a menu without it: close it again, as if it had never been opened
        if str(p.x.page.url) != url:
            await p.x.page.goto(url, wait_until="load")
        else:
            await p.x.page.keyboard.press("Escape")
        await p.x.settle()
    return None


async def shown_once(p: FlowPlanner, value: str) -> bool:
    try:
        live = p.x.page.get_by_text(value)
        return bool(await live.count() == 1 and await live.is_visible())
    except Exception:
        return False


# -- the flows -------------------------------------------------------------------------------------------------
async def plan_view_record(p: FlowPlanner) -> Outcome:
    listing = await reach_list(p)
    key = first_keyed(listing)
    link = await in_row(p, OPEN_WORDS, key, ("link", "button"), or_named_key=True)
    if link is None:
        raise FlowUnavailable(f"no link to open the record {key!r} in its row")
    before = await p.x.observe()
    await act_in_row(p, listing, py_literal(key), key, link, f"open the record {key!r}")
    after = await p.x.observe()
    assertions = []
    if any(key in heading for heading in after.headings) and key not in before.headings:
        heading = f'page.get_by_role("heading", name={py_literal(key)})'
        if await p.x.page.get_by_role("heading", name=key).count() == 1:
            assertions.append(Assertion(code=f"expect({heading}).to_be_visible()", description="record heading"))
    return Outcome(before, after, assertions=assertions)


async def plan_edit_record(p: FlowPlanner) -> Outcome:
    listing = await reach_list(p)
    key = first_keyed(listing)
    mark, list_url = len(p.x.steps), str(p.x.page.url)
    await _open_editor(p, listing, key, py_literal(key))
    field = await _field_to_change(p, key)
    data: dict[str, str] = {}
    made: list[str] = []
    if key in str((await p.state(field)).get("value") or ""):
        # The only field to change names the record: renaming a seed record would leave nothing for the next run
        # to find, so the test creates its own record and renames that one.
        del p.x.steps[mark:]
        await p.x.page.goto(list_url, wait_until="load")
        await p.x.settle()
        own = await create_own(p, "the record to edit")
        listing = await read_listing(p.x.page)
        if not listing.holds(own.value):
            raise FlowUnavailable("the new record is not on the list shown after creating it")
        await _open_editor(p, listing, own.value, own.code)
        field = await _field_to_change(p, own.value)
        data, made = record_definition("Record"), [own.value]
    value = fresh("Edited", "edited")
    await p.act(field, "fill", value=value.value, value_expr=value.code)
    save = p.submit_of(field.form, SAVE_WORDS)
    if save is None:
        raise FlowUnavailable("the edit form has no save button")
    before, after = await p.decisive(save)
    shown = await value_shown(p, value)
    data |= record_definition("Edited", "edited")
    return Outcome(before, after, dynamic=[value.value, *made], data=data, assertions=[shown] if shown else [])


async def _open_editor(p: FlowPlanner, listing: Listing, key: str, key_code: str) -> None:
    edit = await in_row(p, EDIT_WORDS, key, ("link", "button"))
    if edit is not None:
        await act_in_row(p, listing, key_code, key, edit, f"edit the record {key!r}")
        return
    await open_record(p, listing, key, key_code)
    edit = await find_action(p, EDIT_WORDS)
    if edit is None:
        raise FlowUnavailable(f"no edit control for the record {key!r} (at {p.x.path()!r})")
    await p.act(edit, "click", description=f"edit the record {key!r}")


async def value_shown(p: FlowPlanner, value: FieldValue) -> Assertion | None:
    """An assertion that the page shows a value the test made up: as the one text, a heading, or a row."""
    if await shown_once(p, value.value):
        return Assertion(code=f"expect(page.get_by_text({value.code})).to_be_visible()", description="new value")
    with contextlib.suppress(Exception):
        if await p.x.page.get_by_role("heading", name=value.value).count() == 1:
            code = f'expect(page.get_by_role("heading", name={value.code})).to_be_visible()'
            return Assertion(code=code, description="new value as a heading")
    listing = await read_listing(p.x.page)
    return row_shown(listing, value.code) if listing.holds(value.value) else None


async def create_own(p: FlowPlanner, what: str) -> FieldValue:
    """Create a record named by a value no other run used, from the list page: the seed data stays as it was."""
    create = p.x.find(p.create_words(), exclude=LOGIN_WORDS + REGISTER_WORDS + ("cart", "account"))
    if create is None:
        raise FlowUnavailable(f"no 'new' / 'add' control to create {what}")
    await p.act(create, "click", description=f"open {create.describe()}")
    form = p.main_form()
    if form is None:
        raise FlowUnavailable(f"no form to create {what} at {p.x.path()!r}")
    record = fresh("Record")
    await p.fill_form(form, record=record)
    submit = p.submit_of(form, SUBMIT_WORDS)
    if submit is None:
        raise FlowUnavailable("the create form has no submit button")
    await p.act(submit, "click", description=f"create {what}")
    return record


async def _field_to_change(p: FlowPlanner, key: str) -> Element:
    """A text field of the edit form; one that does not hold the record's name, so a rerun finds it again."""
    form = p.main_form()
    entries = [el for el in p.x.fields(form) if is_text_entry(el) and not is_search(el)]
    entries = [el for el in entries if el.fingerprint.input_type not in ("email", "number", "date", "url", "tel")]
    if not entries:
        raise FlowUnavailable(f"no text field to change in the edit form at {p.x.path()!r}")
    for el in entries:
        state = await p.state(el)
        if key not in str(state.get("value") or "") and not re.search(NAMING, describe(el)):
            return el
    return entries[0]


async def plan_delete_record(p: FlowPlanner) -> Outcome:
    """Create a record, then delete that one: the seed data stays, and the test can run again."""
    await reach_list(p)
    record = await create_own(p, "the record to delete")
    listing = await read_listing(p.x.page)
    delete = await in_row(p, DELETE_WORDS, record.value, ("link", "button")) if listing.holds(record.value) else None
    if delete is not None:
        await act_in_row(p, listing, "record", record.value, delete, "delete the new record")
    else:
        if listing.holds(record.value):
            await open_record(p, listing, record.value, "record")
        elif len(listing.rows) > 1:  # a list without the new record: any Delete here would delete seed data
            raise FlowUnavailable("the new record is not on the list shown after creating it")
        delete = await find_action(p, DELETE_WORDS)
        if delete is None:
            raise FlowUnavailable(f"no delete control for the new record (at {p.x.path()!r})")
        await p.act(delete, "click", description="delete the new record")
    confirm = p.x.find(CONFIRM_WORDS, roles=("button",), exclude=("cancel", "no"))
    if confirm is not None:
        before, after = await p.decisive(confirm)
    else:
        before = after = await p.x.observe()
    listing = await read_listing(p.x.page)
    if listing.holds(record.value):
        raise FlowUnavailable("the record is still listed after deleting it")
    return Outcome(
        before,
        after,
        dynamic=[record.value],
        data=record_definition("Record"),
        assertions=[row_gone(listing, "record")],
    )


async def plan_filter(p: FlowPlanner) -> Outcome:
    listing = await reach_list(p)
    control, value = await _filter_control(p)
    before = await p.x.observe()
    if control.fingerprint.tag == "select":
        await p.act(control, "select", value=value)
    elif control.fingerprint.input_type == "checkbox":
        await p.act(control, "check")
    else:
        await p.act(control, "click", description=f"filter by {value!r}")
    await p.x.settle()
    after_listing = await changed_listing(p, listing)
    if after_listing == listing and control.form is not None:
        submit = p.submit_of(control.form, ("filter", "apply", "search", "go"))
        if submit is not None:
            await p.act(submit, "click", description="apply the filter")
            after_listing = await read_listing(p.x.page)
    after = await p.x.observe()
    gone = [k for k in listing.names() if k and not after_listing.holds(k)]
    kept = [k for k in after_listing.names() if k]
    if not gone or not kept:
        raise FlowUnavailable(f"choosing {value!r} did not narrow the list to other rows")
    assertions = [row_shown(after_listing, py_literal(kept[0])), row_gone(after_listing, py_literal(gone[0]))]
    return Outcome(before, after, assertions=assertions)


async def _filter_control(p: FlowPlanner) -> tuple[Element, str]:
    """A filter to choose: a select or tab named like the target first, then any select that is not a sort, a
    tab not selected, a checkbox of a filter form."""
    wanted = p.target_words()

    def named(el: Element) -> bool:
        return any(w in describe(el) for w in wanted)

    selects = [
        el
        for el in p.x.elements
        if el.fingerprint.tag == "select" and not re.search(SORT_FIELD, describe(el)) and len(el.options or []) > 1
    ]
    tabs = [el for el in p.x.elements if el.fingerprint.role == "tab"]
    boxes = [el for el in p.x.elements if el.fingerprint.input_type == "checkbox" and el.form is not None]
    for group in ([e for e in selects if named(e)], [e for e in tabs if named(e)], selects, tabs, boxes):
        for el in group:
            if el.fingerprint.tag == "select":
                state = await p.state(el)
                options = [label for val, label in el.options or [] if val and val != state.get("value")]
                if options:
                    return el, options[0]
            elif el.fingerprint.role == "tab":
                if not (await p.state(el)).get("selected"):
                    return el, el.fingerprint.accessible_name or el.fingerprint.text or "tab"
            elif not (await p.state(el)).get("checked"):
                return el, describe(el)
    raise FlowUnavailable("no filter on the list: no select, tab or checkbox to narrow it")


async def plan_sort(p: FlowPlanner) -> Outcome:
    listing = await reach_list(p)
    before = await p.x.observe()
    wanted = p.target_words()
    header: Element | None = None
    sort_select = next(
        (el for el in p.x.elements if el.fingerprint.tag == "select" and re.search(SORT_FIELD, describe(el))), None
    )
    if sort_select is not None:
        state = await p.state(sort_select)
        options = [(v, label) for v, label in sort_select.options or [] if v and v != state.get("value")]
        chosen = [label for v, label in options if any(w in label.lower() for w in wanted)] or [
            label for _, label in options
        ]
        if not chosen:
            raise FlowUnavailable("the sort select has no other option")
        await p.act(sort_select, "select", value=chosen[0])
    else:
        headers = [el for el in p.x.elements if el.fingerprint.role in ("link", "button") and is_column_header(el)]
        header = next((el for el in headers if any(w in describe(el) for w in wanted)), None)
        header = header or next(iter(headers), None)
        if header is None:
            raise FlowUnavailable("no sort select and no sortable column header on the list")
        await p.act(header, "click", description=f"sort by {header.describe()}")
    await p.x.settle()
    after_listing = await changed_listing(p, listing)
    if header is not None and order_changed(listing, after_listing) is None:
        # The list was already in that column's order: a second click sorts the other way round.
        again = next((el for el in p.x.elements if is_column_header(el) and el.describe() == header.describe()), None)
        if again is not None:
            await p.act(again, "click", description=f"sort by {again.describe()} the other way round")
            await p.x.settle()
            after_listing = await changed_listing(p, after_listing)
    after = await p.x.observe()
    order = order_changed(listing, after_listing)
    if order is None:
        raise FlowUnavailable("sorting did not change which row comes first")
    return Outcome(before, after, assertions=[order])


def is_column_header(el: Element) -> bool:
    """A link or button in a table's header row: a sortable column."""
    return "/thead[" in (el.fingerprint.xpath or "") or "/th[" in (el.fingerprint.xpath or "")


async def plan_paginate(p: FlowPlanner) -> Outcome:
    listing = await reach_list(p)
    following = p.x.find(NEXT_WORDS, roles=("link", "button"), exclude=("previous", "prev"))
    if following is None:
        raise FlowUnavailable("no 'Next' page control under the list")
    first = first_keyed(listing)
    before, after = await p.decisive(following)
    after_listing = await read_listing(p.x.page)
    if after_listing.holds(first):
        raise FlowUnavailable("the next page still shows the first page's rows")
    assertions = [row_gone(after_listing, py_literal(first))]
    shown = first_keyed(after_listing) if after_listing.rows else None
    if shown:
        assertions.insert(0, row_shown(after_listing, py_literal(shown)))
    return Outcome(before, after, assertions=assertions)
