"""Signing in, signing out, registering and the member dashboard."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from superagent.demo.web import (
    checked_form,
    current_user,
    forbidden,
    login_redirect,
    redirect,
    render,
    replace_session,
    safe_next,
    session_of,
    shop_of,
    text_field,
)

_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


async def login_page(request: Request) -> Response:
    if current_user(request) is not None:
        return redirect("/dashboard")
    next_url = safe_next(request.query_params.get("next"), "")
    notice = "Please log in to continue." if next_url else ""
    return render(request, "login.html", title="Log in", next_url=next_url, username="", notice=notice)


async def login_submit(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    shop = shop_of(request)
    username = text_field(form, "username")
    password = form.get("password")
    next_url = safe_next(text_field(form, "next"), "")
    user = shop.store.authenticate(username, password if isinstance(password, str) else "")
    if user is None or shop.is_broken("login"):
        return render(
            request,
            "login.html",
            title="Log in",
            next_url=next_url,
            username=username,
            error="Invalid username or password.",
        )
    session = session_of(request)
    session.user = user.username
    user.logins += 1
    session.flash("Signed in successfully")
    return redirect(next_url or "/dashboard")


async def logout(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    shop = shop_of(request)
    old = session_of(request)
    if shop.is_broken("logout"):
        old.flash("You have been signed out.", "notice")
        return redirect("/")
    shop.store.drop_session(old.sid)
    fresh = shop.store.new_session()
    fresh.flash("You have been signed out.", "notice")
    replace_session(request, fresh)
    return redirect("/")


async def register_page(request: Request) -> Response:
    if current_user(request) is not None:
        return redirect("/dashboard")
    return render(request, "register.html", title="Register", values={}, errors=[])


def _register_errors(request: Request, values: dict[str, str], password: str, confirm: str) -> list[str]:
    store = shop_of(request).store
    errors = []
    if not values["username"]:
        errors.append("Username is required.")
    elif not _USERNAME.match(values["username"]):
        errors.append("Username must be 3 to 20 letters, digits, dots, dashes or underscores.")
    elif store.find_user(values["username"]) is not None:
        errors.append("That username is already taken.")
    if not values["email"]:
        errors.append("Email is required.")
    elif not _EMAIL.match(values["email"]):
        errors.append("Enter a valid email address.")
    elif store.email_taken(values["email"]):
        errors.append("An account with that email already exists.")
    if len(password) < 8:
        errors.append("Password must be at least 8 characters.")
    elif password != confirm:
        errors.append("Passwords do not match.")
    if not values["terms"]:
        errors.append("You must agree to the terms.")
    return errors


async def register_submit(request: Request) -> Response:
    form = await checked_form(request)
    if form is None:
        return forbidden(request)
    shop = shop_of(request)
    values = {
        "username": text_field(form, "username"),
        "email": text_field(form, "email"),
        "terms": "yes" if form.get("terms") else "",
    }
    password = form.get("password")
    confirm = form.get("confirm_password")
    password = password if isinstance(password, str) else ""
    confirm = confirm if isinstance(confirm, str) else ""
    errors = _register_errors(request, values, password, confirm)
    if not errors and shop.is_broken("register"):
        errors = ["That username is already taken."]
    if errors:
        return render(request, "register.html", title="Register", values=values, errors=errors)
    user = shop.store.add_user(values["username"], values["email"], password)
    session = session_of(request)
    session.user = user.username
    session.flash("Your account has been created.")
    return redirect("/dashboard")


async def dashboard(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return login_redirect(request)
    store = shop_of(request).store
    heading = f"Welcome back, {user.username}" if user.logins else f"Welcome, {user.username}"
    return render(
        request,
        "dashboard.html",
        title="Dashboard",
        heading=heading,
        items=store.user_items(user.username),
        orders=store.user_orders(session_of(request)),
    )


routes = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login_submit, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/register", register_page, methods=["GET"]),
    Route("/register", register_submit, methods=["POST"]),
    Route("/dashboard", dashboard, methods=["GET"]),
]
