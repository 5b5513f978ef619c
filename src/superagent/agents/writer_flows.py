"""Flow planners: how Scribe finds and performs each kind of flow on a page it has never seen.

One planner per :class:`~superagent.models.FlowKind` in :data:`PLANNERS`; the record flows live in
:mod:`superagent.agents.writer_flows_records`, the settings-page flows in :mod:`superagent.agents.writer_flows_forms`,
the moves they share in :mod:`superagent.agents.writer_planner`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from superagent.agents import writer_flows_actions as actions
from superagent.agents import writer_flows_forms as forms
from superagent.agents import writer_flows_records as records
from superagent.agents.writer_assert import read_listing, row_shown
from superagent.agents.writer_fields import Generated, is_search
from superagent.agents.writer_planner import (
    CART_LINK_WORDS,
    CART_WORDS,
    CHECKOUT_WORDS,
    LOGIN_WORDS,
    LOGOUT_WORDS,
    ORDER_WORDS,
    REGISTER_WORDS,
    SHOP_WORDS,
    SUBMIT_WORDS,
    FlowPlanner,
    FlowUnavailable,
    Outcome,
    find_or_login,
)
from superagent.models import FlowKind

__all__ = ["PLANNERS", "FlowPlanner", "FlowUnavailable", "Outcome"]


# -- the flows -------------------------------------------------------------------------------------------------
async def plan_login(p: FlowPlanner) -> Outcome:
    await p.start()
    submit = await p.fill_login(await p.reach_login_form())
    before, after = await p.decisive(submit)
    if p.password_field() is not None and before.url == after.url:
        raise FlowUnavailable("after submitting valid credentials the log-in form is still shown")
    return Outcome(before, after, dynamic=[p.need_credentials().username])


async def plan_login_failure(p: FlowPlanner) -> Outcome:
    await p.start()
    submit = await p.fill_login(await p.reach_login_form(), wrong=True)
    before, after = await p.decisive(submit)
    if not [m for m in after.messages if m not in before.messages]:
        raise FlowUnavailable("a wrong password produced no error message on the page")
    return Outcome(before, after, dynamic=[p.need_credentials().username])


async def plan_logout(p: FlowPlanner) -> Outcome:
    await p.start()
    await p.login()
    out = await records.find_action(p, LOGOUT_WORDS, exclude=())
    if out is None:
        raise FlowUnavailable(f"no log-out control after logging in (at {p.x.path()!r})")
    before, after = await p.decisive(out)
    return Outcome(before, after, dynamic=[p.need_credentials().username])


async def plan_register(p: FlowPlanner) -> Outcome:
    await p.start()
    on_form = p.password_field() is not None and p.x.find(REGISTER_WORDS, roles=("button",)) is not None
    if not on_form and not await p.follow(REGISTER_WORDS):
        raise FlowUnavailable("no register / sign-up link on the start page")
    password = p.password_field()
    if password is None:
        raise FlowUnavailable("the sign-up page has no password field")
    generated = Generated.fresh()
    await p.fill_form(password.form, generated)
    submit = p.submit_of(password.form, REGISTER_WORDS)
    if submit is None:
        raise FlowUnavailable("the sign-up form has no submit button")
    before, after = await p.decisive(submit)
    dynamic = [generated.username.value, generated.password.value]
    return Outcome(before, after, dynamic=dynamic, data=Generated.definitions())


async def plan_search(p: FlowPlanner) -> Outcome:
    await p.start()
    box = await find_or_login(p, lambda: next((e for e in p.x.elements if is_search(e)), None), SHOP_WORDS)
    if box is None:
        raise FlowUnavailable("no search field on the page or behind a products / search link")
    term = p.target or _pick_term(p)
    if not term:
        raise FlowUnavailable('nothing listed on the page to search for; name a term: search for "..."')
    await p.x.act(box, "fill", value=term)
    button = p.x.find(("search", "go", "find", "filter"), roles=("button",), where=lambda e: e.form == box.form)
    if button is not None and box.form is not None:
        before, after = await p.decisive(button)
    else:
        before, after = await p.decisive(box, "press", "Enter")
    return Outcome(before, after, negative=True)


def _pick_term(p: FlowPlanner) -> str | None:
    """A word that names exactly one listed thing (a card, list item or row outside the site's chrome)."""
    chrome = ("/nav[", "/header[", "/footer[")
    names = [
        (e.fingerprint.accessible_name or "").lower()
        for e in p.x.elements
        if e.fingerprint.role in ("link", "heading")
        and any(c in (e.fingerprint.xpath or "") for c in ("/article[", "/li[", "/tr["))
        and not any(c in (e.fingerprint.xpath or "") for c in chrome)
    ]
    counts: dict[str, int] = {}
    for name in dict.fromkeys(names):
        for word in dict.fromkeys(re.findall(r"[a-z]{4,}", name)):
            counts[word] = counts.get(word, 0) + 1
    unique = [w for w, n in counts.items() if n == 1]
    return unique[0] if unique else None


async def plan_create_item(p: FlowPlanner) -> Outcome:
    await p.start()
    exclude = CART_WORDS + CART_LINK_WORDS + LOGIN_WORDS + REGISTER_WORDS + ("account",)
    words = p.create_words()
    link = await find_or_login(p, lambda: p.x.find(words, exclude=exclude), ())
    if link is None:
        raise FlowUnavailable("no 'new' / 'add' / 'create' control, even after logging in")
    await p.x.act(link, "click", description=f"open {link.describe()}")
    if p.password_field() is not None and p.credentials is not None:
        await p.login()  # the app asked for a log-in first and sends us on afterwards
    form = p.main_form()
    if form is None:
        raise FlowUnavailable(f"no form to create an item at {p.x.path()!r}")
    # The field that names the item gets a value no other run used: apps refuse a second item of the same name,
    # and the test can then find its own item again.
    named = re.findall(r"[a-z]{3,}", (link.fingerprint.accessible_name or "").lower())[-1:]  # "New note": note
    prefix = (p.target_words(plural=False) or named or ("item",))[-1].capitalize()
    record = records.fresh(prefix) if p.naming_field(form) is not None else None
    await p.fill_form(form, record=record)
    submit = p.submit_of(form, SUBMIT_WORDS)
    if submit is None:
        raise FlowUnavailable("the item form has no submit button")
    before, after = await p.decisive(submit)
    dynamic = [p.credentials.username] if p.used_credentials and p.credentials else []
    if record is None:
        return Outcome(before, after, dynamic=dynamic)
    listing = await read_listing(p.x.page)
    shown = [row_shown(listing, "record")] if listing.holds(record.value) else []
    return Outcome(
        before, after, dynamic=[*dynamic, record.value], data=records.record_definition(prefix), assertions=shown
    )


async def plan_checkout(p: FlowPlanner) -> Outcome:
    await p.start()
    add = await find_or_login(p, lambda: p.x.find(CART_WORDS, roles=("button",)), SHOP_WORDS)
    if add is None:
        raise FlowUnavailable("no 'add to cart' button on the page or behind a products link")
    await p.x.act(add, "click", description="add a product to the cart")
    if not await p.follow(CART_LINK_WORDS, exclude=CART_WORDS):
        raise FlowUnavailable("no link to the cart after adding a product")
    if p.x.find(CHECKOUT_WORDS) is None:
        raise FlowUnavailable(f"no checkout control in the cart at {p.x.path()!r}")
    await p.follow(CHECKOUT_WORDS)
    if p.password_field() is not None and p.credentials is not None:
        await p.login()
    form = p.main_form()
    if form is not None:
        await p.fill_form(form)
    submit = p.submit_of(form, ORDER_WORDS) if form is not None else p.x.find(ORDER_WORDS, roles=("button",))
    if submit is None:
        raise FlowUnavailable("no button to place the order")
    before, after = await p.decisive(submit)
    return Outcome(before, after)


async def plan_navigate(p: FlowPlanner) -> Outcome:
    await p.start()
    target = (p.target or "").strip()
    if not target:
        raise FlowUnavailable("say which page to open, e.g. 'navigate to the About page'")
    link = p.x.find((target.lower(), f"{target.lower()} us"), roles=("link", "button", "tab", "menuitem"))
    if link is None:
        raise FlowUnavailable(f"no link or button named like {target!r}")
    before, after = await p.decisive(link)
    return Outcome(before, after)


Planner = Callable[[FlowPlanner], Awaitable[Outcome]]

PLANNERS: dict[FlowKind, Planner] = {
    FlowKind.LOGIN: plan_login,
    FlowKind.LOGIN_FAILURE: plan_login_failure,
    FlowKind.LOGOUT: plan_logout,
    FlowKind.REGISTER: plan_register,
    FlowKind.SEARCH: plan_search,
    FlowKind.CREATE_ITEM: plan_create_item,
    FlowKind.CHECKOUT: plan_checkout,
    FlowKind.NAVIGATE: plan_navigate,
    FlowKind.VIEW_RECORD: records.plan_view_record,
    FlowKind.EDIT_RECORD: records.plan_edit_record,
    FlowKind.DELETE_RECORD: records.plan_delete_record,
    FlowKind.FILTER: records.plan_filter,
    FlowKind.SORT: records.plan_sort,
    FlowKind.PAGINATE: records.plan_paginate,
    FlowKind.UPLOAD: forms.plan_upload,
    FlowKind.TOGGLE_SETTING: forms.plan_toggle_setting,
    FlowKind.WIZARD: forms.plan_wizard,
    FlowKind.RECORD_ACTION: actions.plan_record_action,
}
