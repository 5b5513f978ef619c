"""Render a plan as a short, idiomatic pytest-playwright test module."""

from __future__ import annotations

import re

from superagent.literals import escaped_text, py_literal
from superagent.models import Plan, Step

_TITLES = {
    "login": ("test_user_can_log_in", "A registered user can log in."),
    "login_failure": (
        "test_log_in_with_wrong_password_shows_error",
        "Logging in with a wrong password shows an error.",
    ),
    "logout": ("test_user_can_log_out", "A logged-in user can log out."),
    "register": ("test_visitor_can_register", "A visitor can create an account."),
    "search": ("test_search_shows_matching_results", "Searching shows the matching results."),
    "create_item": ("test_user_can_create_an_item", "A user can create an item."),
    "checkout": ("test_add_to_cart_and_check_out", "A shopper can add a product to the cart and check out."),
    "navigate": ("test_navigate_to_page", "A visitor can open a page from the navigation."),
}


def test_name(plan: Plan) -> str:
    name, _ = _TITLES[plan.flow.value]
    if plan.flow.value == "navigate" and plan.data.get("target"):
        slug = re.sub(r"[^a-z0-9]+", "_", plan.data["target"].lower()).strip("_")
        name = f"test_navigate_to_{slug}_page"
    return name


def title(plan: Plan) -> str:
    return _TITLES[plan.flow.value][1]


def _step_line(step: Step) -> str:
    value = step.value_expr or (py_literal(step.value) if step.value is not None else "")
    if step.action == "goto":
        return f"page.goto({py_literal(step.value or '/')})"
    if step.action == "dismiss":
        # Cleared whenever it blocks an action, without waiting for it when it does not show.
        return f"page.add_locator_handler({step.locator}, lambda button: button.click())"
    call = {"click": "click()", "check": "check()", "fill": f"fill({value})", "press": f"press({value})"}.get(
        step.action, f"select_option({value})"
    )
    return f"{step.locator}.{call}"


def render(plan: Plan, *, base_url: str, filename: str, sidecar: str) -> str:
    variables = {k: v for k, v in plan.data.items() if k in ("username", "password")}
    body = [f"{name} = {expr}" for name, expr in variables.items()]
    body += [_step_line(step) for step in plan.steps]
    body += [a.code for a in plan.assertions]
    code = "\n".join(body)
    imports = []
    if "re.compile" in code:
        imports.append("import re")
    if "secrets." in code:
        imports.append("import secrets")
    if "uuid." in code:
        imports.append("import uuid")
    # The URL and paths come from the user: escaped, so no quote, backslash or line break in them can end the
    # docstring (or the line) and turn the rest into code.
    source, url = escaped_text(base_url + plan.start_path), escaped_text(base_url)
    header = [
        f'"""{title(plan)}',
        "",
        f"Written by SuperAgent from {source}; element fingerprints for healing: {escaped_text(sidecar)}.",
        f"Run it with: pytest {escaped_text(filename)} --base-url {url}",
        '"""',
        "",
    ]
    lines = header + imports + ([""] if imports else [])
    lines.append("from playwright.sync_api import Page, expect")
    params = "page: Page"
    if plan.uses_credentials:
        lines += ["", "from superagent.testkit import Credentials"]
        params += ", credentials: Credentials"
    lines += ["", "", f"def {test_name(plan)}({params}) -> None:"]
    lines += [f"    {line}" for line in body]
    return "\n".join(lines) + "\n"
