"""The fingerprint of a page element: every property a healer can compare when the app changes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Fingerprint(BaseModel):
    """What Scribe saw of an element when it wrote a test. Absent values are ``None``/empty.

    The fields after ``shape`` hold what tends to survive a redesign (a new class, tag and wording for the same
    control in the same place): the text around the element by direction, the texts of elements drawn in the same
    box, the link's path, and where it sits in the viewport and in its landmark. They are optional: fingerprints
    stored before they existed still load and score.
    """

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
    # The nearest visible text in each direction (a label above a field, a price left of a button).
    neighbor_above: str | None = None
    neighbor_below: str | None = None
    neighbor_left: str | None = None
    neighbor_right: str | None = None
    # Names of the parents and children drawn in (nearly) the same box: a wrapper's title, an icon's alt.
    overlap_text: str | None = None
    href_path: str | None = None  # the link's path, without query or fragment
    viewport_x: float | None = None  # the centre, as a fraction of the viewport's width and height
    viewport_y: float | None = None
    landmark: str | None = None  # the nearest header, nav, main, aside, footer, form or dialog
    landmark_x: float | None = None  # the centre's offset (px) from that landmark's top-left corner
    landmark_y: float | None = None
    # Rebuilt from a locator rather than seen: what it does not name is unknown, not absent. Never stored.
    partial: bool = Field(default=False, exclude=True)
