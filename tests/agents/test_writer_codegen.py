"""Rendering a plan as a test module: hand-made plans in, Python that parses and passes the Critic out."""

from __future__ import annotations

import ast

import pytest

from superagent.agents.critic import critique_source
from superagent.agents.writer_codegen import render, title
from superagent.agents.writer_codegen import test_name as name_of  # not collected as a test
from superagent.agents.writer_fields import Generated
from superagent.models import Assertion, FlowKind, Plan, Step

BASE = "http://127.0.0.1:8000"
SAVE = 'page.get_by_role("button", name="Save")'
HEADING = Assertion(code='expect(page.get_by_role("heading", name="Item saved")).to_be_visible()')
URL = Assertion(code='expect(page).to_have_url(re.compile(r"/items/[^/]+$"))', description="address")


def plan(flow: FlowKind = FlowKind.CREATE_ITEM, *steps: Step, **fields: object) -> Plan:
    values: dict[str, object] = {
        "flow": flow,
        "title": "",
        "steps": [Step(action="goto", value="/"), *steps] if steps else [Step(action="goto", value="/")],
        "assertions": [HEADING],
    }
    return Plan.model_validate(values | fields)


def code_of(p: Plan) -> str:
    return render(p, base_url=BASE, filename="tests/test_flow.py", sidecar="test_flow.fingerprints.json")


def body_of(source: str) -> list[str]:
    """The statements of the one test function, as source lines."""
    func = next(node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef))
    return [ast.get_source_segment(source, stmt) or "" for stmt in func.body]


def imported(source: str) -> set[str]:
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_a_plain_plan_imports_only_playwright() -> None:
    source = code_of(plan(FlowKind.CREATE_ITEM, Step(action="click", locator=SAVE)))

    assert imported(source) == {"playwright.sync_api.Page", "playwright.sync_api.expect"}
    assert "credentials" not in source


def test_a_url_assertion_imports_re() -> None:
    source = code_of(plan(assertions=[URL, HEADING]))

    assert "re" in imported(source)


def test_generated_account_values_import_what_makes_them_and_are_made_first() -> None:
    fill = Step(action="fill", locator='page.get_by_label("Username")', value="user-1a2b3c4d", value_expr="username")
    source = code_of(plan(FlowKind.REGISTER, fill, data=Generated.definitions()))

    assert {"uuid", "secrets"} <= imported(source)
    body = body_of(source)
    assert body[:2] == [f"{k} = {v}" for k, v in Generated.definitions().items()]
    assert 'page.get_by_label("Username").fill(username)' in body


def test_the_credentials_fixture_only_when_the_plan_uses_it() -> None:
    fill = Step(action="fill", locator='page.get_by_label("Email")', value="qa", value_expr="credentials.username")
    with_creds = code_of(plan(FlowKind.LOGIN, fill, uses_credentials=True))
    without = code_of(plan(FlowKind.LOGIN))

    assert "superagent.testkit.Credentials" in imported(with_creds)
    assert "def test_user_can_log_in(page: Page, credentials: Credentials) -> None:" in with_creds
    assert "superagent.testkit.Credentials" not in imported(without)
    assert "def test_user_can_log_in(page: Page) -> None:" in without


@pytest.mark.parametrize(
    ("flow", "name"),
    [
        (FlowKind.LOGIN, "test_user_can_log_in"),
        (FlowKind.LOGIN_FAILURE, "test_log_in_with_wrong_password_shows_error"),
        (FlowKind.LOGOUT, "test_user_can_log_out"),
        (FlowKind.REGISTER, "test_visitor_can_register"),
        (FlowKind.SEARCH, "test_search_shows_matching_results"),
        (FlowKind.CREATE_ITEM, "test_user_can_create_an_item"),
        (FlowKind.CHECKOUT, "test_add_to_cart_and_check_out"),
        (FlowKind.NAVIGATE, "test_navigate_to_page"),
    ],
)
def test_each_flow_has_its_own_test_name_and_docstring(flow: FlowKind, name: str) -> None:
    p = plan(flow)
    tree = ast.parse(code_of(p))

    assert name_of(p) == name
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)] == [name]
    docstring = ast.get_docstring(tree)
    assert docstring is not None and docstring.startswith(title(p))
    assert f"{BASE}/" in docstring and "pytest tests/test_flow.py --base-url" in docstring


@pytest.mark.parametrize(
    ("target", "name"),
    [
        ("About", "test_navigate_to_about_page"),
        ("Contact us", "test_navigate_to_contact_us_page"),
        ("FAQ & Help!", "test_navigate_to_faq_help_page"),
    ],
)
def test_a_navigate_test_is_named_for_its_target(target: str, name: str) -> None:
    p = plan(FlowKind.NAVIGATE, data={"target": target})

    assert name_of(p) == name
    assert f"def {name}(page: Page) -> None:" in code_of(p)


def test_every_flow_renders_code_that_parses_and_passes_the_critic() -> None:
    steps = [
        Step(action="dismiss", locator='page.get_by_role("button", name="Accept all")'),
        Step(action="click", locator='page.get_by_role("link", name="New item")'),
        Step(action="fill", locator='page.get_by_label("Title")', value="Weekend hiking boots"),
        Step(action="select", locator='page.get_by_label("Size")', value="Medium"),
        Step(action="check", locator='page.get_by_label("I agree to the terms")'),
        Step(action="press", locator='page.get_by_label("Title")', value="Enter"),
        Step(action="click", locator=SAVE),
    ]
    for flow in FlowKind:
        source = code_of(plan(flow, *steps, assertions=[URL, HEADING], data={"target": "About"}))
        critique = critique_source(source, "tests/test_flow.py")
        assert critique.accepted, (flow, [f.message for f in critique.findings])


@pytest.mark.parametrize(
    ("step", "line"),
    [
        (Step(action="goto", value="/login"), 'page.goto("login")'),  # relative: the app may live under a path
        (Step(action="goto"), 'page.goto("./")'),
        (Step(action="click", locator=SAVE), f"{SAVE}.click()"),
        (Step(action="check", locator='page.get_by_label("Terms")'), 'page.get_by_label("Terms").check()'),
        (
            Step(action="fill", locator='page.get_by_label("Title")', value="Boots"),
            'page.get_by_label("Title").fill("Boots")',
        ),
        (
            Step(
                action="fill",
                locator='page.get_by_label("Password")',
                value="s3cret",
                value_expr="credentials.password",
            ),
            'page.get_by_label("Password").fill(credentials.password)',
        ),
        (
            Step(action="press", locator='page.get_by_role("searchbox")', value="Enter"),
            'page.get_by_role("searchbox").press("Enter")',
        ),
        (
            Step(action="select", locator='page.get_by_label("Size")', value="Medium"),
            'page.get_by_label("Size").select_option("Medium")',
        ),
        (
            Step(action="dismiss", locator='page.get_by_role("button", name="Accept")'),
            'page.add_locator_handler(page.get_by_role("button", name="Accept"), lambda button: button.click())',
        ),
    ],
    ids=["goto", "goto-home", "click", "check", "fill-literal", "fill-expression", "press", "select", "dismiss"],
)
def test_step_lines_per_action(step: Step, line: str) -> None:
    body = body_of(code_of(plan(FlowKind.SEARCH, step)))

    assert line in body
    assert body[-1] == HEADING.code  # the assertions come after every step


def test_a_value_expression_is_used_instead_of_the_value_it_had_while_exploring() -> None:
    step = Step(action="fill", locator='page.get_by_label("Password")', value="hunter2", value_expr="password")
    source = code_of(plan(FlowKind.REGISTER, step, data=Generated.definitions()))

    assert "hunter2" not in source


@pytest.mark.parametrize(
    "value",
    [
        'He said "hi"',
        "C:\\Users\\qa\\boots.txt",
        'a \\" tricky \\\\" mix',
        "ends with a backslash \\",
        "it's fine",
        "two\nlines\tand a tab",
        "naïve café ✓",
    ],
    ids=["double-quotes", "backslashes", "escaped-quote-lookalike", "trailing-backslash", "apostrophe", "newline",
         "unicode"],
)  # fmt: skip
def test_literals_round_trip(value: str) -> None:
    locator = 'page.get_by_label("Notes")'
    source = code_of(plan(FlowKind.CREATE_ITEM, Step(action="fill", locator=locator, value=value)))

    line = next(stmt for stmt in body_of(source) if stmt.startswith(locator))
    call = ast.parse(line).body[0]
    assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
    assert ast.literal_eval(call.value.args[0]) == value
    assert critique_source(source).accepted


def test_the_run_line_names_the_account_variables_a_plain_pytest_run_needs() -> None:
    account = {"account_username": "dana", "account_password_env": "ADMIN_PW"}
    with_login = code_of(plan(FlowKind.LOGIN, uses_credentials=True, data=account))
    hostile = code_of(plan(FlowKind.LOGIN, uses_credentials=True, data={**account, "account_username": 'x"""y'}))
    without = code_of(plan(FlowKind.SEARCH, data=account))

    assert (
        "Run it with: SUPERAGENT_USERNAME=dana SUPERAGENT_PASSWORD_ENV=ADMIN_PW pytest tests/test_flow.py" in with_login
    )
    assert "SUPERAGENT_USERNAME=NAME SUPERAGENT_PASSWORD_ENV=ADMIN_PW" in hostile
    ast.parse(hostile)
    assert "Run it with: pytest tests/test_flow.py --base-url http://127.0.0.1:8000/" in without
