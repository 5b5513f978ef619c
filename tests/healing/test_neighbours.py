"""The text around an element, read with the rest of the page: the neighbour is not the element, and an element
pushed aside by a control put next to it keeps the neighbours it had beyond that control."""

from __future__ import annotations

from typing import Any

import pytest

from superagent.healing.fingerprint import Fingerprint
from superagent.healing.neighbours import Surroundings, stood_beside
from superagent.healing.similo import LEGACY_WEIGHTS, comparisons, rank_candidates, similarity


def button(name: str, x: float, y: float, **values: Any) -> Fingerprint:
    place = {"width": 60.0, "height": 20.0, "viewport_x": x / 1280, "viewport_y": y / 800, "landmark": "main"}
    place.update(values)
    return Fingerprint(tag="button", role="button", is_button=True, accessible_name=name, text=name, x=x, y=y, **place)


# A users table row: "... Active | Edit Delete", each row's buttons with test ids naming the row.
DELETE = button(
    "Delete",
    1102,
    255,
    test_id="delete-user-3",
    classes="btn btn-sm btn-danger",
    neighbor_text="Edit",
    neighbor_left="Edit Invited Viewer alan@example.com",
    neighbor_above="Delete",
    neighbor_below="Delete",
)
EDIT = button(
    "Edit",
    1061,
    255,
    test_id="edit-user-3",
    classes="btn btn-sm",
    neighbor_text="Invited",
    neighbor_left="Invited Viewer alan@example.com",
    neighbor_right="Delete",
    neighbor_above="Edit",
    neighbor_below="Edit",
)


def test_a_candidate_named_like_the_targets_neighbour_stood_beside_it() -> None:
    assert stood_beside(DELETE, EDIT)  # "Edit" was the text just before Delete
    assert stood_beside(DELETE, button("Edit", 0, 0)), "named so wherever it is"
    # The left line holds every cell, nearest first: the name must start it as whole words.
    assert stood_beside(DELETE.model_copy(update={"neighbor_text": None}), EDIT)
    assert not stood_beside(DELETE.model_copy(update={"neighbor_text": None}), button("Ed", 0, 0))
    # The rows above and below have a Delete of their own: one named like the target is never its neighbour.
    assert not stood_beside(DELETE, button("Delete", 1102, 297))
    assert not stood_beside(DELETE, button("Remove", 1102, 255))


def test_being_the_neighbour_counts_against_and_only_for_targets_with_surroundings() -> None:
    assert comparisons(DELETE, EDIT)["beside"] == 0.0
    assert "beside" not in comparisons(DELETE, button("Remove", 1102, 255))
    assert similarity(DELETE, EDIT) < similarity(DELETE, EDIT.model_copy(update={"accessible_name": "Archive"}))
    # A target without the redesign properties is weighed with the older weights, which know nothing of it.
    older = DELETE.model_copy(update={"viewport_x": None, "viewport_y": None})
    assert comparisons(older, EDIT)["beside"] == 0.0 and "beside" not in LEGACY_WEIGHTS
    alike = {k: v for k, v in comparisons(older, EDIT).items() if k in LEGACY_WEIGHTS}
    expected = sum(LEGACY_WEIGHTS[k] * v for k, v in alike.items()) / sum(LEGACY_WEIGHTS[k] for k in alike)
    assert similarity(older, EDIT) == pytest.approx(expected)


def test_a_redesigned_delete_beats_the_edit_button_beside_it() -> None:
    # Rebuilt as a link with new wording and test id; the Edit button next to it keeps its tag, classes and a test
    # id that differs from the old one by a word.
    remove = DELETE.model_copy(
        update={
            "tag": "a",
            "role": "link",
            "is_button": False,
            "accessible_name": "Remove",
            "text": "Remove",
            "test_id": "remove-member-3-link",
            "classes": "ui-cta ui-cta--quiet",
            "neighbor_above": "Remove",
            "neighbor_below": "Remove",
            "width": 52.0,
        }
    )
    ranked = rank_candidates(DELETE, [EDIT, remove])
    assert ranked[0].candidate == remove


# A product card: the price, then "Add to cart"; a "Add bundle to cart" button is put between them.
ADD = button(
    "Add to cart",
    525,
    932,
    width=206.0,
    classes="btn btn-cart",
    neighbor_text="$69.00",
    neighbor_above="$69.00",
    neighbor_below="Monitor arm",
)
# The look-alike takes the old place and neighbours; the old button is one row lower, under it.
BUNDLE = ADD.model_copy(
    update={"accessible_name": "Add bundle to cart", "text": "Add bundle to cart", "neighbor_below": "Add to cart"}
)
PUSHED = ADD.model_copy(
    update={
        "y": 959.0,
        "viewport_y": 959 / 800,
        "neighbor_text": "Add bundle to cart",
        "neighbor_above": "Add bundle to cart",
    }
)


def test_beyond_a_control_is_that_controls_own_neighbour() -> None:
    page = Surroundings([BUNDLE, PUSHED])
    assert page.beyond(PUSHED, "neighbor_above") == "$69.00"
    assert page.beyond(PUSHED, "neighbor_text") == "$69.00"
    assert page.beyond(BUNDLE, "neighbor_above") is None, "a price is not a control: nothing to look past"
    assert page.beyond(BUNDLE, "neighbor_below") == "Monitor arm"  # past the pushed button, what it has below


def test_beyond_a_control_on_a_line_is_the_rest_of_the_line() -> None:
    tab = button("Notifications", 336, 147, neighbor_left="Notification log Profile")
    page = Surroundings([button("Notification log", 200, 147), button("Profile", 100, 147), tab])
    assert page.beyond(tab, "neighbor_left") == "Profile"
    assert page.beyond(tab.model_copy(update={"neighbor_left": "Profile"}), "neighbor_left") is None


def test_beyond_takes_the_nearest_control_of_that_name() -> None:
    near = button("Save", 100, 100, neighbor_above="Title")
    far = button("Save", 100, 700, neighbor_above="Comments")
    below = button("Publish", 100, 130, neighbor_above="Save")
    assert Surroundings([far, near, below]).beyond(below, "neighbor_above") == "Title"


def test_a_look_alike_put_before_the_target_does_not_take_its_place() -> None:
    ranked = rank_candidates(ADD, [BUNDLE, PUSHED])
    assert ranked[0].candidate == PUSHED
    # Without the page, the pushed button loses its neighbours to the look-alike.
    assert similarity(ADD, BUNDLE) > similarity(ADD, PUSHED)
    page = Surroundings([BUNDLE, PUSHED])
    assert comparisons(ADD, PUSHED, page)["neighbor_above"] == 1.0
    assert comparisons(ADD, PUSHED)["neighbor_above"] < 0.5


def test_older_targets_do_not_look_past_controls() -> None:
    older = ADD.model_copy(update={"viewport_x": None, "viewport_y": None, "neighbor_above": None})
    page = Surroundings([BUNDLE, PUSHED])
    assert comparisons(older, PUSHED, page) == comparisons(older, PUSHED)


def test_hrefs_of_recent_targets_compare_whole_segments() -> None:
    link = Fingerprint(tag="a", role="link", text="Open", href="/dashboard", href_path="/dashboard", viewport_x=0.1)
    assert comparisons(link, link.model_copy(update={"href": "/dashboards"}))["href"] == 0.0
    # {dashboard} of {dashboard, tab, 2}, squared like a path; the path alone is compared as href_path.
    assert comparisons(link, link.model_copy(update={"href": "/dashboard?tab=2"}))["href"] == pytest.approx(1 / 9)
    assert comparisons(link, link.model_copy())["href"] == 1.0
    # An older target keeps the character-level likeness it was scored with.
    older = link.model_copy(update={"viewport_x": None, "href_path": None})
    assert comparisons(older, older.model_copy(update={"href": "/dashboards"}))["href"] > 0.8
