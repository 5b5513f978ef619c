"""The demo shop's v2 release and its deliberately broken flows."""

from __future__ import annotations

import re

import pytest

CHECKOUT_FORM = {"full_name": "Ann Lee", "address": "1 Main St", "city": "Oslo", "postal_code": "0150"}
ITEM_FORM = {"title": "Vintage radio", "description": "", "category": "general", "price": ""}


def test_v2_rewords_the_username_label_but_keeps_the_field_name(shop):
    page = shop("v2").get("/login")
    assert page.labels() == ["User name", "Password"]
    assert page.control("User name").get("name") == "username"
    assert page.find_all("label", text="Username") == []


def test_v2_wraps_login_fields_in_a_fieldset(shop):
    page = shop("v2").get("/login")
    fieldset = page.find("fieldset")
    assert fieldset.find("legend").text == "Account details"
    assert {n.get("name") for n in fieldset.find_all("input")} == {"username", "password"}
    assert shop("v1").get("/login").find_all("fieldset") == []


def test_v2_renames_test_ids_and_form_ids(shop):
    v1, v2 = shop("v1"), shop("v2")
    old, new = v1.get("/login"), v2.get("/login")
    assert {"login-submit", "login-username"} <= old.testids()
    assert {"signin-button", "signin-identifier"} <= new.testids()
    assert not {"login-submit", "login-username"} & new.testids()
    assert new.find("form", id="signin-form") and not new.find_all(id="login-form")
    products = v2.get("/products")
    assert {"product-search", "search-go", "cart-add-desk-lamp"} <= products.testids()
    assert "add-to-cart-desk-lamp" not in products.testids()
    assert products.find("button", data_testid="cart-add-desk-lamp").text == "Add to cart"


def test_v2_changes_generated_ids_and_classes(shop):
    v1, v2 = shop("v1").get("/products"), shop("v2").get("/products")
    ids1 = [a.get("id") for a in v1.find_all("article")]
    ids2 = [a.get("id") for a in v2.find_all("article")]
    assert len(ids1) == len(ids2) and not set(ids1) & set(ids2)
    assert all(re.fullmatch(r"p-[0-9a-f]{8}", i or "") for i in ids2)
    assert v1.find_all("article")[0].get("class") != v2.find_all("article")[0].get("class")


def test_v2_turns_the_products_link_into_a_button(shop):
    visitor = shop("v2")
    nav = visitor.get("/").nav
    assert nav.find_all("a", text="Products") == []
    button = nav.find("button", text="Products")
    form = next(a for a in button.ancestors() if a.tag == "form")
    assert (form.get("action"), form.get("method")) == ("/products", "get")
    assert visitor.get(form.get("action") or "").h1 == "Products"


def test_v2_moves_the_checkout_link_above_the_cart(shop):
    for variant, first in (("v1", "table"), ("v2", "a")):
        visitor = shop(variant)
        visitor.add_to_cart("desk-lamp")
        main = visitor.get("/cart").main
        order = [n.tag for n in main.descendants() if n.tag == "table" or n.text == "Checkout"]
        assert order[0] == first, variant


def test_v2_moves_the_create_item_button_above_the_fields(shop):
    for variant, before_title in (("v1", False), ("v2", True)):
        visitor = shop(variant)
        visitor.log_in()
        form = visitor.get("/items/new").main.find("form")
        tags = [(n.tag, n.text) for n in form.descendants() if n.tag in ("button", "label")]
        assert (tags.index(("button", "Create item")) < tags.index(("label", "Title"))) is before_title


def test_v2_says_item_saved_instead_of_item_created(shop):
    visitor = shop("v2")
    visitor.log_in()
    page = visitor.post("/items/new", ITEM_FORM)
    assert page.h1 == "Vintage radio"
    assert page.role_texts("status") == ["Item saved"]


def test_v2_behaves_like_v1_everywhere_else(shop):
    visitor = shop("v2")
    page = visitor.log_in()
    assert page.h1 == "Welcome back, demo" and "Signed in successfully" in page.role_texts("status")
    page = visitor.post("/logout")
    assert "You have been signed out." in page.role_texts("status")
    assert visitor.log_in(password="nope").role_texts("alert") == ["Invalid username or password."]
    assert "1 product found" in visitor.get("/products?q=lamp").role_texts("status")
    visitor.add_to_cart("desk-lamp")
    order = visitor.post("/checkout", CHECKOUT_FORM)
    assert order.h1 == "Thank you for your order!"
    assert shop("v2").get("/register").labels() == [
        "Username",
        "Email",
        "Password",
        "Confirm password",
        "I agree to the terms",
    ]


def test_broken_login_rejects_valid_credentials(shop):
    page = shop(broken=frozenset({"login"})).log_in()
    assert page.path == "/login"
    assert page.role_texts("alert") == ["Invalid username or password."]


def test_broken_logout_keeps_the_visitor_signed_in(shop):
    visitor = shop(broken=frozenset({"logout"}))
    visitor.log_in()
    page = visitor.post("/logout")
    assert "You have been signed out." in page.role_texts("status")
    assert "Log out" in page.nav_names() and "Log in" not in page.nav_names()


def test_broken_register_rejects_a_valid_sign_up(shop):
    visitor = shop(broken=frozenset({"register"}))
    form = {"username": "carol", "email": "carol@example.com", "password": "password123"}
    page = visitor.post("/register", {**form, "confirm_password": "password123", "terms": "yes"})
    assert page.path == "/register"
    assert page.role_texts("alert") == ["That username is already taken."]


def test_broken_search_finds_nothing(shop):
    page = shop(broken=frozenset({"search"})).get("/products?q=lamp")
    assert page.find_all("article") == []
    assert "No products match “lamp”." in page.role_texts("status")


def test_broken_create_item_does_not_save(shop):
    visitor = shop(broken=frozenset({"create_item"}))
    visitor.log_in()
    page = visitor.post("/items/new", ITEM_FORM)
    assert page.path == "/items/new"
    assert page.role_texts("alert") == ["Something went wrong while saving. Please try again."]
    assert visitor.get("/dashboard").main.find_all("a", text="Vintage radio") == []


def test_broken_cart_does_not_count_the_product(shop):
    page = shop(broken=frozenset({"cart"})).add_to_cart("desk-lamp")
    assert "Added to cart" in page.role_texts("status")
    assert "Cart (0)" in page.nav_names()


def test_broken_checkout_errors(shop):
    visitor = shop(broken=frozenset({"checkout"}))
    visitor.add_to_cart("desk-lamp")
    page = visitor.post("/checkout", CHECKOUT_FORM)
    assert (page.status, page.h1) == (500, "Something went wrong")


@pytest.mark.parametrize("variant", ["v1", "v2"])
def test_unbroken_apps_pass_the_same_checks(shop, variant):
    visitor = shop(variant)
    assert visitor.log_in().path == "/dashboard"
    assert visitor.get("/products?q=lamp").find_all("article")
