"""Render a plan as a short, idiomatic pytest-playwright test module."""

from __future__ import annotations

import re
import shlex

from superagent.literals import escaped_text, py_literal
from superagent.models import Plan, Step
from superagent.urls import app_base, goto_target

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
    "record_action": ("test_user_can_act_on_a_record", "A user can change a record's state and see it change."),
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# Values a test makes up at run time (a fresh user, a record no other run wrote, the file it uploads), defined in
# this order at the top of the test; "setup" holds statements that prepare them (writing the file).
_VARIABLES = ("username", "password", "unique", "record", "edited", "upload")


def test_name(plan: Plan) -> str:
    if plan.flow.value == "steps":
        slug = _slug(plan.data.get("name") or plan.data.get("target") or "") or "steps"
        return f"test_{slug}" if not slug[0].isdigit() else f"test_steps_{slug}"
    name, _ = _TITLES[plan.flow.value]
    if plan.flow.value == "navigate" and plan.data.get("target"):
        slug = re.sub(r"[^a-z0-9]+", "_", plan.data["target"].lower()).strip("_")
        name = f"test_navigate_to_{slug}_page"
    if plan.flow.value == "record_action" and _slug(plan.data.get("target") or ""):
        name = f"test_user_can_{_slug(plan.data['target'])}_a_record"
    return name


def title(plan: Plan) -> str:
    if plan.flow.value == "steps":
        name = plan.data.get("name") or plan.data.get("summary") or (plan.data.get("target") or "steps")
        name = name if len(name) <= 100 else name[:99].rstrip() + "…"
        name = name.replace("\\", "/").replace('"""', "'''")  # it goes into the module's docstring
        return name[:1].upper() + name[1:] + ("" if name.endswith((".", "!", "?", "…")) else ".")
    if plan.flow.value == "record_action" and _slug(plan.data.get("target") or ""):
        return f"A user can {_slug(plan.data['target'])} a record and see its new state."
    return _TITLES[plan.flow.value][1]


def _step_line(step: Step) -> str:
    value = step.value_expr or (py_literal(step.value) if step.value is not None else "")
    if step.action == "goto":
        return f"page.goto({py_literal(goto_target(step.value or '/'))})"
    if step.action == "press" and not step.locator:
        return f"page.keyboard.press({value})"
    if step.action == "reload":
        return "page.reload()"
    if step.action == "dismiss":
        # Cleared whenever it blocks an action, without waiting for it when it does not show.
        return f"page.add_locator_handler({step.locator}, lambda button: button.click())"
    call = {
        "click": "click()",
        "check": "check()",
        "uncheck": "uncheck()",
        "hover": "hover()",
        "fill": f"fill({value})",
        "press": f"press({value})",
        "upload": f"set_input_files({value})",
    }.get(step.action, f"select_option({value})")
    return f"{step.locator}.{call}"


def _account_env(plan: Plan) -> str:
    """The variables a plain pytest run needs to log in: the user name and the NAME of the password variable."""
    user, var = plan.data.get("account_username"), plan.data.get("account_password_env")
    if not plan.uses_credentials or not user or not var or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", var):
        return ""
    shown = shlex.quote(user) if re.fullmatch(r"[\w.@+-]{1,64}", user) else "NAME"  # it lands in a docstring
    return f"SUPERAGENT_USERNAME={shown} SUPERAGENT_PASSWORD_ENV={var} "


def render(plan: Plan, *, base_url: str, filename: str, sidecar: str) -> str:
    base_url = app_base(base_url)
    variables = {k: v for k, v in plan.data.items() if k in _VARIABLES}
    body = [f"{name} = {expr}" for name, expr in variables.items()]
    body += plan.data.get("setup", "").splitlines()
    for done, step in enumerate(plan.steps):  # an expectation written after the step it follows
        body += [a.code for a in plan.assertions if a.after_step == done]
        body.append(_step_line(step))
    body += [a.code for a in plan.assertions if a.after_step is None or a.after_step >= len(plan.steps)]
    code = "\n".join(body)
    imports = []
    if "Path(__file__)" in code or "tmp_path" in code:
        imports.append("from pathlib import Path")
    if "re.compile" in code:
        imports.append("import re")
    if "secrets." in code:
        imports.append("import secrets")
    if "uuid." in code:
        imports.append("import uuid")
    # The URL and paths come from the user: escaped, so no quote, backslash or line break in them can end the
    # docstring (or the line) and turn the rest into code.
    source, url = escaped_text(base_url + plan.start_path.lstrip("/")), escaped_text(base_url)
    header = [
        f'"""{title(plan)}',
        "",
        f"Written by SuperAgent from {source}; element fingerprints for healing: {escaped_text(sidecar)}.",
        f"Run it with: {_account_env(plan)}pytest {escaped_text(filename)} --base-url {url}",
        '"""',
        "",
    ]
    lines = header + sorted(imports, key=lambda i: (i.startswith("from"), i)) + ([""] if imports else [])
    if plan.examples:
        lines.append("import pytest")
    lines.append("from playwright.sync_api import Page, expect")
    params = "page: Page"
    if plan.uses_credentials:
        lines += ["", "from superagent.testkit import Credentials"]
        params += ", credentials: Credentials"
    if "tmp_path" in code:
        params += ", tmp_path: Path"
    lines += ["", ""]
    if plan.examples:
        names = list(plan.examples[0])
        params += "".join(f", {name}: str" for name in names)
        lines += _parametrize(names, plan.examples)
    lines.append(f"def {test_name(plan)}({params}) -> None:")
    lines += [f"    {line}" for line in body]
    return "\n".join(lines) + "\n"


def _parametrize(names: list[str], rows: list[dict[str, str]]) -> list[str]:
    """A Scenario Outline's Examples as ``pytest.mark.parametrize``: one parameter, or a tuple per row."""
    if len(names) == 1:
        values = ", ".join(py_literal(row.get(names[0], "")) for row in rows)
        return [f"@pytest.mark.parametrize({py_literal(names[0])}, [{values}])"]
    header = "(" + ", ".join(py_literal(n) for n in names) + ")"
    lines = [f"@pytest.mark.parametrize(\n    {header},\n    ["]
    lines += ["        (" + ", ".join(py_literal(row.get(n, "")) for n in names) + ")," for row in rows]
    lines.append("    ],\n)")
    return ["\n".join(lines)]
