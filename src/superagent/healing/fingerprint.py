"""The fingerprint of a page element: every property a healer can compare when the app changes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Fingerprint(BaseModel):
    """What Scribe saw of an element when it wrote a test. Absent values are ``None``/empty."""

    model_config = ConfigDict(extra="ignore")

    tag: str = ""
    id: str | None = None
    name: str | None = None
    classes: str | None = None
    role: str | None = None
    accessible_name: str | None = None
    label: str | None = None
    placeholder: str | None = None
    text: str | None = None
    href: str | None = None
    alt: str | None = None
    test_id: str | None = None
    input_type: str | None = None
    neighbor_text: str | None = None
    xpath: str | None = None
    id_xpath: str | None = None
    is_button: bool = False
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    area: float = 0.0
    shape: float = 0.0
    # Rebuilt from a locator rather than seen: what it does not name is unknown, not absent. Never stored.
    partial: bool = Field(default=False, exclude=True)
