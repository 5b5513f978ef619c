"""Read a live page: an inventory of visible interactive elements with fingerprints, and what it shows."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field

from superagent.healing.fingerprint import Fingerprint


@cache
def script(name: str) -> str:
    """A page script; ``inventory`` and ``fingerprint`` are assembled from the shared fingerprint code.
    ``inventory`` returns its elements as one JSON text (see :func:`inventory`)."""

    def read(file: str) -> str:
        return files("superagent.browser").joinpath(file).read_text()

    if name == "inventory":
        return "() => {\n" + read("fingerprint.js") + read("inventory_main.js")
    if name == "fingerprint":
        return "(el) => {\n" + read("fingerprint.js") + "return fingerprintOf(el, -1);\n}"
    return read(name)


class Element(BaseModel):
    """One visible element of the inventory; ``index`` addresses it in the page until the next snapshot."""

    index: int
    fingerprint: Fingerprint
    required: bool = False
    options: list[tuple[str, str]] | None = None
    form: int | None = None
    bounds: tuple[str | None, str | None] | None = None  # a number field's min and max, as the page gives them

    @property
    def fp(self) -> Fingerprint:
        return self.fingerprint

    def describe(self) -> str:
        fp = self.fingerprint
        name = fp.accessible_name or fp.label or fp.placeholder or fp.text or fp.name or fp.id or ""
        return f"{fp.role or fp.tag} {name!r}"


class Message(BaseModel):
    role: str
    text: str
    explicit: bool = False


class Control(BaseModel):
    role: str
    name: str


class Observation(BaseModel):
    """What a person sees: the address, headings, alert/status messages and the controls on offer."""

    url: str
    title: str = ""
    messages: list[Message] = Field(default_factory=list)
    headings: list[str] = Field(default_factory=list)
    controls: list[Control] = Field(default_factory=list)
    items: int = 0


async def inventory(page: Any) -> list[Element]:
    raw = json.loads(await page.evaluate(script("inventory")))
    elements = []
    for entry in raw:
        fp = Fingerprint.model_validate(entry)
        options = [tuple(o) for o in entry["options"]] if entry.get("options") else None
        bounds = tuple(entry["bounds"]) if entry.get("bounds") else None
        elements.append(
            Element(
                index=entry["index"],
                fingerprint=fp,
                required=entry["required"],
                options=options,
                form=entry["form"],
                bounds=bounds,
            )
        )
    return elements


async def observe(page: Any) -> Observation:
    return Observation.model_validate(await page.evaluate(script("observe.js")))


async def element_index(locator: Any) -> int:
    """The inventory index of the one element a locator resolves to, in a single round trip: -1 when it is not
    in the inventory, -2 when the locator matches no element or more than one."""
    return int(
        await locator.evaluate_all("els => els.length === 1 ? (window.__superagentElements || []).indexOf(els[0]) : -2")
    )
