"""Planners for the flows of a settings corner: upload a file, flip a setting and keep it, finish a wizard."""

from __future__ import annotations

import re
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from superagent.agents.writer_assert import AssertionBuilder, read_listing, row_shown
from superagent.agents.writer_fields import describe
from superagent.agents.writer_planner import (
    LOGIN_WORDS,
    REGISTER_WORDS,
    FlowPlanner,
    FlowUnavailable,
    Outcome,
)
from superagent.browser.snapshot import Element
from superagent.healing.locators import py_literal
from superagent.models import Assertion, Step

UPLOAD_PAGE_WORDS = ("import", "upload", "files", "documents", "attachments", "contacts", "settings", "profile")
UPLOAD_WORDS = ("upload", "import", "save", "submit", "send", "attach")
SETTINGS_WORDS = ("settings", "preferences", "profile", "account", "notifications")
SAVE_WORDS = ("save settings", "save", "save changes", "update", "apply")
NEXT_WORDS = ("next", "continue", "next step")
FINISH_WORDS = ("finish", "create", "submit", "done", "complete", "confirm")
MAX_WIZARD_STEPS = 8
# A 1x1 GIF: the smallest image every image field takes.
_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _wanted(p: FlowPlanner, el: Element) -> bool:
    return any(w in describe(el) for w in p.target_words())


async def _reach(p: FlowPlanner, found: Callable[[], list[Element]], words: tuple[str, ...]) -> list[Element]:
    """Start, sign in when asked, then follow links named like the request's target, then like ``words``, until
    ``found`` finds something."""
    await p.start()
    await p.sign_in_if_asked()
    targets = p.target_words()

    def done() -> bool:
        # something found, and, when the request named it, something named like it: on a profile page with a
        # picture field, "import contacts" still follows the Contacts link
        return bool(found()) and (not targets or any(_wanted(p, el) for el in found()))

    for word in (*targets, *words):
        if done():
            break
        if await p.follow((word,), exclude=LOGIN_WORDS + REGISTER_WORDS):
            await p.sign_in_if_asked()
    return found()


# -- upload ----------------------------------------------------------------------------------------------------
def _upload_kind(el: Element) -> str:
    text = describe(el)
    if re.search(r"csv|import|contacts|spreadsheet", text):
        return "csv"
    if re.search(r"image|picture|photo|avatar|logo|icon", text):
        return "image"
    return "text"


async def plan_upload(p: FlowPlanner) -> Outcome:
    """Upload a small file the test writes to pytest's ``tmp_path``: a CSV with one row no other run wrote, an
    image, or a text file, as the field asks."""

    def inputs() -> list[Element]:
        return [el for el in p.x.elements if el.fingerprint.input_type == "file"]

    found = await _reach(p, inputs, UPLOAD_PAGE_WORDS)
    if not found:
        raise FlowUnavailable("no file field on the page or behind an import / upload link")
    el = next((e for e in found if _wanted(p, e)), None) or next(
        (e for e in found if _upload_kind(e) == "csv"), found[0]
    )
    kind = _upload_kind(el)
    data: dict[str, str] = {}
    dynamic: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="superagent-upload-"))
    if kind == "csv":
        record = f"alex-{uuid.uuid4().hex[:8]}@example.com"
        dynamic.append(record)
        data["record"] = 'f"alex-{uuid.uuid4().hex[:8]}@example.com"'
        name, content = "contacts.csv", f"name,email\nAlex Morgan,{record}\n"
        data["setup"] = 'upload.write_text(f"name,email\\nAlex Morgan,{record}\\n")'
        (folder / name).write_text(content)
    else:
        # A file name no other run used, so the page showing it proves this upload was kept.
        stem, suffix = ("picture", ".gif") if kind == "image" else ("notes", ".txt")
        name = f"{stem}-{uuid.uuid4().hex[:8]}{suffix}"
        dynamic.append(name)
        data["record"] = f'f"{stem}-{{uuid.uuid4().hex[:8]}}{suffix}"'
        if kind == "image":
            data["setup"] = f"upload.write_bytes({_GIF!r})"
            (folder / name).write_bytes(_GIF)
        else:
            data["setup"] = 'upload.write_text("Uploaded by an end-to-end test.\\n")'
            (folder / name).write_text("Uploaded by an end-to-end test.\n")
    data["upload"] = "tmp_path / record" if kind != "csv" else f"tmp_path / {py_literal(name)}"
    data = {k: data[k] for k in ("record", "upload", "setup") if k in data}  # defined before they are used
    spec, alternatives = await p.x.locate(el)
    await spec.resolve(p.x.page).set_input_files(str(folder / name))
    p.x.steps.append(
        Step(
            action="upload",
            locator=spec.code(),
            value_expr="upload",
            description=f"choose the file for {el.describe()}",
            fingerprint=el.fingerprint,
            alternatives=[a.code() for a in alternatives],
            page=p.x.path().split("?")[0] or "/",
        )
    )
    submit = p.submit_of(el.form, UPLOAD_WORDS)
    if submit is None:
        raise FlowUnavailable("the upload form has no button to send the file")
    before, after = await p.decisive(submit)
    assertions: list[Assertion] = []
    listing = await read_listing(p.x.page)
    if listing.holds(dynamic[0]):
        assertions.append(row_shown(listing, "record"))
    else:
        assertions += await _kept(p, dynamic[0])
    return Outcome(before, after, dynamic=dynamic, data=data, assertions=assertions)


async def _kept(p: FlowPlanner, value: str) -> list[Assertion]:
    """After a reload (no flash message left to read), the page still shows ``value``: it was stored."""
    await p.x.page.reload(wait_until="load")
    await p.x.settle()
    live = p.x.page.get_by_text(value)
    if await live.count() != 1 or not await live.is_visible():
        return []
    return [
        Assertion(code="page.reload()", description="reload"),
        Assertion(code="expect(page.get_by_text(record)).to_be_visible()", description="the upload was kept"),
    ]


# -- toggle a setting ------------------------------------------------------------------------------------------
async def plan_toggle_setting(p: FlowPlanner) -> Outcome:
    """Turn a switch or checkbox on, save, and check it is still on after a reload; then turn it off and save
    again, so the app is left as it was found and the next run flips it for real (a run that found it on
    already could not tell a broken switch from a working one)."""

    def toggles() -> list[Element]:
        return [el for el in p.x.elements if el.fingerprint.role == "switch" or el.fingerprint.input_type == "checkbox"]

    found = await _reach(p, toggles, SETTINGS_WORDS)
    if not found:
        raise FlowUnavailable("no switch or checkbox on the page or behind a settings link")
    ranked = [e for e in found if _wanted(p, e)] or found
    ranked = sorted(ranked, key=lambda e: e.fingerprint.role != "switch")
    off = [e for e in ranked if not (await p.state(e)).get("checked")]
    if not off:
        raise FlowUnavailable("every switch and checkbox here is on already; nothing to turn on")
    control = off[0]
    spec, _ = await p.x.locate(control)
    await p.act(control, "check", description=f"turn on {control.describe()}")
    save = p.submit_of(control.form, SAVE_WORDS) if control.form is not None else None
    save = save or p.x.find(SAVE_WORDS, roles=("button",))
    if save is None:
        raise FlowUnavailable("no button to save the setting")
    save_spec, _ = await p.x.locate(save)
    before, after = await p.decisive(save)
    assertions = await AssertionBuilder(p.x.page).build(before, after)
    await p.x.page.reload()
    await p.x.settle()
    live = spec.resolve(p.x.page)
    if not await live.is_checked():
        raise FlowUnavailable(f"{control.describe()} was off again after saving and reloading")
    assertions += [
        Assertion(code="page.reload()", description="reload"),
        Assertion(code=f"expect({spec.code()}).to_be_checked()", description="control state"),
        Assertion(code=f"{spec.code()}.uncheck()", description="restore the setting"),
        Assertion(code=f"{save_spec.code()}.click()", description="restore the setting"),
    ]
    await _restore(p, live)
    return Outcome(before, after, assertions=assertions, complete=True)


async def _restore(p: FlowPlanner, live: object) -> None:
    """Leave the app as found: the setting off again (not part of the test)."""
    await live.uncheck()  # type: ignore[attr-defined]
    save = p.x.find(SAVE_WORDS, roles=("button",))
    if save is not None:
        spec, _ = await p.x.locate(save)
        await spec.resolve(p.x.page).click()
        await p.x.settle()


# -- a multi-step form -----------------------------------------------------------------------------------------
async def plan_wizard(p: FlowPlanner) -> Outcome:
    """Open the wizard, fill each step and press Next until a Finish / Create button ends it."""
    words = (*p.create_words(), "start", "get started", "begin")

    def opener() -> list[Element]:
        el = p.x.find(words, exclude=LOGIN_WORDS + REGISTER_WORDS + ("cart", "account"))
        return [el] if el is not None else []

    found = await _reach(p, opener, ())
    if not found:
        raise FlowUnavailable("no control that starts a multi-step form ('new' / 'create' / 'start')")
    await p.act(found[0], "click", description=f"open {found[0].describe()}")
    for _ in range(MAX_WIZARD_STEPS):
        following = p.x.find(NEXT_WORDS, roles=("button",))
        button = following or p.x.find(FINISH_WORDS, roles=("button",), exclude=("back", "cancel", "previous"))
        if button is None:
            raise FlowUnavailable(f"no Next or Finish button on the step at {p.x.path()!r}")
        await p.fill_form(button.form)
        if following is None:
            before, after = await p.decisive(button)
            return Outcome(before, after)
        at = (p.x.path(), await p.x.observe())
        await p.act(button, "click", description="go to the next step")
        if (p.x.path(), await p.x.observe()) == at:
            raise FlowUnavailable(f"'Next' did not move on from the step at {p.x.path()!r}")
    raise FlowUnavailable(f"the form had more than {MAX_WIZARD_STEPS} steps")
