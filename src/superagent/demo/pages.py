"""Content pages, members' items and the cookie consent."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from superagent.demo.store import ITEM_CATEGORIES
from superagent.demo.web import (
    CONSENT_COOKIE,
    checked_form,
    current_user,
    forbidden,
    login_redirect,
    not_found,
    redirect,
    render,
    safe_next,
    session_of,
    shop_of,
    text_field,
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CATEGORY_NAMES = dict(ITEM_CATEGORIES)


async def home(request: Request) -> Response:
    return render(request, "home.html", title="Home")


async def about(request: Request) -> Response:
    return render(request, "about.html", title="About us")


async def contact_page(request: Request) -> Response:
    return render(request, "contact.html", title="Contact us", values={}, errors=[], sent=False)


async def contact_submit(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    values = {name: text_field(form, name) for name in ("name", "email", "message")}
    errors = []
    if not values["name"]:
        errors.append("Name is required.")
    if not _EMAIL.match(values["email"]):
        errors.append("Enter a valid email address.")
    if not values["message"]:
        errors.append("Message is required.")
    if errors:
        return render(request, "contact.html", title="Contact us", values=values, errors=errors, sent=False)
    return render(request, "contact.html", title="Contact us", values={}, errors=[], sent=True)


async def accept_cookies(request: Request) -> Response:
    form = await request.form()
    back = form.get("next")
    response = redirect(safe_next(back if isinstance(back, str) else None, "/"))
    response.set_cookie(CONSENT_COOKIE, "accepted", max_age=365 * 24 * 3600, samesite="lax")
    return response


async def new_item_page(request: Request) -> Response:
    if current_user(request) is None:
        return login_redirect(request)
    values = {"category": ITEM_CATEGORIES[0][0]}
    return render(request, "item_form.html", title="New item", values=values, errors=[])


def _parse_price(raw: str) -> tuple[int | None, str | None]:
    if not raw:
        return None, None
    try:
        amount = Decimal(raw.replace(",", "").lstrip("$"))
    except InvalidOperation:
        return None, "Price must be a number."
    if not amount.is_finite() or amount < 0 or amount > 1_000_000:
        return None, "Price must be between 0 and 1,000,000."
    return int((amount * 100).to_integral_value()), None


async def create_item(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return login_redirect(request)
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    shop = shop_of(request)
    values = {name: text_field(form, name) for name in ("title", "description", "category", "price")}
    errors = []
    if not values["title"]:
        errors.append("Title is required.")
    elif len(values["title"]) > 80:
        errors.append("Title must be at most 80 characters.")
    if values["category"] not in _CATEGORY_NAMES:
        errors.append("Choose a category.")
    price, price_error = _parse_price(values["price"])
    if price_error:
        errors.append(price_error)
    if not errors and shop.is_broken("create_item"):
        errors.append("Something went wrong while saving. Please try again.")
    if errors:
        return render(request, "item_form.html", title="New item", values=values, errors=errors)
    item = shop.store.create_item(user.username, values["title"], values["description"], values["category"], price)
    session_of(request).flash(shop.ui.text("item_created"), "notice")
    return redirect(f"/items/{item.id}")


async def item_page(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return login_redirect(request)
    item = shop_of(request).store.items.get(request.path_params["item_id"])
    if item is None or item.owner != user.username:
        return not_found(request)
    return render(request, "item.html", title=item.title, item=item, category=_CATEGORY_NAMES.get(item.category, ""))


routes = [
    Route("/", home, methods=["GET"]),
    Route("/about", about, methods=["GET"]),
    Route("/contact", contact_page, methods=["GET"]),
    Route("/contact", contact_submit, methods=["POST"]),
    Route("/cookies", accept_cookies, methods=["POST"]),
    Route("/items/new", new_item_page, methods=["GET"]),
    Route("/items/new", create_item, methods=["POST"]),
    Route("/items/{item_id}", item_page, methods=["GET"]),
]
