"""Render a plan as a short, idiomatic pytest-playwright test module."""

from __future__ import annotations

import re

from superagent.healing.locators import py_literal
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
    "view_record": ("test_user_can_open_a_record", "A user can open a record from the list and see its details."),
    "edit_record": ("test_user_can_edit_a_record", "A user can edit a record and see the new value."),
    "delete_record": (
        "test_user_can_delete_a_record",
        "A user can delete a record (one the test creates first) and it disappears from the list.",
    ),
    "filter": ("test_filter_narrows_the_list", "Choosing a filter shows the matching rows and hides the others."),
    "sort": ("test_sort_changes_the_order", "Sorting the list changes the order of its rows."),
    "paginate": ("test_next_page_shows_other_rows", "Going to the next page shows other rows."),
    "upload": ("test_user_can_upload_a_file", "A user can upload a file and see it taken in."),
    "toggle_setting": (
        "test_setting_stays_changed_after_saving",
        "A user can change a setting, save it, and find it still changed after a reload.",
    ),
    "wizard": ("test_user_can_complete_the_wizard", "A user can fill a multi-step form step by step and finish it."),
}


# Values a test makes up at run time (a fresh user, a record no other run wrote, the file it uploads), defined in
# this order at the top of the test; "setup" holds statements that prepare them (writing the file).
_VARIABLES = ("username", "password", "record", "upload")


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
    call = {
        "click": "click()",
        "check": "check()",
        "fill": f"fill({value})",
        "press": f"press({value})",
        "upload": f"set_input_files({value})",
    }.get(step.action, f"select_option({value})")
    return f"{step.locator}.{call}"


def render(plan: Plan, *, base_url: str, filename: str, sidecar: str) -> str:
    variables = {k: v for k, v in plan.data.items() if k in _VARIABLES}
    body = [f"{name} = {expr}" for name, expr in variables.items()]
    body += plan.data.get("setup", "").splitlines()
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
    if "tmp_path" in code:
        imports.append("from pathlib import Path")
    header = [
        f'"""{title(plan)}',
        "",
        f"Written by SuperAgent from {base_url}{plan.start_path}; element fingerprints for healing: {sidecar}.",
        f"Run it with: pytest {filename} --base-url {base_url}",
        '"""',
        "",
    ]
    lines = header + imports + ([""] if imports else [])
    lines.append("from playwright.sync_api import Page, expect")
    params = "page: Page"
    if plan.uses_credentials:
        lines += ["", "from superagent.testkit import Credentials"]
        params += ", credentials: Credentials"
    if "tmp_path" in code:
        params += ", tmp_path: Path"
    lines += ["", "", f"def {test_name(plan)}({params}) -> None:"]
    lines += [f"    {line}" for line in body]
    return "\n".join(lines) + "\n"
