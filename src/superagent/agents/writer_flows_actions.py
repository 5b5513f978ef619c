"""The planner for a flow that changes one record's state in place: close an issue, archive a note, publish a post.

The action is for good (a closed issue stays closed), so the test acts on a record it creates itself when the
list has an "Add" / "New" control, and on the list's first record otherwise. It finds the action in the record's
row, on the record's own page, or in a menu there, confirms when asked, and asserts on what the page shows
afterwards (a message, a "Reopen" button, a label), as read off the observed change.
"""

from __future__ import annotations

from superagent.agents.writer_assert import read_listing
from superagent.agents.writer_flows_records import (
    CONFIRM_WORDS,
    act_in_row,
    create_own,
    find_action,
    first_keyed,
    in_row,
    open_record,
    reach_list,
    record_definition,
)
from superagent.agents.writer_planner import LOGIN_WORDS, REGISTER_WORDS, FlowPlanner, FlowUnavailable, Outcome
from superagent.healing.locators import py_literal

ROLES = ("link", "button", "menuitem")


async def plan_record_action(p: FlowPlanner) -> Outcome:
    verb = (p.target or "").strip().lower()
    if not verb:
        raise FlowUnavailable("say what to do with the record, e.g. 'close an issue' or 'archive a note'")
    nouns = p.target_words(plural=False, subject=True)
    words = (*(f"{verb} {noun}" for noun in nouns), verb)  # "Close issue" before a dialog's "Close"
    listing = await reach_list(p)
    creates = p.x.find(p.create_words(), exclude=LOGIN_WORDS + REGISTER_WORDS + ("cart", "account"))
    if creates is not None:
        own = await create_own(p, f"the record to {verb}")
        key, key_code, data, dynamic = own.value, own.code, record_definition("Record"), [own.value]
        listing = await read_listing(p.x.page)
    else:
        key = first_keyed(listing)
        key_code, data, dynamic = py_literal(key), {}, []
    control = await in_row(p, words, key, ROLES) if listing.holds(key) else None
    before = await p.x.observe()
    if control is not None:
        await act_in_row(p, listing, key_code, key, control, f"{verb} the record {key!r}")
    else:
        if listing.holds(key) and len(listing.rows) > 1:
            await open_record(p, listing, key, key_code)
        control = await find_action(p, words)
        if control is None:
            raise FlowUnavailable(f"no {verb!r} control for the record {key!r} (at {p.x.path()!r})")
        before = await p.x.observe()
        await p.act(control, "click", description=f"{verb} the record {key!r}")
    confirm = p.x.find((verb, *CONFIRM_WORDS), roles=("button",), exclude=("cancel", "no"))
    if confirm is not None and await p.x.page.locator("[aria-modal=true], dialog[open]").count():
        await p.act(confirm, "click", description=f"confirm: {verb}")
    after = await p.x.observe()
    return Outcome(before, after, dynamic=dynamic, data=data)
