"""The catalogue, the cart, checkout and orders."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from superagent.demo.store import money
from superagent.demo.web import (
    checked_form,
    forbidden,
    not_found,
    redirect,
    render,
    safe_next,
    session_of,
    shop_of,
    text_field,
)

FEATURED_DELAY_S = 0.4


async def products(request: Request) -> Response:
    store = shop_of(request).store
    query = request.query_params.get("q", "").strip()
    if query:
        found = [] if shop_of(request).is_broken("search") else store.search(query)
    else:
        found = list(store.products.values())
    return render(request, "products.html", title="Products", query=query, products=found)


async def featured(request: Request) -> Response:
    await asyncio.sleep(FEATURED_DELAY_S)
    shop = shop_of(request)
    data = [
        {
            "id": shop.ui.card_id(p.slug),
            "name": p.name,
            "price": money(p.price_cents),
            "url": "/products?" + urlencode({"q": p.name}),
        }
        for p in shop.store.products.values()
        if p.featured
    ]
    return JSONResponse({"products": data})


async def cart_add(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    shop = shop_of(request)
    session = session_of(request)
    slug = text_field(form, "product")
    product = shop.store.products.get(slug)
    if product is None:
        return not_found(request)
    if not shop.is_broken("cart"):
        session.cart[slug] = session.cart.get(slug, 0) + 1
    session.flash("Added to cart")
    return redirect(safe_next(text_field(form, "next"), "/products"))


async def cart_remove(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    session = session_of(request)
    product = shop_of(request).store.products.get(text_field(form, "product"))
    if product is not None and session.cart.pop(product.slug, None) is not None:
        session.flash(f"Removed {product.name} from your cart")
    return redirect("/cart")


def _cart_context(request: Request) -> dict[str, Any]:
    lines = shop_of(request).store.cart_lines(session_of(request))
    total = sum(p.price_cents * qty for p, qty in lines)
    return {"lines": lines, "total": total}


async def cart_page(request: Request) -> Response:
    return render(request, "cart.html", title="Your cart", **_cart_context(request))


_CHECKOUT_FIELDS = (
    ("full_name", "Full name"),
    ("address", "Address"),
    ("city", "City"),
    ("postal_code", "Postal code"),
)


async def checkout_page(request: Request) -> Response:
    return render(request, "checkout.html", title="Checkout", values={}, errors=[], **_cart_context(request))


async def checkout_submit(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    shop = shop_of(request)
    session = session_of(request)
    context = _cart_context(request)
    values = {name: text_field(form, name) for name, _ in _CHECKOUT_FIELDS}
    if not context["lines"]:
        return render(request, "checkout.html", title="Checkout", values=values, errors=[], **context)
    errors = [f"{label} is required." for name, label in _CHECKOUT_FIELDS if not values[name]]
    if errors:
        return render(request, "checkout.html", title="Checkout", values=values, errors=errors, **context)
    if shop.is_broken("checkout"):
        return render(
            request,
            "error.html",
            500,
            title="Error",
            heading="Something went wrong",
            message="We could not place your order. Please try again later.",
        )
    order = shop.store.place_order(
        session, values["full_name"], values["address"], values["city"], values["postal_code"]
    )
    return redirect(f"/orders/{order.number}")


async def order_page(request: Request) -> Response:
    store = shop_of(request).store
    session = session_of(request)
    order = store.orders.get(request.path_params["number"])
    if order is None or order not in store.user_orders(session):
        return not_found(request)
    return render(request, "order.html", title="Order confirmed", order=order)


routes = [
    Route("/products", products, methods=["GET"]),
    Route("/api/featured", featured, methods=["GET"]),
    Route("/cart", cart_page, methods=["GET"]),
    Route("/cart/add", cart_add, methods=["POST"]),
    Route("/cart/remove", cart_remove, methods=["POST"]),
    Route("/checkout", checkout_page, methods=["GET"]),
    Route("/checkout", checkout_submit, methods=["POST"]),
    Route("/orders/{number}", order_page, methods=["GET"]),
]
