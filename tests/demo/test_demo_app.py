"""The demo shop's v1 flows over real HTTP: happy paths and error paths."""

from __future__ import annotations

import re

import pytest

from superagent.demo import BROKEN_FLOWS, create_app

PASSWORD = "s3cret-pass"


def test_home_has_heading_nav_footer_cookie_banner_and_a_late_featured_section(shop):
    visitor = shop()
    page = visitor.get("/")
    assert page.status == 200
    assert page.h1 == "Welcome to SuperShop"
    assert page.nav_names() == ["Home", "Products", "About", "Cart (0)", "Log in", "Register"]
    assert page.find("footer").find("a", text="Contact").get("href") == "/contact"
    featured = page.find("section", aria_busy="true")
    assert featured.find("h2").text == "Featured products"
    assert "Loading featured products…" in featured.text
    assert featured.find("ul").text == ""
    banner = page.find(role="dialog")
    assert banner.find(id=banner.get("aria-labelledby")).text == "We use cookies"
    assert banner.find("button").text == "Accept"

    data = visitor.http.get("/api/featured").json()
    names = [p["name"] for p in data["products"]]
    assert names == ["Desk Lamp", "Coffee Grinder", "Wool Blanket"]
    assert all(re.fullmatch(r"p-[0-9a-f]{8}", p["id"]) for p in data["products"])


def test_accepting_cookies_hides_the_banner(shop):
    visitor = shop()
    page = visitor.post("/cookies", {"next": "/about"}, csrf=False)
    assert page.path == "/about"
    assert page.find_all(role="dialog") == []


@pytest.mark.parametrize(
    ("link", "path", "heading"),
    [("Home", "/", "Welcome to SuperShop"), ("Products", "/products", "Products"), ("About", "/about", "About us")],
)
def test_nav_links_lead_to_pages_with_their_own_headings(shop, link, path, heading):
    visitor = shop()
    href = visitor.get("/").nav.find("a", text=link).get("href")
    assert href == path
    page = visitor.get(href)
    assert (page.status, page.h1) == (200, heading)


def test_contact_page_and_form(shop):
    visitor = shop()
    page = visitor.get("/contact")
    assert page.h1 == "Contact us"
    assert page.labels() == ["Your name", "Email", "Message"]
    bad = visitor.post("/contact", {"name": "", "email": "nope", "message": ""})
    assert bad.role_texts("alert") == ["Name is required. Enter a valid email address. Message is required."]
    good = visitor.post("/contact", {"name": "Ann", "email": "ann@example.com", "message": "Hi"})
    assert "Thanks for your message! We will reply within two working days." in good.role_texts("status")


def test_unknown_page_is_a_404_page(shop):
    page = shop().get("/no-such-page")
    assert (page.status, page.h1) == (404, "Page not found")


def test_login_page_markup(shop):
    page = shop().get("/login")
    assert page.h1 == "Log in"
    assert page.labels() == ["Username", "Password"]
    username, password = page.control("Username"), page.control("Password")
    assert re.fullmatch(r"f-[0-9a-z]{4}", username.get("id") or "")
    assert (username.get("name"), password.get("type")) == ("username", "password")
    assert page.main.find("button", text="Log in").get("data-testid") == "login-submit"
    assert page.find("form", id="login-form")


def test_generated_control_ids_change_on_every_render(shop):
    visitor = shop()
    first = visitor.get("/login").control("Username").get("id")
    second = visitor.get("/login").control("Username").get("id")
    assert first != second


def test_login_succeeds_and_shows_the_member_nav(shop):
    page = shop().log_in()
    assert (page.status, page.path) == (200, "/dashboard")
    assert page.h1 == "Welcome back, demo"
    assert "Signed in successfully" in page.role_texts("status")
    assert page.nav_names() == ["Home", "Products", "About", "Dashboard", "New item", "Cart (0)", "Log out"]
    assert page.nav.find("button", text="Log out").parent.tag == "form"


def test_login_with_wrong_password_stays_on_login_with_an_alert(shop):
    visitor = shop()
    page = visitor.log_in(password="wrong")
    assert (page.status, page.path) == (200, "/login")
    assert page.role_texts("alert") == ["Invalid username or password."]
    assert page.control("Username").get("value") == "demo"
    assert "Log in" in page.nav_names()
    assert visitor.get("/dashboard").path == "/login"


def test_members_pages_send_anonymous_visitors_to_login_and_back(shop):
    visitor = shop()
    page = visitor.get("/items/new")
    assert (page.path, page.query) == ("/login", "next=/items/new")
    assert "Please log in to continue." in page.role_texts("status")
    page = visitor.post("/login", {"username": "demo", "password": PASSWORD, "next": "/items/new"})
    assert (page.path, page.h1) == ("/items/new", "New item")


def test_logout_signs_out(shop):
    visitor = shop()
    visitor.log_in()
    page = visitor.post("/logout")
    assert (page.status, page.path) == (200, "/")
    assert "You have been signed out." in page.role_texts("status")
    assert "Log in" in page.nav_names() and "Log out" not in page.nav_names()
    assert visitor.get("/dashboard").path == "/login"


def test_posting_without_the_csrf_token_is_refused(shop):
    page = shop().post("/login", {"username": "demo", "password": PASSWORD}, csrf=False)
    assert page.status == 403


def test_register_page_markup(shop):
    page = shop().get("/register")
    assert page.h1 == "Register"
    assert page.labels() == ["Username", "Email", "Password", "Confirm password", "I agree to the terms"]
    assert page.control("I agree to the terms").get("type") == "checkbox"
    assert page.main.find("button", text="Create account")


def test_register_creates_an_account_and_signs_in(shop):
    visitor = shop()
    form = {"username": "alice", "email": "alice@example.com", "password": "password123"}
    page = visitor.post("/register", {**form, "confirm_password": "password123", "terms": "yes"})
    assert (page.path, page.h1) == ("/dashboard", "Welcome, alice")
    assert "Log out" in page.nav_names()
    visitor.post("/logout")
    assert visitor.log_in("alice", "password123").h1 == "Welcome back, alice"


def test_register_validation_errors_are_shown_in_an_alert(shop):
    visitor = shop()
    page = visitor.post("/register", {"username": "demo", "email": "bad", "password": "short"})
    assert page.path == "/register"
    [alert] = page.find_all(role="alert")
    assert [li.text for li in alert.find_all("li")] == [
        "That username is already taken.",
        "Enter a valid email address.",
        "Password must be at least 8 characters.",
        "You must agree to the terms.",
    ]
    assert page.control("Username").get("value") == "demo"
    page = visitor.post(
        "/register",
        {
            "username": "bob",
            "email": "bob@example.com",
            "password": "password123",
            "confirm_password": "password124",
            "terms": "yes",
        },
    )
    assert page.role_texts("alert") == ["Passwords do not match."]


def test_products_page_lists_cards_with_generated_ids_and_classes(shop):
    page = shop().get("/products")
    assert page.h1 == "Products"
    cards = page.find_all("article")
    assert len(cards) >= 8
    for card in cards:
        assert re.fullmatch(r"p-[0-9a-f]{8}", card.get("id") or "")
        assert re.fullmatch(r"css-[0-9a-z]{6}", card.get("class") or "")
        assert card.find("h2").get("id") == card.get("aria-labelledby")
        assert re.search(r"\$\d+\.\d{2}", card.text)
        assert card.find("button", text="Add to cart")
    lamp = page.find("button", data_testid="add-to-cart-desk-lamp")
    assert any(a.tag == "article" and "Desk Lamp" in a.text for a in lamp.ancestors())
    search = page.find("form", role="search")
    assert search.find("label").text == "Search products"
    assert search.find("button").text == "Search"
    assert search.find("input").get("data-testid") == "search-input"


def test_search_shows_only_matching_products(shop):
    visitor = shop()
    page = visitor.get("/products?q=lamp")
    assert page.h1 == "Results for “lamp”"
    assert "1 product found" in page.role_texts("status")
    assert [c.find("h2").text for c in page.find_all("article")] == ["Desk Lamp"]
    page = visitor.get("/products?q=Kitchen")
    assert "3 products found" in page.role_texts("status")


def test_search_without_matches_says_so(shop):
    page = shop().get("/products?q=unicorn")
    assert page.find_all("article") == []
    assert "No products match “unicorn”." in page.role_texts("status")


def test_create_item_form_markup(shop):
    visitor = shop()
    visitor.log_in()
    page = visitor.get("/items/new")
    assert page.h1 == "New item"
    assert page.labels() == ["Title", "Description", "Category", "Price"]
    assert page.control("Description").tag == "textarea"
    options = [o.text for o in page.control("Category").find_all("option")]
    assert options == ["General", "Books", "Electronics", "Home & garden"]
    assert page.main.find("button", text="Create item").get("data-testid") == "create-item-submit"


def test_create_item_saves_and_shows_it(shop):
    visitor = shop()
    visitor.log_in()
    page = visitor.post(
        "/items/new", {"title": "Vintage radio", "description": "Works.", "category": "electronics", "price": "35"}
    )
    assert re.fullmatch(r"/items/[0-9a-f]{10}", page.path)
    assert page.h1 == "Vintage radio"
    assert page.role_texts("status") == ["Item created"]
    assert "Electronics" in page.main.text and "$35.00" in page.main.text
    assert visitor.get("/dashboard").main.find("a", text="Vintage radio").get("href") == page.path
    assert "Item created" not in visitor.get(page.path).role_texts("status")


def test_create_item_validation(shop):
    visitor = shop()
    visitor.log_in()
    page = visitor.post("/items/new", {"title": "", "category": "general", "price": "abc"})
    assert page.path == "/items/new"
    assert page.role_texts("alert") == ["Title is required. Price must be a number."]


def test_add_to_cart_and_check_out(shop):
    visitor = shop()
    page = visitor.add_to_cart("desk-lamp")
    assert page.path == "/products"
    assert "Cart (1)" in page.nav_names()
    assert "Added to cart" in page.role_texts("status")
    visitor.add_to_cart("desk-lamp")
    visitor.add_to_cart("ceramic-mug")
    cart = visitor.get("/cart")
    assert cart.h1 == "Your cart"
    rows = [[td.text for td in tr.find_all("td")][:4] for tr in cart.find("tbody").find_all("tr")]
    assert rows == [["Desk Lamp", "2", "$24.00", "$48.00"], ["Ceramic Mug", "1", "$9.50", "$9.50"]]
    assert "Total: $57.50" in cart.main.text
    assert cart.main.find("a", text="Checkout").get("href") == "/checkout"

    checkout = visitor.get("/checkout")
    assert checkout.h1 == "Checkout"
    assert checkout.labels() == ["Full name", "Address", "City", "Postal code"]
    bad = visitor.post("/checkout", {"full_name": "Ann Lee", "address": "", "city": "Oslo", "postal_code": ""})
    assert bad.role_texts("alert") == ["Address is required. Postal code is required."]
    assert bad.control("Full name").get("value") == "Ann Lee"

    order = visitor.post(
        "/checkout", {"full_name": "Ann Lee", "address": "1 Main St", "city": "Oslo", "postal_code": "0150"}
    )
    assert re.fullmatch(r"/orders/SA-[0-9A-Z]{6}", order.path)
    assert order.h1 == "Thank you for your order!"
    assert re.search(r"Order number: SA-[0-9A-Z]{6}", order.main.text)
    assert "Total: $57.50" in order.main.text
    assert "Cart (0)" in order.nav_names()


def test_cart_can_remove_a_line(shop):
    visitor = shop()
    visitor.add_to_cart("plant-pot")
    page = visitor.post("/cart/remove", {"product": "plant-pot"})
    assert "Your cart is empty." in page.main.text


def test_checkout_of_an_empty_cart_shows_a_message(shop):
    visitor = shop()
    assert visitor.get("/cart").main.find("p", text="Your cart is empty.")
    page = visitor.get("/checkout")
    assert "Your cart is empty. Add a product before checking out." in page.role_texts("status")
    assert page.find_all("form", id="checkout-form") == []
    page = visitor.post("/checkout", {"full_name": "A", "address": "B", "city": "C", "postal_code": "D"})
    assert page.path == "/checkout" and "Your cart is empty." in page.main.text


def test_orders_are_private_to_their_visitor(shop):
    buyer = shop()
    buyer.add_to_cart("desk-lamp")
    order = buyer.post("/checkout", {"full_name": "A", "address": "B", "city": "C", "postal_code": "D"})
    stranger = type(buyer)(buyer.base_url)
    try:
        assert stranger.get(order.path).status == 404
    finally:
        stranger.close()


def test_create_app_rejects_bad_arguments():
    with pytest.raises(ValueError, match="variant"):
        create_app("v3", password=PASSWORD)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="password"):
        create_app(password="")
    with pytest.raises(ValueError, match="payments"):
        create_app(password=PASSWORD, broken=frozenset({"payments"}))
    assert {"login", "logout", "register", "search", "create_item", "checkout"} <= BROKEN_FLOWS
