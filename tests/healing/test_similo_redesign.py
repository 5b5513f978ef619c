"""Scoring what survives a redesign: a control rebuilt in place (new class, tag and wording) is still found by the
text around it, the boxes drawn with it, its link's path and its place, ahead of look-alikes elsewhere that kept the
old class or the old wording. Fingerprints without these properties score as before."""

from __future__ import annotations

from typing import Any

import pytest

from superagent.healing.fingerprint import Fingerprint
from superagent.healing.similo import LEGACY_WEIGHTS, comparisons, rank_candidates, similarity

REDESIGN_FIELDS = {
    "neighbor_above": None,
    "neighbor_below": None,
    "neighbor_left": None,
    "neighbor_right": None,
    "overlap_text": None,
    "href_path": None,
    "viewport_x": None,
    "viewport_y": None,
    "landmark": None,
    "landmark_x": None,
    "landmark_y": None,
}


def fp(**values: Any) -> Fingerprint:
    box = {"x": 600.0, "y": 400.0, "width": 120.0, "height": 40.0}
    box.update({k: values.pop(k) for k in list(values) if k in box})
    return Fingerprint(**values, **box, area=box["width"] * box["height"], shape=box["width"] / box["height"])


def blank(f: Fingerprint) -> Fingerprint:
    return f.model_copy(update=REDESIGN_FIELDS)


# <a class="cta" href="/checkout">Buy</a> under a price, in the product panel.
BUY = fp(
    tag="a",
    role="link",
    classes="cta",
    href="/checkout?item=7",
    href_path="/checkout",
    accessible_name="Buy",
    text="Buy",
    neighbor_text="$45.00",
    xpath="/html[1]/body[1]/main[1]/section[1]/a[1]",
    neighbor_above="$45.00",
    neighbor_below="Free returns within 30 days",
    neighbor_left="Quantity",
    neighbor_right="Add to wishlist",
    overlap_text="Buy now icon",
    viewport_x=0.51,
    viewport_y=0.53,
    landmark="main",
    landmark_x=660,
    landmark_y=340,
)
# The same control after the redesign: <button class="btn-primary">Purchase now</button>, same place and size.
PURCHASE = BUY.model_copy(
    update={
        "tag": "button",
        "role": "button",
        "is_button": True,
        "classes": "btn-primary",
        "href": None,
        "href_path": None,
        "accessible_name": "Purchase now",
        "text": "Purchase now",
        "xpath": "/html[1]/body[1]/main[1]/section[1]/div[1]/button[1]",
    }
)
# Elsewhere on the page: one kept the old class (another label), one kept the old wording (another class).
OLD_CLASS = fp(
    tag="a",
    role="link",
    classes="cta",
    href="/gift-cards",
    href_path="/gift-cards",
    accessible_name="Buy a gift card",
    text="Buy a gift card",
    neighbor_text="Gifts",
    xpath="/html[1]/body[1]/footer[1]/a[2]",
    neighbor_above="Gifts",
    neighbor_left="Newsletter",
    landmark="footer",
    landmark_x=400,
    landmark_y=40,
    viewport_x=0.35,
    viewport_y=1.4,
    x=400,
    y=1100,
)
OLD_TEXT = fp(
    tag="a",
    role="link",
    classes="promo-link",
    href="/promo/buy",
    href_path="/promo/buy",
    accessible_name="Buy",
    text="Buy",
    neighbor_text="Sponsored",
    xpath="/html[1]/body[1]/aside[1]/a[1]",
    neighbor_above="Sponsored",
    landmark="aside",
    landmark_x=40,
    landmark_y=60,
    viewport_x=0.9,
    viewport_y=0.3,
    x=1150,
    y=220,
    width=60,
    height=20,
)


def test_a_redesigned_control_in_place_beats_decoys_that_kept_its_class_or_wording() -> None:
    ranked = rank_candidates(BUY, [OLD_CLASS, OLD_TEXT, PURCHASE])
    assert ranked[0].candidate == PURCHASE
    assert ranked[0].score - ranked[1].score >= 0.05


def test_without_its_surroundings_the_old_wording_would_win() -> None:
    # Why the surroundings are recorded: on the older properties alone the decoy with the old text ranks first.
    ranked = rank_candidates(blank(BUY), [blank(OLD_CLASS), blank(OLD_TEXT), blank(PURCHASE)])
    assert ranked[0].candidate == blank(OLD_TEXT)


@pytest.mark.parametrize("side", ["neighbor_above", "neighbor_below", "neighbor_left", "neighbor_right"])
def test_each_direction_counts(side: str) -> None:
    elsewhere = PURCHASE.model_copy(update={side: "Something else entirely"})
    assert similarity(BUY, elsewhere) < similarity(BUY, PURCHASE)


def test_overlapping_boxes_count() -> None:
    assert similarity(BUY, PURCHASE.model_copy(update={"overlap_text": "Share"})) < similarity(BUY, PURCHASE)


def test_href_path_compares_whole_segments_and_ignores_the_query() -> None:
    dashboard = fp(tag="a", role="link", text="Open", href="/dashboard", href_path="/dashboard", viewport_x=0.1)
    same_page = dashboard.model_copy(update={"href": "/dashboard?tab=1"})
    another_page = dashboard.model_copy(update={"href": "/dashboards", "href_path": "/dashboards"})
    assert similarity(dashboard, same_page) > similarity(dashboard, another_page)
    assert rank_candidates(dashboard, [another_page, same_page])[0].candidate == same_page


def test_href_path_only_counts_when_both_are_links() -> None:
    # A link turned into a button has no path: that is the tag's difference, not a second one.
    assert similarity(BUY, PURCHASE) == pytest.approx(similarity(BUY.model_copy(update={"href_path": None}), PURCHASE))


def test_place_in_the_viewport_and_in_the_landmark() -> None:
    nearer = PURCHASE.model_copy(update={"viewport_x": 0.55})
    farther = PURCHASE.model_copy(update={"viewport_x": 0.75})
    assert similarity(BUY, PURCHASE) > similarity(BUY, nearer) > similarity(BUY, farther)
    moved_in_landmark = PURCHASE.model_copy(update={"landmark_x": 260})
    other_landmark = PURCHASE.model_copy(update={"landmark": "aside"})
    assert similarity(BUY, PURCHASE) > similarity(BUY, moved_in_landmark)
    assert similarity(BUY, PURCHASE) > similarity(BUY, other_landmark)


def test_a_target_without_the_new_properties_is_weighed_as_before() -> None:
    # Scores of older fingerprints do not move: the same value as the weighted mean with the older weights.
    target, candidate = blank(BUY), blank(PURCHASE)
    alike = {k: v for k, v in comparisons(target, candidate).items() if k in LEGACY_WEIGHTS}
    assert {"tag", "text", "classes", "location"} <= set(alike)
    expected = sum(LEGACY_WEIGHTS[k] * v for k, v in alike.items()) / sum(LEGACY_WEIGHTS[k] for k in alike)
    assert similarity(target, candidate) == pytest.approx(expected)


def test_a_target_stored_before_these_properties_scores_as_it_did() -> None:
    # An older sidecar lacks the new properties; candidates from today's inventory have them: same scores as
    # comparing the older properties only.
    old_target = blank(BUY)
    for candidate in (PURCHASE, OLD_CLASS, OLD_TEXT):
        assert similarity(old_target, candidate) == pytest.approx(similarity(old_target, blank(candidate)))


def test_box_overlap_is_intersection_over_union() -> None:
    same = comparisons(BUY, PURCHASE)["box_overlap"]
    half_over = comparisons(BUY, PURCHASE.model_copy(update={"x": BUY.x + 60}))["box_overlap"]
    apart = comparisons(BUY, PURCHASE.model_copy(update={"y": BUY.y + 41}))["box_overlap"]
    assert same == pytest.approx(1.0)
    assert half_over == pytest.approx(1 / 3)  # 60x40 shared of 180x40 covered
    assert apart == 0.0
